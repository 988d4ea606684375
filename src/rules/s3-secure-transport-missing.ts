import type { Rule } from '../model/rule.js';
import { hostOf } from './witness.js';
import { httpNotDenied, mentionsSecureTransport } from './secure-transport.js';

/**
 * A bucket policy with no statement on aws:SecureTransport, under which the evaluator does not deny an HTTP
 * request (aws:SecureTransport false) to the bucket or its objects: AWS recommends denying them ("Security
 * best practices for Amazon S3"). A policy that reads the key but still lets HTTP through is
 * `s3-secure-transport-ineffective`'s.
 */
export const s3SecureTransportMissing: Rule<{ witness: string }> = {
  meta: {
    id: 's3-secure-transport-missing',
    severity: 'warning',
    description: 'the bucket policy does not deny requests sent without TLS (aws:SecureTransport false)',
    docs: 'docs/rules/s3-secure-transport-missing.md',
    group: 'S',
    message: {
      en: ({ witness }) =>
        `the bucket policy does not deny HTTP requests: ${witness} is not denied; add a Deny of s3:* to Principal "*" on the bucket and bucket/* with Bool aws:SecureTransport "false"`,
      ko: ({ witness }) =>
        `버킷 정책이 HTTP 요청을 거부하지 않습니다: ${witness} 요청이 거부되지 않습니다. 버킷과 bucket/*에 대해 Principal "*"의 s3:*를 Bool aws:SecureTransport "false" 조건으로 거부하는 Deny를 추가하십시오`,
    },
  },
  async check({ policy, origin }, report) {
    if (hostOf(policy, origin) !== 's3-bucket' || mentionsSecureTransport(policy)) return;
    const w = await httpNotDenied(policy);
    if (!w) return;
    report({ span: policy.statementKeySpan ?? policy.span, element: 'Statement', data: { witness: `${w.action} on ${w.resource}` } });
  },
};
