import { parserRule } from './parser-rule.js';

/**
 * A policy value that an infrastructure-as-code file sets but that is known only at deployment: a Terraform
 * value known after apply (the policy is not checked), a template parameter without a Default,
 * `!ImportValue`, a CDK expression that cannot be read statically (checked as an unknown value, or left
 * out), or a policy the file names but does not hold (a SAM managed policy). Found by the readers.
 */
export const iacNotResolved = parserRule(
  'iac-not-resolved',
  'info',
  'A policy value the file sets but that is known only at deployment (Terraform after apply, a template parameter without a Default, CDK code that cannot be read statically): checked as an unknown value, or not checked',
  'P',
);
