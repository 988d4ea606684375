import { parserRule } from './parser-rule.js';

/** A key repeated in one object, or a condition key repeated in another case: AWS and most parsers keep only one of them (found by the JSON reader). */
export const jsonDuplicateKey = parserRule(
  'json-duplicate-key',
  'error',
  'A key repeated in one object, or a condition key repeated in another case: AWS and most parsers keep only one of them',
  'P',
);
