import type { Rule } from '../model/rule.js';
import type { PolicyOrigin } from '../model/check.js';
import type { PolicyDocument } from '../model/policy.js';
import { hasPlaceholder, replacePlaceholders } from '../iam/placeholder.js';
import { hostOf } from './witness.js';

type Kind = 'managed' | 'role' | 'user' | 'group' | 'identity' | 'bucket' | 'key' | 'scp' | 'rcp' | 'vpce';
type Data = { kind: Kind; size: string; limit: string; unit: 'characters' | 'bytes'; approximate: string };

/**
 * Each quota: its limit, its unit, and whether AWS counts whitespace. IAM User Guide, "IAM and AWS STS
 * quotas": inline policies — "User policy size can't exceed 2,048 characters. Role policy size can't exceed
 * 10,240 characters. Group policy size can't exceed 5,120 characters." — managed policies — "The size of each
 * managed policy can't exceed 6,144 characters." — and "IAM doesn't count white space when calculating the
 * size of a policy against these limits." S3 User Guide: "Bucket policies are limited to 20 KB in size."
 * KMS Developer Guide, quotas: "Key policy document size: 32 KB (32,768 bytes)". CloudFormation
 * `AWS::Organizations::Policy` Content: "Service control policies: 5,120 characters", "Resource control
 * policies: 5,120 characters". Amazon VPC quotas: "VPC endpoint policy size | 20,480 characters (including
 * white space)".
 */
const QUOTAS: Record<Kind, { limit: number; unit: 'characters' | 'bytes'; iam: boolean }> = {
  managed: { limit: 6144, unit: 'characters', iam: true },
  role: { limit: 10240, unit: 'characters', iam: true },
  user: { limit: 2048, unit: 'characters', iam: true },
  group: { limit: 5120, unit: 'characters', iam: true },
  // An identity policy whose container is not known: over the largest identity quota is over every one.
  identity: { limit: 10240, unit: 'characters', iam: true },
  bucket: { limit: 20480, unit: 'bytes', iam: false },
  key: { limit: 32768, unit: 'bytes', iam: false },
  scp: { limit: 5120, unit: 'characters', iam: false },
  rcp: { limit: 5120, unit: 'characters', iam: false },
  vpce: { limit: 20480, unit: 'characters', iam: false },
};

/** The identity container a Terraform resource type or a CloudFormation resource type names. */
const CONTAINERS: ReadonlyMap<string, Kind> = new Map([
  ['aws_iam_policy', 'managed'],
  ['aws_iam_role_policy', 'role'],
  ['aws_iam_role', 'role'],
  ['aws_iam_user_policy', 'user'],
  ['aws_iam_group_policy', 'group'],
  ['AWS::IAM::ManagedPolicy', 'managed'],
  ['AWS::IAM::RolePolicy', 'role'],
  ['AWS::IAM::Role', 'role'],
  ['AWS::IAM::UserPolicy', 'user'],
  ['AWS::IAM::User', 'user'],
  ['AWS::IAM::GroupPolicy', 'group'],
  ['AWS::IAM::Group', 'group'],
]);

/** Which identity quota applies: from the Terraform resource in the pointer, or the CloudFormation type in the label. */
function identityKind(origin: PolicyOrigin): Kind {
  const tf = origin.format === 'terraform-plan' ? /(?:^|\.)(aws_iam_[a-z_]+)\.[^/]*\//.exec(origin.pointer)?.[1] : undefined;
  const cfn = origin.format === 'cloudformation' ? /\((AWS::IAM::\w+)\)/.exec(origin.label)?.[1] : undefined;
  return CONTAINERS.get(tf ?? cfn ?? '') ?? 'identity';
}

function kindOf(policy: PolicyDocument, origin: PolicyOrigin): Kind | undefined {
  const type = policy.policyType;
  if (type === 'scp' || type === 'rcp') return type;
  if (type === 'boundary') return 'managed';
  if (type === 'identity') return identityKind(origin);
  if (type === 'vpcEndpoint') return 'vpce';
  const host = hostOf(policy, origin);
  if (host === 'kms-key') return 'key';
  if (host === 's3-bucket') return 'bucket';
  if (host === 'vpc-endpoint') return 'vpce';
  return undefined;
}

