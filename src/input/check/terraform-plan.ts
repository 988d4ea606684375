import { member, readJsonDiagnostics, type JsonMember, type JsonNode, type JsonObject } from '../../json/index.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { BucketFacts, FileResource, PolicyOrigin, TypeEvidence } from '../../model/check.js';
import type { SourceSpan } from '../../model/source.js';
import { embeddedJsonReader, withoutBom } from './embedded.js';
import { inferType } from './plain-json.js';
import { planBuckets } from './tf-buckets.js';
import { configAddress, planConfig, planLinks } from './tf-links.js';
import type { FileScan, FoundPolicy, PolicyReader, TypeMapping } from './types.js';

/**
 * Terraform plans in JSON (`terraform show -json PLANFILE`, pretty or minified). Only the planned state is
 * read: `planned_values` (the root module and its child modules, recursively) and `resource_changes[]
 * .change.after`; never `prior_state`, which is what is deployed now, not what the change makes. The same
 * attribute appears in both: it is read once, keyed by resource address and attribute, from
 * `planned_values` when it is there (check-anchors §2), else from `resource_changes`.
 *
 * Each policy is a JSON string in the plan: it is parsed from its decoded value and every position is mapped
 * back to the plan's own line and column (`embedded.ts`). A value Terraform knows only after apply
 * (`after_unknown`) is an `iac-not-resolved` finding, never a guess.
 */

const IDENTITY: TypeMapping = { policyType: 'identity', host: 'iam-identity' };

/** Where a policy is in a resource's values: its attribute, and whether the resource may leave it unset. */
interface Attribute {
  name: string;
  type: TypeMapping;
  /** AWS applies a default when it is unset (a key policy, an endpoint policy): unknown is then reported only when the configuration sets it. */
  optional?: boolean;
}

/** The managed resources whose attributes hold policy documents, and each document's type (resource argument reference, AWS provider). */
const RESOURCES: ReadonlyMap<string, readonly Attribute[]> = new Map([
  ['aws_iam_policy', [{ name: 'policy', type: IDENTITY }]],
  ['aws_iam_role', [{ name: 'assume_role_policy', type: { policyType: 'resource', host: 'iam-trust' } }]],
  ['aws_iam_role_policy', [{ name: 'policy', type: IDENTITY }]],
  ['aws_iam_user_policy', [{ name: 'policy', type: IDENTITY }]],
  ['aws_iam_group_policy', [{ name: 'policy', type: IDENTITY }]],
  ['aws_s3_bucket_policy', [{ name: 'policy', type: { policyType: 'resource', host: 's3-bucket' } }]],
  ['aws_s3_access_point', [{ name: 'policy', type: { policyType: 'accessPoint', host: 's3-access-point' }, optional: true }]],
  ['aws_kms_key', [{ name: 'policy', type: { policyType: 'kmsKey', host: 'kms-key' }, optional: true }]],
  ['aws_vpc_endpoint', [{ name: 'policy', type: { policyType: 'vpcEndpoint', host: 'vpc-endpoint' }, optional: true }]],
  ['aws_vpc_endpoint_policy', [{ name: 'policy', type: { policyType: 'vpcEndpoint', host: 'vpc-endpoint' }, optional: true }]],
  ['aws_sqs_queue_policy', [{ name: 'policy', type: { policyType: 'resource', host: 'sqs-queue' } }]],
  ['aws_sns_topic_policy', [{ name: 'policy', type: { policyType: 'resource', host: 'sns-topic' } }]],
]);

/** `aws_organizations_policy` `type` → policy type; other Organizations policy types (tag, backup…) are not IAM policy language. */
const ORGANIZATIONS_TYPES: ReadonlyMap<string, TypeMapping> = new Map([
  ['SERVICE_CONTROL_POLICY', { policyType: 'scp', host: 'organizations' }],
  ['RESOURCE_CONTROL_POLICY', { policyType: 'rcp', host: 'organizations' }],
]);

/** One place a policy may be: a resource's attribute, its value in the plan (if known) and whether Terraform knows it only after apply. */
interface Slot {
  address: string;
  /** `policy`, `inline_policy/0/policy`: the pointer's tail. */
  attribute: string;
  /** `policy`, `inline_policy[0].policy`: the label's. */
  attributeLabel: string;
  type: TypeMapping;
  typeFrom: TypeEvidence;
  optional: boolean;
  data: boolean;
  value?: JsonNode;
  /** The `after_unknown` member that says the value is unknown: where the finding goes. */
  unknownAt?: SourceSpan;
  addressSpan: SourceSpan;
}

function obj(node: JsonNode | undefined): JsonObject | undefined {
  return node?.kind === 'object' ? node : undefined;
}

function str(node: JsonNode | undefined): string | undefined {
  return node?.kind === 'string' ? node.value : undefined;
}

function objects(node: JsonNode | undefined): JsonObject[] {
  return node?.kind === 'array' ? node.elements.flatMap((e) => (e.kind === 'object' ? [e] : [])) : [];
}

