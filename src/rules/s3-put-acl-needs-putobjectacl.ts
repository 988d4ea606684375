import type { Condition, PolicyDocument, PrincipalValue, Statement } from '../model/policy.js';
import type { Rule } from '../model/rule.js';
import { hasPlaceholder } from '../iam/placeholder.js';
import { bucketOf } from './secure-transport.js';
import { concrete, contextFor, evaluateWitness, foreignAccount, hasWildcard, hostOf, sessionOf, statementName, type Witness } from './witness.js';

/** At most this many principals per statement are tried: each is one evaluation. */
const PRINCIPALS_PER_STATEMENT = 4;

const ACL_KEY = /^s3:x-amz-(acl|grant-[a-z-]+)$/i;

/**
 * The ACL header a condition demands on an upload, and the value that meets it: a non-negated Allow
 * condition (`StringEquals s3:x-amz-acl bucket-owner-full-control`), or a Deny that refuses uploads
 * without it (`StringNotEquals …`, `Null … true`). Undefined for a condition that forbids a value.
 */
function demanded(s: Statement, c: Condition): string | undefined {
  if (!ACL_KEY.test(c.key)) return undefined;
  const first = c.values[0]?.text;
  const { family, negated } = c.operator.base;
  if (family === 'Null') {
    const absentDenied = s.effect === 'Deny' && first?.toLowerCase() === 'true';
    const presentAllowed = s.effect === 'Allow' && first?.toLowerCase() === 'false';
    if (!absentDenied && !presentAllowed) return undefined;
    return c.key.toLowerCase() === 's3:x-amz-acl' ? 'bucket-owner-full-control' : 'id=witness';
  }
  if (family !== 'String' || first === undefined) return undefined;
  return (s.effect === 'Deny') === negated ? concrete(first) : undefined;
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

/** The caller a Principal value stands for, as a request principal: a role session for an account or a role. */
function callerOf(p: PrincipalValue, owner: string): string | undefined {
  if (p.type === 'Service') return p.value;
  if ((p.type !== 'AWS' && p.type !== '*') || hasPlaceholder(p.value)) return undefined;
  if (p.value === '*') return `arn:aws:iam::${foreignAccount(owner)}:role/witness`;
  if (hasWildcard(p.value)) return undefined;
  const account = /^(?:arn:[^:]+:iam::)?(\d{12})(?::root)?$/.exec(p.value);
  if (account) return `arn:aws:iam::${account[1]}:role/witness`;
  if (/^arn:[^:]+:iam::\d{12}:role\//.test(p.value)) return sessionOf(p.value, []);
  return /^arn:[^:]+:iam::\d{12}:user\//.test(p.value) ? p.value : undefined;
}

/**
 * The bucket's account: an account in a Resource ARN, else one no principal of the policy names (an S3 ARN
 * names no account, and `bucket-owner-full-control` is demanded of writers of other accounts: a writer of
 * the bucket's own account needs s3:PutObjectAcl in its IAM policy, which one bucket policy cannot show).
 */
function bucketAccount(policy: PolicyDocument): string {
  const named = new Set<string>();
  for (const s of policy.statements) {
    for (const r of s.resource ?? []) {
      const m = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(r.text);
      if (m) return m[1]!;
    }
    for (const p of s.principal ?? []) for (const m of p.value.matchAll(/\d{12}/g)) named.add(m[0]);
  }
  return ['111122223333', '210987654321', '123456789012'].find((a) => !named.has(a)) ?? '000000000000';
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
