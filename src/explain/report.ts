import type { EvidenceLog } from '../model/evidence.js';
import { evidenceSection } from './evidence.js';
import type { ConditionResult, FullEvaluation, LayerResultData, StatementResult } from '../model/evaluation.js';
import type { PolicyDocument, PolicyType } from '../model/policy.js';
import type { AssumptionNote, LoadedRequest, Request } from '../model/request.js';
import type { Assumption, ChainedRequest, ClosestStatement, ConditionTrace, DependsOn, LayerOutcome, Report, StatementMatch } from '../model/report.js';
import { locationOf, statementKey } from '../model/keys.js';
import { compile, decide, principalGrant } from '../evaluator/index.js';
import { notesFor, storeNotes } from './notes.js';
import { nonAwsHost } from '../iam/endpoint.js';
import { allDocuments, noPolicies, type PolicySet } from '../model/policyset.js';
import { findFixes } from './fixes.js';
import { alternativeReadings, type AlternativeReading } from '../request/index.js';
import { wordsFor, type Words } from './words/index.js';
import type { Lang } from './words/index.js';

export interface ExplainOptions {
  /** The language of every sentence in the report (default English). */
  lang?: Lang;
  /** When the request came from evidence: what it gave, for the report's Evidence section. */
  evidence?: EvidenceLog;
}

/**
 * Evaluates and explains: the decision, what decided it, every layer, assumptions and verified fixes.
 * When a fact the request does not give flips the decision (whose resource it is, whether it goes through
 * the VPC endpoint, the path of a session's role …), the report explains the reading that is not Allowed
 * and says that the answer depends on it: never a wrong Allowed.
 */
export function explain(request: Request, policies: PolicySet, notes: AssumptionNote[] = [], options: ExplainOptions = {}): Report {
  const report = explainRequest(request, policies, notes, options);
  if (options.evidence) report.evidence = evidenceSection(options.evidence, report, request, policies, wordsFor(options.lang));
  return report;
}

function explainRequest(request: Request, policies: PolicySet, notes: AssumptionNote[], options: ExplainOptions): Report {
  const w = wordsFor(options.lang);
  const store = nonAwsHost(request.http?.endpoint);
  // A store that is not AWS, and no AWS policy: nothing for AWS's logic to decide (never "add an IAM policy").
  if (store !== undefined && (request.principal.kind === 'external' || noPolicies(policies))) return notEvaluated(request, store, notes, w);
  const evaluation = decide(request, compile(policies));
  const flips = flipping({ request, policies, notes }, evaluation);
  if (!flips.length) return buildReport(request, policies, notes, evaluation, w);
  // Never a wrong Allowed: when the assumed reading is Allowed, explain the first reading that is not.
  const shown = evaluation.decision === 'Allowed' ? flips[0] : undefined;
  const report = shown
    ? buildReport(shown.alt.loaded.request, shown.alt.loaded.policies, shown.alt.loaded.notes, shown.evaluation, w)
    : buildReport(request, policies, notes, evaluation, w);
  const [first, ...more] = flips.map((f) => dependsOn(request, evaluation, f, f === shown));
  report.dependsOn = first!;
  if (more.length) report.alsoDependsOn = more;
  return report;
}

interface Flip {
  alt: AlternativeReading;
  evaluation: FullEvaluation;
}

/**
 * Each assumption the decision rests on, read the other way and decided with the same evaluator: the
 * readings whose answer differs from the assumed one in being Allowed or not (the first such per fact).
 */
function flipping(loaded: LoadedRequest, evaluation: FullEvaluation): Flip[] {
  const out: Flip[] = [];
  const allowed = evaluation.decision === 'Allowed';
  for (const alt of alternativeReadings(loaded, evaluation.consultedDefaults)) {
    if (out.some((f) => f.alt.fact === alt.fact)) continue;
    const e = decide(alt.loaded.request, compile(alt.loaded.policies));
    if ((e.decision === 'Allowed') !== allowed) out.push({ alt, evaluation: e });
  }
  return out;
}

