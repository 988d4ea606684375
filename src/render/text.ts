import type { Report } from '../explain/report.js';
import type { ConditionTrace, DecidingEntry, LayerOutcome, StatementMatch } from '../model/evaluation.js';
import type { FixChange } from '../explain/fixes.js';
import { POLICY_TYPE_NAMES } from '../iam/policy-types.js';
import { levelName, requirement } from '../evaluator/describe.js';

export interface TextOptions {
  color: boolean;
}

const LAYER_WORDS = POLICY_TYPE_NAMES;
const MAX_NEAR = 5;

/** The terminal explanation: decision first, then what decided it, every layer, assumptions and fixes. */
export function renderText(report: Report, options: TextOptions): string {
  const c = palette(options.color);
  const out: string[] = [];
  const r = report.request;
  const decisionColor = report.decision === 'Allowed' ? c.green : c.red;
  out.push(`${decisionColor(c.bold(report.decision))}  ${r.action} on ${r.resource}`);
  const accounts = r.principalAccount
    ? ` (account ${r.principalAccount}${
        r.bucketOwner && r.resourceAccount
          ? `; object owned by ${r.resourceAccount}, bucket in ${r.bucketOwner}${r.crossAccount ? ', cross-account for the object' : ''}`
          : r.resourceAccount
            ? report.assumptions.some((a) => a.key === 'resourceAccount')
              ? `; resource taken to be in ${r.resourceAccount} too: set resourceAccount if another account owns it`
              : `; resource in ${r.resourceAccount}${r.crossAccount ? ', cross-account' : ''}`
            : ''
      })`
    : '';
  out.push(`  by ${r.principal}${accounts}`);
  out.push('');
  out.push(`${c.bold('Why:')} ${report.summary}`);
  // When every policy allows, the 403 has another cause: name the one the facts point to first.
  const cause = report.decision === 'Allowed' ? report.notes.find((n) => n.kind !== 'allPoliciesAllow' && n.fix) : undefined;
  if (cause) out.push(`${c.bold('Likely cause of a 403:')} ${cause.message}; fix: ${cause.fix}`);

  // Entries that name a chained action (kms:GenerateDataKey…) point into that request's layers.
  const layersFor = (d: { action?: string }) =>
    d.action !== undefined ? (report.additionalRequests.find((a) => a.action === d.action)?.layers ?? []) : report.layers;
  const find = (d: DecidingEntry) =>
    layersFor(d)
      .flatMap((l) => l.statements)
      .find((s) => s.policyType === d.policyType && s.source === d.source && s.policyIndex === d.policyIndex && s.statementIndex === d.statementIndex);
  const layerOf = (d: DecidingEntry) => layersFor(d).find((l) => l.policyType === d.policyType && l.level === d.level);
  const forAction = (d: { action?: string }) => (d.action !== undefined ? ` (for ${d.action})` : '');

  out.push('');
  if (report.decision === 'ImplicitDeny' && report.deciding.length === 0) {
    out.push(c.bold('No policy decides this:') + ' AWS refuses it whatever the policies say (see Why above).');
  } else if (report.decision === 'ImplicitDeny') {
    out.push(c.bold('Missing allow:'));
    for (const d of report.deciding) {
      const lvl = d.level !== undefined ? ` at level ${d.level} (${levelName(d.level, layersFor(d).filter((l) => l.policyType === d.policyType).length)})` : '';
      const what = d.policyType === 'acl' ? 'ACL grant' : (LAYER_WORDS[d.policyType] ?? d.policyType);
      const layer = layerOf(d);
      if (layer?.result === 'NotApplicable') out.push(`  ${c.red('✗')} ${what}${lvl}${forAction(d)}: ${layer.reason}`);
      else out.push(`  ${c.red('✗')} no ${what}${lvl} allows ${d.action ?? r.action}`);
    }
    // Allow statements that name the action but failed later, in the request or a denied chained
    // request: usually the real cause. In a layer with none, its Allow statements show what it does allow.
    const scopes = [
      { action: undefined as string | undefined, layers: report.layers },
      ...report.additionalRequests.filter((a) => a.decision !== 'Allowed').map((a) => ({ action: a.action as string | undefined, layers: a.layers })),
    ];
    const near: { s: StatementMatch; action: string | undefined; also: string[] }[] = [];
    const seenNear = new Map<string, { also: string[] }>();
    for (const scope of scopes) {
      for (const l of scope.layers.filter((x) => x.result !== 'Allowed')) {
        const allows = l.statements.filter((st) => st.effect === 'Allow' && !st.applies);
        // Statements that name the caller first: that is where a missing action belongs.
        const close = allows.filter(nearMiss).sort((a, b) => Number(b.matched.principal !== undefined) - Number(a.matched.principal !== undefined));
        const missingHere = report.deciding.some((d) => d.policyType === l.policyType && d.level === l.level && d.action === scope.action);
        for (const st of close.length || !missingHere ? close : allows) {
          // The same statement failing the same way for a chained action is said once.
          const id = `${st.policyType}|${st.source}|${st.statementIndex}|${st.reason}`;
          const prev = seenNear.get(id);
          if (prev) {
            prev.also.push(scope.action ?? r.action);
            continue;
          }
          const entry = { s: st, action: scope.action, also: [] as string[] };
          seenNear.set(id, entry);
          near.push(entry);
        }
      }
    }
    if (near.length) {
      out.push('');
      out.push(c.bold('Closest statements (Allow statements that do not apply, and why):'));
      for (const { s: st, action, also } of near.slice(0, MAX_NEAR)) {
        out.push(
          `  ${LAYER_WORDS[st.policyType]}  ${statementLabel(st, c)}${forAction({ ...(action !== undefined ? { action } : {}) })}${also.length ? ` (also for ${also.join(', ')})` : ''}`,
        );
        if (st.failedElement === 'Condition') for (const t of st.conditions.filter((t) => !t.result)) out.push(`      ${conditionLine(t, c)}`);
        else out.push(`      ${st.reason}`);
      }
      if (near.length > MAX_NEAR) out.push(c.dim(`  … and ${near.length - MAX_NEAR} more (see --format json)`));
    }
  } else {
    const allowed = report.decision === 'Allowed';
    out.push(c.bold(allowed ? 'Granted by:' : 'Denied by:'));
    const mark = allowed ? c.green('✓') : c.red('✗');
    for (const d of report.deciding) {
      const st = find(d);
      if (!st) {
        // Not a statement: an ACL grant, Block Public Access, requester pays.
        out.push(`  ${mark} ${LAYER_WORDS[d.policyType]}${forAction(d)}: ${layerOf(d)?.reason ?? ''}`);
        continue;
      }
      out.push(`  ${mark} ${st.effect.padEnd(5)} ${LAYER_WORDS[st.policyType]}  ${statementLabel(st, c)}${forAction(d)}`);
      if (st.failClosed) out.push(`      ${c.yellow(st.reason)}`);
      for (const t of st.conditions) out.push(`      ${conditionLine(t, c, st.effect)}`);
    }
  }

  if (report.additionalRequests.length) {
    out.push('');
    out.push(c.bold('Also authorized by S3 for this request:'));
    for (const a of report.additionalRequests) {
      const mark = a.decision === 'Allowed' ? c.green('✓') : c.red('✗');
      out.push(`  ${mark} ${a.action} on ${a.resource}: ${colorResult(a.decision, c, 0)}`);
      out.push(`      ${c.dim(a.reason)}`);
      if (a.decision !== 'Allowed') {
        out.push(`      ${a.summary}`);
        out.push(`      layers: ${a.layers.map((l) => `${layerName(l)} ${colorResult(l.result, c, 0)}`).join(' · ')}`);
      }
    }
  }

  out.push('');
  out.push(c.bold(`Layers (in evaluation order${report.layers.some((l) => l.level !== undefined) ? '; organization levels count from the root, 0' : ''}):`));
  const width = Math.max(...report.layers.map((l) => layerName(l).length));
  for (const l of report.layers) {
    const deciding = decidingIn(l);
    const where = deciding.length ? `  ${deciding.map((s) => statementLabel(s, c)).join(', ')}` : `  ${c.dim(l.reason)}`;
    // In an Allowed answer a layer whose Allow was not required is not a denial: say so.
    const notNeeded = report.decision === 'Allowed' && l.result === 'ImplicitDeny' && l.reason.includes('(not required:');
    // This table is the request's own; a layer that refuses one of S3's chained checks says so here too,
    // so "Allowed" is not read as "this layer is fine".
    const chainedRefusals = report.deciding.filter((d) => d.action !== undefined && d.policyType === l.policyType && d.level === l.level).map((d) => d.action!);
    const alsoRefuses = chainedRefusals.length ? c.red(`  ✗ but refuses ${[...new Set(chainedRefusals)].join(', ')} (see "Also authorized by S3")`) : '';
    out.push(`  ${layerName(l).padEnd(width)}  ${notNeeded ? c.dim('not needed'.padEnd(14)) : colorResult(l.result, c, 14)}${where}${alsoRefuses}`);
  }
  // Layers that only a chained check consults (the KMS key policy of an SSE-KMS upload) get a row too.
  const shown = new Set(report.layers.map((l) => `${l.policyType}|${l.level ?? ''}`));
  const extra = new Map<string, string[]>();
  for (const d of report.deciding) {
    if (d.action === undefined || shown.has(`${d.policyType}|${d.level ?? ''}`)) continue;
    const name = d.level !== undefined ? `${d.policyType} level ${d.level}` : d.policyType;
    extra.set(name, [...(extra.get(name) ?? []), d.action]);
  }
  for (const [name, actions] of extra) {
    out.push(`  ${name.padEnd(width)}  ${c.red('—'.padEnd(14))}${c.red(`  ✗ refuses ${[...new Set(actions)].join(', ')} (see "Also authorized by S3")`)}`);
  }

  if (report.notes.length) {
    out.push('');
    out.push(c.bold('Notes:'));
    for (const n of report.notes) {
      out.push(`  - ${n.message}`);
      if (n.fix) out.push(`    fix: ${n.fix}`);
    }
  }

  if (report.assumptions.length) {
    out.push('');
    out.push(c.bold('Assumptions:'));
    for (const a of report.assumptions) out.push(`  - ${a.key} = ${JSON.stringify(a.value)}: ${a.message}`);
  }

  if (report.decision !== 'Allowed') {
    out.push('');
    if (report.fixes.length) {
      out.push(c.bold('Fix (each re-evaluated: it turns the decision to Allowed):'));
      report.fixes.forEach((f, i) => {
        f.changes.forEach((ch, j) => {
          out.push(`${j === 0 ? `  ${i + 1}. ` : '     and '}${changeHeadline(ch)}`);
          if (ch.type === 'addStatement') {
            for (const line of JSON.stringify(ch.statement, null, 2).split('\n')) out.push(`       ${line}`);
          }
        });
      });
    } else {
      out.push(
        c.dim(
          report.notes.some((n) => n.fix)
            ? 'No change to these policies or this request makes it allowed: see the notes above for what does.'
            : 'No single change found that makes this request allowed.',
        ),
      );
    }
  }
  return `${out.join('\n')}\n`;
}

