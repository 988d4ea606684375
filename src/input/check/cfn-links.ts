import { member, type JsonNode, type JsonObject } from '../../json/index.js';
import type { FileResource } from '../../model/check.js';

/** The kind of file resource each CloudFormation type declares. */
const KINDS: ReadonlyMap<string, FileResource['kind']> = new Map([
  ['AWS::IAM::Role', 'role'],
  ['AWS::IAM::User', 'user'],
  ['AWS::IAM::Group', 'group'],
  ['AWS::KMS::Key', 'kms-key'],
  ['AWS::EC2::VPCEndpoint', 'vpc-endpoint'],
]);

/** The property that names a principal, on the principal and on the single-principal policy types. */
const NAME_KEYS: ReadonlyMap<string, string> = new Map([
  ['AWS::IAM::Role', 'RoleName'],
  ['AWS::IAM::User', 'UserName'],
  ['AWS::IAM::Group', 'GroupName'],
  ['AWS::IAM::RolePolicy', 'RoleName'],
  ['AWS::IAM::UserPolicy', 'UserName'],
  ['AWS::IAM::GroupPolicy', 'GroupName'],
]);

/**
 * The logical id a raw template value refers to: `!Ref X`, `!GetAtt X.Arn`, or a `!Sub` whose one variable
 * is `${X}` or `${X.Arn}` and which is that variable alone or ends with it (`arn:…:key/${Key}`). Anything
 * else refers to nothing (a link is never guessed).
 */
export function referencedId(node: JsonNode | undefined): string | undefined {
  if (node?.kind !== 'object' || node.members.length !== 1) return undefined;
  const { key, value } = node.members[0]!;
  if (key === 'Ref') return value.kind === 'string' && !value.value.startsWith('AWS::') ? value.value : undefined;
  if (key === 'Fn::GetAtt') {
    if (value.kind === 'string') return /^([A-Za-z0-9]+)\.Arn$/.exec(value.value)?.[1];
    const [id, attr] = value.kind === 'array' ? value.elements : [];
    return id?.kind === 'string' && attr?.kind === 'string' && attr.value === 'Arn' ? id.value : undefined;
  }
  if (key !== 'Fn::Sub' || value.kind !== 'string') return undefined;
  const vars = [...value.value.matchAll(/\$\{([^}!]*)\}/g)].map((m) => m[1]!.trim()).filter((v) => !v.startsWith('AWS::'));
  const m = /\$\{([A-Za-z0-9]+)(\.Arn)?\}$/.exec(value.value);
  if (vars.length !== 1 || !m) return undefined;
  return value.value === m[0] || (m[2] === undefined && value.value.endsWith(`/${m[0]}`)) ? m[1] : undefined;
}

function list(node: JsonNode | undefined): JsonNode[] {
  if (node?.kind === 'array') return node.elements;
  return node ? [node] : [];
}

function literal(node: JsonNode | undefined): string | undefined {
  return node?.kind === 'string' ? node.value : undefined;
}

interface Declared {
  id: string;
  type: string;
  resource: JsonObject;
  props?: JsonObject;
}

function declared(resources: JsonObject | undefined): Declared[] {
  const out: Declared[] = [];
  for (const r of resources?.members ?? []) {
    const type = r.value.kind === 'object' ? member(r.value, 'Type')?.value : undefined;
    const props = r.value.kind === 'object' ? member(r.value, 'Properties')?.value : undefined;
    if (r.value.kind === 'object' && type?.kind === 'string')
      out.push({ id: r.key, type: type.value, resource: r.value, ...(props?.kind === 'object' ? { props } : {}) });
  }
  return out;
}

/** The principals a `Roles`/`Users`/`Groups` list names: by `!Ref X` of a principal of the template, or by its literal name. */
function named(node: JsonNode | undefined, principals: readonly FileResource[]): string[] {
  return list(node).flatMap((n) => {
    const ref = referencedId(n);
    const hit = ref !== undefined ? principals.find((p) => p.id === ref) : principals.find((p) => p.name !== undefined && p.name === literal(n));
    return hit ? [hit.id] : [];
  });
}

/** What a template's links say: its resources, and the resources each policy-holding resource belongs to (by logical id). */
export interface TemplateLinks {
  resources: FileResource[];
  holdersOf(logicalId: string): string[];
}

/**
 * The roles, users, groups, KMS keys and VPC endpoints of a template, and which of them each policy
 * resource belongs to: a role's, user's or group's inline policies its own; an `AWS::IAM::Policy` or
 * `ManagedPolicy` the principals its `Roles`/`Users`/`Groups` name, and those whose `ManagedPolicyArns`
 * name it (`!Ref`); a key policy its key, an endpoint policy its endpoint. A principal with a managed policy
 * the template does not hold, or a user in a group, is `open`. `service` is the endpoint's resolved service.
 */
export function templateLinks(resources: JsonObject | undefined, serviceOf: (node: JsonNode) => string | undefined): TemplateLinks {
  const all = declared(resources);
  const out: FileResource[] = [];
  const policyIds = new Set(all.filter((d) => d.type === 'AWS::IAM::ManagedPolicy').map((d) => d.id));
  for (const d of all) {
    const kind = KINDS.get(d.type);
    if (!kind) continue;
    const name = literal(d.props && member(d.props, NAME_KEYS.get(d.type) ?? 'Name')?.value);
    const managed = list(d.props && member(d.props, 'ManagedPolicyArns')?.value);
    const inGroup = kind === 'user' && list(d.props && member(d.props, 'Groups')?.value).length > 0;
    const open = inGroup || managed.some((m) => !policyIds.has(referencedId(m) ?? ''));
    const endpoint = kind === 'vpc-endpoint' && d.props ? member(d.props, 'ServiceName')?.value : undefined;
    const service = endpoint ? serviceOf(endpoint) : undefined;
    out.push({
      kind,
      id: d.id,
      ...(name !== undefined ? { name } : {}),
      ...(service !== undefined ? { service } : {}),
      ...(open ? { open } : {}),
      span: d.resource.span,
    });
  }
  const principals = out.filter((r) => r.kind === 'role' || r.kind === 'user' || r.kind === 'group');
  for (const d of all.filter((x) => x.type === 'AWS::IAM::UserToGroupAddition')) {
    for (const id of named(d.props && member(d.props, 'Users')?.value, principals)) {
      const user = principals.find((p) => p.id === id);
      if (user) user.open = true;
    }
  }
  const holders = new Map<string, string[]>();
  for (const d of all) {
    if (KINDS.has(d.type)) holders.set(d.id, [d.id]);
    if (!d.props) continue;
    if (d.type === 'AWS::IAM::Policy' || d.type === 'AWS::IAM::ManagedPolicy')
      holders.set(
        d.id,
        ['Roles', 'Users', 'Groups'].flatMap((k) => named(member(d.props!, k)?.value, principals)),
      );
    if (d.type === 'AWS::IAM::RolePolicy' || d.type === 'AWS::IAM::UserPolicy' || d.type === 'AWS::IAM::GroupPolicy') {
      holders.set(d.id, named(member(d.props, NAME_KEYS.get(d.type)!)?.value, principals));
    }
  }
  for (const d of all) {
    if (!KINDS.has(d.type) || !d.props) continue;
    for (const m of list(member(d.props, 'ManagedPolicyArns')?.value)) {
      const ref = referencedId(m);
      if (ref !== undefined && policyIds.has(ref) && !holders.get(ref)?.includes(d.id)) holders.set(ref, [...(holders.get(ref) ?? []), d.id]);
    }
  }
  return { resources: out, holdersOf: (id) => holders.get(id) ?? [] };
}
