import type { Assumption, Decision, DecidingEntry, LayerOutcome } from '../model/evaluation.js';
import type { PolicySet } from '../model/policyset.js';
import type { Request } from '../model/request.js';
import { compile, decide, principalGrant } from '../evaluator/index.js';
import type { ChainedRequest } from '../evaluator/chain.js';
import { notesFor, type Note } from './notes.js';
import type { PolicyDocument as Policy, PolicyType } from '../model/policy.js';
import { findFixes, type Fix } from './fixes.js';

/** What `--format json` prints and `evaluate()` returns: plain data, deterministic. */
export interface Report {
  decision: Decision;
  summary: string;
  request: {
    principal: string;
    action: string;
    resource: string;
    resourceAccount?: string;
    /** For an S3 object owned by another account than the bucket's: the bucket's owner. */
    bucketOwner?: string;
    principalAccount?: string;
    crossAccount: boolean;
  };
  deciding: DecidingEntry[];
  layers: LayerOutcome[];
  /** Further authorizations S3 makes for this request (PutObjectAcl, kms:GenerateDataKey…), each decided. */
  additionalRequests: ChainedRequest[];
  assumptions: Assumption[];
  notes: Note[];
  fixes: Fix[];
}

const DEFAULT_REASON: Record<string, string> = {
  'aws:securetransport': 'AWS sets aws:SecureTransport on every request; assumed true (HTTPS), as AWS SDKs and the CLI use by default',
  'aws:currenttime': 'AWS sets aws:CurrentTime on every request; assumed to be the time of this evaluation',
  'aws:epochtime': 'AWS sets aws:EpochTime on every request; assumed to be the time of this evaluation',
};

/** Evaluates and explains: the decision, what decided it, every layer, assumptions and verified fixes. */
export function explain(request: Request, policies: PolicySet, notes: { key: string; value: string; message: string }[] = []): Report {
  const evaluation = decide(request, compile(policies));
  for (const layers of [evaluation.layers, ...evaluation.additionalRequests.map((c) => c.layers)]) markCallerNamed(layers, request, policies);
  const assumptions: Assumption[] = [];
  for (const n of notes) assumptions.push({ key: n.key, value: n.value, message: n.message });
  for (const key of evaluation.consultedDefaults) {
    const entry = request.context.get(key.toLowerCase())!;
    assumptions.push({
      key,
      value: entry.display,
      message: entry.assumption ?? `${DEFAULT_REASON[key.toLowerCase()] ?? `${key} assumed`}; set it in \`context\` to change it`,
    });
  }
  const bucketOwner = request.action.toLowerCase().startsWith('s3:') ? (request.s3?.bucketOwner ?? request.resourceAccount) : undefined;
  const req: Report['request'] = {
    principal: request.principal.text,
    ...(request.principal.account !== undefined ? { principalAccount: request.principal.account } : {}),
    action: request.action,
    resource: request.resource,
    ...((evaluation.resourceOwner ?? request.resourceAccount) !== undefined ? { resourceAccount: (evaluation.resourceOwner ?? request.resourceAccount)! } : {}),
    ...(bucketOwner !== undefined && evaluation.resourceOwner !== undefined && bucketOwner !== evaluation.resourceOwner ? { bucketOwner } : {}),
    crossAccount: evaluation.crossAccount,
  };
  return {
    decision: evaluation.decision,
    summary: evaluation.summary,
    request: req,
    deciding: evaluation.deciding,
    layers: evaluation.layers,
    additionalRequests: evaluation.additionalRequests,
    assumptions,
    notes: notesFor(request, policies, evaluation),
    fixes: findFixes(request, policies, evaluation),
  };
}

/**
 * For an Allow of a resource-based policy that lacks the action: whether it names the caller itself (not
 * everyone). Such a statement is where the missing action most likely belongs, so the explanation shows
 * it first; `matched.principal` records the name. Done here, once per report, not in the evaluator's
 * hot path.
 */
function markCallerNamed(layers: LayerOutcome[], request: Request, policies: PolicySet): void {
  const byType: Partial<Record<PolicyType, Policy | undefined>> = { resource: policies.resource, kmsKey: policies.kmsKey, vpcEndpoint: policies.vpcEndpoint };
  for (const l of layers) {
    if (l.result === 'Allowed') continue;
    for (const m of l.statements) {
      if (m.effect !== 'Allow' || m.failedElement !== 'Action') continue;
      const stmt = byType[m.policyType]?.statements.find((s) => s.index === m.statementIndex);
      if (!stmt?.principal) continue;
      const pm = principalGrant(stmt.principal, request);
      if (!pm || pm.grant === 'everyone') continue;
      const named = pm.value.type === '*' ? '*' : `${pm.value.type}: ${pm.value.value}`;
      const whom = pm.grant === 'account' ? "this principal's account" : pm.grant === 'role' ? "this session's role" : 'this principal';
      m.matched.principal = named;
      m.reason += ` (it names ${whom}: ${named})`;
    }
  }
}
