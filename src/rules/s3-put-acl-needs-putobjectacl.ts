import type { Condition, PolicyDocument, Statement } from '../model/policy.js';
import type { Rule } from '../model/rule.js';
import { bucketOf } from './secure-transport.js';
import { bucketAccount, callerOf, demandedValue, PRINCIPALS_PER_STATEMENT } from './cross-account.js';
import { contextFor, evaluateWitness, hostOf, statementName, type Witness } from './witness.js';

const ACL_KEY = /^s3:x-amz-(acl|grant-[a-z-]+)$/i;

/**
 * The ACL header a condition demands on an upload, and the value that meets it: a non-negated Allow
 * condition (`StringEquals s3:x-amz-acl bucket-owner-full-control`), or a Deny that refuses uploads
 * without it (`StringNotEquals …`, `Null … true`). Undefined for a condition that forbids a value.
 */
function demanded(s: Statement, c: Condition): string | undefined {
  if (!ACL_KEY.test(c.key)) return undefined;
  const first = c.values[0]?.text;
  const { family } = c.operator.base;
  if (family === 'Null') {
    const absentDenied = s.effect === 'Deny' && first?.toLowerCase() === 'true';
    const presentAllowed = s.effect === 'Allow' && first?.toLowerCase() === 'false';
    if (!absentDenied && !presentAllowed) return undefined;
    return c.key.toLowerCase() === 's3:x-amz-acl' ? 'bucket-owner-full-control' : 'id=witness';
  }
  return demandedValue(s, c);
}

/** The first condition of the policy that demands an ACL header on uploads, with its statement and value. */
function demand(policy: PolicyDocument): { statement: Statement; condition: Condition; value: string } | undefined {
  for (const statement of policy.statements) {
    for (const condition of statement.conditions) {
      const value = demanded(statement, condition);
      if (value !== undefined) return { statement, condition, value };
    }
  }
  return undefined;
}

/**
 * A bucket policy that demands an ACL header on s3:PutObject (`s3:x-amz-acl` bucket-owner-full-control,
 * `s3:x-amz-grant-full-control` …) while it does not grant s3:PutObjectAcl to a principal it lets upload:
 * an upload carrying the header needs both. "s3:PutObjectAcl - To successfully change the objects ACL of
 * your PutObject request, you must have the s3:PutObjectAcl" (Amazon S3 API Reference, "PutObject"). The
 * evaluator decides each principal's upload with the header, its chained s3:PutObjectAcl included; a
 * principal of the bucket's account is given an allow-all IAM policy (which would grant the ACL), so the
 * finding is about principals the bucket policy alone must grant.
 */
export const s3PutAclNeedsPutObjectAcl: Rule<{ sid: string; principal: string; header: string }> = {
  meta: {
    id: 's3-put-acl-needs-putobjectacl',
    severity: 'error',
    description: 'the bucket policy demands an ACL header on uploads but does not grant s3:PutObjectAcl to the principals it lets upload',
    docs: 'docs/rules/s3-put-acl-needs-putobjectacl.md',
    group: 'R',
    message: {
      en: ({ sid, principal, header }) =>
        `statement ${sid} lets ${principal} upload, but an upload with ${header} also needs s3:PutObjectAcl, which the policy does not grant it: the upload the condition demands is denied; allow s3:PutObjectAcl on the same objects`,
      ko: ({ sid, principal, header }) =>
        `정책 문 ${sid}은(는) ${principal}의 업로드를 허용하지만 ${header}를 포함한 업로드에는 s3:PutObjectAcl도 필요하며 정책이 이를 허용하지 않습니다: 조건이 요구하는 업로드가 거부됩니다. 같은 객체에 대해 s3:PutObjectAcl을 허용하십시오`,
    },
  },
  async check({ policy, origin }, report) {
    if (hostOf(policy, origin) !== 's3-bucket') return;
    const d = demand(policy);
    if (!d) return;
    const owner = bucketAccount(policy);
    const resource = `arn:aws:s3:::${bucketOf(policy)}/witness`;
    const header: Witness['context'][number] = [d.condition.key, [d.value], false];
    for (const s of policy.statements) {
      if (s.effect !== 'Allow' || !s.principal) continue;
      const context = [...contextFor(s, (c) => !ACL_KEY.test(c.key)), header];
      for (const p of s.principal.slice(0, PRINCIPALS_PER_STATEMENT)) {
        const principal = callerOf(p, owner);
        if (!principal) continue;
        const w: Witness = { principal, action: 's3:PutObject', resource, context };
        const e = await evaluateWitness(policy, 's3-bucket', owner, w);
        if (e.why.code !== 'chainedDenied' || !e.why.chained.some((c) => c.action === 's3:PutObjectAcl')) continue;
        const where = { span: d.condition.keySpan, statementIndex: d.statement.index, element: `Condition/${d.condition.key}` };
        report({ ...where, data: { sid: statementName(s), principal: p.value, header: `${d.condition.key}=${d.value}` } });
        return;
      }
    }
  },
};
