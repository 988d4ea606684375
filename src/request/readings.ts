import type { AssumptionNote, AssumptionReason, ContextEntry, LoadedRequest, Request } from '../model/request.js';
import type { DependsOnFact, ReadingName } from '../model/report.js';
import { allDocuments, type PolicySet } from '../model/policyset.js';
import { s3Target } from '../iam/s3.js';
import { synthesizeAwsManagedKeyPolicy } from './aws-managed-key.js';
import { enforcedReading } from './ownership.js';

/**
 * The other reading of one fact the request took for granted: the request and policies as they are when
 * the fact is otherwise, with the assumption it replaces (its note's code), the reading names and the
 * field and flag that settle it. `explain` decides each with the same evaluator and, when one differs,
 * never reports the Allowed one.
 */
export interface AlternativeReading {
  fact: DependsOnFact;
  /** The assumption this reading replaces. */
  assumption: AssumptionReason['code'];
  field: string;
  flag: string;
  assumed: ReadingName;
  other: ReadingName;
  /** The fact under the other reading, when it has a value to show (a role ARN). */
  value?: string;
  loaded: LoadedRequest;
}

/**
 * Every other reading of an assumption the request rests on, in a fixed order. Cheap: a reading is built
 * only when its assumption was made (a note) and, for a derived context value, when a policy consulted it
 * (`consulted`: the evaluation's `consultedDefaults`).
 */
export function alternativeReadings(loaded: LoadedRequest, consulted: readonly string[]): AlternativeReading[] {
  const out: AlternativeReading[] = [];
  const owner = otherReading(loaded);
  if (owner) out.push(owner);
  const ap = otherBucketAccount(loaded);
  if (ap) out.push(ap);
  const vpce = notThroughEndpoint(loaded);
  if (vpce) out.push(vpce);
  const read = new Set(consulted.map((k) => k.toLowerCase()));
  if (read.has('aws:principalarn')) out.push(...otherRolePaths(loaded));
  const copy = read.has('s3:x-amz-copy-source') ? copySourceAsSent(loaded) : undefined;
  if (copy) out.push(copy);
  const enforced = aclsDisabled(loaded);
  if (enforced) out.push(enforced);
  return out;
}

/**
 * The bucket's Object Ownership, not given, was taken to leave ACLs enabled: the other reading is
 * BucketOwnerEnforced (the default for new buckets), where ACLs grant nothing, an ACL sent fails with 400
 * and the bucket owner owns every object (`ownership.ts`).
 */
function aclsDisabled(loaded: LoadedRequest): AlternativeReading | undefined {
  const enforced = enforcedReading(loaded);
  if (!enforced) return undefined;
  return {
    fact: 'objectOwnership',
    assumption: 'objectOwnershipAclsEnabled',
    field: 's3.objectOwnership',
    flag: '--object-ownership',
    assumed: 'aclsEnabled',
    other: 'bucketOwnerEnforced',
    loaded: enforced,
  };
}

/**
 * The request with the resource owned by some account other than the caller's, whose id is not known:
 * no resourceAccount and none of the keys derived from it. The request is then cross-account, unless it
 * goes through an access point, whose own account decides that (the bucket side is still the bucket's).
 */
function otherOwner(loaded: LoadedRequest, replaced: (n: AssumptionNote) => boolean, why: AssumptionReason): LoadedRequest {
  const { request } = loaded;
  const context = new Map(request.context);
  for (const key of ['aws:resourceaccount', 's3:resourceaccount']) {
    const e = context.get(key);
    if (e && e.origin === 'derived') context.delete(key);
  }
  const { resourceAccount: _same, ...rest } = request;
  const other: Request = why.code === 'bucketAccountOther' ? { ...rest, context } : { ...rest, resourceAccountOther: true, context };
  let notes = loaded.notes.map((n) => (replaced(n) ? { key: n.key, value: '', why } : n));
  // The AWS managed key aws/s3 is the key of the account that wrote the object: with the owner unknown,
  // its (fixed) policy is that of another account, admitting no caller of this one. Synthesize it anew.
  let policies = loaded.policies;
  if (policies.kmsKey?.ref.generated?.code === 'awsManagedS3KeyPolicy') {
    const { kmsKey: _generated, ...others } = policies;
    policies = others;
    notes = notes.filter((n) => n.why.code !== 'awsManagedKeyPolicy');
    synthesizeAwsManagedKeyPolicy(other, policies, notes);
  }
  return { request: other, policies, notes };
}

/**
 * An S3 bucket or object whose owner was taken from the principal: its ARN names no account, and the
 * bucket policy of whichever account owns it decides. An action on no resource (`*`, `arn:aws:s3:::*`)
 * has no owner to doubt, and resources without resource-based policies (an AMI) are not decided by their
 * owner's policies.
 */
