import type { Diagnostic, Severity } from '../model/diagnostic.js';
import {
  stableHash,
  type BucketFacts,
  type CheckedFile,
  type CheckFinding,
  type CheckResult,
  type PolicyOrigin,
  type SuppressionRule,
} from '../model/check.js';
import { member, toPlain, type JsonNode } from '../json/index.js';
import type { PolicyDocument } from '../model/policy.js';
import type { FileSet, Rule, RuleFinding } from '../model/rule.js';
import { byCodeUnits } from '../iam/order.js';
import { parsePolicyDiagnostics } from '../parse/index.js';
import type { FileScan, FoundPolicy } from '../input/index.js';
import { RULES, runRules } from './registry.js';

export interface CheckOptions {
  /** A severity per rule id, or `off` to leave the rule out (from `.policy-why.json`). */
  severities?: ReadonlyMap<string, Severity | 'off'>;
  /** The date of the service reference data, named in the result. */
  serviceDataDate: string;
  /** Fingerprints of accepted findings (`--baseline`): a finding with one of them is suppressed, kind `baseline`. */
  baseline?: { fingerprints: ReadonlySet<string>; file: string };
  /** True to ignore the files' own suppression comments (`--no-inline-suppressions`, for audits). */
  ignoreInline?: boolean;
}

/** Reader diagnostics that are one kind of unreadable file: each is reported as `json-syntax`. */
const UNREADABLE = new Set(['json-empty', 'json-binary', 'json-not-utf8', 'json-too-deep']);

/** One file's part of a check: the file as listed, and its findings before the run's own steps (severities, order, fingerprints, baseline). */
export interface FileCheck {
  file: CheckedFile;
  findings: CheckFinding[];
}

/** The rules a run uses (the configuration may turn some off), and each by id. */
function rulesOf(options: CheckOptions): { rules: readonly Rule[]; byId: ReadonlyMap<string, Rule> } {
  const rules = RULES.filter((r) => options.severities?.get(r.meta.id) !== 'off');
  return { rules, byId: new Map(rules.map((r) => [r.meta.id, r])) };
}

/**
 * Parses every policy the readers found and runs every rule on it: one bad file or document is a finding in
 * it and never stops the others. The scans are taken one at a time (a generator that reads each file when
 * asked keeps one file's tree in memory, not ten thousand); nothing but the findings and the origins is kept.
 */
export async function checkScans(scans: Iterable<FileScan>, options: CheckOptions): Promise<CheckResult> {
  const checker = fileChecker(options);
  const parts: FileCheck[] = [];
  for (const scan of scans) {
    const part = await checker(scan);
    if (part) parts.push(part);
  }
  return finishCheck(parts, options);
}

/**
 * A function that checks one file's scan on its own: undefined for a file no reader claimed and nothing went
 * wrong in (a README, a package.json: not a policy file). The files of a run may be checked in any order, in
 * any thread; `finishCheck` over the parts in the files' order gives the same result as `checkScans`.
 */
export function fileChecker(options: CheckOptions): (scan: FileScan) => Promise<FileCheck | undefined> {
  const { rules, byId } = rulesOf(options);
  return async (scan) => {
    if (!scan.format && !scan.diagnostics.length) return undefined;
    const file: CheckedFile = { file: scan.file, ...(scan.format ? { format: scan.format } : {}), policies: scan.policies.map((p) => p.origin) };
    const own: CheckFinding[] = [];
    const scopes = new Map<CheckFinding, Scope>();
    for (const d of scan.diagnostics) pushDiagnostic(own, byId, d, scan.file);
    // Every policy of the file is parsed first: rules about policies together (a key policy and the roles
    // that use the key) see them all. Only this file's are held.
    const parsed = scan.policies.map((found) => ({ found, ...parsePolicyOf(own, byId, found, scopes) }));
    const set = fileSet(scan, parsed);
    for (const { found, policy, accepted } of parsed) {
      // A policy rejected for some of its statements: the others are still checked, by the rules that read one
      // statement at a time (the rules that ask the evaluator about the whole policy would answer for a policy
      // that is not the one written).
      const checked = policy ?? accepted;
      if (!checked) continue;
      const run = policy ? rules : rules.filter(readsOneStatement);
      const from = own.length;
      const text = () => JSON.stringify(toPlain(found.root));
      for (const f of await runRules(checked, found.origin, run, options.serviceDataDate, found.bucket, set, text))
        own.push(fromRule(f, checked, found.origin));
      scopeAll(own.slice(from), found, scopes);
    }
    for (const bucket of scan.buckets ?? []) if (!scan.policies.some((p) => p.bucket === bucket)) checkBucket(own, rules, bucket, scan.file);
    const suppressions = (scan.suppressions ?? []).filter((s) => !(options.ignoreInline && s.kind === 'inline'));
    const valid = suppressions.filter((s) => suppressionProblem(s, RULES) === undefined);
    const suppressed = own.map((f) => withSuppression(f, valid, scopes.get(f)));
    for (const s of suppressions) {
      const problem = suppressionProblem(s, RULES);
      if (problem !== undefined && s.kind === 'inline')
        pushDiagnostic(suppressed, byId, { code: 'suppression-invalid', severity: 'warning', message: problem, file: s.file, span: s.span }, scan.file);
    }
    return { file, findings: scan.text !== undefined ? withExcerpts(suppressed, scan.text) : suppressed };
  };
}

