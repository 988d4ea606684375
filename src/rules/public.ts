import type { PolicyHost } from '../model/check.js';
import type { Condition, PolicyDocument, PrincipalValue, Statement } from '../model/policy.js';
import {
  actionsFor,
  contextFor,
  decideWitness,
  foreignAccount,
  hasWildcard,
  ownerOf,
  resourcesFor,
  WITNESS_BUDGET,
  withStatements,
  type Witness,
} from './witness.js';

/**
 * Keys AWS sets from the caller: a witness never invents them; the request stage derives them from the
 * witness's own principal (an anonymous caller has none, an unrelated account's role has its own), and
 * the evaluator compares.
 */
const PRINCIPAL_KEYS = new Set([
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principaltype',
  'aws:principalisawsservice',
  'aws:principalservicename',
  'aws:principalservicenameslist',
  'aws:userid',
  'aws:username',
  'aws:viaawsservice',
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
  'aws:federatedprovider',
  'aws:sourceidentity',
  'kms:calleraccount',
]);

/**
 * Request keys whose fixed value makes a grant non-public, from the S3 User Guide ("Blocking public access
 * to your Amazon S3 storage", "The meaning of "public""): "To be considered non-public, a bucket policy
 * must grant access only to fixed values (values that don't contain a wildcard or an AWS Identity and
 * Access Management Policy Variable) for one or more of the following" — `aws:SourceArn`, `aws:SourceVpc`,
 * `aws:SourceVpce`, `aws:SourceOwner`, `aws:SourceAccount`, `s3:x-amz-server-side-encryption-aws-kms-key-id`,
 * `s3:DataAccessPointArn`, `s3:DataAccessPointAccount` (and principals, which PRINCIPAL_KEYS leave to the
 * evaluator). Added from the same family: `aws:SourceVpcArn`, `aws:VpcSourceIp`, `aws:SourceOrgID`,
 * `aws:SourceOrgPaths`; and for key policies `kms:ViaService` (rules catalogue, kms-wildcard-principal).
 * `aws:SourceIp` is read apart ({@link narrowsSourceIp}).
 */
const NARROWING_KEYS = new Set([
  'aws:sourcearn',
  'aws:sourceaccount',
  'aws:sourceowner',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourcevpcarn',
  'aws:vpcsourceip',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
  'kms:viaservice',
]);

/**
 * `aws:SourceIp` narrows when every CIDR is at least a /8 (IPv4) or a /32 (IPv6): "Bucket policies that
 * grant access conditioned on the aws:SourceIp condition key with very broad IP ranges (for example,
 * 0.0.0.0/1) are evaluated as "public." This includes values broader than /8 for IPv4 and /32 for IPv6"
 * (S3 User Guide, same section).
 */
function narrowsSourceIp(c: Condition): boolean {
  if (c.operator.base.family !== 'IpAddress') return false;
  return c.values.every((v) => {
    const [addr, bits] = v.text.split('/');
    const v6 = addr!.includes(':');
    // A bare address is a single host: as narrow as it gets.
    if (bits === undefined) return true;
    const prefix = Number(bits);
    return Number.isInteger(prefix) && prefix >= (v6 ? 32 : 8);
  });
}

/** A fixed value: no wildcard, no variable; for `s3:DataAccessPointArn`, a wildcard in the access point name only ("as long as the account id is fixed"). */
function fixed(key: string, value: string): boolean {
  if (key === 's3:dataaccesspointarn') {
    const parts = value.split(':');
    return parts.length >= 6 && parts.slice(0, 5).every((p) => !hasWildcard(p));
  }
  return !hasWildcard(value);
}

/** Whether a condition narrows who can make the request, in the documented meaning of public. */
function narrows(c: Condition): boolean {
  const key = c.key.toLowerCase();
  if (c.operator.base.negated || c.operator.base.family === 'Null') return false;
  if (key === 'aws:sourceip') return narrowsSourceIp(c);
  return NARROWING_KEYS.has(key) && c.values.every((v) => fixed(key, v.text));
}

/** Whether a witness for "anyone" should satisfy this condition (it neither names the caller nor narrows). */
export function satisfiedByAnyone(c: Condition): boolean {
  const key = c.key.toLowerCase();
  return !PRINCIPAL_KEYS.has(key) && !key.startsWith('aws:principaltag/') && !narrows(c);
}

/** The Principal value that names everyone in an Allow: `"*"` or `{"AWS": "*"}`. */
export function everyoneValue(s: Statement): PrincipalValue | undefined {
  if (s.effect !== 'Allow') return undefined;
  return s.principal?.find((p) => p.type === '*' || (p.type === 'AWS' && p.value === '*'));
}

/**
 * A request anyone can make that the statement allows: an anonymous caller, then a role in an unrelated
 * account (whose own administrator allows it everything), for each representative action and resource of
 * the statement, with a context that satisfies every condition that does not narrow access. Decided against
 * the statement and every Deny of the policy (so another Allow cannot answer for it). Undefined when the
 * evaluator allows none of them.
 */
export async function publicWitness(policy: PolicyDocument, host: PolicyHost, s: Statement): Promise<Witness | undefined> {
  const owner = ownerOf(policy);
  const only = withStatements(policy, (x) => x === s || x.effect === 'Deny');
  const foreign = `arn:aws:iam::${foreignAccount(owner)}:role/witness`;
  // AssumeRole takes signed requests: for a trust policy the unrelated account's role is the witness to try first.
  const principals = host === 'iam-trust' ? [foreign, 'anonymous'] : ['anonymous', foreign];
  const context = contextFor(s, satisfiedByAnyone);
  let budget = WITNESS_BUDGET;
  for (const action of await actionsFor(s, host)) {
    for (const resource of await resourcesFor(s, action, host, owner)) {
      for (const principal of principals) {
        if (budget-- <= 0) return undefined;
        const w: Witness = { principal, action, resource, context };
        if ((await decideWitness(only, host, owner, w)) === 'Allowed') return w;
      }
    }
  }
  return undefined;
}