/** The context key whose assumed value a fact's first reading shows. */
const VALUE_KEY: Partial<Record<DependsOn['fact'], string>> = { principalArn: 'aws:principalarn', copySource: 's3:x-amz-copy-source' };

/** The report's account of one fact that flips the decision: both readings, what settles it, and which one is explained. */
function dependsOn(request: Request, evaluation: FullEvaluation, { alt, evaluation: other }: Flip, explainedOther: boolean): DependsOn {
  const byAccount = alt.fact === 'resourceAccount' || alt.fact === 'accessPointBucketAccount';
  const valueKey = VALUE_KEY[alt.fact];
  const assumedValue = valueKey !== undefined ? request.context.get(valueKey)?.values[0] : undefined;
  return {
    fact: alt.fact,
    field: alt.field,
    flag: alt.flag,
    readings: [
      {
        reading: alt.assumed,
        ...(byAccount && request.resourceAccount !== undefined ? { account: request.resourceAccount } : {}),
        ...(assumedValue !== undefined ? { value: assumedValue } : {}),
        decision: evaluation.decision,
      },
      { reading: alt.other, ...(alt.value !== undefined ? { value: alt.value } : {}), decision: other.decision },
    ],
    explained: explainedOther ? alt.other : alt.assumed,
  };
}

const assumptionOf =
  (w: Words) =>
  (n: AssumptionNote): Assumption => ({ key: n.key, value: n.value, message: w.assumption[n.why.code](n.why as never) });

/** The report of a request to a store that is not AWS, given no AWS policy: no decision, the notes only. */
function notEvaluated(request: Request, host: string, notes: AssumptionNote[], w: Words): Report {
  return {
    decision: 'NotEvaluated',
    summary: w.notes.notEvaluated(host),
    request: { principal: request.principal.text, action: request.action, resource: request.resource, crossAccount: false },
    deciding: [],
    layers: [],
    additionalRequests: [],
    assumptions: notes.map(assumptionOf(w)),
    notes: storeNotes(request, host, w),
    fixes: [],
    closest: [],
  };
}

function buildReport(request: Request, policies: PolicySet, notes: AssumptionNote[], evaluation: FullEvaluation, w: Words): Report {
  const named = callerNamed(request, policies, w);
  const layers = (ls: LayerResultData[]) => ls.map((l) => layerOutcome(l, w, named));
  const assumptions: Assumption[] = notes.map(assumptionOf(w));
  for (const key of evaluation.consultedDefaults) {
    const entry = request.context.get(key.toLowerCase())!;
    assumptions.push({
      key,
      value: entry.display,
      message: entry.assumption ? w.assumption[entry.assumption.code](entry.assumption as never) : w.defaultAssumed(key),
    });
  }
  const bucketOwner = request.action.toLowerCase().startsWith('s3:') ? (request.s3?.bucketOwner ?? request.resourceAccount) : undefined;
  const resourceAccount = evaluation.resourceOwner ?? request.resourceAccount;
  const req: Report['request'] = {
    principal: request.principal.text,
    ...(request.principal.account !== undefined ? { principalAccount: request.principal.account } : {}),
    action: request.action,
    resource: request.resource,
    ...(resourceAccount !== undefined ? { resourceAccount } : {}),
    ...(bucketOwner !== undefined && evaluation.resourceOwner !== undefined && bucketOwner !== evaluation.resourceOwner ? { bucketOwner } : {}),
    crossAccount: evaluation.crossAccount,
  };
  const additionalRequests: ChainedRequest[] = evaluation.additionalRequests.map((c) => ({
    action: c.action,
    resource: c.resource,
    reason: w.chainReason[c.because.code](c.because as never),
    decision: c.decision,
    summary: w.decision[c.why.code](c.why as never),
    deciding: c.deciding,
    layers: layers(c.layers),
    ...(c.kmsKey ? { kmsKey: c.kmsKey } : {}),
  }));
  const report: Report = {
    decision: evaluation.decision,
    summary: w.decision[evaluation.why.code](evaluation.why as never),
    request: req,
    deciding: evaluation.deciding,
    layers: layers(evaluation.layers),
    additionalRequests,
    assumptions,
    notes: notesFor(request, policies, evaluation, w),
    fixes: findFixes(request, policies, evaluation, w),
    closest: [],
  };
  report.closest = closestStatements(report);
  return localizeDocumentNames(report, policies, w);
}

