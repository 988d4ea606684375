import type { SourceSpan } from './source.js';

export type Severity = 'error' | 'warning' | 'info';

/**
 * One problem found in an input, as data: a stable code (equal to the rule id in the rules catalogue
 * where there is one, e.g. `json-duplicate-key`, `condition-operator-unknown`), a severity, a one-line
 * message (lowercase, no trailing period, user text in backticks), where it is, and optional help.
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  /** The file (as shown to the user) the span points into. */
  file?: string;
  span?: SourceSpan;
  /** A JSON path (`$.Statement[0].Effect`) when there is no span. */
  jsonPath?: string;
  help?: string;
}
