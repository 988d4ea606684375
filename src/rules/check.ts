import type { Diagnostic, Severity } from '../model/diagnostic.js';
import { stableHash, type CheckedFile, type CheckFinding, type CheckResult, type PolicyOrigin } from '../model/check.js';
import type { PolicyDocument } from '../model/policy.js';
import type { Rule, RuleFinding } from '../model/rule.js';
import { byCodeUnits } from '../iam/order.js';
import { parsePolicyDiagnostics } from '../parse/index.js';
import type { FileScan, FoundPolicy } from '../input/index.js';
import { RULES, runRules } from './registry.js';

export interface CheckOptions {
  /** A severity per rule id, or `off` to leave the rule out (from `.policy-why.json`). */
  severities?: ReadonlyMap<string, Severity | 'off'>;
  /** The date of the service reference data, named in the result. */
  serviceDataDate: string;
}

/** Reader diagnostics that are one kind of unreadable file: each is reported as `json-syntax`. */
const UNREADABLE = new Set(['json-empty', 'json-binary', 'json-not-utf8', 'json-too-deep']);

/**
 * Parses every policy the readers found and runs every rule on it: one bad file or document is a finding in
 * it and never stops the others. Pure: the scans are read already.
 */
export async function checkScans(scans: readonly FileScan[], options: CheckOptions): Promise<CheckResult> {
  const rules = RULES.filter((r) => options.severities?.get(r.meta.id) !== 'off');
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const findings: CheckFinding[] = [];
  const files: CheckedFile[] = [];
  for (const scan of scans) {
    const first = findings.length;
    // A file no reader claimed and nothing went wrong in (a README, a package.json) is not a policy file.
    if (!scan.format && !scan.diagnostics.length) continue;
    files.push({ file: scan.file, ...(scan.format ? { format: scan.format } : {}), policies: scan.policies.map((p) => p.origin) });
    for (const d of scan.diagnostics) pushDiagnostic(findings, byId, d, scan.file);
    for (const found of scan.policies) await checkPolicy(findings, byId, rules, found, options.serviceDataDate);
    if (scan.text !== undefined) addExcerpts(findings, first, scan.text);
  }
  const severities = options.severities;
  const result = findings.map((f) => {
    const s = severities?.get(f.rule);
    return s !== undefined && s !== 'off' ? { ...f, severity: s } : f;
  });
  return {
    files,
    findings: withUniqueFingerprints(onceEach(result).sort(byPlace)),
    rules: rules
      .map((r) => ({ ...r.meta, ...(severities?.get(r.meta.id) ? { severity: severities.get(r.meta.id) as Severity } : {}) }))
      .sort((a, b) => byCodeUnits(a.id, b.id)),
    serviceDataDate: options.serviceDataDate,
  };
}

async function checkPolicy(
  findings: CheckFinding[],
  byId: ReadonlyMap<string, Rule>,
  rules: readonly Rule[],
  found: FoundPolicy,
  serviceDataDate: string,
): Promise<void> {
  const { origin } = found;
  const { policy, diagnostics } = parsePolicyDiagnostics(found.root, {
    file: origin.file,
    label: origin.label,
    ref: { file: origin.file, pointer: origin.pointer },
    policyType: origin.policyType,
  });
  for (const d of diagnostics) pushDiagnostic(findings, byId, d, origin.file, origin);
  if (!policy) return;
  for (const f of await runRules(policy, origin, rules, serviceDataDate)) findings.push(fromRule(f, policy, origin));
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

/** The first line of each finding from `first` on, for the code frame. */
function addExcerpts(findings: CheckFinding[], first: number, text: string): void {
  if (first === findings.length) return;
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = first; i < findings.length; i++) {
    const { span } = findings[i]!;
    const line = lines[span.line - 1];
    if (line === undefined) continue;
    const from = line.length <= 240 ? 1 : Math.max(1, span.column - 80);
    findings[i] = { ...findings[i]!, excerpt: { text: line.slice(from - 1, from - 1 + 240), from } };
  }
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
