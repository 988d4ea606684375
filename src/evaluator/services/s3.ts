import type { Request, RequestPrincipal } from '../../model/request.js';
import type { AclGrantText, LayerReason, Refusal, S3Refusal } from '../../model/evaluation.js';
import type { CompiledPolicySet } from '../compile.js';
import type { RefusalLayer, SetAside } from './types.js';
import { ALL_USERS_URI, AUTHENTICATED_USERS_URI, LOG_DELIVERY_URI, type Acl, type AclPermission, type BlockPublicAccess } from '../../model/s3.js';
import { fixedLayer, notApplicable, type LayerEval } from '../layer.js';
import type { CompiledStatement as Statement } from '../compile.js';
import type { PrincipalGrant } from '../match/principal.js';
import { parseCidrStrict } from '../../iam/ip.js';
import { canonicalIdOf } from '../statement.js';
import { headerValue, s3Target, setsPublicAcl } from '../../iam/s3.js';

/**
 * S3's own authorization beyond IAM policies, per the Amazon S3 User Guide ("How Amazon S3 authorizes
 * a request", "Access control list (ACL) overview", "Controlling ownership of objects", "Blocking public
 * access", "Using Requester Pays buckets"). Pure functions over the request's `s3` facts.
 */

/** Which ACL permission grants an action, on the bucket ACL or the object ACL ("ACL overview" table). */
function aclPermissionFor(action: string, objectLevel: boolean): { on: 'bucket' | 'object'; permission: AclPermission } | undefined {
  const a = action.toLowerCase();
  if (objectLevel) {
    if (a === 's3:getobject' || a === 's3:getobjectversion' || a === 's3:getobjecttorrent') return { on: 'object', permission: 'READ' };
    if (a === 's3:getobjectacl' || a === 's3:getobjectversionacl') return { on: 'object', permission: 'READ_ACP' };
    if (a === 's3:putobjectacl' || a === 's3:putobjectversionacl') return { on: 'object', permission: 'WRITE_ACP' };
    // Writing objects is a bucket permission: WRITE on the bucket ACL.
    if (a === 's3:putobject' || a === 's3:deleteobject' || a === 's3:deleteobjectversion') return { on: 'bucket', permission: 'WRITE' };
    return undefined;
  }
  if (a === 's3:listbucket' || a === 's3:listbucketversions' || a === 's3:listbucketmultipartuploads') return { on: 'bucket', permission: 'READ' };
  if (a === 's3:getbucketacl') return { on: 'bucket', permission: 'READ_ACP' };
  if (a === 's3:putbucketacl') return { on: 'bucket', permission: 'WRITE_ACP' };
  return undefined;
}

export interface AclMatch {
  grant: PrincipalGrant;
  /** Grants to AllUsers or AuthenticatedUsers: what IgnorePublicAcls ignores. */
  public: boolean;
  text: AclGrantText;
}

/** ACL grants that give the caller the permission (FULL_CONTROL includes every permission). */
function matchAcl(acl: Acl, permission: AclPermission, p: RequestPrincipal, canonicalIds: Record<string, string>): AclMatch[] {
  const out: AclMatch[] = [];
  const callerId = canonicalIdOf(p, canonicalIds);
  for (const g of acl.grants) {
    if (g.permission !== permission && g.permission !== 'FULL_CONTROL') continue;
    if (g.grantee.type === 'Group') {
      if (g.grantee.uri === ALL_USERS_URI) out.push({ grant: 'everyone', public: true, text: { permission: g.permission, to: { code: 'allUsers' } } });
      else if (g.grantee.uri === AUTHENTICATED_USERS_URI && p.kind !== 'anonymous')
        out.push({ grant: 'everyone', public: true, text: { permission: g.permission, to: { code: 'authenticatedUsers' } } });
      // The Log Delivery group is S3's server access logging, which writes as the logging service
      // principal ("Enabling Amazon S3 server access logging": grant logging.s3.amazonaws.com instead
      // of the group when ACLs are disabled).
      else if (g.grantee.uri === LOG_DELIVERY_URI && p.kind === 'service' && p.service === 'logging.s3.amazonaws.com') {
        out.push({ grant: 'principal', public: false, text: { permission: g.permission, to: { code: 'logDelivery' } } });
      }
    } else if (g.grantee.type === 'CanonicalUser' && callerId !== undefined && g.grantee.id === callerId) {
      // A grant to a canonical user is a grant to the whole account: it delegates like an account principal.
      out.push({
        grant: p.kind === 'root' || p.kind === 'oai' ? 'principal' : 'account',
        public: false,
        text: {
          permission: g.permission,
          to: { code: 'canonicalUser', id: g.grantee.id, oai: p.kind === 'oai', ...(p.account !== undefined ? { account: p.account } : {}) },
        },
      });
    }
  }
  return out;
}

