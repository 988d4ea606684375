import type { PolicyHost } from '../model/check.js';
import type { PolicyDocument, Statement } from '../model/policy.js';
import { satisfiedByAnyone } from './public.js';
import { actionsFor, contextFor, decideWitness, hasWildcard, resourcesFor, WITNESS_BUDGET, withStatements, type Witness } from './witness.js';

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
    ...contextFor(s, (c) => satisfiedByAnyone(c) && !SOURCE_KEYS.has(c.key.toLowerCase())),
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
