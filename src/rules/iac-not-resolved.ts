import { parserRule } from './parser-rule.js';

/** A policy an infrastructure-as-code file sets, but whose value is known only at deploy time: it was not checked (found by the readers). */
export const iacNotResolved = parserRule(
  'iac-not-resolved',
  'info',
  'A policy the file sets, but whose value is known only at deploy time (a Terraform value known after apply): it was not checked',
  'P',
);