function changeHeadline(ch: FixChange): string {
  switch (ch.type) {
    case 'setContext':
      return ch.hint ? `${ch.hint}  (${ch.key} = ${JSON.stringify(ch.value)})` : `set ${ch.key} to ${JSON.stringify(ch.value)}`;
    case 'removeContext':
      return ch.hint ? `${ch.hint}  (no ${ch.key})` : `do not send ${ch.key}`;
    case 'addStatement':
      return ch.policyType === 'scp' || ch.policyType === 'rcp' ? `${ch.target}:` : `add this statement to ${ch.target} (${LAYER_WORDS[ch.policyType]}):`;
    case 'removeStatement':
      return `remove or narrow the Deny statement${ch.sid !== undefined ? ` "${ch.sid}"` : ''} (#${ch.statementIndex}) at ${ch.source}:${ch.line}:${ch.column} — this weakens a security rule: only if the rule is wrong for this request`;
    case 'setS3':
      return ch.hint;
    case 'renameConditionKey':
      return `in the statement${ch.sid !== undefined ? ` "${ch.sid}"` : ''} (#${ch.statementIndex}) at ${ch.source}:${ch.line}:${ch.column}, test ${ch.to} instead of ${ch.from} (requests through a VPC endpoint carry no ${ch.from}; the caller's private address is in ${ch.to})`;
  }
}

