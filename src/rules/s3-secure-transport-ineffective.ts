import type { Rule } from '../model/rule.js';
import { hostOf, statementName } from './witness.js';
import { httpNotDenied, mentionsSecureTransport } from './secure-transport.js';

/**
 * A bucket policy that reads aws:SecureTransport and still does not deny an HTTP request (aws:SecureTransport
 * false) to the bucket or to an object, as the evaluator decides it: an Allow with `"true"` (another Allow
 * still admits HTTP), a Deny that covers only `bucket/*`, `"true"` in a Deny.
 */
export const s3SecureTransportIneffective: Rule<{ sid: string; witness: string }> = {
  meta: {
    id: 's3-secure-transport-ineffective',
    severity: 'error',
    description: 'the bucket policy reads aws:SecureTransport but does not deny every HTTP request',
    docs: 'docs/rules/s3-secure-transport-ineffective.md',
    group: 'S',
    message: {
      en: ({ sid, witness }) =>
        `statement ${sid} reads aws:SecureTransport, but the HTTP request ${witness} is not denied; deny s3:* to Principal "*" on the bucket and bucket/* with Bool aws:SecureTransport "false"`,
      ko: ({ sid, witness }) =>
        `정책 문 ${sid}은(는) aws:SecureTransport를 확인하지만 HTTP 요청 ${witness}은(는) 거부되지 않습니다. 버킷과 bucket/*에 대해 Principal "*"의 s3:*를 Bool aws:SecureTransport "false" 조건으로 거부하십시오`,
    },
  },
  async check({ policy, origin }, report) {
    if (hostOf(policy, origin) !== 's3-bucket') return;
    const found = mentionsSecureTransport(policy);
    if (!found) return;
    const w = await httpNotDenied(policy);
    if (!w) return;
    report({
      span: found.condition.keySpan,
      statementIndex: found.statement.index,
      element: 'Condition/aws:SecureTransport',
      data: { sid: statementName(found.statement), witness: `${w.action} on ${w.resource}` },
    });
  },
};
