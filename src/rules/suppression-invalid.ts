import { parserRule } from './parser-rule.js';

/** A policy-why-ignore comment that names no rule, an unknown rule, or no reason: it suppresses nothing, and says so (found by `check` itself). */
export const suppressionInvalid = parserRule(
  'suppression-invalid',
  'warning',
  'A policy-why-ignore comment that names no rule, an unknown rule, or gives no reason: it suppresses nothing',
  'P',
);
