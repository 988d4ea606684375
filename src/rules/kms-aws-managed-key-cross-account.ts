import type { Condition, PolicyDocument, Statement } from '../model/policy.js';
import type { Rule } from '../model/rule.js';
import { bucketOf } from './secure-transport.js';
import { bucketAccount, callerOf, demandedValue, PRINCIPALS_PER_STATEMENT } from './cross-account.js';
import { contextFor, evaluateWitness, hostOf, statementName, type Witness } from './witness.js';

const KEY_ID = 's3:x-amz-server-side-encryption-aws-kms-key-id';
const SSE = 's3:x-amz-server-side-encryption';

/** The first condition that demands the AWS managed key `aws/s3` on requests (`alias/aws/s3`, bare or as an ARN). */
function managedKeyDemand(policy: PolicyDocument): { statement: Statement; condition: Condition; value: string } | undefined {
  for (const statement of policy.statements) {
    for (const condition of statement.conditions) {
      if (condition.key.toLowerCase() !== KEY_ID) continue;
      const value = demandedValue(statement, condition);
      if (value !== undefined && /(^|:)alias\/aws\/s3$/.test(value)) return { statement, condition, value };
    }
  }
  return undefined;
}

/**
 * A bucket policy that grants another account (or `*`) reads or uploads while it demands the AWS managed key
 * `aws/s3` (`s3:x-amz-server-side-encryption-aws-kms-key-id`): that key's policy lets only its own account
 * use it and cannot be changed, so the evaluator, deciding each other-account caller's s3:GetObject and
 * s3:PutObject with S3's chained KMS authorization against the managed key's policy, denies it. "Objects
 * encrypted using SSE-KMS with AWS managed keys can't be shared cross-account. If you need to share SSE-KMS
 * data cross-account, you must use a customer managed key from AWS KMS." (Amazon S3 User Guide, "Using
 * server-side encryption with AWS KMS keys (SSE-KMS)").
 */
export const kmsAwsManagedKeyCrossAccount: Rule<{ sid: string; principal: string; action: string; key: string }> = {
  meta: {
    id: 'kms-aws-managed-key-cross-account',
    severity: 'error',
    description: 'the bucket policy grants another account access to objects under the AWS managed key aws/s3, which cannot be shared across accounts',
    docs: 'docs/rules/kms-aws-managed-key-cross-account.md',
    group: 'K',
    message: {
      en: ({ sid, principal, action, key }) =>
        `statement ${sid} grants ${principal} ${action}, but the policy demands the AWS managed key ${key}, whose key policy lets only its own account use it and cannot be changed: the request is denied; use a customer managed key and grant the other account in its key policy`,
      ko: ({ sid, principal, action, key }) =>
        `정책 문 ${sid}은(는) ${principal}에게 ${action}을(를) 허용하지만 정책이 AWS 관리형 키 ${key}를 요구합니다. 이 키의 키 정책은 자기 계정만 사용을 허용하며 변경할 수 없으므로 요청이 거부됩니다. 고객 관리형 키를 사용하고 그 키 정책에서 다른 계정을 허용하십시오`,
    },
  },
  async check({ policy, origin }, report) {
    if (hostOf(policy, origin) !== 's3-bucket') return;
    const d = managedKeyDemand(policy);
    if (!d) return;
    const owner = bucketAccount(policy);
    const resource = `arn:aws:s3:::${bucketOf(policy)}/witness`;
    const where = { span: d.condition.keySpan, statementIndex: d.statement.index, element: `Condition/${d.condition.key}` };
    for (const s of policy.statements) {
      if (s.effect !== 'Allow' || !s.principal) continue;
      const context: Witness['context'] = [
        ...contextFor(s, (c) => !c.key.toLowerCase().startsWith(SSE)),
        [d.condition.key, [d.value], false],
        ['s3:x-amz-server-side-encryption', ['aws:kms'], false],
      ];
      for (const p of s.principal.slice(0, PRINCIPALS_PER_STATEMENT)) {
        const principal = callerOf(p, owner);
        if (!principal || p.type === 'Service') continue;
        for (const action of ['s3:GetObject', 's3:PutObject']) {
          const e = await evaluateWitness(policy, 's3-bucket', owner, { principal, action, resource, context });
          const managedDenied = e.additionalRequests.some((c) => c.kmsKey?.awsManaged && c.decision !== 'Allowed');
          if (e.why.code !== 'chainedDenied' || !managedDenied) continue;
          report({ ...where, data: { sid: statementName(s), principal: p.value, action, key: d.value } });
          return;
        }
      }
    }
  },
};
