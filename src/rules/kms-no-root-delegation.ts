import type { Rule } from '../model/rule.js';
import { hasPlaceholder } from '../iam/placeholder.js';
import { decideWitness, hostOf, ownerOf } from './witness.js';

/**
 * A key policy under which an IAM policy cannot grant the key: the evaluator denies an administrator role
 * of the key's account (whose IAM policy allows everything) kms:PutKeyPolicy or kms:Decrypt, because no
 * statement allows the account (`arn:aws:iam::ACCOUNT:root`) or another principal that covers the role.
 * "Unlike other AWS resource policies, an AWS KMS key policy does not automatically give permission to the
 * account or any of its users" (AWS KMS Developer Guide, "Default key policy").
 */
export const kmsNoRootDelegation: Rule<{ account: string; action: string }> = {
  meta: {
    id: 'kms-no-root-delegation',
    severity: 'warning',
    description: "the key policy does not let IAM policies of the key's account grant access (no root delegation)",
    docs: 'docs/rules/kms-no-root-delegation.md',
    group: 'K',
    message: {
      en: ({ account, action }) =>
        `no IAM policy in account ${account} can grant ${action} on this key: the key policy does not allow arn:aws:iam::${account}:root; if the principals it names are deleted, the key cannot be managed`,
      ko: ({ account, action }) =>
        `계정 ${account}의 IAM 정책으로는 이 키에 대한 ${action}을(를) 허용할 수 없습니다: 키 정책이 arn:aws:iam::${account}:root를 허용하지 않습니다. 키 정책에 지정된 보안 주체가 삭제되면 키를 관리할 수 없게 됩니다`,
    },
  },
  async check({ policy, origin }, report) {
    if (policy.policyType !== 'kmsKey' && hostOf(policy, origin) !== 'kms-key') return;
    // A principal whose account is known only at deployment (`{{AWS.AccountId}}` in a template) may well be
    // this key's account: no witness can say, so nothing is reported (a missed finding, never a false one).
    if (policy.statements.some((st) => st.effect === 'Allow' && (st.principal ?? []).some((p) => hasPlaceholder(p.value)))) return;
    const account = ownerOf(policy);
    const principal = `arn:aws:iam::${account}:role/witness-admin`;
    const resource = `arn:aws:kms:us-east-1:${account}:key/witness`;
    for (const action of ['kms:PutKeyPolicy', 'kms:Decrypt']) {
      const d = await decideWitness(policy, 'kms-key', account, { principal, action, resource, context: [] });
      if (d === 'Allowed') continue;
      report({ span: policy.statementKeySpan ?? policy.span, element: `root-delegation/${action}`, data: { account, action } });
      return;
    }
  },
};
