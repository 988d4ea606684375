import type { Report } from '../explain/report.js';
import type { ConditionTrace, DecidingEntry, LayerOutcome, StatementMatch } from '../model/evaluation.js';
import type { FixChange } from '../explain/fixes.js';
import { POLICY_TYPE_NAMES } from '../model/policy.js';
import { requirement } from '../evaluator/statement.js';

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
    ? ` (account ${r.principalAccount}${r.resourceAccount ? `; resource in ${r.resourceAccount}${r.crossAccount ? ', cross-account' : ''}` : ''})`
    : '';
  out.push(`  by ${r.principal}${accounts}`);
  out.push('');
  out.push(`${c.bold('Why:')} ${report.summary}`);

  const statements = report.layers.flatMap((l) => l.statements);
  const find = (d: DecidingEntry) =>
    statements.find((s) => s.policyType === d.policyType && s.source === d.source && s.policyIndex === d.policyIndex && s.statementIndex === d.statementIndex);

  out.push('');
  if (report.decision === 'ImplicitDeny') {
    out.push(c.bold('Missing allow:'));
    for (const d of report.deciding) {
      out.push(`  ${c.red('✗')} no ${LAYER_WORDS[d.policyType] ?? d.policyType} allows ${d.action ?? r.action}${d.level !== undefined ? ` (level ${d.level})` : ''}`);
    }
    // Allow statements that name the action but failed later, in any layer: usually the real cause.
    const near = statements.filter((s) => s.effect === 'Allow' && nearMiss(s));
    if (near.length) {
      out.push('');
      out.push(c.bold('Closest statements (they name the action but do not apply):'));
      for (const s of near.slice(0, MAX_NEAR)) {
        out.push(`  ${LAYER_WORDS[s.policyType]}  ${statementLabel(s, c)}`);
        if (s.failedElement === 'Condition') for (const t of s.conditions.filter((t) => !t.result)) out.push(`      ${conditionLine(t, c)}`);
        else out.push(`      ${s.reason}`);
      }
      if (near.length > MAX_NEAR) out.push(c.dim(`  … and ${near.length - MAX_NEAR} more (see --format json)`));
    }
  } else {
    out.push(c.bold(report.decision === 'Allowed' ? 'Granted by:' : 'Denied by:'));
    for (const d of report.deciding) {
      const s = find(d);
      if (!s) continue;
      out.push(`  ${report.decision === 'Allowed' ? c.green('✓') : c.red('✗')} ${s.effect.padEnd(5)} ${LAYER_WORDS[s.policyType]}  ${statementLabel(s, c)}`);
      if (s.failClosed) out.push(`      ${c.yellow(s.reason)}`);
      for (const t of s.conditions) out.push(`      ${conditionLine(t, c)}`);
    }
  }

  out.push('');
  out.push(c.bold('Layers (in evaluation order):'));
  const width = Math.max(...report.layers.map((l) => layerName(l).length));
  for (const l of report.layers) {
    const deciding = decidingIn(l);
    const where = deciding.length ? `  ${deciding.map((s) => statementLabel(s, c)).join(', ')}` : `  ${c.dim(l.reason)}`;
    out.push(`  ${layerName(l).padEnd(width)}  ${colorResult(l.result, c, 14)}${where}`);
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
      out.push(c.dim('No single change found that makes this request allowed.'));
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
      return `add this statement to ${ch.target} (${LAYER_WORDS[ch.policyType]}):`;
    case 'removeStatement':
      return `remove or narrow the Deny statement${ch.sid !== undefined ? ` "${ch.sid}"` : ''} (#${ch.statementIndex}) at ${ch.source}:${ch.line}:${ch.column}`;
  }
}

/** An Allow statement worth showing for a missing allow: it names the action but failed later. */
function nearMiss(s: StatementMatch): boolean {
  return !s.applies && s.failedElement !== 'Action' && s.failedElement !== 'NotAction';
}

function decidingIn(l: LayerOutcome): StatementMatch[] {
  if (l.result === 'ExplicitDeny') return l.statements.filter((s) => s.applies && s.effect === 'Deny');
  if (l.result === 'Allowed') return l.statements.filter((s) => s.applies && s.effect === 'Allow');
  return [];
}

function layerName(l: LayerOutcome): string {
  return l.level !== undefined ? `${l.policyType}[${l.level}]` : l.policyType;
}

function statementLabel(s: StatementMatch, c: Palette): string {
  const sid = s.sid !== undefined ? `Sid "${s.sid}"` : `statement #${s.statementIndex}`;
  return `${c.cyan(`${s.source}:${s.line}:${s.column}`)} ${sid}`;
}

/** `✗ StringEquals s3:x-amz-storage-class must be "STANDARD_IA"; request: none` */
function conditionLine(t: ConditionTrace, c: Palette): string {
  const origin = t.requestValueOrigin && t.requestValueOrigin !== 'request' ? ` (${t.requestValueOrigin === 'default' ? 'assumed default' : 'derived from the principal'})` : '';
  const req = t.requestValue === null ? 'none (key absent)' : `${JSON.stringify(t.requestValue)}${origin}`;
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
