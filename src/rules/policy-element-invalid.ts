import { parserRule } from './parser-rule.js';

/** An unknown or misspelt element, a bad Effect, an element of the wrong type, or a forbidden pair such as Action with NotAction (found by the policy parser). */
export const policyElementInvalid = parserRule(
  'policy-element-invalid',
  'error',
  'An unknown or misspelt element, a bad Effect, an element of the wrong type, or a forbidden pair such as Action with NotAction',
  'P',
);
