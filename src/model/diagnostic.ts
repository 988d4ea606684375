import { InputError } from './errors.js';
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
  /** A JSON path (`$.Statement[0].Effect`): the only position when there is no span, context when there is one. */
  jsonPath?: string;
  help?: string;
}

/**
 * The codes the JSON reader (`src/json`) and the policy parser (`src/parse`) emit, all with severity
 * `error`. Codes that are rule ids in the rules catalogue keep its meaning; the others are marked new.
 */
export const PARSE_DIAGNOSTIC_CODES: ReadonlyMap<string, string> = new Map([
  ['json-empty', 'new: the file is empty, or holds only whitespace (and a BOM)'],
  ['json-binary', 'new: the file contains NUL bytes, so it is binary and not JSON text'],
  ['json-not-utf8', 'new: the file is not valid UTF-8'],
  ['json-too-deep', `new: arrays and objects nested deeper than the reader's limit (64); nothing else is checked in such a file`],
  ['json-syntax', 'the text is not JSON; the parser stops at the first syntax error, so there is at most one'],
  ['json-duplicate-key', 'a key repeated in one object (at the second key), or a condition key repeated under one operator with a different case'],
  [
    'policy-element-invalid',
    'a policy element that is not valid: root not an object, unknown or misspelt element, Effect not `Allow`/`Deny`, Action with NotAction (and the other pairs), a missing element, a value of the wrong JSON type, an action not of the form `service:Action`, a principal value of the wrong form',
  ],
  ['principal-placement', 'Principal or NotPrincipal in a policy type that does not name principals, or missing where the policy type requires one'],
  ['condition-operator-unknown', 'a condition operator, or set qualifier, AWS does not know'],
  ['null-operator-misuse', '`NullIfExists`, or Null with a set qualifier'],
  ['arn-malformed', 'a Resource or NotResource value that is neither an ARN nor `*`'],
]);

/**
 * The InputError a throwing reader raises for a diagnostic: same message, file, line and column, and the
 * JSON path when the diagnostic has one. `InputError.format()` therefore prints what it printed before
 * diagnostics existed.
 */
export function inputErrorFrom(d: Diagnostic): InputError {
  const where: { source?: string; line?: number; column?: number; jsonPath?: string } = {};
  if (d.file !== undefined) where.source = d.file;
  if (d.span) {
    where.line = d.span.line;
    where.column = d.span.column;
  }
  if (d.jsonPath !== undefined) where.jsonPath = d.jsonPath;
  return new InputError(d.message, where);
}

/** A span of no width at one line and column, for errors that report only a point. */
export function pointSpan(line: number, column: number): SourceSpan {
  return { line, column, endLine: line, endColumn: column };
}
