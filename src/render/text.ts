import type { DecidingEntry } from '../model/evaluation.js';
import type { ConditionTrace, LayerOutcome, Report, StatementMatch } from '../model/report.js';
import { statementKey } from '../model/keys.js';
import type { Words } from '../explain/index.js';

interface TextOptions {
  color: boolean;
  /** The words table of the report's language. */
  words: Words;
}

/** How many closest statements the terminal shows (JSON has them all). */
const MAX_NEAR = 5;

interface View {
  report: Report;
  w: Words;
  c: Palette;
  out: string[];
  /** Sentences already printed: a later section does not print them again. */
  said: string[];
}

/** Whether `sentence` was printed already, whole or inside a longer sentence (never a prefix of a longer word or name). */
function alreadySaid(v: View, sentence: string): boolean {
  return v.said.some((s) => {
    for (let i = s.indexOf(sentence); i >= 0; i = s.indexOf(sentence, i + 1)) {
      const after = s.charAt(i + sentence.length);
      if (!/[\w:/*-]/.test(after)) return true;
    }
    return false;
  });
}

/** A blank line before a section, unless the output already ends with one. */
function gap(out: string[]): void {
  if (out.length && out[out.length - 1] !== '') out.push('');
}

/**
 * The terminal explanation: decision first, then what decided it, every layer, assumptions and fixes.
 * It only lays out: every decision and every sentence comes from the report and the words table.
 */
export function renderText(report: Report, options: TextOptions): string {
  const v: View = { report, w: options.words, c: palette(options.color), out: [], said: [] };
  header(v);
  if (report.decision === 'ImplicitDeny' && report.deciding.length === 0) {
    v.out.push(v.c.bold(v.w.text.noPolicyDecides) + ' ' + v.w.text.noPolicyDecidesRest);
  } else if (report.decision === 'ImplicitDeny') {
    missingAllows(v);
    closest(v);
  } else if (report.decision === 'NotEvaluated' || report.deciding.length === 0) {
    // No AWS policy was evaluated (NotEvaluated), or none had to grant (the root user's full access,
    // sts:GetCallerIdentity): no "Granted by" heading without entries; Why already says it.
    v.out.pop();
  } else {
    deciders(v);
  }
  chained(v);
  layerTable(v);
  notesAndAssumptions(v);
  fixes(v);
  evidence(v);
  return `${v.out.join('\n')}\n`;
}

/** Which input gave which fact, AWS's verdict against the evaluation, and what was not given (with the command that fetches it). */
function evidence({ report, w, c, out }: View): void {
  const e = report.evidence;
  if (!e) return;
  if (out[out.length - 1] !== '') out.push('');
  out.push(c.bold(w.evidence.heading));
  for (const i of e.inputs) out.push(`  ${i.label}: ${i.kindName}`);
  const width = Math.max(...e.facts.map((f) => f.field.length), 0);
  for (const f of e.facts) {
    const over = f.overriddenBy !== undefined ? ` (${w.evidence.overridden(f.overriddenBy)})` : '';
    out.push(`  ${f.field.padEnd(width)}  ${f.value}  ← ${f.from}, ${f.how}${over}`);
  }
  if (e.policies.length || e.otherPrincipals) {
    out.push(`  ${c.bold(w.evidence.policiesHeading)}:`);
    for (const p of e.policies) out.push(`    - ${p.layer}: ${p.label} ← ${p.from}${p.notUsed !== undefined ? ` (${p.notUsed})` : ''}`);
    if (e.otherPrincipals) out.push(`    - ${w.evidence.otherPrincipals(e.otherPrincipals)}`);
  }
  if (e.verdict) {
    out.push(`  ${c.bold(w.evidence.said)}: ${e.verdict.said}`);
    out.push(`  ${e.verdict.agreement === 'agrees' ? '' : c.yellow('⚠ ')}${e.verdict.explanation}`);
  }
  if (e.missing.length) {
    out.push(`  ${c.bold(w.evidence.missingHeading)}:`);
    for (const m of e.missing) out.push(`    - ${m.text}: ${w.evidence.run} \`${m.command}\``);
  }
}

function header({ report, w, c, out, said }: View): void {
  const r = report.request;
  let decisionColor = report.decision === 'Allowed' ? c.green : c.red;
  if (report.decision === 'NotEvaluated') decisionColor = c.yellow;
  out.push(`${decisionColor(c.bold(report.decision))}${w.text.decisionGloss(report.decision)}  ${w.text.actionOn(r.action, r.resource)}`);
  let where = '';
  if (r.principalAccount) {
    let resource = '';
    if (r.bucketOwner && r.resourceAccount) resource = `; ${w.text.objectOwnedBy(r.resourceAccount, r.bucketOwner, r.crossAccount)}`;
    else if (r.resourceAccount && report.assumptions.some((a) => a.key === 'resourceAccount')) resource = `; ${w.text.resourceAssumed(r.resourceAccount)}`;
    else if (r.resourceAccount) resource = `; ${w.text.resourceIn(r.resourceAccount, r.crossAccount)}`;
    where = ` (${w.text.account(r.principalAccount)}${resource})`;
  }
  out.push(`  ${w.text.by} ${w.text.caller(r.principal)}${where}`);
  for (const d of [...(report.dependsOn ? [report.dependsOn] : []), ...(report.alsoDependsOn ?? [])]) out.push(c.yellow(`  ⚠ ${w.text.dependsOn(d)}`));
  out.push('');
  out.push(`${c.bold(w.text.why)} ${report.summary}`);
  said.push(report.summary);
  // When every policy allows, the 403 has another cause: name the one the facts point to first.
  const cause = likelyCause(report);
  if (cause) out.push(`${c.bold(w.text.likelyCause)} ${cause.message}; ${w.text.fixLabel} ${cause.fix}`);
  out.push('');
}

/** Entries that name a chained action (kms:GenerateDataKey…) point into that request's layers. */
const layersFor = (report: Report, d: { action?: string }) =>
  d.action !== undefined ? (report.additionalRequests.find((a) => a.action === d.action)?.layers ?? []) : report.layers;

const findStatement = (report: Report, d: DecidingEntry | Report['closest'][number]): StatementMatch | undefined => {
  const key = statementKey(d);
  return layersFor(report, d)
    .flatMap((l) => l.statements)
    .find((s) => statementKey(s) === key);
};

const layerOf = (report: Report, d: DecidingEntry) => layersFor(report, d).find((l) => l.policyType === d.policyType && l.level === d.level);

const forAction = (w: Words, d: { action?: string | undefined }) => (d.action !== undefined ? w.text.forAction(d.action) : '');

/** The layers that miss an Allow, each once: a line the Why already says is not printed again (nor the heading, when none is left). */
function missingAllows(v: View): void {
  const { report, w, c, out } = v;
  const lines: string[] = [];
  for (const d of report.deciding) {
    const count = layersFor(report, d).filter((l) => l.policyType === d.policyType).length;
    const lvl = d.level !== undefined ? w.text.levelSuffix(d.level, w.levelName(d.level, count)) : '';
    const what = d.policyType === 'acl' ? w.text.aclGrantWhat : w.policyType[d.policyType];
    const layer = layerOf(report, d);
    const line =
      layer?.result === 'NotApplicable' ? `${what}${lvl}${forAction(w, d)}: ${layer.reason}` : w.text.missingLine(what, lvl, d.action ?? report.request.action);
    if (alreadySaid(v, line)) continue;
    lines.push(`  ${c.red('✗')} ${line}`);
    v.said.push(line);
  }
  if (!lines.length) return;
  out.push(c.bold(w.text.missingAllow), ...lines);
}

/** Allow statements that name the action but failed later: usually the real cause (chosen in the report). */
function closest(v: View): void {
  const { report, w, c, out } = v;
  if (!report.closest.length) return;
  gap(out);
  out.push(c.bold(w.text.closest));
  for (const entry of report.closest.slice(0, MAX_NEAR)) {
    const st = findStatement(report, entry);
    if (!st) continue;
    out.push(`  ${w.policyType[st.policyType]}  ${statementLabel(st, v)}${forAction(w, entry)}${entry.alsoFor?.length ? w.text.alsoFor(entry.alsoFor) : ''}`);
    if (st.failedElement === 'Condition') for (const t of st.conditions.filter((t) => !t.result)) out.push(`      ${conditionLine(t, v, 'Allow')}`);
    else out.push(`      ${st.reason}`);
    for (const also of st.alsoFails ?? []) out.push(`      ${w.text.alsoFails}${also}`);
  }
  if (report.closest.length > MAX_NEAR) out.push(c.dim(w.text.more(report.closest.length - MAX_NEAR)));
}

function deciders(v: View): void {
  const { report, w, c, out } = v;
  const allowed = report.decision === 'Allowed';
  out.push(c.bold(allowed ? w.text.grantedBy : w.text.deniedBy));
  const mark = allowed ? c.green('✓') : c.red('✗');
  for (const d of report.deciding) {
    const st = d.statementIndex !== undefined ? findStatement(report, d) : undefined;
    if (!st) {
      // Not a statement: an ACL grant, Block Public Access, requester pays (its reason once: the Why may say it).
      const reason = layerOf(report, d)?.reason ?? '';
      const said = reason === '' || alreadySaid(v, reason);
      out.push(`  ${mark} ${w.policyType[d.policyType]}${forAction(w, d)}${said ? '' : `: ${reason}`}`);
      v.said.push(reason);
      continue;
    }
    out.push(`  ${mark} ${st.effect.padEnd(5)} ${w.policyType[st.policyType]}  ${statementLabel(st, v)}${forAction(w, d)}`);
    if (st.failClosed) out.push(`      ${c.yellow(st.reason)}`);
    for (const t of st.conditions) out.push(`      ${conditionLine(t, v, st.effect)}`);
  }
}

function chained(v: View): void {
  const { report, w, c, out } = v;
  if (!report.additionalRequests.length) return;
  // When only chained authorizations decided, the Why already says why each of them is denied.
  const inWhy = report.deciding.length > 0 && report.deciding.every((d) => d.action !== undefined);
  gap(out);
  out.push(c.bold(w.text.alsoAuthorized(report.additionalRequests.map((a) => a.action))));
  for (const a of report.additionalRequests) {
    const mark = a.decision === 'Allowed' ? c.green('✓') : c.red('✗');
    out.push(`  ${mark} ${w.text.actionOn(a.action, a.resource)}: ${colorResult(w.text.result(a.decision), a.decision, c, 0)}`);
    out.push(`      ${c.dim(a.reason)}`);
    if (a.decision !== 'Allowed') {
      if (!(inWhy && report.deciding.some((d) => d.action === a.action)) && !alreadySaid(v, a.summary)) out.push(`      ${a.summary}`);
      v.said.push(a.summary);
      out.push(
        `      ${w.text.layersLabel}: ${a.layers.map((l) => `${w.text.layerName(l.policyType, l.level)} ${colorResult(w.text.result(l.result), l.result, c, 0)}`).join(' · ')}`,
      );
    }
  }
}

function layerTable(v: View): void {
  const { report, w, c, out } = v;
  if (!report.layers.length) return;
  gap(out);
  out.push(c.bold(w.text.layersHeading(report.layers.some((l) => l.level !== undefined))));
  const name = (l: LayerOutcome) => w.text.layerName(l.policyType, l.level);
  const width = Math.max(...report.layers.map((l) => displayWidth(name(l))));
  const rows: string[] = [];
  for (const l of report.layers) {
    const deciding = decidingIn(l);
    // A reason said above (the Why, a refusal under "Denied by") is not said again; one said on a row above is dittoed.
    let reason = `  ${c.dim(l.reason)}`;
    if (alreadySaid(v, l.reason)) reason = '';
    else {
      const above = rows.find((r) => l.reason.startsWith(r));
      if (above !== undefined) reason = `  ${c.dim(w.text.sameAsAbove + l.reason.slice(above.length))}`;
    }
    rows.push(l.reason);
    const where = deciding.length ? `  ${deciding.map((s) => statementLabel(s, v)).join(', ')}` : reason;
    // In an Allowed answer a layer whose Allow was not required is not a denial: say so.
    const notNeeded = report.decision === 'Allowed' && l.result === 'ImplicitDeny' && l.notRequired === true;
    // This table is the request's own; a layer that refuses one of S3's chained checks says so here too,
    // so "Allowed" is not read as "this layer is fine".
    const refused = report.deciding.filter((d) => d.action !== undefined && d.policyType === l.policyType && d.level === l.level).map((d) => d.action!);
    const alsoRefuses = refused.length ? c.red(w.text.butRefuses([...new Set(refused)])) : '';
    const result = notNeeded ? c.dim(pad(w.text.notNeeded, 14)) : colorResult(w.text.result(l.result), l.result, c, 14);
    out.push(`  ${pad(name(l), width)}  ${result}${where}${alsoRefuses}`.trimEnd());
  }
  // Layers that only a chained check consults (the KMS key policy of an SSE-KMS upload) get a row too.
  const shown = new Set(report.layers.map((l) => `${l.policyType}|${l.level ?? ''}`));
  const extra = new Map<string, string[]>();
  for (const d of report.deciding) {
    if (d.action === undefined || shown.has(`${d.policyType}|${d.level ?? ''}`)) continue;
    const n = w.text.layerName(d.policyType, d.level);
    extra.set(n, [...(extra.get(n) ?? []), d.action]);
  }
  for (const [n, actions] of extra) out.push(`  ${pad(n, width)}  ${c.red(pad('—', 14))}${c.red(w.text.refuses([...new Set(actions)]))}`);
}

/** The note shown as the likely cause of a 403 under the headline (and therefore not again under Notes). */
function likelyCause(report: Report): Report['notes'][number] | undefined {
  if (report.decision !== 'Allowed' && report.decision !== 'NotEvaluated') return undefined;
  return report.notes.find((n) => n.kind !== 'allPoliciesAllow' && n.kind !== 'noAwsPolicy' && n.fix);
}

/**
 * The notes, each printed once: the likely cause is already under the headline. When it was the only
 * cause, the first note no longer points to causes below.
 */
function notesShown(report: Report, w: Words): { message: string; fix?: string }[] {
  const cause = likelyCause(report);
  const rest = report.notes.filter((n) => n !== cause);
  const causesLeft = rest.some((n) => n.kind !== 'allPoliciesAllow');
  return rest.map((n) => (n.kind === 'allPoliciesAllow' && cause && !causesLeft ? { message: w.notes.allPoliciesAllow } : n));
}

function notesAndAssumptions({ report, w, c, out }: View): void {
  const notes = notesShown(report, w);
  if (notes.length) {
    out.push('');
    out.push(c.bold(w.text.notes));
    for (const n of notes) {
      out.push(`  - ${n.message}`);
      if (n.fix) out.push(`    ${w.text.fixLabel} ${n.fix}`);
    }
  }
  if (report.assumptions.length) {
    out.push('');
    out.push(c.bold(w.text.assumptions));
    for (const a of report.assumptions) out.push(`  - ${a.key} = ${JSON.stringify(a.value)}: ${a.message}`);
  }
}

function fixes({ report, w, c, out }: View): void {
  if (report.decision === 'Allowed' || report.decision === 'NotEvaluated') return;
  out.push('');
  if (!report.fixes.length) {
    out.push(c.dim(report.notes.some((n) => n.fix) ? w.text.noFixButNotes : w.text.noFix));
    return;
  }
  out.push(c.bold(w.text.fixHeading));
  const whoSaid: string[] = [];
  report.fixes.forEach((f, i) => {
    f.changes.forEach((ch, j) => {
      const shown = 'source' in ch ? { ...ch, source: shownName(report, ch.source) } : ch;
      // A second removed Deny in one fix: its warning is the first one's, said once.
      const warned = ch.type === 'removeStatement' && f.changes.slice(0, j).some((x) => x.type === 'removeStatement');
      out.push(`${j === 0 ? `  ${i + 1}. ` : `     ${w.text.and} `}${warned ? w.fixes.describe(shown) : w.fixes.headline(shown)}`);
      if (ch.type === 'addStatement' || ch.type === 'addAction')
        for (const line of JSON.stringify(ch.statement, null, 2).split('\n')) out.push(`       ${line}`);
    });
    if (f.safer) out.push(`     ${c.green('✓')} ${w.fixes.safer}`);
    // A removed Deny says so in its own line already.
    for (const x of f.weakens ?? []) if (x.kind !== 'deny') out.push(`     ${c.yellow('!')} ${w.fixes.weakens(x)}`);
    const who = f.who.map((p) => w.fixes.who(p)).join('; ');
    const earlier = whoSaid.indexOf(who);
    out.push(`     ${w.text.whoCanMake} ${earlier >= 0 ? w.text.whoAsFor(earlier + 1) : who}`);
    whoSaid.push(who);
  });
}

function decidingIn(l: LayerOutcome): StatementMatch[] {
  if (l.result === 'ExplicitDeny') return l.statements.filter((s) => s.applies && s.effect === 'Deny');
  if (l.result === 'Allowed') return l.statements.filter((s) => s.applies && s.effect === 'Allow');
  return [];
}

/** A document's name as this language shows it (`source` is the name it was read with). */
const shownName = (report: Report, source: string) => report.documentNames?.[source] ?? source;

function statementLabel(s: StatementMatch, { w, c, report }: View): string {
  const sid = s.sid !== undefined ? w.text.sid(s.sid) : w.text.statementNumber(s.statementIndex);
  return `${c.cyan(`${shownName(report, s.source)}:${s.line}:${s.column}`)} ${sid}`;
}

/**
 * `✗ StringEquals s3:x-amz-storage-class must be "STANDARD_IA"; request: none` for an Allow. For a Deny
 * the condition says when it denies, so it does not read as the rule to follow.
 */
function conditionLine(t: ConditionTrace, { w, c }: View, effect: 'Allow' | 'Deny'): string {
  const request = w.text.requestValue(t);
  const requirement = w.requirement(t);
  // A met condition is good news for an Allow and bad news for a Deny.
  const good = effect === 'Deny' ? !t.result : t.result;
  let mark = good ? c.green('✓') : c.red('✗');
  if (t.error) mark = c.yellow('!');
  const line = effect === 'Deny' ? w.text.denyCondition(t, requirement, request) : w.text.allowCondition(t, requirement, request);
  return `${mark} ${line.text}${line.verdict}`;
}

/**
 * Columns a terminal gives the text: Hangul, CJK and fullwidth forms take two. Padding by it keeps the
 * layer table aligned in every language.
 */
function displayWidth(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const wide =
      (cp >= 0x1100 && cp <= 0x115f) ||
      (cp >= 0x2e80 && cp <= 0xa4cf) ||
      (cp >= 0xac00 && cp <= 0xd7a3) ||
      (cp >= 0xf900 && cp <= 0xfaff) ||
      (cp >= 0xfe30 && cp <= 0xfe4f) ||
      (cp >= 0xff00 && cp <= 0xff60) ||
      (cp >= 0xffe0 && cp <= 0xffe6);
    n += wide ? 2 : 1;
  }
  return n;
}

const pad = (s: string, width: number) => s + ' '.repeat(Math.max(0, width - displayWidth(s)));

/** A decision or layer result, in words, coloured by what it is. */
function colorResult(words: string, result: string, c: Palette, width: number): string {
  const padded = pad(words, width);
  if (result === 'Allowed') return c.green(padded);
  if (result === 'NotApplicable') return c.dim(padded);
  return c.red(padded);
}

interface Palette {
  bold: (s: string) => string;
  dim: (s: string) => string;
  red: (s: string) => string;
  green: (s: string) => string;
  yellow: (s: string) => string;
  cyan: (s: string) => string;
}

function palette(enabled: boolean): Palette {
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), cyan: wrap(36, 39) };
}