/** An Allow statement worth showing for a missing allow: it names the action but failed later, or it names the caller. */
function nearMiss(s: StatementMatch): boolean {
  if (s.applies) return false;
  // A resource-policy statement that names the caller but lacks the action is the closest of all.
  if (s.failedElement === 'Action') return s.matched.principal !== undefined;
  return s.failedElement !== 'NotAction';
}

function decidingIn(l: LayerOutcome): StatementMatch[] {
  if (l.result === 'ExplicitDeny') return l.statements.filter((s) => s.applies && s.effect === 'Deny');
  if (l.result === 'Allowed') return l.statements.filter((s) => s.applies && s.effect === 'Allow');
  return [];
}

function layerName(l: LayerOutcome): string {
  return l.level !== undefined ? `${l.policyType} level ${l.level}` : l.policyType;
}

function statementLabel(s: StatementMatch, c: Palette): string {
  const sid = s.sid !== undefined ? `Sid "${s.sid}"` : `statement #${s.statementIndex}`;
  return `${c.cyan(`${s.source}:${s.line}:${s.column}`)} ${sid}`;
}

/**
 * `✗ StringEquals s3:x-amz-storage-class must be "STANDARD_IA"; request: none` for an Allow. For a Deny
 * the condition says when it denies, so it does not read as the rule to follow:
 * `✗ denies when aws:SecureTransport is "false" (Bool); request: false — the Deny applies`.
 */
