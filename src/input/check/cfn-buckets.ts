import { member, type JsonNode, type JsonObject } from '../../json/index.js';
import type { BucketFacts, BucketFlag } from '../../model/check.js';
import { referencedId } from './cfn-links.js';

/** A flag written as a literal boolean (YAML `true`, JSON `true`, or the strings `"true"`/`"false"`); an intrinsic is not read. */
function flag(props: JsonObject, name: string): BucketFlag | undefined {
  const node = member(props, name)?.value;
  if (node?.kind === 'boolean') return { value: node.value, span: node.span };
  if (node?.kind === 'string' && /^(true|false)$/i.test(node.value)) return { value: node.value.toLowerCase() === 'true', span: node.span };
  return undefined;
}

/** The first literal `OwnershipControls.Rules[].ObjectOwnership`. */
function ownership(props: JsonObject): BucketFacts['objectOwnership'] {
  const controls = member(props, 'OwnershipControls')?.value;
  const rules = controls?.kind === 'object' ? member(controls, 'Rules')?.value : undefined;
  for (const r of rules?.kind === 'array' ? rules.elements : []) {
    const v = r.kind === 'object' ? member(r, 'ObjectOwnership')?.value : undefined;
    if (v?.kind === 'string') return { value: v.value, span: v.span };
  }
  return undefined;
}

/**
 * The first rule of `BucketEncryption.ServerSideEncryptionConfiguration` with a literal `SSEAlgorithm`, and
 * its `KMSMasterKeyID`: a key of the template (`!Ref Key`, `!GetAtt Key.Arn`, `!Sub …/${Key}`) or literal text.
 */
function encryption(props: JsonObject, keys: ReadonlySet<string>): BucketFacts['encryption'] {
  const config = member(props, 'BucketEncryption')?.value;
  const rules = config?.kind === 'object' ? member(config, 'ServerSideEncryptionConfiguration')?.value : undefined;
  for (const r of rules?.kind === 'array' ? rules.elements : []) {
    const def = r.kind === 'object' ? member(r, 'ServerSideEncryptionByDefault')?.value : undefined;
    const algorithm = def?.kind === 'object' ? member(def, 'SSEAlgorithm')?.value : undefined;
    if (def?.kind !== 'object' || algorithm?.kind !== 'string') continue;
    const keyNode = member(def, 'KMSMasterKeyID')?.value;
    const ref = referencedId(keyNode);
    let key: NonNullable<BucketFacts['encryption']>['key'];
    if (ref !== undefined && keys.has(ref)) key = { resource: ref };
    else if (keyNode?.kind === 'string') key = { text: keyNode.value };
    return { algorithm: algorithm.value, span: algorithm.span, ...(key ? { key } : {}) };
  }
  return undefined;
}

/**
 * What an `AWS::S3::Bucket` writes about Block Public Access (`PublicAccessBlockConfiguration`) and Object
 * Ownership (`OwnershipControls.Rules[].ObjectOwnership`), from the literal values only: a value given by an
 * intrinsic is absent, never guessed.
 */
export function bucketFacts(logicalId: string, resource: JsonObject, props: JsonObject | undefined, keys: ReadonlySet<string> = new Set()): BucketFacts {
  const facts: BucketFacts = { bucket: logicalId, span: resource.span };
  if (!props) return facts;
  const name = member(props, 'BucketName')?.value;
  if (name?.kind === 'string') facts.name = name.value;
  const bpa = member(props, 'PublicAccessBlockConfiguration')?.value;
  if (bpa?.kind === 'object') {
    const flags = {
      blockPublicAcls: flag(bpa, 'BlockPublicAcls'),
      ignorePublicAcls: flag(bpa, 'IgnorePublicAcls'),
      blockPublicPolicy: flag(bpa, 'BlockPublicPolicy'),
      restrictPublicBuckets: flag(bpa, 'RestrictPublicBuckets'),
    };
    facts.publicAccessBlock = { span: bpa.span, ...Object.fromEntries(Object.entries(flags).filter(([, v]) => v !== undefined)) };
  }
  const acl = member(props, 'AccessControl')?.value;
  if (acl?.kind === 'string') facts.accessControl = { value: acl.value, span: acl.span };
  const owner = ownership(props);
  if (owner) facts.objectOwnership = owner;
  const sse = encryption(props, keys);
  if (sse) facts.encryption = sse;
  return facts;
}

/** The bucket a bucket policy's `Bucket` names: `!Ref X` (or `{"Ref": "X"}`) of a bucket in the file, or its literal name. */
export function linkedBucket(bucketNode: JsonNode | undefined, buckets: readonly BucketFacts[]): BucketFacts | undefined {
  if (bucketNode?.kind === 'string') return buckets.find((b) => b.name === bucketNode.value);
  if (bucketNode?.kind !== 'object' || bucketNode.members.length !== 1) return undefined;
  const ref = member(bucketNode, 'Ref')?.value;
  return ref?.kind === 'string' ? buckets.find((b) => b.bucket === ref.value) : undefined;
}
