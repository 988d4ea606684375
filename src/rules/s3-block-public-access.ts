import type { BucketFacts, BucketFlag } from '../model/check.js';
import type { Rule, RuleReport } from '../model/rule.js';
import type { SourceSpan } from '../model/source.js';
import { everyoneValue, publicWitness } from './public.js';
import { describeWitness, hostOf, statementName } from './witness.js';

type Data = {
  kind: 'policy-blocked' | 'restricted' | 'default-blocked' | 'flag-off' | 'acl-blocked';
  bucket: string;
  /** acl-blocked: the canned ACL, and whether S3 rejects or ignores it. */
  acl: string;
  effect: 'reject' | 'ignore' | '';
  setting: string;
  line: string;
  sid: string;
  witness: string;
};

const FLAGS = [
  ['blockPublicAcls', 'BlockPublicAcls'],
  ['ignorePublicAcls', 'IgnorePublicAcls'],
  ['blockPublicPolicy', 'BlockPublicPolicy'],
  ['restrictPublicBuckets', 'RestrictPublicBuckets'],
] as const;

const EN: Record<Data['kind'], (d: Data) => string> = {
  'acl-blocked': (d) =>
    `bucket ${d.bucket} sets the public ACL ${d.acl}, but ${aclSettingEn(d)}: ${d.effect === 'reject' ? 'S3 rejects a PUT Bucket or PUT Bucket ACL with a public ACL' : 'S3 ignores public ACLs on the bucket and its objects'}, so the ACL grants nothing; grant public reads with the bucket policy (or CloudFront), or turn the setting off on purpose`,
  'policy-blocked': (d) =>
    `statement ${d.sid} is public (the request ${d.witness} is allowed), but bucket ${d.bucket} sets ${d.setting} true (line ${d.line}): S3 rejects a PutBucketPolicy whose policy is public, so this policy is never applied (403 AccessDenied on deployment); make the statement non-public, or turn ${d.setting} off on purpose`,
  restricted: (d) =>
    `statement ${d.sid} is public (the request ${d.witness} is allowed), but bucket ${d.bucket} sets ${d.setting} true (line ${d.line}): only AWS service principals and users of the bucket owner's account get in, so that request gets 403 AccessDenied`,
  'default-blocked': (d) =>
    `statement ${d.sid} is public (the request ${d.witness} is allowed), but bucket ${d.bucket} writes no PublicAccessBlockConfiguration: new buckets block public access by default, so S3 rejects this policy (403 AccessDenied on deployment); make the statement non-public, or write the Block Public Access settings on purpose`,
  'flag-off': (d) =>
    `bucket ${d.bucket} turns ${d.setting} off: S3 Block Public Access no longer protects this bucket from public ${d.setting.endsWith('Acls') ? 'ACLs' : 'bucket policies'}; keep it true unless the bucket is public on purpose`,
};

const KO: Record<Data['kind'], (d: Data) => string> = {
  'acl-blocked': (d) =>
    `버킷 ${d.bucket}이(가) 공개 ACL ${d.acl}을(를) 설정하지만 ${aclSettingKo(d)}: ${d.effect === 'reject' ? 'S3는 공개 ACL이 포함된 PUT Bucket 또는 PUT Bucket ACL을 거부합니다' : 'S3는 버킷과 객체의 공개 ACL을 무시합니다'}. 따라서 그 ACL은 아무것도 허용하지 않습니다. 버킷 정책(또는 CloudFront)으로 공개 읽기를 허용하거나, 의도한 경우 설정을 끄십시오`,
  'policy-blocked': (d) =>
    `정책 문 ${d.sid}은(는) 공개되어 있지만(${d.witness} 요청이 허용됨) 버킷 ${d.bucket}이(가) ${d.setting}을(를) true로 설정합니다(${d.line}행): S3는 공개 정책을 넣는 PutBucketPolicy를 거부하므로 이 정책은 적용되지 않습니다(배포 시 403 AccessDenied). 정책 문을 비공개로 만들거나, 의도한 경우 ${d.setting}을(를) 끄십시오`,
  restricted: (d) =>
    `정책 문 ${d.sid}은(는) 공개되어 있지만(${d.witness} 요청이 허용됨) 버킷 ${d.bucket}이(가) ${d.setting}을(를) true로 설정합니다(${d.line}행): AWS 서비스 보안 주체와 버킷 소유자 계정의 사용자만 접근할 수 있으므로 그 요청은 403 AccessDenied를 받습니다`,
  'default-blocked': (d) =>
    `정책 문 ${d.sid}은(는) 공개되어 있지만(${d.witness} 요청이 허용됨) 버킷 ${d.bucket}에 PublicAccessBlockConfiguration이 없습니다: 새 버킷은 기본적으로 퍼블릭 액세스를 차단하므로 S3가 이 정책을 거부합니다(배포 시 403 AccessDenied). 정책 문을 비공개로 만들거나, 의도한 경우 Block Public Access 설정을 명시하십시오`,
  'flag-off': (d) =>
    `버킷 ${d.bucket}이(가) ${d.setting}을(를) 끕니다: S3 Block Public Access가 더 이상 이 버킷을 공개 ${d.setting.endsWith('Acls') ? 'ACL' : '버킷 정책'}로부터 보호하지 않습니다. 버킷을 의도적으로 공개하는 경우가 아니면 true로 두십시오`,
};