/**
 * A document's name is read with it, in English where it is more than a path (a policy embedded as a
 * string, a generated key policy); in another language every occurrence is renamed, so no English is left.
 */
function localizeDocumentNames(report: Report, policies: PolicySet, w: Words): Report {
  const renames = new Map<string, string>();
  for (const d of allDocuments(policies)) {
    const label = w.documentLabel(d.ref);
    if (label !== undefined && label !== d.source) renames.set(d.source, label);
  }
  if (!renames.size) return report;
  const rename = (text: string) => {
    let out = text;
    for (const [from, to] of renames) out = out.split(from).join(to);
    return out;
  };
  // Sentences are renamed; a document's `source` stays the name it was read with, the same in every
  // language (it identifies the document), and `documentNames` says how to show it.
  const renamed = JSON.parse(JSON.stringify(report), function (this: Record<string, unknown>, key: string, value: unknown) {
    if (typeof value !== 'string' || IDENTIFIERS.has(key)) return value;
    return rename(value);
  }) as Report;
  renamed.documentNames = Object.fromEntries([...renames].sort(([a], [b]) => (a < b ? -1 : 1)));
  return renamed;
}

/** Fields that identify a document or a value, not sentences: never renamed. */
const IDENTIFIERS: ReadonlySet<string> = new Set(['source']);

/** A condition in words. Key order is part of the JSON contract. */
function conditionTrace(t: ConditionResult, w: Words): ConditionTrace {
  const out: ConditionTrace = {
    operator: t.operator,
    key: t.key,
    policyValues: t.policyValues,
    requestValue: t.requestValue,
    result: t.result,
    reason: w.conditionReason[t.why.code](t.why as never),
    line: t.line,
    column: t.column,
  };
  if (t.requestValueOrigin !== undefined) out.requestValueOrigin = t.requestValueOrigin;
  if (t.requestValueHeader !== undefined) out.requestValueHeader = t.requestValueHeader;
  if (t.error) out.error = w.conditionError[t.error.code](t.error as never);
  return out;
}

type Named = (l: LayerResultData, m: StatementResult) => { suffix: string; value: string } | undefined;

/** The evaluator's reason behind each worded statement: the closest-statement choice reads codes, not words. */
const REASONS = new WeakMap<StatementMatch, string>();

function statementMatch(m: StatementResult, w: Words, namedSuffix: string | undefined, namedValue: string | undefined): StatementMatch {
  const matched: StatementMatch['matched'] = {};
  for (const k of ['action', 'resource', 'principal'] as const) {
    const v = m.matched[k];
    if (v) matched[k] = w.matched[v.code](v as never);
  }
  if (namedValue !== undefined) matched.principal = namedValue;
  const out: StatementMatch = {
    ...locationOf(m),
    applies: m.applies,
    matched,
    reason: w.statementReason[m.why.code](m.why as never) + (namedSuffix ?? ''),
    conditions: m.conditions.map((t) => conditionTrace(t, w)),
  };
  if (m.failedElement !== undefined) out.failedElement = m.failedElement;
  if (m.alsoFails) out.alsoFails = m.alsoFails.map((r) => w.statementReason[r.code](r as never));
  if (m.failClosed) out.failClosed = true;
  REASONS.set(out, JSON.stringify([m.why, namedValue ?? null]));
  return out;
}

