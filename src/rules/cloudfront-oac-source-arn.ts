import type { Rule } from '../model/rule.js';
import { deputyWitness, sourceArnFor } from './deputy.js';
import { foreignAccount, hostOf, ownerOf, statementName } from './witness.js';

/**
 * A bucket policy that lets `cloudfront.amazonaws.com` read without naming this distribution in
 * aws:SourceArn: the evaluator allows the read for another distribution (one of an unrelated account, or
 * another one that a wildcard SourceArn admits), so any CloudFront user could serve the bucket.
 */
export const cloudfrontOacSourceArn: Rule<{ sid: string; sourceArn: string; action: string }> = {
  meta: {
    id: 'cloudfront-oac-source-arn',
    severity: 'error',
    description: 'CloudFront (OAC) is allowed on the bucket without aws:SourceArn naming this distribution',
    docs: 'docs/rules/cloudfront-oac-source-arn.md',
    group: 'S',
    usesServiceData: true,
    message: {
      en: ({ sid, sourceArn, action }) =>
        `statement ${sid} lets any CloudFront distribution read: ${action} from ${sourceArn} is allowed; add StringEquals AWS:SourceArn with this distribution's ARN`,
      ko: ({ sid, sourceArn, action }) =>
        `정책 문 ${sid}은(는) 모든 CloudFront 배포가 읽게 합니다: ${sourceArn}의 ${action} 요청이 허용됩니다. 이 배포의 ARN으로 StringEquals AWS:SourceArn 조건을 추가하십시오`,
    },
  },
  async check({ policy, origin }, report) {
    const host = hostOf(policy, origin);
    if (host !== 's3-bucket' && host !== 's3-access-point') return;
    const owner = ownerOf(policy);
    const foreign = foreignAccount(owner);
    for (const s of policy.statements) {
      if (s.effect !== 'Allow') continue;
      const p = s.principal?.find((x) => x.type === 'Service' && x.value === 'cloudfront.amazonaws.com');
      if (!p) continue;
      const sourceArn = sourceArnFor(s, foreign, (a) => `arn:aws:cloudfront::${a}:distribution/EWITNESS`);
      const account = /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(sourceArn)?.[1] ?? foreign;
      const w = await deputyWitness(policy, host, owner, s, p.value, sourceArn, account);
      if (w)
        report({
          span: p.span,
          statementIndex: s.index,
          element: 'Principal/Service=cloudfront.amazonaws.com',
          data: { sid: statementName(s), sourceArn, action: w.action },
        });
    }
  },
};
