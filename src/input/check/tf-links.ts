import { member, type JsonNode, type JsonObject } from '../../json/index.js';
import type { FileResource } from '../../model/check.js';

function obj(node: JsonNode | undefined): JsonObject | undefined {
  return node?.kind === 'object' ? node : undefined;
}

function objects(node: JsonNode | undefined): JsonObject[] {
  return node?.kind === 'array' ? node.elements.flatMap((e) => (e.kind === 'object' ? [e] : [])) : [];
}

/** The node at a path of members and array indexes. */
export function tfAt(node: JsonNode | undefined, ...path: (string | number)[]): JsonNode | undefined {
  for (const p of path) {
    if (typeof p === 'number') node = node?.kind === 'array' ? node.elements[p] : undefined;
    else node = node?.kind === 'object' ? member(node, p)?.value : undefined;
  }
  return node;
}

function str(node: JsonNode | undefined): string | undefined {
  return node?.kind === 'string' ? node.value : undefined;
}

/** `module.a["x"].aws_s3_bucket.b[0]` → `module.a.aws_s3_bucket.b`. */
export function configAddress(address: string): string {
  return address.replace(/\[(?:"(?:[^"\\]|\\.)*"|[^\]]*)\]/g, '');
}

/** What the configuration of a plan says each resource's arguments refer to (`role = aws_iam_role.r.name`). */
export interface PlanConfig {
  /**
   * The resource of type `type` an argument (a path in the resource's `expressions`) refers to, by its
   * configuration address (`aws_iam_role.r`, with its module's prefix); every one when it refers to several.
   */
  refs(address: string, type: string, ...path: (string | number)[]): string[];
}

/** The configuration's `expressions` of every resource, by configuration address (modules walked, their prefix kept). */
export function planConfig(root: JsonObject): PlanConfig {
  const byAddress = new Map<string, { expressions: JsonObject; prefix: string }>();
  const visit = (module: JsonObject | undefined, prefix: string, depth: number) => {
    if (!module || depth > 32) return;
    for (const r of objects(member(module, 'resources')?.value)) {
      const address = str(member(r, 'address')?.value);
      const expressions = obj(member(r, 'expressions')?.value);
      if (address && expressions) byAddress.set(`${prefix}${address}`, { expressions, prefix });
    }
    for (const call of obj(member(module, 'module_calls')?.value)?.members ?? [])
      visit(obj(tfAt(call.value, 'module')), `${prefix}module.${call.key}.`, depth + 1);
  };
  visit(obj(tfAt(root, 'configuration', 'root_module')), '', 0);
  return {
    refs(address, type, ...path) {
      const found = byAddress.get(configAddress(address));
      const refs = tfAt(found?.expressions, ...path, 'references');
      const out: string[] = [];
      for (const r of refs?.kind === 'array' ? refs.elements : []) {
        const m = r.kind === 'string' ? new RegExp(`^(${type.replace(/\./g, '\\.')}\\.[^.\\[]+)`).exec(r.value) : null;
        if (m && !out.includes(`${found!.prefix}${m[1]}`)) out.push(`${found!.prefix}${m[1]}`);
      }
      return out;
    },
  };
}

const KINDS: ReadonlyMap<string, FileResource['kind']> = new Map([
  ['aws_iam_role', 'role'],
  ['aws_iam_user', 'user'],
  ['aws_iam_group', 'group'],
  ['aws_kms_key', 'kms-key'],
  ['aws_vpc_endpoint', 'vpc-endpoint'],
]);

/** Attachment resources: the principal argument, its type, and the policy argument. */
const ATTACHMENTS: ReadonlyMap<string, { principal: string; type: string }> = new Map([
  ['aws_iam_role_policy_attachment', { principal: 'role', type: 'aws_iam_role' }],
  ['aws_iam_user_policy_attachment', { principal: 'user', type: 'aws_iam_user' }],
  ['aws_iam_group_policy_attachment', { principal: 'group', type: 'aws_iam_group' }],
]);

/** Inline policy resources and the argument that names their principal. */
const INLINE: ReadonlyMap<string, { principal: string; type: string }> = new Map([
  ['aws_iam_role_policy', { principal: 'role', type: 'aws_iam_role' }],
  ['aws_iam_user_policy', { principal: 'user', type: 'aws_iam_user' }],
  ['aws_iam_group_policy', { principal: 'group', type: 'aws_iam_group' }],
]);

export interface PlanLinks {
  resources: FileResource[];
  /** The resources a policy-holding resource (by its plan address) belongs to, by configuration address. */
  holdersOf(address: string): string[];
}

/**
 * The roles, users, groups, KMS keys and VPC endpoints of a plan's planned resources, and which of them each
 * policy resource belongs to: by the configuration's references (`role = aws_iam_role.r.name`,
 * `policy_arn = aws_iam_policy.p.arn`), or by a literal name the plan gives both. A principal with a policy
 * attachment whose policy is not a resource of the plan, with `managed_policy_arns`, or in a group, is `open`.
 */
export function planLinks(resources: readonly JsonObject[], config: PlanConfig): PlanLinks {
  const out = new Map<string, FileResource>();
  const typed = resources.flatMap((r) => {
    const address = member(r, 'address')?.value;
    const type = str(member(r, 'type')?.value);
    return address?.kind === 'string' && type !== undefined && str(member(r, 'mode')?.value) !== 'data'
      ? [{ r, address: address.value, config: configAddress(address.value), type, values: obj(member(r, 'values')?.value) }]
      : [];
  });
  for (const t of typed) {
    const kind = KINDS.get(t.type);
    if (!kind) continue;
    const name = str(tfAt(t.values, kind === 'vpc-endpoint' ? 'id' : 'name'));
    const arn = str(tfAt(t.values, 'arn'));
    const service = str(tfAt(t.values, 'service_name'));
    const managed = tfAt(t.values, 'managed_policy_arns');
    const open = managed?.kind === 'array' && managed.elements.length > 0;
    const span = (member(t.r, 'address')?.value ?? t.r).span;
    out.set(t.config, {
      kind,
      id: t.config,
      ...(name ? { name } : {}),
      ...(arn ? { arn } : {}),
      ...(service ? { service } : {}),
      ...(open ? { open } : {}),
      span,
    });
  }
  const byName = (type: string, node: JsonNode | undefined) =>
    [...out.values()].filter((p) => p.id.split('.').slice(-2)[0] === type && p.name !== undefined && p.name === str(node)).map((p) => p.id);
  const principalOf = (address: string, arg: string, type: string, values: JsonObject | undefined) => {
    const refs = config.refs(address, type, arg).filter((id) => out.has(id));
    return refs.length ? refs : byName(type, tfAt(values, arg));
  };
  const holders = new Map<string, string[]>();
  const add = (policy: string, principal: string) => holders.set(policy, [...new Set([...(holders.get(policy) ?? []), principal])]);
  const policies = new Set(typed.filter((t) => t.type === 'aws_iam_policy').map((t) => t.config));
  for (const t of typed) {
    if (KINDS.has(t.type)) add(t.config, t.config);
    const inline = INLINE.get(t.type);
    if (inline) for (const p of principalOf(t.address, inline.principal, inline.type, t.values)) add(t.config, p);
    if (t.type === 'aws_vpc_endpoint_policy') for (const p of principalOf(t.address, 'vpc_endpoint_id', 'aws_vpc_endpoint', undefined)) add(t.config, p);
    const attachment = ATTACHMENTS.get(t.type);
    if (!attachment) continue;
    const policy = config.refs(t.address, 'aws_iam_policy', 'policy_arn').find((p) => policies.has(p));
    for (const p of principalOf(t.address, attachment.principal, attachment.type, t.values)) {
      if (policy) add(policy, p);
      else out.get(p)!.open = true;
    }
  }
  for (const t of typed.filter((x) => x.type === 'aws_iam_policy_attachment')) {
    const policy = config.refs(t.address, 'aws_iam_policy', 'policy_arn').find((p) => policies.has(p));
    const named = ['roles', 'users', 'groups'].flatMap((arg) => config.refs(t.address, `aws_iam_${arg.slice(0, -1)}`, arg)).filter((p) => out.has(p));
    for (const p of named) {
      if (policy) add(policy, p);
      else out.get(p)!.open = true;
    }
  }
  for (const t of typed.filter((x) => x.type === 'aws_iam_user_group_membership' || x.type === 'aws_iam_group_membership')) {
    const users = [...principalOf(t.address, 'user', 'aws_iam_user', t.values), ...config.refs(t.address, 'aws_iam_user', 'users')];
    for (const u of users) if (out.has(u)) out.get(u)!.open = true;
  }
  return {
    resources: [...out.values()],
    holdersOf: (address) => holders.get(configAddress(address)) ?? [],
  };
}
