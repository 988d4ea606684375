import { parserRule } from './parser-rule.js';

/** A condition operator AWS does not know: AWS rejects the policy, so the statement never applies as written (found by the policy parser). */
export const conditionOperatorUnknown = parserRule(
  'condition-operator-unknown',
  'error',
  'A condition operator AWS does not know: AWS rejects the policy, so the statement never applies as written',
  'P',
);
