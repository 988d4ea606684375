import type { ResourcePattern, Statement } from '../model/policy.js';
import type { Rule } from '../model/rule.js';
import { parseArn } from '../iam/arn.js';
import { actionInfo } from '../iam/service-reference.js';

/** `types`: the action's S3 resource types (`bucket,object`, empty: only `"*"`); `resources`: what the statement names. */
type Data = { action: string; types: string; resources: string; date: string };

const EN_WORDS: Readonly<Record<string, string>> = { bucket: 'bucket ARNs', object: 'object ARNs', none: 'ARNs of other services' };
const KO_WORDS: Readonly<Record<string, string>> = { bucket: '버킷 ARN', object: '객체 ARN', none: '다른 서비스의 ARN' };
const words = (list: string, table: Readonly<Record<string, string>>, and: string) =>
  list
    .split(',')
    .map((w) => table[w] ?? w)
    .join(and);

/** What an S3 resource value can name: a bucket, an object, or anything (a wildcard in the bucket name, `*`, another ARN form). */
type S3Class = 'bucket' | 'object' | 'any' | 'none';

function s3Class(r: ResourcePattern): S3Class {
  if (r.text === '*') return 'any';
  const arn = parseArn(r.text);
  if (!arn) return 'any';
  if (/[*?]/.test(arn.service) || /[*?]/.test(arn.partition)) return 'any';
  if (arn.service !== 's3') return 'none';
  // Access points, jobs, Storage Lens … carry a Region and an account: left to AWS (not classified here).
  if (arn.region || arn.account) return 'any';
  if (arn.resource === '') return 'any'; // `arn:aws:s3:::` names nothing: arn-malformed's
  const slash = arn.resource.indexOf('/');
  const bucket = slash < 0 ? arn.resource : arn.resource.slice(0, slash);
  // `*` matches `/` too, so `arn:aws:s3:::logs*` names buckets and objects alike.
  if (/[*?]/.test(bucket)) return 'any';
  return slash < 0 ? 'bucket' : 'object';
}

/**
 * An S3 action none of whose resource types the statement's `Resource` names: `s3:PutObject` on
 * `arn:aws:s3:::bucket` (no `/*`), `s3:ListBucket` on `bucket/*`, `s3:ListAllMyBuckets` on a bucket. The
 * Service Authorization Reference lists each action's resource types ("Actions, resources, and condition keys
 * for Amazon S3"), and a statement applies to an action only for resources that match its Resource, so such
 * an Allow grants nothing and such a Deny denies nothing. Scope: S3 ARNs without Region or account (buckets and
 * objects), where the bucket name has no wildcard; `"Resource": "*"`, NotResource and NotAction are never flagged.
 */
export const resourceTypeMismatch: Rule<Data> = {
  meta: {
    id: 'resource-type-mismatch',
    severity: 'warning',
    description: 'an S3 action whose resource types (bucket or object) no Resource of the statement names',
    docs: 'docs/rules/resource-type-mismatch.md',
    group: 'P',
    usesServiceData: true,
    message: {
      en: (d) =>
        `\`${d.action}\` applies to ${d.types === '' ? 'no resource but "*"' : words(d.types, EN_WORDS, ' and ')} (AWS service reference of ${d.date}), but the statement's Resource names only ${words(d.resources, EN_WORDS, ' and ')}: the statement does nothing for it`,
      ko: (d) =>
        `\`${d.action}\`은(는) ${d.types === '' ? '"*"에만' : `${words(d.types, KO_WORDS, ', ')}에`} 적용되지만(AWS 서비스 참조 데이터 ${d.date}), 정책 문의 Resource는 ${words(d.resources, KO_WORDS, ', ')}만 지정하므로 이 작업에는 아무 효과가 없습니다`,
    },
  },
  async check({ policy, serviceDataDate }, report) {
    for (const s of policy.statements) {
      const classes = statementClasses(s);
      if (!classes) continue;
      for (const a of s.action ?? []) {
        if (/[*?]/.test(a.text) || !a.text.toLowerCase().startsWith('s3:')) continue;
        const info = await actionInfo(a.text);
        if (!info) continue;
        const types: string[] = info.resourceTypes.filter((t) => t === 'bucket' || t === 'object');
        if (info.resourceTypes.length > 0 && !types.length) continue; // only other S3 types (access points, jobs)
        if (classes.some((c) => types.includes(c))) continue;
        report({
          span: a.span,
          statementIndex: s.index,
          element: `Action=${a.text}`,
          data: { action: a.text, types: types.join(','), resources: classes.join(','), date: serviceDataDate },
        });
      }
    }
  },
};

/** The classes of the statement's resources; undefined when the statement may name anything (skip it). */
function statementClasses(s: Statement): S3Class[] | undefined {
  if (!s.action || !s.resource) return undefined;
  const classes = s.resource.map(s3Class);
  return classes.includes('any') ? undefined : [...new Set(classes)];
}