// Keys that, with fixed values, make a bucket-policy statement non-public ("The meaning of public").
const RESTRICTING_KEYS = new Set([
  'aws:sourceip',
  'aws:sourcearn',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceowner',
  'aws:sourceaccount',
  'aws:userid',
  'aws:principalarn',
  'aws:principalaccount',
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:sourceorgid',
  'aws:sourceorgpaths',
  's3:dataaccesspointarn',
  's3:dataaccesspointaccount',
  's3:x-amz-server-side-encryption-aws-kms-key-id',
]);

/**
 * A fixed value: "values that don't contain a wildcard or an AWS Identity and Access Management Policy
 * Variable", with the page's two allowances: an access point ARN "can contain a wildcard for the access
 * point name ... as long as the account id is fixed", and aws:userid of the pattern "AROLEID:*".
 */
function fixedValue(keyLower: string, text: string): boolean {
  if (text.includes('${')) return false;
  if (keyLower === 'aws:sourceip') return narrowRange(text);
  if (!/[*?]/.test(text)) return true;
  if (keyLower === 's3:dataaccesspointarn') return /^arn:[^:*?]+:s3:[^:*?]*:\d{12}:accesspoint\/./.test(text);
  if (keyLower === 'aws:userid') return /^[A-Z0-9]+:\*$/.test(text);
  return false;
}

/**
 * "Bucket policies that grant access conditioned on the aws:SourceIp condition key with very broad IP
 * ranges (for example, 0.0.0.0/1) are evaluated as "public." This includes values broader than /8 for
 * IPv4 and /32 for IPv6 (excluding RFC1918 private ranges)" (Amazon S3 User Guide, "Blocking public
 * access", The meaning of "public"). A value that is not a CIDR pins nothing.
 */
function narrowRange(text: string): boolean {
  const range = parseCidrStrict(text);
  if (!range) return false;
  // Every RFC 1918 range is a /8 or narrower, so the exclusion needs no separate test.
  return range.bits >= (range.addr.kind() === 'ipv4' ? 8 : 32);
}

/**
 * Whether a statement makes the policy public: an Allow to everyone (`*`, `{"AWS": "*"}`, NotPrincipal, a
 * federated identity provider)
 * without a condition that pins the caller to fixed values. Wildcards and negated operators do not pin.
 */
function isPublicStatement(stmt: Statement): boolean {
  if (stmt.effect !== 'Allow') return false;
  // A Federated principal counts too: the page's public examples include {"Federated": "graph.facebook.com"}.
  const toEveryone =
    stmt.notPrincipal !== undefined || (stmt.principal ?? []).some((v) => v.type === '*' || v.type === 'Federated' || (v.type === 'AWS' && v.value === '*'));
  if (!toEveryone) return false;
  return !stmt.conditions.some((c) => {
    // Only an operator that compares values pins the caller; Null (present/absent) admits any value.
    if (
      !RESTRICTING_KEYS.has(c.keyLower) ||
      c.operator.base.negated ||
      c.operator.ifExists ||
      c.operator.set === 'ForAllValues' ||
      c.operator.base.family === 'Null'
    )
      return false;
    return c.values.every((v) => fixedValue(c.keyLower, v.text));
  });
}

const BUCKET_SCOPED_OBJECT_ACTIONS = new Set(['s3:putobject', 's3:deleteobject', 's3:deleteobjectversion']);

/** What S3's own rules need to know about this request, when it is an S3 request with `s3` facts. */
export interface S3Situation {
  bucketOwner?: string;
  objectOwner?: string;
  /** Account that owns what the request acts on: the object's owner for object operations. */
  ownerOfTarget?: string;
  objectLevel: boolean;
  aclsEnabled: boolean;
  /** False when the object belongs to another account than the bucket's: its ACL decides. */
  bucketPolicyReachesTarget: boolean;
  bpa?: BlockPublicAccess;
}

