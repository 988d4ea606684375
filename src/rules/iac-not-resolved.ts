import { parserRule } from './parser-rule.js';

/**
 * A value of a policy in a template that is known only when the template is deployed (a parameter without a
 * Default, `!ImportValue`, `!Select` from an unknown list…), or a policy the template names but does not hold
 * (a SAM managed policy or policy template): the policy is checked with a placeholder in its place (found by
 * the template readers).
 */
export const iacNotResolved = parserRule(
  'iac-not-resolved',
  'info',
  'A policy value in a template that is known only at deployment, or a policy the template names but does not hold: checked as an unknown value',
  'P',
);
