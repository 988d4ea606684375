import type { Rule } from '../model/rule.js';
import type { Condition, PolicyDocument, PrincipalValue, Statement } from '../model/policy.js';
import { contextFor, decideWitness, hostOf, ownerOf, resourcesFor, statementName, withStatements } from './witness.js';

type Data = { kind: 'acl' | 'writer'; sid: string; key: string; bucket: string; how: string };

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
/** The account of an AWS principal written as an account ID or an IAM ARN. */
function accountOf(p: PrincipalValue): string | undefined {
  if (p.type !== 'AWS') return undefined;
  return /^(?:arn:[^:]+:iam::)?(\d{12})(?::|$)/.exec(p.value)?.[1];
}

/**
 * The other account's principals a statement lets upload objects, decided by the evaluator: a role of that
 * account (its own administrator allowing it everything) or the named principal puts an object.
 */
async function crossAccountWriters(policy: PolicyDocument, s: Statement, owner: string): Promise<PrincipalValue[]> {
  if (s.effect !== 'Allow') return [];
  const [resource] = await resourcesFor(s, 's3:PutObject', 's3-bucket', owner);
  if (resource === undefined) return [];
  const only = withStatements(policy, (x) => x === s || x.effect === 'Deny');
  const out: PrincipalValue[] = [];
  for (const p of s.principal ?? []) {
    const account = accountOf(p);
    if (account === undefined || account === owner) continue;
    const principal = /:(role|user)\//.test(p.value) ? p.value : `arn:aws:iam::${account}:role/witness`;
    const w = { principal, action: 's3:PutObject', resource, context: contextFor(s, () => true) };
    if ((await decideWitness(only, 's3-bucket', owner, w)) === 'Allowed') out.push(p);
  }
  return out;
}

const EN: Record<Data['kind'], (d: Data) => string> = {
  acl: ({ sid, key, bucket, how }) =>
    `statement ${sid} depends on the ACL header ${key}, but bucket ${bucket} has ACLs disabled (ObjectOwnership BucketOwnerEnforced${how}): a PUT that sends an ACL other than bucket-owner-full-control fails with 400 AccessControlListNotSupported; drop the ACL condition and grant access with the policy, or set ObjectOwnership on purpose`,
  writer: ({ sid, key, bucket }) =>
    `statement ${sid} lets ${key} upload objects, but bucket ${bucket} is ObjectWriter: the objects it writes stay its own, and this bucket policy does not apply to them (others get 403 AccessDenied reading them); set ObjectOwnership to BucketOwnerEnforced`,
};

const KO: Record<Data['kind'], (d: Data) => string> = {
  acl: ({ sid, key, bucket, how }) =>
    `정책 문 ${sid}은(는) ACL 헤더 ${key}에 의존하지만 버킷 ${bucket}은(는) ACL이 비활성화되어 있습니다(ObjectOwnership BucketOwnerEnforced${how === '' ? '' : ', 새 버킷의 기본값'}): bucket-owner-full-control 이외의 ACL을 보내는 PUT은 400 AccessControlListNotSupported로 실패합니다. ACL 조건을 없애고 정책으로 권한을 부여하거나, 의도한 경우 ObjectOwnership을 설정하십시오`,
  writer: ({ sid, key, bucket }) =>
    `정책 문 ${sid}은(는) ${key}에게 객체 업로드를 허용하지만 버킷 ${bucket}은(는) ObjectWriter입니다: 그 계정이 쓴 객체는 그 계정 소유로 남고 이 버킷 정책이 적용되지 않습니다(다른 보안 주체가 읽으면 403 AccessDenied). ObjectOwnership을 BucketOwnerEnforced로 설정하십시오`,
};

/**
 * A bucket policy read beside its bucket whose statements require or grant an ACL header (`s3:x-amz-acl`
 * other than bucket-owner-full-control, `s3:x-amz-grant-*`) while the bucket's Object Ownership is
 * BucketOwnerEnforced (written, or the default of a new bucket): such PUTs fail with 400
 * AccessControlListNotSupported. Under ObjectWriter, another account the evaluator lets upload keeps the
 * objects it writes, and the bucket policy does not apply to them.
 */
export const s3AclVsObjectOwnership: Rule<Data> = {
  meta: {
    id: 's3-acl-vs-object-ownership',
    severity: 'warning',
    description:
      'a bucket policy that requires or grants ACL headers on a bucket whose ObjectOwnership is BucketOwnerEnforced (ACLs disabled), or lets another account upload under ObjectWriter',
    docs: 'docs/rules/s3-acl-vs-object-ownership.md',
    group: 'S',
    usesServiceData: true,
    message: { en: (d) => EN[d.kind](d), ko: (d) => KO[d.kind](d) },
  },
  async check({ policy, origin, bucket }, report) {
    if (!bucket || hostOf(policy, origin) !== 's3-bucket') return;
    const ownership = bucket.objectOwnership?.value;
    if (ownership === 'ObjectWriter') {
      const owner = ownerOf(policy);
      for (const s of policy.statements) {
        for (const p of await crossAccountWriters(policy, s, owner)) {
          report({
            span: p.span,
            statementIndex: s.index,
            element: `Principal/${p.value}`,
            data: { kind: 'writer', sid: statementName(s), key: p.value, bucket: bucket.bucket, how: '' },
          });
        }
      }
      return;
    }
    if (ownership !== undefined && ownership !== 'BucketOwnerEnforced') return;
    const how = ownership === undefined ? ', the default of a new bucket' : '';
    for (const s of policy.statements) {
      for (const c of s.conditions) {
        if (!demandsAcl(s, c)) continue;
        report({
          span: c.keySpan,
          statementIndex: s.index,
          element: `Condition/${c.key}`,
          data: { kind: 'acl', sid: statementName(s), key: c.key, bucket: bucket.bucket, how },
        });
      }
    }
  },
};