/** Canned ACLs that grant AllUsers or AuthenticatedUsers: public in S3's meaning. */
const PUBLIC_ACLS = new Set(['PublicRead', 'PublicReadWrite', 'AuthenticatedRead']);

/** The setting that neutralises a public canned ACL of the bucket, as the message names it. */
function aclNeutraliser(bucket: BucketFacts): { setting: string; line: string; effect: 'reject' | 'ignore' } | undefined {
  const bpa = bucket.publicAccessBlock;
  if (!bpa) return { setting: 'PublicAccessBlockConfiguration', line: '', effect: 'reject' };
  if (bpa.blockPublicAcls?.value) return { setting: 'BlockPublicAcls', line: String(bpa.blockPublicAcls.span.line), effect: 'reject' };
  if (bpa.ignorePublicAcls?.value) return { setting: 'IgnorePublicAcls', line: String(bpa.ignorePublicAcls.span.line), effect: 'ignore' };
  return undefined;
}

function aclSettingEn(d: Data): string {
  return d.line === '' ? 'it writes no PublicAccessBlockConfiguration (new buckets block public access by default)' : `${d.setting} is true (line ${d.line})`;
}

function aclSettingKo(d: Data): string {
  return d.line === ''
    ? 'PublicAccessBlockConfiguration이 없습니다(새 버킷은 기본적으로 퍼블릭 액세스를 차단합니다)'
    : `${d.setting}이(가) true입니다(${d.line}행)`;
}

/** The Block Public Access setting that neutralises a public statement, with its kind: BlockPublicPolicy first (the policy is never stored). */
function neutraliser(bucket: BucketFacts): { kind: Data['kind']; setting: string; flag?: BucketFlag } | undefined {
  const bpa = bucket.publicAccessBlock;
  if (!bpa) return { kind: 'default-blocked', setting: 'PublicAccessBlockConfiguration' };
  if (bpa.blockPublicPolicy?.value) return { kind: 'policy-blocked', setting: 'BlockPublicPolicy', flag: bpa.blockPublicPolicy };
  if (bpa.restrictPublicBuckets?.value) return { kind: 'restricted', setting: 'RestrictPublicBuckets', flag: bpa.restrictPublicBuckets };
  return undefined;
}

/**
 * A bucket policy read beside its bucket (CloudFormation `Bucket: !Ref X`): a statement the evaluator finds
 * public (as `public-principal-unconditioned` decides it) that the bucket's Block Public Access settings
 * neutralise — BlockPublicPolicy rejects the policy, RestrictPublicBuckets denies the public request, and a
 * bucket that writes no settings has them all on by default — and each setting the code turns off.
 */
export const s3BlockPublicAccess: Rule<Data> = {
  meta: {
    id: 's3-block-public-access',
    severity: 'warning',
    description: "a public bucket policy that the bucket's Block Public Access settings neutralise, or a Block Public Access setting turned off",
    docs: 'docs/rules/s3-block-public-access.md',
    group: 'S',
    usesServiceData: true,
    message: { en: (d) => EN[d.kind](d), ko: (d) => KO[d.kind](d) },
  },
  async check({ policy, origin, bucket }, report) {
    if (!bucket || hostOf(policy, origin) !== 's3-bucket') return;
    const base = { bucket: bucket.bucket, sid: '', witness: '', line: '', acl: '', effect: '' as const };
    const at = (span: SourceSpan, element: string, data: Data, statementIndex?: number): RuleReport<Data> => ({
      span,
      element,
      data,
      ...(statementIndex !== undefined ? { statementIndex } : {}),
    });
    for (const [key, setting] of FLAGS) {
      const flag = bucket.publicAccessBlock?.[key];
      if (flag && !flag.value) report(at(flag.span, `Bucket/${setting}`, { ...base, kind: 'flag-off', setting }));
    }
    const acl = bucket.accessControl;
    const aclWhy = acl && PUBLIC_ACLS.has(acl.value) ? aclNeutraliser(bucket) : undefined;
    if (acl && aclWhy) report(at(acl.span, 'Bucket/AccessControl', { ...base, kind: 'acl-blocked', ...aclWhy, acl: acl.value }));
    const why = neutraliser(bucket);
    if (!why) return;
    for (const s of policy.statements) {
      const everyone = everyoneValue(s);
      const w = everyone ? await publicWitness(policy, 's3-bucket', s) : undefined;
      if (!everyone || !w) continue;
      const data: Data = {
        ...base,
        kind: why.kind,
        setting: why.setting,
        sid: statementName(s),
        witness: describeWitness(w),
        line: String(why.flag?.span.line ?? ''),
      };
      report(at(everyone.span, 'Principal', data, s.index));
    }
  },
};