/** The run's result from every file's part, in the files' order: severities from the configuration, duplicates dropped, report order, unique fingerprints, the baseline. */
export function finishCheck(parts: Iterable<FileCheck>, options: CheckOptions): CheckResult {
  const { rules } = rulesOf(options);
  const files: CheckedFile[] = [];
  const findings: CheckFinding[] = [];
  for (const part of parts) {
    files.push(part.file);
    for (const f of part.findings) findings.push(f);
  }
  const severities = options.severities;
  const result = findings.map((f) => {
    const s = severities?.get(f.rule);
    return s !== undefined && s !== 'off' ? { ...f, severity: s } : f;
  });
  const unique = withUniqueFingerprints(onceEach(result).sort(byPlace));
  const baseline = options.baseline;
  return {
    files,
    findings: baseline
      ? unique.map((f) =>
          !f.suppressed && baseline.fingerprints.has(f.fingerprint)
            ? { ...f, suppressed: { kind: 'baseline' as const, reason: `accepted in ${baseline.file}` } }
            : f,
        )
      : unique,
    rules: rules
      .map((r) => ({ ...r.meta, ...(severities?.get(r.meta.id) ? { severity: severities.get(r.meta.id) as Severity } : {}) }))
      .sort((a, b) => byCodeUnits(a.id, b.id)),
    serviceDataDate: options.serviceDataDate,
  };
}

/** Parses one found policy; its parser diagnostics become findings (scoped to it). */
function parsePolicyOf(
  findings: CheckFinding[],
  byId: ReadonlyMap<string, Rule>,
  found: FoundPolicy,
  scopes: Map<CheckFinding, Scope>,
): { policy?: PolicyDocument; accepted?: PolicyDocument } {
  const { origin } = found;
  const from = findings.length;
  const { policy, diagnostics, accepted } = parsePolicyDiagnostics(found.root, {
    file: origin.file,
    label: origin.label,
    ref: { file: origin.file, pointer: origin.pointer },
    policyType: origin.policyType,
  });
  for (const d of diagnostics) pushDiagnostic(findings, byId, d, origin.file, origin);
  scopeAll(findings.slice(from), found, scopes);
  return { ...(policy ? { policy } : {}), ...(accepted ? { accepted } : {}) };
}

/** Where the policy and the statement of each finding start, for suppression comments. */
function scopeAll(found: CheckFinding[], policy: FoundPolicy, scopes: Map<CheckFinding, Scope>): void {
  const lines = statementLines(policy.root);
  for (const f of found) scopes.set(f, { policyLine: policy.root.span.line, ...(f.statement ? { statementLine: lines[f.statement.index] } : {}) });
}

/** The file's parsed policies, resources and buckets, for rules about policies together. */
function fileSet(scan: FileScan, parsed: readonly { found: FoundPolicy; policy?: PolicyDocument }[]): FileSet {
  return {
    policies: parsed.flatMap(({ found, policy }) => (policy ? [{ policy, origin: found.origin, holders: found.holders ?? [] }] : [])),
    resources: scan.resources ?? [],
    buckets: scan.buckets ?? [],
  };
}

/** Whether a rule's findings depend only on their own statement (`meta.perStatement`, by default from its group). */
function readsOneStatement(rule: Rule): boolean {
  return rule.meta.perStatement ?? (rule.meta.group === 'P' || rule.meta.group === 'T');
}

/** The findings of the rules about a bucket that no bucket policy of its file names. */
function checkBucket(findings: CheckFinding[], rules: readonly Rule[], bucket: BucketFacts, file: string): void {
  for (const rule of rules) {
    rule.checkBucket?.({ bucket, file }, ({ span, element, data, severity }) => {
      findings.push({
        rule: rule.meta.id,
        severity: severity ?? rule.meta.severity,
        file,
        span,
        message: { en: rule.meta.message.en(data), ko: rule.meta.message.ko(data) },
        fingerprint: fingerprint([rule.meta.id, file, bucket.bucket, element ?? '']),
      });
    });
  }
}

function fromRule(f: RuleFinding, policy: PolicyDocument, origin: PolicyOrigin): CheckFinding {
  const statement = f.statementIndex !== undefined ? policy.statements.find((s) => s.index === f.statementIndex) : undefined;
  const statementKey = statement ? (statement.sid ?? `#${statement.index}`) : '';
  return {
    rule: f.rule,
    severity: f.severity,
    file: origin.file,
    span: f.span,
    message: f.message,
    policy: origin,
    ...(statement ? { statement: { index: statement.index, ...(statement.sid !== undefined ? { sid: statement.sid } : {}) } } : {}),
    fingerprint: fingerprint([f.rule, origin.file, origin.pointer, statementKey, f.element ?? f.message.en]),
  };
}