export function s3Situation(request: Request): S3Situation | undefined {
  const facts = request.s3;
  if (!facts || !request.action.toLowerCase().startsWith('s3:')) return undefined;
  const target = s3Target(request.resource);
  const objectLevel = target?.key !== undefined;
  const bucketOwner = facts.bucketOwner ?? request.resourceAccount;
  const aclsEnabled = facts.objectOwnership !== 'BucketOwnerEnforced';
  // With BucketOwnerEnforced the bucket owner owns every object.
  let objectOwner: string | undefined;
  if (objectLevel) objectOwner = aclsEnabled ? (facts.objectOwner ?? bucketOwner) : bucketOwner;
  // Writing and deleting objects is the bucket's permission, not the object's: "Bucket owner can create,
  // overwrite, and delete any object in the bucket" (ACL overview, WRITE), so the owner of an existing
  // object does not decide them.
  const decidedByObjectOwner = objectLevel && !BUCKET_SCOPED_OBJECT_ACTIONS.has(request.action.toLowerCase());
  const situation: S3Situation = {
    objectLevel,
    aclsEnabled,
    bucketPolicyReachesTarget: !decidedByObjectOwner || objectOwner === undefined || objectOwner === bucketOwner,
  };
  if (bucketOwner !== undefined) situation.bucketOwner = bucketOwner;
  if (objectOwner !== undefined) situation.objectOwner = objectOwner;
  const owner = decidedByObjectOwner ? objectOwner : bucketOwner;
  if (owner !== undefined) situation.ownerOfTarget = owner;
  if (facts.blockPublicAccess) situation.bpa = facts.blockPublicAccess;
  return situation;
}

/** The ACL layer: grants of the bucket or object ACL that give the caller this action's permission. */
export function aclLayer(s3: S3Situation, request: Request): { layer: LayerEval; grants: AclMatch[]; ignoredPublic: AclMatch[]; source: string } | undefined {
  const facts = request.s3!;
  const needed = aclPermissionFor(request.action, s3.objectLevel);
  const acl = needed?.on === 'object' ? facts.objectAcl : needed && facts.bucketAcl;
  if (!needed || !acl) {
    if (!s3.bucketPolicyReachesTarget && needed) {
      const why: LayerReason = { code: 'aclOnlyObjectAcl', action: request.action, ...(s3.objectOwner !== undefined ? { owner: s3.objectOwner } : {}) };
      return { layer: notApplicable('acl', why), grants: [], ignoredPublic: [], source: 'the object ACL' };
    }
    return undefined;
  }
  if (!s3.aclsEnabled) {
    return { layer: notApplicable('acl', { code: 'aclDisabled' }), grants: [], ignoredPublic: [], source: acl.source };
  }
  let grants = matchAcl(acl, needed.permission, request.principal, facts.canonicalUserIds ?? {});
  // "WRITE: Allows grantee to create new objects in the bucket. For the bucket and object owners of
  // existing objects, also allows deletions and overwrites of those objects" (ACL overview): a WRITE
  // grantee that owns neither the bucket nor the object cannot overwrite or delete it.
  const a = request.action.toLowerCase();
  const existing = a === 's3:putobject' ? facts.objectExists === true : facts.objectExists !== false;
  const caller = request.principal.account;
  let notOwner: { overwrite: boolean; owner?: string } | undefined;
  if (
    needed.permission === 'WRITE' &&
    a !== 's3:listbucket' &&
    s3.objectLevel &&
    existing &&
    caller !== s3.bucketOwner &&
    caller !== s3.objectOwner &&
    grants.length
  ) {
    notOwner = { overwrite: a === 's3:putobject', ...(s3.objectOwner !== undefined ? { owner: s3.objectOwner } : {}) };
    grants = [];
  }
  const ignored = s3.bpa?.ignorePublicAcls ? grants.filter((g) => g.public) : [];
  if (ignored.length) grants = grants.filter((g) => !g.public);
  const why: LayerReason = grants.length
    ? { code: 'aclGrants', on: needed.on, grants: grants.map((g) => g.text) }
    : { code: 'aclNoGrant', on: needed.on, permission: needed.permission, ...(notOwner ? { notOwner } : {}), ignored: ignored.map((g) => g.text) };
  return {
    layer: fixedLayer('acl', grants.length ? 'Allowed' : 'ImplicitDeny', why, [{ source: acl.source, policyIndex: 0 }]),
    grants,
    ignoredPublic: ignored,
    source: acl.source,
  };
}

/** Requester Pays: a requester other than the bucket owner must send `x-amz-request-payer: requester`. */
function requesterPaysRefusal(s3: S3Situation, request: Request): Refusal | undefined {
  if (!request.s3?.requesterPays) return undefined;
  const p = request.principal;
  if (p.kind === 'anonymous') return { code: 'requesterPaysAnonymous' };
  if (p.account !== undefined && p.account === s3.bucketOwner) return undefined;
  // The header as given in http.headers, or as the tool's own context entry (no AWS condition key holds it).
  const header = request.context.get('s3:x-amz-request-payer')?.values ?? [headerValue(request, 'x-amz-request-payer') ?? ''];
  if (header.some((v) => v.toLowerCase() === 'requester')) return undefined;
  return { code: 'requesterPaysHeader' };
}

