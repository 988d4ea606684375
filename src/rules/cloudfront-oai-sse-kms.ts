import type { PolicyDocument } from '../model/policy.js';
import type { Rule } from '../model/rule.js';
import { bucketOf } from './secure-transport.js';
import { bucketAccount, demandedValue } from './cross-account.js';
import { contextFor, evaluateWitness, hostOf, statementName, type Witness } from './witness.js';

const OAI = /^arn:aws:iam::cloudfront:user\/CloudFront Origin Access Identity [A-Z0-9]+$/;
const SSE = 's3:x-amz-server-side-encryption';
const KEY_ID = 's3:x-amz-server-side-encryption-aws-kms-key-id';

/** The KMS key the bucket policy demands of uploads (SSE-KMS required): the key ARN it names, else a witness key of the bucket's account. */
function kmsDemand(policy: PolicyDocument, owner: string): string | undefined {
  let kms = false;
  for (const s of policy.statements) {
    for (const c of s.conditions) {
      const value = demandedValue(s, c);
      if (value === undefined) continue;
      const key = c.key.toLowerCase();
      if (key === KEY_ID && value.startsWith('arn:')) return value;
      if (key === KEY_ID || (key === SSE && value.startsWith('aws:kms'))) kms = true;
    }
  }
  return kms ? `arn:aws:kms:us-east-1:${owner}:key/witness` : undefined;
}

/**
 * A bucket policy that grants a CloudFront origin access identity (OAI) reads while it requires SSE-KMS on
 * uploads (a Deny of s3:PutObject without `aws:kms`, or a demanded KMS key): the evaluator decides the OAI's
 * s3:GetObject of an object under that key, S3's chained kms:Decrypt included, and an OAI cannot be granted
 * a KMS key. "We recommend that you use OAC instead because it supports the following features: ... Amazon
 * S3 server-side encryption with AWS KMS (SSE-KMS) ... OAI doesn't support these features or it requires
 * extra workarounds in those scenarios." (Amazon CloudFront Developer Guide, "Restrict access to an Amazon
 * S3 origin"). An OAI named by its S3 canonical user ID is not read: one policy cannot say it is an OAI.
 */
export const cloudfrontOaiSseKms: Rule<{ sid: string; oai: string }> = {
  meta: {
    id: 'cloudfront-oai-sse-kms',
    severity: 'error',
    description: 'a CloudFront origin access identity (OAI) reads a bucket whose policy requires SSE-KMS: an OAI cannot decrypt',
    docs: 'docs/rules/cloudfront-oai-sse-kms.md',
    group: 'S',
    message: {
      en: ({ sid, oai }) =>
        `statement ${sid} lets ${oai} read, but the bucket policy requires SSE-KMS and an origin access identity cannot use a KMS key: its reads are denied; switch the distribution to origin access control (OAC) and allow cloudfront.amazonaws.com kms:Decrypt in the key policy`,
      ko: ({ sid, oai }) =>
        `정책 문 ${sid}은(는) ${oai}의 읽기를 허용하지만 버킷 정책이 SSE-KMS를 요구하며 원본 액세스 ID(OAI)는 KMS 키를 사용할 수 없습니다: 읽기가 거부됩니다. 배포를 원본 액세스 제어(OAC)로 바꾸고 키 정책에서 cloudfront.amazonaws.com의 kms:Decrypt를 허용하십시오`,
    },
  },
  async check({ policy, origin }, report) {
    if (hostOf(policy, origin) !== 's3-bucket') return;
    const owner = bucketAccount(policy);
    const key = kmsDemand(policy, owner);
    if (!key) return;
    const resource = `arn:aws:s3:::${bucketOf(policy)}/witness`;
    for (const s of policy.statements) {
      const p = s.effect === 'Allow' ? s.principal?.find((x) => x.type === 'AWS' && OAI.test(x.value)) : undefined;
      if (!p) continue;
      const context: Witness['context'] = [...contextFor(s, (c) => !c.key.toLowerCase().startsWith(SSE)), [KEY_ID, [key], false]];
      const e = await evaluateWitness(policy, 's3-bucket', owner, { principal: p.value, action: 's3:GetObject', resource, context });
      if (e.why.code !== 'chainedDenied' || !e.why.chained.some((c) => c.action === 'kms:Decrypt')) continue;
      report({ span: p.span, statementIndex: s.index, element: 'Principal', data: { sid: statementName(s), oai: p.value } });
    }
  },
};