function at(node: JsonNode | undefined, ...path: (string | number)[]): JsonNode | undefined {
  for (const p of path) {
    if (typeof p === 'number') node = node?.kind === 'array' ? node.elements[p] : undefined;
    else node = node?.kind === 'object' ? member(node, p)?.value : undefined;
  }
  return node;
}

/** The slots of one resource, from its values (`planned_values` `values`, or `change.after`) and `after_unknown`. */
function slotsOf(resource: JsonObject, values: JsonObject, unknown?: JsonObject): Slot[] {
  const address = member(resource, 'address')?.value;
  const type = str(member(resource, 'type')?.value);
  if (address?.kind !== 'string' || type === undefined) return [];
  const data = str(member(resource, 'mode')?.value) === 'data';
  const base = { address: address.value, typeFrom: 'container' as TypeEvidence, optional: false, data, addressSpan: address.span };
  const slot = (path: (string | number)[], type: TypeMapping, extra: Partial<Slot> = {}): Slot => {
    const value = at(values, ...path);
    const unknownMember = path.length && unknown ? unknownKey(unknown, path) : undefined;
    return {
      ...base,
      attribute: path.join('/'),
      attributeLabel: path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${p}`)).join(''),
      type,
      ...(value ? { value } : {}),
      ...(unknownMember ? { unknownAt: unknownMember } : {}),
      ...extra,
    };
  };
  if (data) return type === 'aws_iam_policy_document' ? [slot(['json'], IDENTITY, { typeFrom: 'inferred', optional: true })] : [];
  if (type === 'aws_organizations_policy') {
    const mapped = ORGANIZATIONS_TYPES.get(str(member(values, 'type')?.value) ?? 'SERVICE_CONTROL_POLICY');
    return mapped ? [slot(['content'], mapped)] : [];
  }
  const out = (RESOURCES.get(type) ?? []).map((a) => slot([a.name], a.type, { optional: a.optional ?? false }));
  if (type === 'aws_iam_role') {
    const count = Math.max(arrayLength(member(values, 'inline_policy')?.value), arrayLength(unknown && member(unknown, 'inline_policy')?.value));
    for (let i = 0; i < count; i++) out.push(slot(['inline_policy', i, 'policy'], IDENTITY, { optional: true }));
  }
  return out;
}

function arrayLength(node: JsonNode | undefined): number {
  return node?.kind === 'array' ? node.elements.length : 0;
}

/** The span of the `after_unknown` entry that is `true` for this path (the member's key, or the array element). */
function unknownKey(unknown: JsonObject, path: (string | number)[]): SourceSpan | undefined {
  let node: JsonNode | undefined = unknown;
  let span: SourceSpan | undefined;
  for (const p of path) {
    if (typeof p === 'number') {
      node = node?.kind === 'array' ? node.elements[p] : undefined;
      span = node?.span;
    } else {
      const m: JsonMember | undefined = node?.kind === 'object' ? member(node, p) : undefined;
      node = m?.value;
      span = m?.keySpan;
    }
    if (node?.kind === 'boolean' && node.value) return span;
  }
  return undefined;
}

/** Every resource of a module in `planned_values`, its child modules' too. */
function plannedResources(module: JsonObject | undefined, depth = 0): JsonObject[] {
  if (!module || depth > 32) return [];
  const own = objects(member(module, 'resources')?.value);
  return [...own, ...objects(member(module, 'child_modules')?.value).flatMap((m) => plannedResources(m, depth + 1))];
}

/**
 * The slots of the plan, each once (keyed by address and attribute): `planned_values` first; a slot from
 * `resource_changes` adds what `planned_values` does not say (an unknown value, a resource it lacks).
 */
function planSlots(root: JsonObject): Slot[] {
  const slots = new Map<string, Slot>();
  for (const r of plannedResources(obj(at(root, 'planned_values', 'root_module')))) {
    const values = obj(member(r, 'values')?.value);
    if (values) for (const s of slotsOf(r, values)) slots.set(`${s.address}/${s.attribute}`, s);
  }
  for (const rc of objects(member(root, 'resource_changes')?.value)) {
    const after = obj(at(rc, 'change', 'after'));
    // Deleted, or a deposed object (`address` and `deposed` are its key): nothing of it is planned.
    if (!after || member(rc, 'deposed')) continue;
    for (const s of slotsOf(rc, after, obj(at(rc, 'change', 'after_unknown')))) {
      const key = `${s.address}/${s.attribute}`;
      const planned = slots.get(key);
      if (!planned) slots.set(key, s);
      else if (!planned.value && s.value) slots.set(key, { ...planned, value: s.value });
      else if (s.unknownAt && !planned.unknownAt) slots.set(key, { ...planned, unknownAt: s.unknownAt });
    }
  }
  return [...slots.values()];
}

/**
 * The attributes the configuration sets, as `module.a.aws_kms_key.k/policy` (module instance keys and
 * `count`/`for_each` indexes left out, as the configuration has none).
 */
function configuredAttributes(root: JsonObject): Set<string> {
  const out = new Set<string>();
  const visit = (module: JsonObject | undefined, prefix: string, depth: number) => {
    if (!module || depth > 32) return;
    for (const r of objects(member(module, 'resources')?.value)) {
      const address = str(member(r, 'address')?.value);
      const expressions = obj(member(r, 'expressions')?.value);
      if (address && expressions) for (const m of expressions.members) out.add(`${prefix}${address}/${m.key}`);
    }
    for (const call of obj(member(module, 'module_calls')?.value)?.members ?? []) {
      visit(obj(at(call.value, 'module')), `${prefix}module.${call.key}.`, depth + 1);
    }
  };
  visit(obj(at(root, 'configuration', 'root_module')), '', 0);
  return out;
}

function notResolved(file: string, slot: Slot): Diagnostic {
  return {
    code: 'iac-not-resolved',
    severity: 'info',
    message: `the ${slot.attributeLabel} of \`${slot.address}\` is known only after \`terraform apply\`, so it was not checked`,
    file,
    span: slot.unknownAt ?? slot.addressSpan,
  };
}

function originOf(file: string, slot: Slot, type: TypeMapping, typeFrom: TypeEvidence): PolicyOrigin {
  return {
    file,
    format: 'terraform-plan',
    policyType: type.policyType,
    ...(type.host ? { host: type.host } : {}),
    typeFrom,
    pointer: `${slot.address}/${slot.attribute}`,
    label: `${slot.address} (${slot.attributeLabel})`,
  };
}

/** Reads the policies of a parsed plan: every known policy, mapped into the file; every unknown one an `iac-not-resolved` finding. */
function readPlan(
  file: string,
  text: string,
  root: JsonObject,
): { policies: FoundPolicy[]; diagnostics: Diagnostic[]; buckets: BucketFacts[]; resources: FileResource[] } {
  const embedded = embeddedJsonReader(file, text);
  const configured = configuredAttributes(root);
  const config = planConfig(root);
  const buckets = planBuckets(root, config);
  const links = planLinks(plannedResources(obj(at(root, 'planned_values', 'root_module'))), config);
  const open = (address: string) => {
    for (const id of links.holdersOf(address)) {
      const r = links.resources.find((x) => x.id === id);
      if (r && r.kind !== 'kms-key' && r.kind !== 'vpc-endpoint') r.open = true;
    }
  };
  const policies: FoundPolicy[] = [];
  const diagnostics: Diagnostic[] = [];
  const slots = planSlots(root);
  // A policy document data source whose JSON a resource holds is read there, with the resource's type.
  const held = new Set(slots.flatMap((s) => (!s.data && s.value?.kind === 'string' ? [s.value.value] : [])));
  for (const slot of slots) {
    const value = slot.value;
    if (value?.kind !== 'string') {
      const setInConfig = configured.has(`${configAddress(slot.address)}/${slot.attribute.split('/')[0]!}`);
      if (slot.unknownAt && !slot.data && (!slot.optional || setInConfig)) diagnostics.push(notResolved(file, slot));
      // A principal with a policy the plan does not know may be allowed more than the plan shows.
      if (slot.unknownAt && slot.type.policyType === 'identity') open(slot.address);
      continue;
    }
    if (slot.data && held.has(value.value)) continue;
    if (slot.optional && value.value.trim() === '') continue;
    const read = embedded(value);
    diagnostics.push(...read.diagnostics);
    if (!read.doc) continue;
    const type = slot.typeFrom === 'inferred' ? inferType(read.doc.root) : slot.type;
    const bucket = type.host === 's3-bucket' ? buckets.of(slot.address) : undefined;
    const holders = links.holdersOf(slot.address);
    policies.push({
      origin: originOf(file, slot, type, slot.typeFrom),
      root: read.doc.root,
      ...(bucket ? { bucket } : {}),
      ...(holders.length ? { holders } : {}),
    });
  }
  return { policies, diagnostics, buckets: buckets.buckets, resources: links.resources };
}

/** A cheap look at the text: a plan has `format_version`, `terraform_version`, and planned values or changes. */
function looksLikePlan(text: string): boolean {
  return (
    text.includes('"format_version"') && text.includes('"terraform_version"') && (text.includes('"planned_values"') || text.includes('"resource_changes"'))
  );
}

export const terraformPlanReader: PolicyReader = {
  format: 'terraform-plan',
  claims: (file, text) => file.toLowerCase().endsWith('.json') && looksLikePlan(text),
  read(file: string, text: string): FileScan {
    const { doc, diagnostics } = readJsonDiagnostics(text, file);
    const root = obj(doc?.root);
    if (!root) return { file, format: 'terraform-plan', policies: [], diagnostics };
    const found = readPlan(file, withoutBom(text), root);
    return {
      file,
      format: 'terraform-plan',
      policies: found.policies,
      diagnostics: [...diagnostics, ...found.diagnostics],
      ...(found.buckets.length ? { buckets: found.buckets } : {}),
      ...(found.resources.length ? { resources: found.resources } : {}),
    };
  },
};
