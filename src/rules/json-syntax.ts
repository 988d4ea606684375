import { parserRule } from './parser-rule.js';

/** The text is not JSON (or YAML): the file, or a policy embedded in it, cannot be read; nothing else is checked in it (found by the JSON reader). */
export const jsonSyntax = parserRule(
  'json-syntax',
  'error',
  'The text is not JSON (or YAML): the file, or a policy embedded in it, cannot be read; nothing else is checked in it',
  'P',
);
