import { member, type JsonNode, type JsonObject } from '../../json/index.js';
import type { BucketFacts, BucketFlag } from '../../model/check.js';
import { configAddress, tfAt, type PlanConfig } from './tf-links.js';

/** The Terraform attribute of each Block Public Access flag (`aws_s3_bucket_public_access_block`). */
const FLAGS = [
  ['block_public_acls', 'blockPublicAcls'],
  ['ignore_public_acls', 'ignorePublicAcls'],
  ['block_public_policy', 'blockPublicPolicy'],
  ['restrict_public_buckets', 'restrictPublicBuckets'],
] as const;

function obj(node: JsonNode | undefined): JsonObject | undefined {
  return node?.kind === 'object' ? node : undefined;
}

function objects(node: JsonNode | undefined): JsonObject[] {
  return node?.kind === 'array' ? node.elements.flatMap((e) => (e.kind === 'object' ? [e] : [])) : [];
}

function at(node: JsonNode | undefined, ...path: string[]): JsonNode | undefined {
  for (const p of path) node = node?.kind === 'object' ? member(node, p)?.value : undefined;
  return node;
}

function str(node: JsonNode | undefined): string | undefined {
  return node?.kind === 'string' ? node.value : undefined;
}

/**
 * The bucket each resource's `bucket` argument refers to in the configuration (`bucket = aws_s3_bucket.b.id`
 * references `aws_s3_bucket.b`), by the resource's configuration address: the planned value of `bucket` is
 * often known only after apply, and the reference is what links it.
 */
function bucketReferences(root: JsonObject): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (module: JsonObject | undefined, prefix: string, depth: number) => {
    if (!module || depth > 32) return;
    for (const r of objects(member(module, 'resources')?.value)) {
      const address = str(member(r, 'address')?.value);
      const refs = at(r, 'expressions', 'bucket', 'references');
      const bucket = refs?.kind === 'array' ? refs.elements.map(str).find((s) => s !== undefined && /^aws_s3_bucket\.[^.]+$/.test(s)) : undefined;
      if (address && bucket) out.set(`${prefix}${address}`, `${prefix}${bucket}`);
    }
    for (const call of obj(member(module, 'module_calls')?.value)?.members ?? [])
      visit(obj(at(call.value, 'module')), `${prefix}module.${call.key}.`, depth + 1);
  };
  visit(obj(at(root, 'configuration', 'root_module')), '', 0);
  return out;
}

function plannedResources(module: JsonObject | undefined, depth = 0): JsonObject[] {
  if (!module || depth > 32) return [];
  const own = objects(member(module, 'resources')?.value);
  return [...own, ...objects(member(module, 'child_modules')?.value).flatMap((m) => plannedResources(m, depth + 1))];
}

/** What a plan says about its S3 buckets, and which bucket each resource's `bucket` argument names. */
export interface PlanBuckets {
  buckets: BucketFacts[];
  /** The facts of the bucket a resource (an `aws_s3_bucket_policy`) names, by the resource's address. */
  of(address: string): BucketFacts | undefined;
}

/**
 * The buckets of a plan's `planned_values`: each `aws_s3_bucket`, with the flags of the
 * `aws_s3_bucket_public_access_block` and the `object_ownership` of the `aws_s3_bucket_ownership_controls`
 * that name it (by the configuration's reference, or by the planned bucket name). A bucket the plan does not
 * declare gets facts of its own, named by its name. Literal planned values only.
 */
