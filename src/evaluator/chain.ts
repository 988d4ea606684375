import type { ContextEntry, Request } from '../model/request.js';
import type { CompiledPolicySet as PolicySet } from './compile.js';
import type { DecidingEntry, Decision, LayerOutcome } from '../model/evaluation.js';
import { evaluateRequest, type Evaluation } from './evaluate.js';
import { aclHeaders, s3Target } from '../iam/s3.js';
import { resolveKmsKey, type KmsKeyRef } from '../iam/kms.js';

/**
 * The further authorizations S3 performs for one request (Amazon S3 User Guide: "PutObject" needs
 * s3:PutObjectAcl when it sets an ACL and s3:PutObjectTagging when it sets tags; SSE-KMS uploads need
 * kms:GenerateDataKey, reads and multipart uploads kms:Decrypt; CopyObject reads its source). Each is
 * evaluated as a request of its own through every applicable layer.
 */
export interface ChainedRequest {
  action: string;
  resource: string;
  /** Why S3 makes this authorization. */
  reason: string;
  decision: Decision;
  summary: string;
  deciding: DecidingEntry[];
  layers: LayerOutcome[];
  /** For KMS authorizations: the key, and whether AWS manages it (its policy cannot be changed). */
  kmsKey?: { arn: string; awsManaged: boolean; alias?: string };
}

export interface FullEvaluation extends Evaluation {
  additionalRequests: ChainedRequest[];
}

interface Derived {
  request: Request;
  policies: PolicySet;
  reason: string;
  key?: KmsKeyRef;
}

/**
 * "When a FAS request is made after an initial request is made through a VPC endpoint, the condition key
 * values for aws:SourceVpce, aws:SourceVpc, and aws:VpcSourceIp from the initial request are not used in
 * FAS requests ... When a FAS request is made after an initial request is received by a public AWS
 * service endpoint, subsequent FAS requests will be made with the same aws:SourceIP condition key value"
 * (IAM User Guide, "Forward access sessions"). S3's call to KMS is such a request.
 */
const NETWORK_KEYS = new Set(['aws:sourcevpc', 'aws:sourcevpce', 'aws:vpcsourceip']);

function kmsRequest(request: Request, policies: PolicySet, action: string, key: KmsKeyRef, reason: string): Derived {
  const context = new Map<string, ContextEntry>();
  // Keys about the resource describe the bucket, not the key: the key's own account replaces them.
  const sameOwner = key.account !== undefined && key.account === request.resourceAccount;
  for (const [k, e] of request.context) {
    if (!k.startsWith('aws:') || NETWORK_KEYS.has(k) || k === 'aws:resourceaccount' || k.startsWith('aws:resourcetag/')) continue;
    if (k.startsWith('aws:resourceorg') && !sameOwner) continue;
    context.set(k, e);
  }
  const derived = (key: string, value: string | string[] | boolean) =>
    context.set(key.toLowerCase(), {
      key,
      values: Array.isArray(value) ? value : [String(value)],
      multi: Array.isArray(value),
      origin: 'derived',
      display: value,
    });
  const region = key.region && key.region !== '*' ? key.region : request.region;
  if (region) derived('kms:ViaService', `s3.${region}.amazonaws.com`);
  if (request.principal.account) derived('kms:CallerAccount', request.principal.account);
  derived('kms:EncryptionAlgorithm', 'SYMMETRIC_DEFAULT');
  if (key.account) derived('aws:ResourceAccount', key.account);
  const target = s3Target(request.resource);
  const bucketKey = request.s3?.defaultEncryption?.bucketKeyEnabled === true;
  if (target) {
    const contextArn = bucketKey || target.key === undefined ? `arn:aws:s3:::${target.bucket}` : request.resource;
    derived('kms:EncryptionContext:aws:s3:arn', contextArn);
    derived('kms:EncryptionContextKeys', ['aws:s3:arn']);
  }
  derived('aws:ViaAWSService', true);
  derived('aws:CalledVia', ['s3.amazonaws.com']);
  derived('aws:CalledViaFirst', 's3.amazonaws.com');
  derived('aws:CalledViaLast', 's3.amazonaws.com');
  const next: Request = {
    ...request,
    action,
    resource: key.arn,
    resourceAccountAssumed: false,
    context,
    kmsKeyAwsManaged: key.awsManaged,
  };
  delete next.s3;
  delete next.http;
  if (key.account) next.resourceAccount = key.account;
  const { vpcEndpoint: _vpce, resource: _resource, ...rest } = policies;
  // The RCPs given are those of the bucket's account; "the RCPs of the resource owner's account are
  // applied" (Organizations, RCP evaluation), so they do not govern a key another account owns.
  const foreignKey = key.account !== undefined && request.resourceAccount !== undefined && key.account !== request.resourceAccount;
  const keyPolicies = foreignKey && rest.rcp.length ? { ...rest, rcp: [] } : rest;
  const rcpWhy =
    foreignKey && rest.rcp.length
      ? `; the RCPs given govern account ${request.resourceAccount}, not the key's account ${key.account}, so they are not applied to this call`
      : '';
  return { request: next, policies: keyPolicies, reason: `${reason}; ${key.from}${rcpWhy}`, key };
}