/** A reader's or the parser's diagnostic as a finding of the rule with its code (a code with no rule is a bug). */
function pushDiagnostic(findings: CheckFinding[], byId: ReadonlyMap<string, Rule>, d: Diagnostic, file: string, origin?: PolicyOrigin): void {
  const id = UNREADABLE.has(d.code) ? 'json-syntax' : d.code;
  const rule = byId.get(id);
  if (!rule) {
    if (RULES.some((r) => r.meta.id === id)) return; // turned off in the configuration
    throw new Error(`diagnostic code \`${d.code}\` is no rule in the catalogue`);
  }
  const index = /\.Statement\[(\d+)\]/.exec(d.jsonPath ?? '')?.[1];
  const data = { message: d.message };
  findings.push({
    rule: id,
    severity: rule.meta.severity,
    file,
    span: d.span ?? { line: 1, column: 1, endLine: 1, endColumn: 1 },
    message: { en: rule.meta.message.en(data), ko: rule.meta.message.ko(data) },
    ...(origin ? { policy: origin } : {}),
    ...(index !== undefined ? { statement: { index: Number(index) } } : {}),
    fingerprint: fingerprint([id, file, origin?.pointer ?? '', d.jsonPath ?? d.message]),
  });
}

/** Each finding with its first line, for the code frame. */
function withExcerpts(findings: CheckFinding[], text: string): CheckFinding[] {
  if (!findings.length) return findings;
  const lines = text.split(/\r\n|\r|\n/);
  return findings.map((f) => {
    const line = lines[f.span.line - 1];
    if (line === undefined) return f;
    const from = line.length <= 240 ? 1 : Math.max(1, f.span.column - 80);
    return { ...f, excerpt: { text: line.slice(from - 1, from - 1 + 240), from } };
  });
}

/** Where a finding's policy and statement start, for the reach of a suppression comment. */
interface Scope {
  policyLine: number;
  statementLine?: number | undefined;
}

/** The line each statement of a policy tree starts on, by index (from the tree, so it works when the policy did not parse). */
function statementLines(root: JsonNode): number[] {
  const statement = root.kind === 'object' ? member(root, 'Statement')?.value : undefined;
  if (statement?.kind === 'array') return statement.elements.map((e) => e.span.line);
  return statement ? [statement.span.line] : [];
}

/** Why a suppression suppresses nothing (no rule, an unknown rule, no reason), or undefined when it is valid. */
function suppressionProblem(s: SuppressionRule, rules: readonly Rule[]): string | undefined {
  if (!s.rules.length) return 'a policy-why-ignore comment that names no rule suppresses nothing: write `policy-why-ignore RULE -- REASON`';
  const unknown = s.rules.find((r) => !rules.some((rule) => rule.meta.id === r));
  if (unknown !== undefined) return `\`${unknown}\` is no policy-why rule, so this suppression suppresses nothing`;
  if (s.reason === '') return `a suppression of \`${s.rules.join(', ')}\` without a reason suppresses nothing: add \`-- REASON\``;
  return undefined;
}

/** The finding, suppressed by the first valid suppression that covers it. */
function withSuppression(f: CheckFinding, suppressions: readonly SuppressionRule[], scope: Scope | undefined): CheckFinding {
  const by = suppressions.find((s) => s.rules.includes(f.rule) && covers(s, f, scope));
  return by ? { ...f, suppressed: { kind: by.kind, reason: by.reason } } : f;
}

function covers(s: SuppressionRule, f: CheckFinding, scope: Scope | undefined): boolean {
  if (s.kind === 'config') return s.statement === undefined || f.statement?.sid === s.statement;
  const next = s.span.line + 1;
  return f.span.line === s.span.line || f.span.line === next || scope?.statementLine === next || scope?.policyLine === next;
}

/**
 * A problem found twice at one place in one document is one finding: a template document read once per
 * branch of its `Fn::If` conditions finds the same problem in the parts the branches share.
 */
function onceEach(findings: CheckFinding[]): CheckFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = [f.rule, f.file, f.policy?.pointer ?? '', f.span.line, f.span.column, f.span.endLine, f.span.endColumn, f.message.en].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function fingerprint(parts: readonly string[]): string {
  return stableHash(parts.join('\u0000'));
}

/** Two findings with the same identity (the same problem twice in one statement) get `:2`, `:3`… in report order. */
function withUniqueFingerprints(findings: CheckFinding[]): CheckFinding[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const n = (seen.get(f.fingerprint) ?? 0) + 1;
    seen.set(f.fingerprint, n);
    return n === 1 ? f : { ...f, fingerprint: `${f.fingerprint}:${n}` };
  });
}

function byPlace(a: CheckFinding, b: CheckFinding): number {
  return byCodeUnits(a.file, b.file) || a.span.line - b.span.line || a.span.column - b.span.column || byCodeUnits(a.rule, b.rule);
}
