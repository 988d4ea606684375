import type { AwsVerdict, EvidenceLog, MissingEvidence, VerdictAgreement } from '../model/evidence.js';
import type { PolicyType } from '../model/policy.js';
import type { PolicySet } from '../model/policyset.js';
import type { EvidenceSection, Report } from '../model/report.js';
import type { Request } from '../model/request.js';
import type { Words } from './words/types.js';

/**
 * The Evidence section: which input gave which fact, AWS's own verdict against the evaluation (never silently
 * preferring one), and what was not given, with the AWS CLI command that fetches it.
 */
export function evidenceSection(log: EvidenceLog, report: Report, request: Request, policies: PolicySet, w: Words): EvidenceSection {
  const e = w.evidence;
  const section: EvidenceSection = {
    inputs: log.inputs.map((i) => ({ label: i.label, kind: i.kind, kindName: e.kind[i.kind] })),
    facts: log.facts.map((f) => ({
      field: e.field(f.pointer),
      value: typeof f.value === 'string' ? f.value : JSON.stringify(f.value),
      from: f.from,
      how: e.how[f.how.code](f.how as never),
      ...(f.overriddenBy !== undefined ? { overriddenBy: f.overriddenBy } : {}),
    })),
    // An account dump lists everyone's policies: the other principals' are counted, not listed.
    policies: log.policies
      .filter((p) => p.notUsed !== 'other principal')
      .map((p) => ({
        layer: w.policyType[p.layer],
        label: p.label,
        from: p.from,
        ...(p.notUsed !== undefined ? { notUsed: e.notUsed(p.notUsed) } : {}),
      })),
    otherPrincipals: log.policies.filter((p) => p.notUsed === 'other principal').length,
    missing: missingEvidence(request, policies, log).map((m) => ({ code: m.code, text: e.missing[m.code](m as never), command: m.command })),
  };
  if (log.verdict && report.decision !== 'NotEvaluated') {
    const verdict = { ...log.verdict, ...(log.verdict.policyType ? { policyType: layerOf(log.verdict.policyType, request) } : {}) };
    const a = agreement(verdict, report, policies);
    section.verdict = { said: e.verdict(verdict), agreement: a.code, explanation: e.agreement[a.code](a as never) };
  }
  return section;
}

/** AWS's messages call a KMS key policy and a role trust policy "resource-based policy". */
function layerOf(type: PolicyType, request: Request): PolicyType {
  return type === 'resource' && request.action.toLowerCase().startsWith('kms:') ? 'kmsKey' : type;
}

function givenTypes(p: PolicySet): Set<PolicyType> {
  const given = new Set<PolicyType>();
  if (p.identity.length) given.add('identity');
  if (p.session.length) given.add('session');
  if (p.scp.flat().length) given.add('scp');
  if (p.rcp.flat().length) given.add('rcp');
  for (const t of ['resource', 'boundary', 'vpcEndpoint', 'kmsKey', 'accessPoint'] as const) if (p[t]) given.add(t);
  return given;
}

function agreement(v: AwsVerdict, report: Report, policies: PolicySet): VerdictAgreement {
  if (v.policyType && !givenTypes(policies).has(v.policyType)) return { code: 'notGiven', policyType: v.policyType };
  if (report.decision === 'Allowed') return { code: 'allowedButDenied' };
  const denying = report.deciding.filter((d) => d.effect === 'Deny').map((d) => d.policyType);
  if (v.kind === 'explicit' && v.policyType) {
    if (denying.includes(v.policyType)) return { code: 'agrees' };
    return denying.length ? { code: 'otherType', said: v.policyType, found: denying[0]! } : { code: 'notDenying', policyType: v.policyType };
  }
  if (v.kind === 'implicit' && v.policyType) {
    if (report.decision === 'ExplicitDeny' && denying.length) return { code: 'explicitFound', found: denying[0]! };
    const layer = report.layers.find((l) => l.policyType === v.policyType && l.result !== 'Allowed' && l.result !== 'NotApplicable');
    return layer || report.deciding.some((d) => d.policyType === v.policyType) ? { code: 'agrees' } : { code: 'notDenying', policyType: v.policyType };
  }
  return { code: 'agrees' };
}

/** The layers the answer may rest on that no input gave, each with the command that fetches it. */
function missingEvidence(request: Request, policies: PolicySet, log: EvidenceLog): MissingEvidence[] {
  const verdict = log.verdict;
  const out: MissingEvidence[] = [];
  const p = request.principal;
  const covered = log.covers.some((arn) => arn === p.principalArn || arn === p.text);
  if (!policies.identity.length && !covered && ['user', 'role', 'assumedRole'].includes(p.kind)) {
    out.push({
      code: 'identityPolicies',
      principal: p.principalArn ?? p.text,
      command: 'aws iam get-account-authorization-details --output json > account-authorization.json',
    });
  }
  const s3 = /^arn:aws[\w-]*:s3:::([^/]+)/.exec(request.resource);
  if (!policies.resource && s3) {
    out.push({
      code: 'resourcePolicy',
      resource: request.resource,
      command: `aws s3api get-bucket-policy --bucket ${s3[1]!} --output json > bucket-policy.json`,
    });
  }
  if (!policies.kmsKey && /^arn:aws[\w-]*:kms:/.test(request.resource)) {
    out.push({
      code: 'kmsKeyPolicy',
      key: request.resource,
      command: `aws kms get-key-policy --key-id ${request.resource} --policy-name default --output json > key-policy.json`,
    });
  }
  const vpce = request.context.get('aws:sourcevpce')?.values[0];
  if (!policies.vpcEndpoint && vpce) {
    out.push({
      code: 'vpcEndpointPolicy',
      endpoint: vpce,
      command: `aws ec2 describe-vpc-endpoints --vpc-endpoint-ids ${vpce} --output json > vpc-endpoint.json`,
    });
  }
  for (const kind of ['scp', 'rcp'] as const) {
    if (verdict?.policyType !== kind || policies[kind].flat().length) continue;
    const account = kind === 'scp' ? p.account : request.resourceAccount;
    const filter = kind === 'scp' ? 'SERVICE_CONTROL_POLICY' : 'RESOURCE_CONTROL_POLICY';
    // The message's policy ARN names the very policy (…/service_control_policy/p-2kgnabcd).
    const id = /\/(p-[0-9a-z]+)$/.exec(verdict.policyArn ?? '')?.[1];
    out.push({
      code: 'organizationPolicies',
      kind,
      ...(account ? { account } : {}),
      command: id
        ? `aws organizations describe-policy --policy-id ${id} --output json > ${id}.json`
        : `aws organizations list-policies-for-target --target-id ${account ?? 'ACCOUNT_ID'} --filter ${filter} --output json`,
    });
  }
  return out;
}
