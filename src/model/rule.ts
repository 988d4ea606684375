import type { Severity } from './diagnostic.js';
import type { PolicyDocument } from './policy.js';
import type { SourceSpan } from './source.js';
import type { Lang } from './lang.js';

/** What a rule found: its id, where (the offending element, or the statement), and data for its message. */
export interface RuleFinding {
  rule: string;
  severity: Severity;
  /** The file the span points into, as the policy names it. */
  source: string;
  span: SourceSpan;
  statementIndex: number;
  /** The message in each language, with the finding's data filled in. */
  message: Readonly<Record<Lang, string>>;
}

/**
 * One check of a policy document, ESLint-style: `meta` (id from the rules catalogue, severity, docs page,
 * messages in every language) and `check`, which reports findings as data. A rule is one file under
 * `src/rules/` plus one line in the registry (`src/rules/index.ts`), with a valid/invalid table in
 * `test/rules/` and a page in `docs/rules/<id>.md`.
 */
export interface Rule<Data extends Record<string, string> = Record<string, string>> {
  meta: {
    id: string;
    severity: Severity;
    /** One line: what the rule catches. */
    description: string;
    /** The rule's docs page, relative to the repository. */
    docs: string;
    /** The finding's message in every language (methods, so a rule's own data type fits the registry). */
    message: { en(data: Data): string; ko(data: Data): string };
  };
  check(policy: PolicyDocument, report: (at: { span: SourceSpan; statementIndex: number; data: Data }) => void): void;
}
