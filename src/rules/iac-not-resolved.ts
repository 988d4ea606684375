import { parserRule } from './parser-rule.js';

/**
 * A value in infrastructure code that cannot be known without deploying or running it (a function's result, a
 * variable of another file, an attribute only CloudFormation knows): found by the IaC readers. What holds it is
 * left out of the check rather than guessed.
 */
export const iacNotResolved = parserRule(
  'iac-not-resolved',
  'info',
  'A value in infrastructure code that is not known statically; the statement that holds it is not checked',
  'P',
);
