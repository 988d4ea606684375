import type { ChainReason, KeySource } from '../../model/evaluation.js';
import type { ContextEntry, Request } from '../../model/request.js';
import type { KmsKeyRef } from '../../iam/kms.js';
import { s3TargetOf } from '../../iam/s3.js';
import type { CompiledPolicySet as PolicySet } from '../compile.js';
import type { ChainedDraft } from './types.js';

/**
 * A KMS request on a key (its ARN, or an alias) needs the key policy; CreateKey, ListAliases, ListKeys,
 * GenerateRandom… use no key ("operations that don't use any particular KMS key", AWS KMS, "Specifying
 * KMS keys in IAM policy statements") and are decided by IAM policies alone.
 */
export function usesKey(request: Request): boolean {
  return request.action.toLowerCase().startsWith('kms:') && /^arn:[^:]+:kms:/.test(request.resource);
}

/**
 * "When a FAS request is made after an initial request is made through a VPC endpoint, the condition key
 * values for aws:SourceVpce, aws:SourceVpc, and aws:VpcSourceIp from the initial request are not used in
 * FAS requests ... When a FAS request is made after an initial request is received by a public AWS
 * service endpoint, subsequent FAS requests will be made with the same aws:SourceIP condition key value"
 * (IAM User Guide, "Forward access sessions"). S3's call to KMS is such a request.
 */
const NETWORK_KEYS = new Set(['aws:sourcevpc', 'aws:sourcevpce', 'aws:vpcsourceip']);

type KmsChainCode = Extract<ChainReason, { key: KeySource }>['code'];

/** The call S3 makes to KMS on the caller's behalf: the caller's global keys, KMS's own, the key's account. */
export function kmsRequest(request: Request, policies: PolicySet, action: string, key: KmsKeyRef, code: KmsChainCode): ChainedDraft {
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
  const target = s3TargetOf(request);
  const bucketKey = request.s3?.defaultEncryption?.bucketKeyEnabled === true;
  if (target) {
    // Through an access point the object is still the bucket's: its ARN, not the access point's.
    const objectArn = request.s3?.accessPoint ? `arn:aws:s3:::${target.bucket}/${target.key}` : request.resource;
    const contextArn = bucketKey || target.key === undefined ? `arn:aws:s3:::${target.bucket}` : objectArn;
    derived('kms:EncryptionContext:aws:s3:arn', contextArn);
    derived('kms:EncryptionContextKeys', ['aws:s3:arn']);
  }
  derived('aws:ViaAWSService', true);
  derived('aws:CalledVia', ['s3.amazonaws.com']);
  derived('aws:CalledViaFirst', 's3.amazonaws.com');
  derived('aws:CalledViaLast', 's3.amazonaws.com');
  const next: Request = { ...request, action, resource: key.arn, resourceAccountAssumed: false, context, kmsKeyAwsManaged: key.awsManaged };
  delete next.s3;
  delete next.http;
  if (key.account) next.resourceAccount = key.account;
  const { vpcEndpoint: _vpce, resource: _resource, ...rest } = policies;
  // The RCPs given are those of the bucket's account; "the RCPs of the resource owner's account are
  // applied" (Organizations, RCP evaluation), so they do not govern a key another account owns.
  const foreignKey = key.account !== undefined && request.resourceAccount !== undefined && key.account !== request.resourceAccount;
  const dropRcps = foreignKey && rest.rcp.length > 0;
  const because: ChainReason = {
    code,
    key: key.from,
    ...(dropRcps ? { foreignRcp: { bucketAccount: request.resourceAccount!, keyAccount: key.account! } } : {}),
  };
  return { request: next, policies: dropRcps ? { ...rest, rcp: [] } : rest, because, key };
}
