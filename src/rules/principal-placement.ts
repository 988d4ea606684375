import { parserRule } from './parser-rule.js';

/** Principal where the policy type names no principals (identity policies, SCPs, boundaries), or missing where it must (found by the policy parser). */
export const principalPlacement = parserRule(
  'principal-placement',
  'error',
  'Principal where the policy type names no principals (identity policies, SCPs, boundaries), or missing where it must',
  'T',
);
