import type { Rule } from '../model/rule.js';
import type { BucketFacts } from '../model/check.js';
import { hostOf, statementName } from './witness.js';

type Data = { kind: 'statement' | 'bucket'; bucket: string; sid: string; principal: string };

/** Whether the code makes the bucket Requester Pays (the value is case-sensitive in the S3 API: `Requester`). */
function requesterPays(bucket: BucketFacts | undefined): boolean {
  return bucket?.requestPayer?.value === 'Requester';
}

const HOW_EN = 'send `x-amz-request-payer: requester` (CLI `--request-payer requester`, SDK parameter RequestPayer), or S3 answers 403';
const HOW_KO =
  '`x-amz-request-payer: requester`를 보내야 합니다(CLI `--request-payer requester`, SDK 파라미터 RequestPayer). 그렇지 않으면 S3는 403으로 응답합니다';

/**
 * A Requester Pays bucket (Terraform `aws_s3_bucket_request_payment_configuration` `payer = "Requester"`, or
 * the legacy `aws_s3_bucket.request_payer`): requests from anyone but the bucket owner must carry
 * `x-amz-request-payer: requester`, and anonymous requests are refused. Reported on each Allow statement of the
 * bucket policy that names principals (on the principal), or, when no bucket policy names the bucket, where
 * the payer is written.
 */
export const s3RequesterPays: Rule<Data> = {
  meta: {
    id: 's3-requester-pays',
    severity: 'info',
    description: 'the bucket is Requester Pays: requests from other accounts without `x-amz-request-payer: requester` get 403',
    docs: 'docs/rules/s3-requester-pays.md',
    group: 'R',
    message: {
      en: ({ kind, bucket, sid, principal }) =>
        kind === 'statement'
          ? `bucket ${bucket} is Requester Pays: requests that statement ${sid} lets ${principal} make must ${HOW_EN} (the bucket owner's own requests need not; anonymous requests are always refused)`
          : `bucket ${bucket} is Requester Pays: every request from another account must ${HOW_EN} (the bucket owner's own requests need not; anonymous requests are always refused)`,
      ko: ({ kind, bucket, sid, principal }) =>
        kind === 'statement'
          ? `버킷 ${bucket}은(는) 요청자 지불(Requester Pays) 버킷입니다: 정책 문 ${sid}이(가) ${principal}에게 허용하는 요청은 ${HOW_KO}(버킷 소유자 자신의 요청은 필요 없음, 익명 요청은 항상 거부됨)`
          : `버킷 ${bucket}은(는) 요청자 지불(Requester Pays) 버킷입니다: 다른 계정의 모든 요청은 ${HOW_KO}(버킷 소유자 자신의 요청은 필요 없음, 익명 요청은 항상 거부됨)`,
    },
  },
  check({ policy, origin, bucket }, report) {
    if (!bucket || !requesterPays(bucket) || hostOf(policy, origin) !== 's3-bucket') return;
    for (const s of policy.statements) {
      if (s.effect !== 'Allow') continue;
      const p = (s.principal ?? []).find((x) => x.type === 'AWS' || x.type === '*');
      if (!p) continue;
      report({
        span: p.span,
        statementIndex: s.index,
        element: `Principal/${p.value}`,
        data: { kind: 'statement', bucket: bucket.bucket, sid: statementName(s), principal: p.value },
      });
    }
  },
  checkBucket({ bucket }, report) {
    if (!requesterPays(bucket)) return;
    report({ span: bucket.requestPayer!.span, element: 'RequestPayer', data: { kind: 'bucket', bucket: bucket.bucket, sid: '', principal: '' } });
  },
};