/** S3's refusals that act like an explicit deny: Requester Pays, BlockPublicAcls, RestrictPublicBuckets. */
export function s3Refusals(request: Request, policies: CompiledPolicySet): RefusalLayer[] {
  const s3 = s3Situation(request);
  if (!s3) return [];
  const out: RefusalLayer[] = [];
  const pays = requesterPaysRefusal(s3, request);
  if (pays) out.push({ policyType: 'requesterPays', refusal: pays });
  if (s3.bpa?.blockPublicAcls) {
    const why = setsPublicAcl(request);
    if (why && /^s3:(putobject|putobjectacl|putbucketacl|createbucket)$/i.test(request.action)) {
      out.push({ policyType: 'blockPublicAccess', refusal: { code: 'blockPublicAcls', why } });
    }
  }
  const p = request.principal;
  if (s3.bpa?.restrictPublicBuckets && policies.resource && p.kind !== 'service' && p.account !== s3.bucketOwner) {
    const publicStmt = policies.resource.statements.find(isPublicStatement);
    if (publicStmt) {
      out.push({
        policyType: 'blockPublicAccess',
        refusal: { code: 'restrictPublicBuckets', statementIndex: publicStmt.index, ...(publicStmt.sid !== undefined ? { sid: publicStmt.sid } : {}) },
      });
    }
  }
  return out;
}

/** The bucket-policy operations only the bucket owner's account can call. */
const BUCKET_POLICY_ACTIONS = new Set(['s3:putbucketpolicy', 's3:getbucketpolicy', 's3:deletebucketpolicy']);

/** The bucket's owner for a bucket-policy call, when known (not in the reading where it is another account). */
const bucketPolicyOwner = (request: Request): string | undefined =>
  request.s3?.bucketOwner ?? (request.resourceAccountOther ? undefined : request.resourceAccount);

/**
 * S3's protection of the bucket owner against locking itself out: "To ensure that bucket owners don't
 * inadvertently lock themselves out of their own buckets, the root principal in a bucket owner's AWS
 * account can perform the GetBucketPolicy, PutBucketPolicy, and DeleteBucketPolicy API actions, even if
 * their bucket policy explicitly denies the root principal's access. Bucket owner root principals can
 * only be blocked from performing these API actions by VPC endpoint policies and AWS Organizations
 * policies" (Amazon S3 API Reference, PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy). So the
 * bucket policy's Deny is set aside; SCPs, RCPs (both Organizations policies: the reading that blocks
 * more, never a wrong Allowed) and the VPC endpoint policy still apply. Only when the caller's account is
 * known to own the bucket: when that is assumed, the explanation also decides the other reading.
 */
export function s3SetsAside(request: Request): SetAside | undefined {
  if (!BUCKET_POLICY_ACTIONS.has(request.action.toLowerCase()) || request.principal.kind !== 'root') return undefined;
  const owner = bucketPolicyOwner(request);
  return owner !== undefined && owner === request.principal.account ? { policyType: 'resource', rule: 'bucketOwnerRoot' } : undefined;
}

/**
 * "All GET and PUT requests for an object protected by AWS KMS fail if they are not made via SSL or TLS,
 * or if they are not made using SigV4" (Amazon S3 User Guide, "Using server-side encryption with AWS KMS
 * keys"); "All copy requests must be authenticated" (CopyObject API reference).
 */
export function s3AfterChained(request: Request, chained: readonly { action: string }[]): S3Refusal | undefined {
  const kms = chained.some((c) => c.action.startsWith('kms:'));
  const anonymous = request.principal.kind === 'anonymous';
  const http = request.context.get('aws:securetransport')?.values[0]?.toLowerCase() === 'false';
  if (kms && anonymous) return 'kmsAnonymous';
  if (kms && http) return 'kmsHttp';
  if (anonymous && request.context.has('s3:x-amz-copy-source')) return 'copyAnonymous';
  // "If you have the correct permissions, but you're not using an identity that belongs to the bucket
  // owner's account, Amazon S3 returns a 405 Method Not Allowed error" (Amazon S3 API Reference,
  // PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy).
  if (BUCKET_POLICY_ACTIONS.has(request.action.toLowerCase())) {
    const owner = bucketPolicyOwner(request);
    if (owner === undefined || request.principal.account !== owner) return 'bucketPolicyOtherAccount';
  }
  return undefined;
}