export function planBuckets(root: JsonObject, config?: PlanConfig): PlanBuckets {
  const refs = bucketReferences(root);
  const resources = plannedResources(obj(at(root, 'planned_values', 'root_module')));
  const byKey = new Map<string, BucketFacts>();
  const buckets: BucketFacts[] = [];
  for (const r of resources) {
    const address = member(r, 'address')?.value;
    if (str(member(r, 'type')?.value) !== 'aws_s3_bucket' || address?.kind !== 'string') continue;
    const name = str(at(r, 'values', 'bucket'));
    const facts: BucketFacts = { bucket: address.value, ...(name !== undefined ? { name } : {}), span: address.span };
    const inline = config && sseOf(r, config, ['server_side_encryption_configuration', 0]);
    if (inline) facts.encryption = inline;
    buckets.push(facts);
    byKey.set(`ref:${configAddress(address.value)}`, facts);
    if (name !== undefined) byKey.set(`name:${name}`, facts);
  }
  const target = (r: JsonObject): BucketFacts | undefined => {
    const address = str(member(r, 'address')?.value) ?? '';
    const ref = refs.get(configAddress(address));
    const name = str(at(r, 'values', 'bucket'));
    return (ref !== undefined ? byKey.get(`ref:${ref}`) : undefined) ?? (name !== undefined ? byKey.get(`name:${name}`) : undefined);
  };
  for (const r of resources) {
    const type = str(member(r, 'type')?.value);
    const values = obj(member(r, 'values')?.value);
    const facts = values && (type === 'aws_s3_bucket_public_access_block' || type === 'aws_s3_bucket_ownership_controls') ? target(r) : undefined;
    if (!values || !facts) continue;
    if (type === 'aws_s3_bucket_public_access_block') {
      const flags: Record<string, BucketFlag> = {};
      for (const [attr, key] of FLAGS) {
        const v = member(values, attr)?.value;
        if (v?.kind === 'boolean') flags[key] = { value: v.value, span: v.span };
      }
      facts.publicAccessBlock = { span: values.span, ...flags };
    } else {
      const rule = objects(member(values, 'rule')?.value)[0];
      const v = rule ? member(rule, 'object_ownership')?.value : undefined;
      if (v?.kind === 'string') facts.objectOwnership = { value: v.value, span: v.span };
    }
  }
  for (const r of config ? resources : []) {
    const facts = str(member(r, 'type')?.value) === 'aws_s3_bucket_server_side_encryption_configuration' ? target(r) : undefined;
    const sse = facts && sseOf(r, config!, []);
    if (facts && sse) facts.encryption = sse;
  }
  readRequestPayers(resources, buckets, target);
  const policies = new Map<string, BucketFacts>();
  for (const r of resources) {
    const address = str(member(r, 'address')?.value);
    const facts = str(member(r, 'type')?.value) === 'aws_s3_bucket_policy' ? target(r) : undefined;
    if (address !== undefined && facts) policies.set(address, facts);
  }
  return { buckets, of: (address) => policies.get(address) };
}

/**
 * A resource's default encryption rule (`rule[0].apply_server_side_encryption_by_default[0]` under `path`):
 * its literal `sse_algorithm`, and its `kms_master_key_id` as a reference to an `aws_kms_key` of the plan,
 * else as the literal text the plan gives.
 */
function sseOf(r: JsonObject, config: PlanConfig, path: (string | number)[]): BucketFacts['encryption'] {
  const inner = [...path, 'rule', 0, 'apply_server_side_encryption_by_default', 0];
  const def = tfAt(member(r, 'values')?.value, ...inner);
  const algorithm = tfAt(def, 'sse_algorithm');
  if (algorithm?.kind !== 'string') return undefined;
  const address = str(member(r, 'address')?.value) ?? '';
  const ref = config.refs(address, 'aws_kms_key', ...inner, 'kms_master_key_id')[0];
  const text = str(tfAt(def, 'kms_master_key_id'));
  let key: NonNullable<BucketFacts['encryption']>['key'];
  if (ref !== undefined) key = { resource: ref };
  else if (text) key = { text };
  return { algorithm: algorithm.value, span: algorithm.span, ...(key ? { key } : {}) };
}

/**
 * Who pays for each bucket's requests: the `payer` of the `aws_s3_bucket_request_payment_configuration` that
 * names it, else the legacy `request_payer` argument of the `aws_s3_bucket` (literal planned values only).
 */
function readRequestPayers(resources: readonly JsonObject[], buckets: readonly BucketFacts[], target: (r: JsonObject) => BucketFacts | undefined): void {
  for (const r of resources) {
    const legacy = str(member(r, 'type')?.value) === 'aws_s3_bucket' ? at(r, 'values', 'request_payer') : undefined;
    const address = str(member(r, 'address')?.value);
    const facts = legacy?.kind === 'string' ? buckets.find((b) => b.bucket === address) : undefined;
    if (legacy?.kind === 'string' && facts) facts.requestPayer = { value: legacy.value, span: legacy.span };
  }
  for (const r of resources) {
    const payer = str(member(r, 'type')?.value) === 'aws_s3_bucket_request_payment_configuration' ? at(r, 'values', 'payer') : undefined;
    const facts = payer?.kind === 'string' ? target(r) : undefined;
    if (payer?.kind === 'string' && facts) facts.requestPayer = { value: payer.value, span: payer.span };
  }
}
