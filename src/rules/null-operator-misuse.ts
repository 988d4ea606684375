import { parserRule } from './parser-rule.js';

/** NullIfExists, or Null with a set qualifier: AWS rejects the policy (found by the policy parser). */
export const nullOperatorMisuse = parserRule('null-operator-misuse', 'error', 'NullIfExists, or Null with a set qualifier: AWS rejects the policy', 'P');