/** The document's size in the quota's terms, counting no deploy-time value (so a lower bound when there are some). */
function sizeOf(text: string, kind: Kind): number {
  const known = replacePlaceholders(text, '');
  const quota = QUOTAS[kind];
  const counted = quota.iam ? known.replace(/\s/g, '') : known;
  return quota.unit === 'bytes' ? new TextEncoder().encode(counted).length : counted.length;
}

/** `20480` → `20,480`, the same in every locale. */
function thousands(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const WHAT_EN: Record<Kind, string> = {
  managed: 'a managed policy',
  role: "a role's inline policies (all of them together)",
  user: "a user's inline policies (all of them together)",
  group: "a group's inline policies (all of them together)",
  identity: 'any identity-based policy',
  bucket: 'a bucket policy (20 KB)',
  key: 'a key policy (32 KB)',
  scp: 'a service control policy',
  rcp: 'a resource control policy',
  vpce: 'a VPC endpoint policy (whitespace included)',
};

const WHAT_KO: Record<Kind, string> = {
  managed: '관리형 정책',
  role: '역할의 인라인 정책(모두 합산)',
  user: '사용자의 인라인 정책(모두 합산)',
  group: '그룹의 인라인 정책(모두 합산)',
  identity: '모든 자격 증명 기반 정책',
  bucket: '버킷 정책(20 KB)',
  key: '키 정책(32 KB)',
  scp: '서비스 제어 정책(SCP)',
  rcp: '리소스 제어 정책(RCP)',
  vpce: 'VPC 엔드포인트 정책(공백 포함)',
};

/**
 * A policy over its type's size quota: AWS rejects it when it is deployed. Measured on the compact JSON (no
 * whitespace outside strings; IAM quotas count no whitespace at all), so the size is never more than AWS
 * counts; a value IaC knows only at deployment is not counted, and the finding then says "at least".
 */
export const policySizeQuota: Rule<Data> = {
  meta: {
    id: 'policy-size-quota',
    severity: 'warning',
    description: 'a policy larger than the quota for its type (managed 6,144, inline role 10,240, bucket 20 KB, key 32 KB, SCP 5,120 …)',
    docs: 'docs/rules/policy-size-quota.md',
    group: 'P',
    message: {
      en: ({ kind, size, limit, unit, approximate }) =>
        `the policy is ${approximate ? 'at least ' : ''}${size} ${unit}${approximate ? ' (values known only at deployment not counted)' : ''}, over the ${limit}-${unit} quota for ${WHAT_EN[kind]}: AWS rejects it when it is deployed; split it or shorten it (wildcards, fewer statements)`,
      ko: ({ kind, size, limit, unit, approximate }) =>
        `정책 크기가 ${size} ${unit === 'bytes' ? '바이트' : '자'}${approximate ? ' 이상(배포 시에만 알 수 있는 값은 제외)' : ''}으로, ${WHAT_KO[kind]}의 할당량 ${limit} ${unit === 'bytes' ? '바이트' : '자'}를 넘습니다: 배포할 때 AWS가 거부합니다. 정책을 나누거나 줄이십시오(와일드카드, 문 줄이기)`,
    },
  },
  check({ policy, origin, documentText }, report) {
    if (!documentText) return;
    const kind = kindOf(policy, origin);
    if (!kind) return;
    const text = documentText();
    const quota = QUOTAS[kind];
    // UTF-8 takes at most 3 bytes per UTF-16 unit: a text this short is under any quota in either unit.
    if (text.length * 3 <= quota.limit) return;
    const size = sizeOf(text, kind);
    if (size <= quota.limit) return;
    report({
      span: policy.span,
      element: 'size',
      data: { kind, size: thousands(size), limit: thousands(quota.limit), unit: quota.unit, approximate: hasPlaceholder(text) ? 'yes' : '' },
    });
  },
};
