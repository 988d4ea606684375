import type { PolicyHost } from '../model/check.js';
import type { Condition, PolicyDocument, Statement } from '../model/policy.js';
import { satisfiedByAnyone } from './public.js';
import {
  actionsFor,
  concrete,
  contextFor,
  decideWitness,
  hasWildcard,
  resourcesFor,
  satisfying,
  WITNESS_BUDGET,
  withStatements,
  type Witness,
} from './witness.js';

const SOURCE_KEYS = new Set(['aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner', 'aws:sourceorgid', 'aws:sourceorgpaths']);

/**
 * The ARN of a resource of `account` that a service principal acts for, when the statement names none: in the
 * service's own form, so S3's (`s3.amazonaws.com`, `logging.s3.amazonaws.com`: a source bucket) has no Region
 * and no account (S3 User Guide, "Amazon S3 resources": "An Amazon S3 ARN excludes the AWS Region and
 * namespace"); the account is then only in aws:SourceAccount.
 */
export function witnessSourceArn(service: string, account: string): string {
  if (/(^|\.)s3\.amazonaws\.com$/.test(service)) return 'arn:aws:s3:::witness';
  return `arn:aws:${service.split('.')[0]!}:us-east-1:${account}:witness`;
}

/**
 * The aws:SourceArn a service's call for another resource carries: the statement's own SourceArn pattern
 * when it has a wildcard (made concrete; `account` fills a wildcard account field), else `fallback` in
 * `account`.
 */
export function sourceArnFor(s: Statement, account: string, fallback: (account: string) => string): string {
  for (const c of s.conditions) {
    if (c.key.toLowerCase() !== 'aws:sourcearn' || c.operator.base.negated) continue;
    for (const v of c.values) {
      const parts = v.text.split(':');
      if (parts.length >= 6 && hasWildcard(v.text)) {
        if (hasWildcard(parts[4]!)) parts[4] = account;
        return parts.map((x) => x.replace(/\$\{[^}]*\}/g, 'x').replace(/[*?]/g, 'x')).join(':');
      }
    }
  }
  return fallback(account);
}

/**
 * The value a service's request for another account's resource carries for a condition: where the
 * statement names an ARN (`kms:EncryptionContext:aws:logs:arn`, `kms:EncryptionContext:aws:cloudtrail:arn`
 * …), the service names that account's resource, so the ARN's account field is that account, whatever the
 * statement wrote there; an ARN without an account field (an S3 bucket) that names one bucket names another
 * bucket for that account (a bucket name is unique in all of AWS). A condition pinning the owner's ARNs thus
 * scopes the service as aws:SourceArn does; a wildcard account field does not. CloudWatch Logs User Guide
 * ("Encrypt log data in CloudWatch Logs using AWS Key Management Service"): "CloudWatch Logs now supports
 * encryption context, using kms:EncryptionContext:aws:logs:arn as the key and the ARN of the log group as
 * the value for that key." Other values are {@link satisfying}.
 */
function foreignValue(c: Condition, account: string): string | undefined {
  const { family } = c.operator.base;
  if (family !== 'String' && family !== 'Arn') return satisfying(c);
  const arns = c.values.map((v) => v.text.split(':')).filter((p) => p.length >= 6 && p[0] === 'arn');
  if (!arns.length) return satisfying(c);
  // A pattern whose account field (or, without one, bucket name) is open is the one another account's ARN can match.
  const open = (p: string[]) => hasWildcard(p[4]!) || (p[4] === '' && hasWildcard(p[5]!.split('/')[0]!));
  const parts = [...(arns.find(open) ?? arns[0]!)];
  if (parts[4] !== '') parts[4] = account;
  else {
    // A bucket is named once in all of AWS: another account's bucket has another name.
    const [bucket, ...path] = parts[5]!.split('/');
    if (!hasWildcard(bucket!)) parts[5] = [`${bucket!}-of-${account}`, ...path].join('/');
  }
  if (hasWildcard(parts[3]!)) parts[3] = 'us-east-1';
  return concrete(parts.join(':'));
}

/**
 * A request a service principal makes for a resource of an unrelated account (aws:SourceArn and
 * aws:SourceAccount of that account) that the statement allows, every other condition met; undefined when
 * the evaluator denies each.
 */
export async function deputyWitness(
  policy: PolicyDocument,
  host: PolicyHost,
  owner: string,
  s: Statement,
  service: string,
  sourceArn: string,
  sourceAccount: string,
): Promise<Witness | undefined> {
  const only = withStatements(policy, (x) => x === s || x.effect === 'Deny');
  const context: Witness['context'] = [
    ...contextFor(
      s,
      (c) => satisfiedByAnyone(c) && !SOURCE_KEYS.has(c.key.toLowerCase()),
      (c) => foreignValue(c, sourceAccount),
    ),
    ['aws:SourceArn', [sourceArn], false],
    ['aws:SourceAccount', [sourceAccount], false],
  ];
  let budget = WITNESS_BUDGET;
  for (const action of await actionsFor(s, host)) {
    for (const resource of await resourcesFor(s, action, host, owner)) {
      if (budget-- <= 0) return undefined;
      const w: Witness = { principal: service, action, resource, context };
      if ((await decideWitness(only, host, owner, w)) === 'Allowed') return w;
    }
  }
  return undefined;
}