function otherReading(loaded: LoadedRequest): AlternativeReading | undefined {
  const { request } = loaded;
  if (!request.resourceAccountAssumed || request.s3?.bucketOwner !== undefined) return undefined;
  const target = s3Target(request.resource);
  if (!target || /[*?]/.test(target.bucket)) return undefined;
  return {
    fact: 'resourceAccount',
    assumption: 'resourceAccountFromPrincipal',
    field: 'resourceAccount',
    flag: '--resource-account',
    assumed: 'sameAccount',
    other: 'otherAccount',
    loaded: otherOwner(loaded, (n) => n.key === 'resourceAccount', { code: 'resourceAccountOther' }),
  };
}

/**
 * The bucket behind an access point taken to be in the access point's account: it may as well be another
 * account's ("the access point ... can be owned by a different account than the bucket", cross-account
 * access points), whose bucket policy must then allow too.
 */
function otherBucketAccount(loaded: LoadedRequest): AlternativeReading | undefined {
  const note = (n: AssumptionNote) => n.why.code === 'bucketAccountFromAccessPoint';
  if (!loaded.notes.some(note)) return undefined;
  return {
    fact: 'accessPointBucketAccount',
    assumption: 'bucketAccountFromAccessPoint',
    field: 's3.accessPoint.bucketAccount',
    flag: '--access-point-bucket-account',
    assumed: 'sameAccount',
    other: 'otherAccount',
    loaded: otherOwner(loaded, note, { code: 'bucketAccountOther' }),
  };
}

/** Keys AWS sets only on a request that goes through a VPC endpoint. */
const ENDPOINT_KEYS = ['aws:sourcevpce', 'aws:sourcevpc', 'aws:vpcsourceip'];

/**
 * A VPC endpoint policy given and no aws:SourceVpce: the request was taken to go through that endpoint.
 * The other reading is the public path: no endpoint policy, none of the endpoint's keys, and aws:SourceIp
 * (the address given, which the endpoint reading kept as aws:VpcSourceIp) back as the caller's address.
 */
function notThroughEndpoint(loaded: LoadedRequest): AlternativeReading | undefined {
  if (!loaded.notes.some((n) => n.why.code === 'throughVpcEndpoint')) return undefined;
  const { request } = loaded;
  const context = new Map(request.context);
  const moved = loaded.notes.find((n) => n.why.code === 'sourceIpBehindEndpoint' && n.why.keptAsVpcSourceIp);
  const address = moved ? context.get('aws:vpcsourceip') : undefined;
  for (const key of ENDPOINT_KEYS) context.delete(key);
  if (address) context.set('aws:sourceip', { ...address, key: 'aws:SourceIp' });
  const { vpcEndpoint: _endpoint, ...policies } = loaded.policies;
  const notes = loaded.notes
    .filter((n) => n.why.code !== 'sourceIpBehindEndpoint')
    .map((n): AssumptionNote => (n.why.code === 'throughVpcEndpoint' ? { ...n, why: { code: 'notThroughVpcEndpoint' } } : n));
  return {
    fact: 'vpcEndpoint',
    assumption: 'throughVpcEndpoint',
    field: 'context.aws:SourceVpce',
    flag: '--context aws:SourceVpce=vpce-…',
    assumed: 'throughEndpoint',
    other: 'notThroughEndpoint',
    loaded: { request: { ...request, context }, policies: policies, notes },
  };
}

/** At most this many other role paths are tried. */
const MAX_PATHS = 8;

/** IAM Identity Center creates its roles under this path ("aws-reserved/sso.amazonaws.com/", with a Region at times). */
const SSO_PATH = 'aws-reserved/sso.amazonaws.com/';

/**
 * A session's role ARN was built with an assumed path, which the session ARN does not carry ("For IAM
 * roles, the request context returns the ARN of the role, not the ARN of the user that assumed the role",
 * IAM User Guide, "AWS global condition context keys", aws:PrincipalArn; the session form is
 * `arn:aws:sts::AWS-account-ID:assumed-role/role-name/role-session-name`, "Policy elements: Principal").
 * Each other path is a reading, decided by the evaluator like the assumed one.
 */
