import type { Rule } from '../model/rule.js';
import type { Condition, Statement } from '../model/policy.js';
import { hostOf, statementName } from './witness.js';

/** The one canned ACL a bucket with ACLs disabled still accepts on PUT. */
const OWNER_FULL_CONTROL = 'bucket-owner-full-control';

/**
 * Whether a condition makes the statement apply only to requests that carry an ACL header other than
 * bucket-owner-full-control: an Allow whose `s3:x-amz-acl` values are all other ACLs, or any
 * `s3:x-amz-grant-*` header; a Deny that, with a negated operator, denies every request without such a value.
 */
function demandsAcl(s: Statement, c: Condition): boolean {
  const key = c.key.toLowerCase();
  const grant = key.startsWith('s3:x-amz-grant-');
  if (key !== 's3:x-amz-acl' && !grant) return false;
  if (c.operator.base.family === 'Null') return false;
  // Only values other than bucket-owner-full-control satisfy it: a request without an ACL, or with the owner's, cannot.
  const other = grant || c.values.every((v) => v.text !== OWNER_FULL_CONTROL);
  if (s.effect === 'Allow') return !c.operator.base.negated && other;
  return c.operator.base.negated && !c.operator.ifExists && other;
}

/**
 * A bucket policy read beside its bucket whose statements require or grant an ACL header (`s3:x-amz-acl`
 * other than bucket-owner-full-control, `s3:x-amz-grant-*`) while the bucket's Object Ownership is
 * BucketOwnerEnforced (written, or the default of a new bucket): such PUTs fail with 400
 * AccessControlListNotSupported.
 */
export const s3AclVsObjectOwnership: Rule<{ sid: string; key: string; bucket: string; how: string }> = {
  meta: {
    id: 's3-acl-vs-object-ownership',
    severity: 'warning',
    description: 'a bucket policy that requires or grants ACL headers on a bucket whose ObjectOwnership is BucketOwnerEnforced (ACLs disabled)',
    docs: 'docs/rules/s3-acl-vs-object-ownership.md',
    group: 'S',
    message: {
      en: ({ sid, key, bucket, how }) =>
        `statement ${sid} depends on the ACL header ${key}, but bucket ${bucket} has ACLs disabled (ObjectOwnership BucketOwnerEnforced${how}): a PUT that sends an ACL other than bucket-owner-full-control fails with 400 AccessControlListNotSupported; drop the ACL condition and grant access with the policy, or set ObjectOwnership on purpose`,
      ko: ({ sid, key, bucket, how }) =>
        `정책 문 ${sid}은(는) ACL 헤더 ${key}에 의존하지만 버킷 ${bucket}은(는) ACL이 비활성화되어 있습니다(ObjectOwnership BucketOwnerEnforced${how === '' ? '' : ', 기본값'}): bucket-owner-full-control 이외의 ACL을 보내는 PUT은 400 AccessControlListNotSupported로 실패합니다. ACL 조건을 없애고 정책으로 권한을 부여하거나, 의도한 경우 ObjectOwnership을 설정하십시오`,
    },
  },
  check({ policy, origin, bucket }, report) {
    if (!bucket || hostOf(policy, origin) !== 's3-bucket') return;
    const ownership = bucket.objectOwnership?.value;
    if (ownership !== undefined && ownership !== 'BucketOwnerEnforced') return;
    const how = ownership === undefined ? ', the default of a new bucket' : '';
    for (const s of policy.statements) {
      for (const c of s.conditions) {
        if (!demandsAcl(s, c)) continue;
        report({
          span: c.keySpan,
          statementIndex: s.index,
          element: `Condition/${c.key}`,
          data: { sid: statementName(s), key: c.key, bucket: bucket.bucket, how },
        });
      }
    }
  },
};