function layerOutcome(l: LayerResultData, w: Words, named: Named): LayerOutcome {
  return {
    policyType: l.policyType,
    ...(l.level !== undefined ? { level: l.level } : {}),
    result: l.result,
    reason: w.layerReason[l.why.code](l.why as never) + (l.notRequired ? w.notRequired[l.notRequired.code](l.notRequired as never) : ''),
    ...(l.notRequired ? { notRequired: true as const } : {}),
    policies: l.policies,
    statements: l.statements.map((m) => {
      const n = named(l, m);
      return statementMatch(m, w, n?.suffix, n?.value);
    }),
  };
}

/**
 * For an Allow of a resource-based policy that lacks the action: whether it names the caller itself (not
 * everyone). Such a statement is where the missing action most likely belongs, so the explanation shows
 * it first; `matched.principal` records the name. Done here, once per report, not in the evaluator's
 * hot path.
 */
function callerNamed(request: Request, policies: PolicySet, w: Words): Named {
  const byType: Partial<Record<PolicyType, PolicyDocument | undefined>> = {
    resource: policies.resource,
    kmsKey: policies.kmsKey,
    vpcEndpoint: policies.vpcEndpoint,
    accessPoint: policies.accessPoint,
  };
  return (l, m) => {
    if (l.result === 'Allowed' || m.effect !== 'Allow' || m.failedElement !== 'Action') return undefined;
    const stmt = byType[m.policyType]?.statements.find((s) => s.index === m.statementIndex);
    if (!stmt?.principal) return undefined;
    const pm = principalGrant(stmt.principal, request);
    if (!pm || pm.grant === 'everyone') return undefined;
    return { suffix: w.namesCaller(pm.grant, pm.value), value: w.principalText(pm.value) };
  };
}

/** An Allow statement worth showing for a missing allow: it names the action but failed later, or it names the caller. */
function nearMiss(s: StatementMatch): boolean {
  if (s.applies) return false;
  // A resource-policy statement that names the caller but lacks the action is the closest of all.
  if (s.failedElement === 'Action') return s.matched.principal !== undefined;
  return s.failedElement !== 'NotAction';
}

/**
 * For a missing allow: the Allow statements that name the action but failed later, in the request or a
 * denied chained request — usually the real cause. In a layer with none, its Allow statements show what
 * it does allow. Statements that name the caller come first; the same statement failing the same way for
 * a chained action is listed once.
 */
function closestStatements(report: Report): ClosestStatement[] {
  if (report.decision !== 'ImplicitDeny' || report.deciding.length === 0) return [];
  const scopes = [
    { action: undefined as string | undefined, layers: report.layers },
    ...report.additionalRequests.filter((a) => a.decision !== 'Allowed').map((a) => ({ action: a.action, layers: a.layers })),
  ];
  const out: ClosestStatement[] = [];
  const seen = new Map<string, ClosestStatement>();
  for (const scope of scopes) {
    for (const l of scope.layers.filter((x) => x.result !== 'Allowed')) {
      const allows = l.statements.filter((st) => st.effect === 'Allow' && !st.applies);
      const close = allows.filter(nearMiss).sort((a, b) => Number(b.matched.principal !== undefined) - Number(a.matched.principal !== undefined));
      const missingHere = report.deciding.some((d) => d.policyType === l.policyType && d.level === l.level && d.action === scope.action);
      for (const st of close.length || !missingHere ? close : allows) {
        const id = `${statementKey(st)}|${REASONS.get(st) ?? st.reason}`;
        const prev = seen.get(id);
        if (prev) {
          (prev.alsoFor ??= []).push(scope.action ?? report.request.action);
          continue;
        }
        const entry: ClosestStatement = {
          policyType: st.policyType,
          source: st.source,
          policyIndex: st.policyIndex,
          ...(st.level !== undefined ? { level: st.level } : {}),
          statementIndex: st.statementIndex,
          ...(st.sid !== undefined ? { sid: st.sid } : {}),
          line: st.line,
          column: st.column,
          ...(scope.action !== undefined ? { action: scope.action } : {}),
        };
        seen.set(id, entry);
        out.push(entry);
      }
    }
  }
  return out;
}