function otherRolePaths(loaded: LoadedRequest): AlternativeReading[] {
  const { request } = loaded;
  const entry = request.context.get('aws:principalarn');
  const name = request.principal.name;
  if (entry?.assumption?.code !== 'roleArnOfSession' || name === undefined) return [];
  const assumed = entry.values[0]!;
  const prefix = assumed.slice(0, assumed.indexOf(':role/') + ':role/'.length);
  const candidates = rolePaths(principalArnPatterns(loaded.policies), prefix, name, entry.assumption.sso)
    .map((path) => `${prefix}${path}${name}`)
    .filter((arn) => arn !== assumed);
  return candidates.slice(0, MAX_PATHS).map((arn) => {
    const context = new Map(request.context);
    const other: ContextEntry = { ...entry, values: [arn], display: arn, assumption: { code: 'rolePathOther', session: request.principal.text } };
    context.set('aws:principalarn', other);
    return {
      fact: 'principalArn',
      assumption: 'roleArnOfSession',
      field: 'context.aws:PrincipalArn',
      flag: '--context aws:PrincipalArn=arn:aws:iam::…:role/PATH/NAME',
      assumed: 'rolePathAssumed',
      other: 'rolePathOther',
      value: arn,
      loaded: { request: { ...request, context }, policies: loaded.policies, notes: loaded.notes },
    };
  });
}

/**
 * The paths the role may have. "IAM user, group, role, and policy names must be unique within the account"
 * (IAM API Reference, CreateRole, RoleName): a policy that names this very role by its full ARN (no
 * wildcard) tells its path, and those paths are the readings. Otherwise the path is unknown: each path a
 * pattern names (its wildcards filled in) and one no policy names; for IAM Identity Center's roles only
 * paths under its own.
 */
function rolePaths(patterns: string[], prefix: string, name: string, sso: boolean): string[] {
  const exact = new Set<string>();
  const named = new Set<string>();
  for (const v of patterns) {
    if (v.includes('${')) continue;
    const at = v.indexOf(':role/');
    const rest = v.slice(at + ':role/'.length);
    const slash = rest.lastIndexOf('/');
    if (at < 0) continue;
    const path = rest.slice(0, slash + 1);
    if (namesRole(v, prefix, `${path}${name}`)) exact.add(path);
    else if (slash >= 0) named.add(path.replace(/[*?]/g, 'x'));
  }
  if (exact.size) return [...exact].sort();
  const paths = [...named].sort();
  if (!sso) paths.push('other-path/');
  return sso ? paths.filter((p) => p.startsWith(SSO_PATH)) : paths;
}

/**
 * Whether an ARN pattern names the role `role/<pathAndName>` of the account in `prefix` itself: its
 * resource part literally, the parts before it literally or by wildcard (`arn:aws:iam::*:role/Admin`).
 */
function namesRole(pattern: string, prefix: string, pathAndName: string): boolean {
  const at = pattern.indexOf(':role/') + 1;
  if (pattern.slice(at) !== `role/${pathAndName}`) return false;
  const head = pattern.slice(0, at);
  const wanted = prefix.slice(0, prefix.length - 'role/'.length);
  const re = new RegExp(
    `^${head
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '[^:]*')
      .replace(/\?/g, '[^:]')}$`,
  );
  return re.test(wanted);
}

/** The values of every condition on aws:PrincipalArn in the policies. */
function principalArnPatterns(policies: PolicySet): string[] {
  const out: string[] = [];
  for (const d of allDocuments(policies))
    for (const s of d.statements) for (const c of s.conditions) if (c.key.toLowerCase() === 'aws:principalarn') out.push(...c.values.map((v) => v.text));
  return out;
}

/**
 * s3:x-amz-copy-source read from the x-amz-copy-source header without its leading slash and URL-decoded,
 * as AWS's policy examples write it; AWS does not say which form the key holds, so the header's value as
 * sent ("must be URL-encoded", and it may start with a slash: CopyObject) is the other reading.
 */
function copySourceAsSent(loaded: LoadedRequest): AlternativeReading | undefined {
  const { request } = loaded;
  const entry = request.context.get('s3:x-amz-copy-source');
  if (entry?.assumption?.code !== 'copySourceFromHeader' || entry.header === undefined) return undefined;
  const sent = request.http?.headers?.get('x-amz-copy-source')?.value;
  if (sent === undefined) return undefined;
  const context = new Map(request.context);
  context.set('s3:x-amz-copy-source', { ...entry, values: [sent], display: sent, assumption: { code: 'copySourceAsSent', header: entry.header } });
  return {
    fact: 'copySource',
    assumption: 'copySourceFromHeader',
    field: 'context.s3:x-amz-copy-source',
    flag: '--context s3:x-amz-copy-source=BUCKET/KEY',
    assumed: 'copySourceAsExamples',
    other: 'copySourceAsSent',
    value: sent,
    loaded: { request: { ...request, context }, policies: loaded.policies, notes: loaded.notes },
  };
}