function conditionLine(t: ConditionTrace, c: Palette, effect: 'Allow' | 'Deny' = 'Allow'): string {
  const origin = t.requestValueOrigin && t.requestValueOrigin !== 'request' ? ` (${t.requestValueOrigin === 'default' ? 'assumed default' : 'derived'})` : '';
  const req = t.requestValue === null ? 'none (key absent)' : `${JSON.stringify(t.requestValue)}${origin}`;
  if (effect === 'Deny') {
    const mark = t.error ? c.yellow('!') : t.result ? c.red('✗') : c.green('✓');
    const verdict = t.error ? ` — cannot compare: ${t.error}` : t.result ? ' — the Deny applies' : ' — not met, so the Deny does not apply';
    const when = requirement(t)
      .replace(/^must not be/, 'is not')
      .replace(/^must be/, 'is')
      .replace(/^must not match/, 'does not match')
      .replace(/^must match/, 'matches');
    return `${mark} denies when ${t.key} ${when} (${t.operator}); request: ${req}${verdict}`;
  }
  const mark = t.error ? c.yellow('!') : t.result ? c.green('✓') : c.red('✗');
  const verdict = t.error ? ` — cannot compare: ${t.error}` : t.result ? '' : ' — not met';
  return `${mark} ${t.operator} ${t.key} ${requirement(t)}; request: ${req}${verdict}`;
}

function colorResult(result: string, c: Palette, width: number): string {
  const padded = result.padEnd(width);
  if (result === 'Allowed') return c.green(padded);
  if (result === 'NotApplicable') return c.dim(padded);
  return c.red(padded);
}

interface Palette {
  enabled: boolean;
  bold: (s: string) => string;
  dim: (s: string) => string;
  red: (s: string) => string;
  green: (s: string) => string;
  yellow: (s: string) => string;
  cyan: (s: string) => string;
}

function palette(enabled: boolean): Palette {
  const wrap = (open: number, close: number) => (s: string) => (enabled ? `\u001b[${open}m${s}\u001b[${close}m` : s);
  return { enabled, bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39), cyan: wrap(36, 39) };
}
