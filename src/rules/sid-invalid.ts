import type { PolicyType } from '../model/policy.js';
import type { Rule } from '../model/rule.js';

type Data = { sid: string; kind: 'characters' | 'duplicate' };

/** The IAM policy types, whose Sid rules the IAM User Guide gives (other services' Sids are sub-ids of their own). */
const IAM_TYPES: ReadonlySet<PolicyType> = new Set(['identity', 'boundary']);

/**
 * A Sid IAM does not accept. IAM User Guide, "IAM JSON policy elements: Sid": "In IAM, the Sid value must be
 * unique within a JSON policy." and "The Sid element supports uppercase letters, lowercase letters, and numbers."
 * Checked in IAM policies only: "In services that let you specify an ID element, such as SQS and SNS, the Sid
 * value is just a sub-ID of the policy document's ID."
 */
export const sidInvalid: Rule<Data> = {
  meta: {
    id: 'sid-invalid',
    severity: 'warning',
    description: 'a Sid in an IAM policy that repeats another or has characters other than letters and digits',
    docs: 'docs/rules/sid-invalid.md',
    group: 'P',
    message: {
      en: (d) =>
        d.kind === 'duplicate'
          ? `Sid \`${d.sid}\` repeats an earlier statement's: in IAM, the Sid value must be unique within a policy`
          : `Sid \`${d.sid}\` has characters IAM does not accept: only letters (A-Z, a-z) and digits (0-9)`,
      ko: (d) =>
        d.kind === 'duplicate'
          ? `Sid \`${d.sid}\`이(가) 앞의 문과 같습니다. IAM에서 Sid 값은 정책 안에서 고유해야 합니다`
          : `Sid \`${d.sid}\`에 IAM이 허용하지 않는 문자가 있습니다. 영문자(A-Z, a-z)와 숫자(0-9)만 쓸 수 있습니다`,
    },
  },
  check({ policy }, report) {
    if (!IAM_TYPES.has(policy.policyType)) return;
    const seen = new Set<string>();
    for (const s of policy.statements) {
      if (s.sid === undefined || !s.sidSpan) continue;
      const at = (kind: Data['kind']) => report({ span: s.sidSpan!, statementIndex: s.index, element: `Sid=${s.sid}`, data: { sid: s.sid!, kind } });
      if (!/^[A-Za-z0-9]*$/.test(s.sid)) at('characters');
      else if (seen.has(s.sid)) at('duplicate');
      seen.add(s.sid);
    }
  },
};