function sameContextRequest(
  request: Request,
  policies: PolicySet,
  action: string,
  resource: string,
  reason: string,
  ownPolicy = true,
  otherObject = false,
): Derived {
  const next: Request = { ...request, action, resource };
  // Facts about the request's object (its ACL, its owner) do not describe another object.
  if (otherObject && request.s3) {
    const { objectAcl: _acl, objectOwner: _owner, ...facts } = request.s3;
    next.s3 = facts;
  }
  const p = ownPolicy ? policies : (({ resource: _r, ...rest }) => rest)(policies);
  return { request: next, policies: p, reason };
}

/** Lists the further requests S3 authorizes for this one. */
export function deriveRequests(request: Request, policies: PolicySet): Derived[] {
  const action = request.action.toLowerCase();
  const out: Derived[] = [];
  const has = (key: string) => request.context.has(key.toLowerCase());
  if (action === 's3:putobject') {
    const { canned, grants: grantHeaders } = aclHeaders(request);
    // "To successfully change the objects ACL of your PutObject request, you must have the
    // s3:PutObjectAcl" (PutObject API reference; scenario 1). Not for a service principal's delivery
    // with the canned ACL bucket-owner-full-control: AWS's own delivery policies (CloudTrail, VPC Flow
    // Logs, AWS Config, ELB access logs, S3 Inventory) grant s3:PutObject alone on that condition, and
    // those deliveries work. An IAM role still needs it: "When granting permissions to your IAM role
    // instead of AWS Config service principal name (SPN), ensure that your IAM role has PutObjectACL
    // permission on cross-account bucket" (AWS Config, "Permissions for the Amazon S3 Bucket").
    const setsAcl = canned !== undefined && (canned !== 'bucket-owner-full-control' || request.principal.kind !== 'service');
    if (setsAcl || grantHeaders.length) {
      out.push(
        sameContextRequest(
          request,
          policies,
          's3:PutObjectAcl',
          request.resource,
          `the upload sets an ACL (${[setsAcl ? `x-amz-acl ${canned}` : '', ...grantHeaders].filter(Boolean).join(', ')}), so S3 also authorizes s3:PutObjectAcl`,
        ),
      );
    }
    const tagKeys = [...request.context.values()].filter((e) => /^s3:requestobjecttag(keys|\/)/i.test(e.key));
    const taggingHeader = Object.keys(request.http?.headers ?? {}).some((h) => h.toLowerCase() === 'x-amz-tagging');
    if (tagKeys.length || taggingHeader) {
      out.push(
        sameContextRequest(
          request,
          policies,
          's3:PutObjectTagging',
          request.resource,
          'the upload carries tags (x-amz-tagging), so S3 also authorizes s3:PutObjectTagging',
        ),
      );
    }
    // Object Lock settings on an upload: "rejects any request to put an object that includes a retention
    // mode and setting" when s3:PutObjectRetention is denied (Amazon S3 User Guide, Object Lock), so S3
    // authorizes the retention (and a legal hold) as their own actions.
    if (has('s3:object-lock-mode') || has('s3:object-lock-retain-until-date')) {
      out.push(
        sameContextRequest(
          request,
          policies,
          's3:PutObjectRetention',
          request.resource,
          'the upload sets Object Lock retention (x-amz-object-lock-mode / -retain-until-date), so S3 also authorizes s3:PutObjectRetention',
        ),
      );
    }
    if (has('s3:object-lock-legal-hold')) {
      out.push(
        sameContextRequest(
          request,
          policies,
          's3:PutObjectLegalHold',
          request.resource,
          'the upload sets an Object Lock legal hold (x-amz-object-lock-legal-hold), so S3 also authorizes s3:PutObjectLegalHold',
        ),
      );
    }
    const copySource = request.context.get('s3:x-amz-copy-source')?.values[0];
    if (copySource) {
      const path = decodeURIComponent(copySource.replace(/^\//, '').replace(/\?.*$/, ''));
      const sourceArn = `arn:aws:s3:::${path}`;
      const sameBucket = s3Target(sourceArn)?.bucket === s3Target(request.resource)?.bucket;
      out.push(
        sameContextRequest(
          request,
          policies,
          's3:GetObject',
          sourceArn,
          `CopyObject reads its source (x-amz-copy-source), so S3 also authorizes s3:GetObject on it${sameBucket ? '' : " (the source bucket's policy is not given)"}`,
          sameBucket,
          sourceArn !== request.resource,
        ),
      );
      const sourceKey = resolveKmsKey(request, true, true);
      if (sourceKey)
        out.push(kmsRequest(request, policies, 'kms:Decrypt', sourceKey, 'the copy source is encrypted with SSE-KMS, so reading it needs kms:Decrypt'));
    }
    const key = resolveKmsKey(request, false);
    if (key) {
      out.push(kmsRequest(request, policies, 'kms:GenerateDataKey', key, 'an SSE-KMS upload needs kms:GenerateDataKey on the key'));
      // Scenario 1 (the AWS Knowledge Center article): "every object upload, copy or bucket configured
      // to use an S3 Bucket Key for SSE-KMS must have access to the kms:Decrypt permission".
      const bucketKey =
        request.s3?.defaultEncryption?.bucketKeyEnabled === true ||
        request.context.get('s3:x-amz-server-side-encryption-bucket-key-enabled')?.values[0]?.toLowerCase() === 'true';
      if (request.s3?.multipartUpload) out.push(kmsRequest(request, policies, 'kms:Decrypt', key, 'a multipart SSE-KMS upload also needs kms:Decrypt'));
      else if (bucketKey) out.push(kmsRequest(request, policies, 'kms:Decrypt', key, 'an upload under an S3 Bucket Key also needs kms:Decrypt'));
    }
  } else if (action === 's3:createbucket') {
    // Amazon S3 API Reference, CreateBucket, Permissions: a public-read, public-read-write or
    // authenticated-read ACL, or explicit grants, need s3:PutBucketAcl too ("If the ACL for the
    // CreateBucket request is private or if the request doesn't specify any ACLs, only s3:CreateBucket
    // permission is needed"); "If your CreateBucket request includes the x-amz-object-ownership header,
    // s3:PutBucketOwnershipControls permission is required."
    const { canned: acl, grants: grantHeaders } = aclHeaders(request);
    if ((acl !== undefined && acl !== 'private') || grantHeaders.length) {
      out.push(
        sameContextRequest(
          request,
          policies,
          's3:PutBucketAcl',
          request.resource,
          `the new bucket gets an ACL (${acl !== undefined ? `x-amz-acl ${acl}` : grantHeaders.join(', ')}), so S3 also authorizes s3:PutBucketAcl`,
        ),
      );
    }
    if (has('s3:x-amz-object-ownership')) {
      out.push(
        sameContextRequest(
          request,
          policies,
          's3:PutBucketOwnershipControls',
          request.resource,
          'the request sets Object Ownership (x-amz-object-ownership), so S3 also authorizes s3:PutBucketOwnershipControls',
        ),
      );
    }
  } else if (action === 's3:replicateobject') {
    // "kms:Encrypt permissions for the AWS KMS CMK used to encrypt the object replica" (Amazon S3 User
    // Guide, "Replicating objects created with server-side encryption (SSE-C, SSE-S3, SSE-KMS)").
    const key = resolveKmsKey(request, false);
    if (key) out.push(kmsRequest(request, policies, 'kms:Encrypt', key, 'replicating into SSE-KMS needs kms:Encrypt on the replica key'));
  } else if (action === 's3:getobject' || action === 's3:getobjectversion' || action === 's3:getobjectversionforreplication') {
    const key = resolveKmsKey(request, true);
    if (key) out.push(kmsRequest(request, policies, 'kms:Decrypt', key, 'reading an SSE-KMS object needs kms:Decrypt on its key'));
  }
  return out;
}

/** `s3:PutObjectAcl, which S3 also checks, is not: no VPC endpoint policy allows it` */
function chainedWhy(c: ChainedRequest): string {
  return `${c.action}, which S3 also checks, is not: ${c.summary.replace(/^(implicitly|explicitly) denied:?\s*(by\s*)?/, (_m, _k, by) => (by ? 'denied by ' : ''))}`;
}

/**
 * The whole decision: the request itself and every authorization S3 chains to it. A denial of any of
 * them denies the request; `deciding` then names the chained action.
 */
export function decide(request: Request, policies: PolicySet): FullEvaluation {
  const primary = evaluateRequest(request, policies);
  const evaluated = deriveRequests(request, policies).map((d) => ({ d, e: evaluateRequest(d.request, d.policies) }));
  const chained: ChainedRequest[] = evaluated.map(({ d, e }) => ({
    action: d.request.action,
    resource: d.request.resource,
    reason: d.reason,
    decision: e.decision,
    summary: e.summary,
    deciding: e.deciding,
    layers: e.layers,
    ...(d.key ? { kmsKey: { arn: d.key.arn, awsManaged: d.key.awsManaged, ...(d.key.alias ? { alias: d.key.alias } : {}) } } : {}),
  }));
  const consulted = new Set(primary.consultedDefaults);
  for (const { e } of evaluated) for (const k of e.consultedDefaults) consulted.add(k);
  // An explicit denial is named once: a Deny statement that also matches a chained request (a bucket
  // policy denying s3:*), or a refusal that applies to both (Block Public Access), keeps its first entry.
  const seen = new Set<string>();
  const fresh = (d: DecidingEntry) => {
    const k = JSON.stringify(d.statementIndex !== undefined ? [d.policyType, d.source, d.policyIndex, d.level, d.statementIndex] : [d.policyType]);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  };
  const withAction = (c: ChainedRequest) => c.deciding.map((d) => ({ ...d, action: c.action }));
  const explicit = chained.filter((c) => c.decision === 'ExplicitDeny');
  const implicit = chained.filter((c) => c.decision === 'ImplicitDeny');
  const full: FullEvaluation = { ...primary, consultedDefaults: [...consulted].sort(), additionalRequests: chained };
  if (primary.decision === 'ExplicitDeny' || explicit.length) {
    full.decision = 'ExplicitDeny';
    const own = primary.decision === 'ExplicitDeny' ? primary.deciding.filter(fresh) : [];
    full.deciding = [...own, ...explicit.flatMap(withAction).filter(fresh)];
    if (primary.decision !== 'ExplicitDeny')
      full.summary = `explicitly denied: ${request.action} itself is allowed, but ${explicit.map(chainedWhy).join('; and ')}`;
  } else if (primary.decision === 'ImplicitDeny' || implicit.length) {
    full.decision = 'ImplicitDeny';
    full.deciding = [...(primary.decision === 'ImplicitDeny' ? primary.deciding : []), ...implicit.flatMap(withAction)];
    if (primary.decision === 'Allowed') {
      full.summary = `implicitly denied: ${request.action} itself is allowed, but ${implicit.map(chainedWhy).join('; and ')}`;
    }
  }
  // S3's own rules, whatever the policies say. No policy decides them, so `deciding` is empty.
  const refusal = s3Refusal(request, chained);
  if (refusal && full.decision !== 'ExplicitDeny') {
    full.decision = 'ImplicitDeny';
    full.deciding = [];
    full.summary = `denied by S3 itself: ${refusal}`;
  }
  return full;
}

/**
 * "All GET and PUT requests for an object protected by AWS KMS fail if they are not made via SSL or TLS,
 * or if they are not made using SigV4" (Amazon S3 User Guide, "Using server-side encryption with AWS KMS
 * keys"); "All copy requests must be authenticated" (CopyObject API reference).
 */
function s3Refusal(request: Request, chained: ChainedRequest[]): string | undefined {
  const kms = chained.some((c) => c.action.startsWith('kms:'));
  const anonymous = request.principal.kind === 'anonymous';
  const http = request.context.get('aws:securetransport')?.values[0]?.toLowerCase() === 'false';
  if (kms && anonymous) return 'requests for SSE-KMS objects must be signed with SigV4, and an anonymous request is not signed';
  if (kms && http) return 'requests for SSE-KMS objects must use TLS (HTTPS), and this one is plain HTTP';
  if (anonymous && request.context.has('s3:x-amz-copy-source')) return 'copy requests must be authenticated, and this one is anonymous';
  return undefined;
}
