import type { Rule } from '../model/rule.js';
import type { PolicyDocument } from '../model/policy.js';
import { bucketOf } from './secure-transport.js';
import { concrete, decideWitness, sessionOf, hostOf, ownerOf, satisfying, statementName, withStatements, type Witness } from './witness.js';

/** IAM roles and users of the owner's account the policy names (Principal values, aws:PrincipalArn values): who may be its administrators. */
function namedAdmins(policy: PolicyDocument, owner: string): string[] {
  const listed = policy.statements.flatMap((s) => [...(s.principal ?? []), ...(s.notPrincipal ?? [])].map((p) => p.value));
  const out = [sessionOf(`arn:aws:iam::${owner}:role/witness-admin`, listed)!];
  // A role acts through its sessions (the ones the policy lists, when it lists one).
  const add = (v: string) => {
    const arn = concrete(v);
    if (!new RegExp(`^arn:aws:iam::${owner}:(role|user)/`).test(arn)) return;
    const who = sessionOf(arn, listed) ?? arn;
    if (!out.includes(who)) out.push(who);
  };
  for (const s of policy.statements) {
    for (const p of [...(s.principal ?? []), ...(s.notPrincipal ?? [])]) if (p.type === 'AWS') add(p.value);
    for (const c of s.conditions) if (c.key.toLowerCase() === 'aws:principalarn') c.values.forEach((v) => add(v.text));
  }
  return out.slice(0, 6);
}

/** A context under which no negated Deny condition holds (the exception the Deny leaves: an endpoint, a tag…). */
function escapeContext(policy: PolicyDocument): Witness['context'] {
  const out: Witness['context'] = [];
  for (const s of policy.statements) {
    if (s.effect !== 'Deny') continue;
    for (const c of s.conditions) {
      const key = c.key.toLowerCase();
      if (!c.operator.base.negated || key.startsWith('aws:principal') || key === 'aws:userid' || out.some(([k]) => k.toLowerCase() === key)) continue;
      const v = satisfying(c);
      if (v !== undefined) out.push([c.key, [v], c.operator.set !== undefined]);
    }
  }
  return out;
}

const MANAGE = ['s3:PutBucketPolicy', 's3:DeleteBucketPolicy'];

/**
 * A bucket policy whose Deny leaves no administrator but the root user able to change or delete it: the
 * evaluator denies s3:PutBucketPolicy and s3:DeleteBucketPolicy to every IAM role and user of the owner's
 * account that the policy names (and to any other), each allowed everything by its IAM policy, in the
 * context the Deny's exceptions ask for. The root user is not asked: "the root principal in a bucket owner's Amazon Web Services account can perform the GetBucketPolicy,
 * PutBucketPolicy, and DeleteBucketPolicy API actions, even if their bucket policy explicitly denies the root
 * principal's access" (Amazon S3 API Reference, PutBucketPolicy).
 */
export const bucketPolicyLockout: Rule<{ sid: string; account: string }> = {
  meta: {
    id: 'bucket-policy-lockout',
    severity: 'warning',
    description: 'a Deny leaves only the root user able to change or delete the bucket policy',
    docs: 'docs/rules/bucket-policy-lockout.md',
    group: 'S',
    message: {
      en: ({ sid, account }) =>
        `statement ${sid} denies every administrator of account ${account} s3:PutBucketPolicy and s3:DeleteBucketPolicy: only the account's root user can change or delete this bucket policy; exempt an administrator role with ArnNotLike aws:PrincipalArn`,
      ko: ({ sid, account }) =>
        `정책 문 ${sid}은(는) 계정 ${account}의 모든 관리자에게 s3:PutBucketPolicy와 s3:DeleteBucketPolicy를 거부합니다: 이 버킷 정책은 계정의 루트 사용자만 변경하거나 삭제할 수 있습니다. ArnNotLike aws:PrincipalArn 조건으로 관리자 역할을 예외로 두십시오`,
    },
  },
  async check({ policy, origin }, report) {
    if (hostOf(policy, origin) !== 's3-bucket' || !policy.statements.some((s) => s.effect === 'Deny')) return;
    const owner = ownerOf(policy);
    const resource = `arn:aws:s3:::${bucketOf(policy)}`;
    const context = escapeContext(policy);
    for (const principal of namedAdmins(policy, owner)) {
      for (const action of MANAGE) {
        if ((await decideWitness(policy, 's3-bucket', owner, { principal, action, resource, context })) !== 'ExplicitDeny') return;
      }
    }
    // Every administrator is denied: name the Deny that denies the first one on its own.
    const first = { principal: namedAdmins(policy, owner)[0]!, action: MANAGE[0]!, resource, context };
    for (const s of policy.statements) {
      if (s.effect !== 'Deny') continue;
      if (
        (await decideWitness(
          withStatements(policy, (x) => x === s),
          's3-bucket',
          owner,
          first,
        )) !== 'ExplicitDeny'
      )
        continue;
      report({ span: s.span, statementIndex: s.index, element: 'Deny', data: { sid: statementName(s), account: owner } });
      return;
    }
  },
};
