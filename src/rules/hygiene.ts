import type { PolicyOrigin } from '../model/check.js';
import type { ActionPattern, Condition, PolicyDocument, Statement } from '../model/policy.js';
import { hasPlaceholder } from '../iam/placeholder.js';
import { isGlobalKey, matchingActions } from '../iam/service-reference.js';

/**
 * The I-group rules' common part (`admin-star`, `passrole-unscoped`, `service-wildcard`): which documents
 * grant permissions to an identity, which statements grant every action or every IAM action on every
 * resource, and which conditions narrow such a grant.
 */

/**
 * Whether the document is an identity-based policy that grants permissions. Permissions boundaries and
 * session policies never grant ("Policies used as permissions boundaries don't provide permissions", IAM
 * Identity Center API Reference, PermissionsBoundary); SCPs and RCPs neither ("they don't directly grant
 * access", AWS Organizations User Guide, "Service control policy examples"); resource-based, key and
 * endpoint policies are about one resource. A plain file whose type is only inferred and that holds an
 * Allow of `*` with Deny statements alone has the shape of the FullAWSAccess SCP with a deny list, so it is
 * left alone (map the file's type in `.policy-why.json` to have it checked).
 */
export function grantsToIdentity(policy: PolicyDocument, origin: PolicyOrigin): boolean {
  if (policy.policyType !== 'identity') return false;
  if (origin.typeFrom !== 'inferred') return true;
  const allows = policy.statements.filter((s) => s.effect === 'Allow');
  const scpShape = allows.length === 1 && allows[0]!.action?.some((a) => a.text === '*') === true && policy.statements.length > 1;
  return !scpShape;
}

/** Whether the statement's resources are every resource: `"*"` among its Resource values, or a NotResource. */
export function everyResource(s: Statement): boolean {
  return s.notResource !== undefined || (s.resource ?? []).some((r) => r.text === '*');
}

/** The Action value that grants every action (`*`) or every IAM action (`iam:*`), if any. */
export function adminAction(s: Statement): ActionPattern | undefined {
  return s.action?.find((a) => a.text === '*') ?? s.action?.find((a) => a.text.toLowerCase() === 'iam:*');
}

/** Global keys whose condition limits a grant to requests made through a service, or to tagged resources. */
const NARROWING_GLOBAL_KEYS: ReadonlySet<string> = new Set([
  'aws:calledvia',
  'aws:calledviafirst',
  'aws:calledvialast',
  'aws:calledviaawsmcp',
  'aws:viaawsservice',
  'aws:viaawsmcpservice',
  'aws:ismcpserviceaction',
  'aws:tagkeys',
]);

/**
 * Whether a condition clearly narrows a grant of every action: it must be present and match (no negated
 * operator, no IfExists, no Null, no ForAllValues, which an absent key satisfies) on a key that limits the
 * actions reached: a service's own key (absent from every other service's requests), a resource or request
 * tag, or the keys of requests made through another service (`aws:CalledVia`, `aws:ViaAWSService` true).
 * Keys about the caller or the network (`aws:SourceIp`, `aws:MultiFactorAuthPresent`, `aws:RequestedRegion`,
 * `aws:PrincipalTag/…`) do not: whoever meets them may still do everything.
 */
function narrows(c: Condition): boolean {
  const op = c.operator;
  if (op.base.negated || op.ifExists || op.base.family === 'Null' || op.set === 'ForAllValues') return false;
  const key = c.key.toLowerCase();
  if (op.base.family === 'Bool' && !c.values.every((v) => v.text.toLowerCase() === 'true')) return false;
  if (!isGlobalKey(key)) return true;
  return NARROWING_GLOBAL_KEYS.has(key) || key.startsWith('aws:resourcetag/') || key.startsWith('aws:requesttag/');
}

/** Whether a condition of the statement narrows its grant ({@link narrows}): `admin-star` and `service-wildcard` leave such statements alone. */
export function narrowedGrant(s: Statement): boolean {
  return s.conditions.some(narrows);
}

/** Whether the statement is the one `admin-star` reports: an Allow of `*` or `iam:*` on every resource, no narrowing condition. */
export function isAdminGrant(s: Statement): boolean {
  return s.effect === 'Allow' && adminAction(s) !== undefined && everyResource(s) && !narrowedGrant(s);
}

/**
 * The pattern among `patterns` that covers `action` (`*`, `iam:*`, `iam:Pass*`, or the action itself, case
 * aside), read against the AWS service reference; undefined when none does. Values holding a template
 * placeholder are not read.
 */
export async function coveringPattern(patterns: readonly ActionPattern[], action: string): Promise<ActionPattern | undefined> {
  const wanted = action.toLowerCase();
  for (const p of patterns) {
    const text = p.text.toLowerCase();
    if (hasPlaceholder(text)) continue;
    if (text === '*' || text === wanted) return p;
    if (!/[*?]/.test(text) || text.split(':')[0] !== wanted.split(':')[0]) continue;
    if (((await matchingActions(text)) ?? []).some((a) => a.toLowerCase() === wanted)) return p;
  }
  return undefined;
}
