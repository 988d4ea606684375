import type { JsonNode } from '../../../json/index.js';
import type { EvidenceFact } from '../../../model/evidence.js';
import { unwrapPolicy } from '../../cli-output.js';
import type { EvidenceFound } from '../types.js';
import { elements, errorAt, field, fromOf, refOf, text, type Output } from './node.js';

const stated = { code: 'stated' } as const;
const fact = (o: Output, pointer: string, value: unknown, node: JsonNode): EvidenceFact => ({ pointer, value, from: fromOf(o, node), how: stated });

/**
 * `{"Policy": "…"}`: `aws s3api get-bucket-policy` and `aws kms get-key-policy` print the same wrapper (the key
 * policy with `PolicyName` beside it in current CLI versions). Told apart by the document only when it cannot be
 * wrong: every action an `s3:` action (a bucket policy) or every action a `kms:` action (a key policy).
 */
export function readPolicyString(o: Output): EvidenceFound {
  const node = field(o.root, 'Policy')!;
  const layer = text(o.root, 'PolicyName') !== undefined ? 'kmsKey' : layerByActions(o, node);
  const label = layer === 'kmsKey' ? `kms get-key-policy ${text(o.root, 'PolicyName') ?? ''}`.trim() : 's3api get-bucket-policy';
  return { facts: [], policies: [{ layer, ref: refOf(o, ['Policy']), label, from: fromOf(o, node) }] };
}

function layerByActions(o: Output, node: JsonNode): 'resource' | 'kmsKey' {
  const doc = unwrapPolicy(node, o.item.label, '$.Policy').root;
  const actions: string[] = [];
  for (const st of elements(doc, 'Statement')) {
    for (const key of ['Action', 'NotAction']) {
      const a = field(st, key);
      if (a?.kind === 'string') actions.push(a.value.toLowerCase());
      if (a?.kind === 'array') for (const x of a.elements) if (x.kind === 'string') actions.push(x.value.toLowerCase());
    }
  }
  if (actions.length && actions.every((a) => a.startsWith('s3:'))) return 'resource';
  if (actions.length && actions.every((a) => a.startsWith('kms:'))) return 'kmsKey';
  throw errorAt(
    o,
    node,
    'a policy printed as {"Policy": "…"}, whose actions do not say whether it is a bucket policy (get-bucket-policy) or a key policy (get-key-policy): give it with --resource-policy or --kms-key-policy',
  );
}

/** `aws s3api get-bucket-ownership-controls`: the bucket's Object Ownership. */
export function readOwnership(o: Output): EvidenceFound {
  const rule = elements(field(o.root, 'OwnershipControls'), 'Rules')[0];
  const value = field(rule, 'ObjectOwnership');
  if (value?.kind !== 'string') throw errorAt(o, o.root, 'get-bucket-ownership-controls output without OwnershipControls.Rules[0].ObjectOwnership');
  return { facts: [fact(o, '/s3/objectOwnership', value.value, value)], policies: [] };
}

/** `aws s3api get-bucket-encryption`: the first rule's default encryption, with `BucketKeyEnabled`. */
export function readEncryption(o: Output): EvidenceFound {
  const rule = elements(field(o.root, 'ServerSideEncryptionConfiguration'), 'Rules')[0];
  const sse = field(rule, 'ApplyServerSideEncryptionByDefault');
  if (!sse || sse.kind !== 'object') throw errorAt(o, o.root, 'get-bucket-encryption output without Rules[0].ApplyServerSideEncryptionByDefault');
  const value: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of ['SSEAlgorithm', 'KMSMasterKeyID']) if (text(sse, key) !== undefined) value[key] = text(sse, key);
  const bucketKey = field(rule, 'BucketKeyEnabled');
  if (bucketKey?.kind === 'boolean') value.BucketKeyEnabled = bucketKey.value;
  return { facts: [fact(o, '/s3/defaultEncryption', { ...value }, sse)], policies: [] };
}

/** `aws s3api get-bucket-request-payment`: `Payer` `Requester` or `BucketOwner`. */
export function readRequestPayment(o: Output): EvidenceFound {
  const payer = field(o.root, 'Payer')!;
  if (payer.kind !== 'string' || !['Requester', 'BucketOwner'].includes(payer.value)) throw errorAt(o, payer, 'Payer is `Requester` or `BucketOwner`');
  return { facts: [fact(o, '/s3/requesterPays', payer.value === 'Requester', payer)], policies: [] };
}

/** `aws kms describe-key`: `KeyManager` `AWS` is an AWS managed key (aws/s3 for S3), whose key policy AWS fixes. */
export function readDescribeKey(o: Output): EvidenceFound {
  const manager = field(field(o.root, 'KeyMetadata'), 'KeyManager');
  if (manager?.kind !== 'string' || !['AWS', 'CUSTOMER'].includes(manager.value)) return { facts: [], policies: [] };
  return { facts: [fact(o, '/s3/kmsKeyManager', manager.value, manager)], policies: [] };
}

/**
 * `aws ec2 describe-vpc-endpoints`: each endpoint's policy, placed for the request whose `aws:SourceVpce` is that
 * endpoint. One endpoint alone is also placed when the request does not say its endpoint: the request is then
 * taken to go through it, an assumption shown with its other reading (not through it), never asserted as a
 * fact; it gives `vpcEndpointType`. With several, the type stays unknown (Gateway, where an account principal
 * admits only the root user, so never a wrong Allowed).
 */
export function readVpcEndpoints(o: Output): EvidenceFound {
  const found: EvidenceFound = { facts: [], policies: [] };
  const endpoints = elements(o.root, 'VpcEndpoints');
  endpoints.forEach((e, i) => {
    const id = text(e, 'VpcEndpointId');
    const policy = field(e, 'PolicyDocument');
    if (id === undefined || !policy) return;
    found.policies.push({
      layer: 'vpcEndpoint',
      ref: refOf(o, ['VpcEndpoints', i, 'PolicyDocument']),
      label: `${id} PolicyDocument`,
      from: fromOf(o, policy),
      appliesTo: { sourceVpce: id, ...(endpoints.length === 1 ? { orUnsaid: true } : {}) },
    });
    if (endpoints.length !== 1) return;
    const type = field(e, 'VpcEndpointType');
    if (type?.kind === 'string' && (type.value === 'Gateway' || type.value === 'Interface')) found.facts.push(fact(o, '/vpcEndpointType', type.value, type));
  });
  return found;
}

/** `aws organizations describe-organization`: the management account (`MasterAccountId`, or `ManagementAccountId`). */
export function readOrganization(o: Output): EvidenceFound {
  const org = field(o.root, 'Organization');
  const id = field(org, 'ManagementAccountId') ?? field(org, 'MasterAccountId');
  if (id?.kind !== 'string') return { facts: [], policies: [] };
  return { facts: [fact(o, '/managementAccount', id.value, id)], policies: [] };
}
