import type { JsonNode } from '../../../json/index.js';
import type { EvidencePolicy } from '../../../model/evidence.js';
import type { EvidenceFound, EvidenceGap } from '../types.js';
import { elements, field, fromOf, refOf, text, type Output } from './node.js';

/**
 * `aws iam get-account-authorization-details` (IAM API Reference, GetAccountAuthorizationDetails: "Retrieves
 * information about all IAM users, groups, roles, and policies in your Amazon Web Services account, including their
 * relationships to one another"). Every user's and role's policies are given with their owner; only the caller's
 * are placed (`placePolicies`). A policy the dump names but does not contain (a group not listed, a managed policy
 * without its document: a truncated dump, or one fetched with `--filter`) is a gap: an error when it is the caller's,
 * since a missing Deny could make a wrong Allowed.
 */
export function isAccountDump(root: JsonNode): boolean {
  if (['UserDetailList', 'RoleDetailList', 'GroupDetailList'].some((k) => field(root, k)?.kind === 'array')) return true;
  // `--filter LocalManagedPolicy` alone: only `Policies`, whose entries carry their versions.
  return elements(root, 'Policies').some((p) => field(p, 'PolicyVersionList') !== undefined);
}

type Path = readonly (string | number)[];

interface Dump {
  o: Output;
  truncated: boolean;
  managed: Map<string, { index: number; node: JsonNode }>;
  groups: Map<string, { index: number; node: JsonNode }>;
  found: Required<Pick<EvidenceFound, 'facts' | 'policies' | 'covers' | 'gaps'>>;
}

const DUMP_COMMAND =
  'aws iam get-account-authorization-details --filter User Role Group LocalManagedPolicy AWSManagedPolicy --output json > account-authorization.json';

export function readAccountDump(o: Output): EvidenceFound {
  const truncated = field(o.root, 'IsTruncated')?.kind === 'boolean' ? (field(o.root, 'IsTruncated') as { value: boolean }).value : false;
  const d: Dump = {
    o,
    truncated: truncated || field(o.root, 'NextToken') !== undefined,
    managed: byKey(o.root, 'Policies', 'Arn'),
    groups: byKey(o.root, 'GroupDetailList', 'GroupName'),
    found: { facts: [], policies: [], covers: [], gaps: [] },
  };
  const accounts = new Set<string>();
  for (const [list, kind] of [
    ['UserDetailList', 'user'],
    ['RoleDetailList', 'role'],
  ] as const) {
    elements(o.root, list).forEach((entity, i) => {
      const arn = text(entity, 'Arn');
      const name = text(entity, kind === 'user' ? 'UserName' : 'RoleName');
      if (arn === undefined || name === undefined) return;
      const account = /^arn:[\w-]+:iam::(\d{12}):/.exec(arn)?.[1];
      if (account) accounts.add(account);
      readEntity(d, entity, [list, i], arn, `${kind}/${name}`);
      d.found.covers.push(arn);
    });
  }
  return { ...d.found, lists: { accounts: [...accounts], truncated: d.truncated } };
}

function byKey(root: JsonNode, list: string, key: string): Map<string, { index: number; node: JsonNode }> {
  const out = new Map<string, { index: number; node: JsonNode }>();
  elements(root, list).forEach((node, index) => {
    const k = text(node, key);
    if (k !== undefined && !out.has(k)) out.set(k, { index, node });
  });
  return out;
}

/** A user's or role's inline and attached policies, a user's groups' policies, the boundary, a role's trust policy. */
function readEntity(d: Dump, entity: JsonNode, at: Path, owner: string, who: string): void {
  const isUser = at[0] === 'UserDetailList';
  inline(d, entity, [...at, isUser ? 'UserPolicyList' : 'RolePolicyList'], owner, `${who}:`);
  attached(d, entity, owner, who);
  if (isUser) {
    for (const g of elements(entity, 'GroupList')) {
      if (g.kind !== 'string') continue;
      const group = d.groups.get(g.value);
      if (!group) {
        gap(d, { owner, layer: 'identity', what: `group ${g.value} of ${who}`, from: fromOf(d.o, g) }, 'the dump does not list it');
        continue;
      }
      const groupWho = `${who}: group/${g.value}`;
      inline(d, group.node, ['GroupDetailList', group.index, 'GroupPolicyList'], owner, groupWho);
      attached(d, group.node, owner, groupWho);
    }
  } else {
    const trust = field(entity, 'AssumeRolePolicyDocument');
    if (trust) {
      d.found.policies.push({
        layer: 'resource',
        ref: refOf(d.o, [...at, 'AssumeRolePolicyDocument']),
        label: `${who}: AssumeRolePolicyDocument`,
        from: fromOf(d.o, trust),
        appliesTo: { trustOf: owner },
      });
    }
  }
  const boundary = field(entity, 'PermissionsBoundary');
  const boundaryArn = text(boundary, 'PermissionsBoundaryArn');
  if (boundary && boundaryArn !== undefined) managedPolicy(d, boundaryArn, boundary, 'boundary', owner, [who, `PermissionsBoundary ${boundaryArn}`]);
}

function inline(d: Dump, entity: JsonNode, at: Path, owner: string, who: string): void {
  const list = field(entity, String(at[at.length - 1]));
  if (list?.kind !== 'array') return;
  list.elements.forEach((p, j) => {
    const doc = field(p, 'PolicyDocument');
    if (!doc) return;
    d.found.policies.push({
      layer: 'identity',
      ref: refOf(d.o, [...at, j, 'PolicyDocument']),
      label: `${who} ${String(at[at.length - 1])} ${text(p, 'PolicyName') ?? j}`,
      from: fromOf(d.o, doc),
      owner,
    });
  });
}

function attached(d: Dump, entity: JsonNode, owner: string, who: string): void {
  for (const a of elements(entity, 'AttachedManagedPolicies')) {
    const arn = text(a, 'PolicyArn');
    if (arn !== undefined) managedPolicy(d, arn, a, 'identity', owner, [who, `AttachedManagedPolicies ${arn}`]);
  }
}

/** The default version's document of a managed policy, from `Policies` (`IsDefaultVersion`, else `DefaultVersionId`). */
function managedPolicy(
  d: Dump,
  arn: string,
  named: JsonNode,
  layer: EvidencePolicy['layer'] & EvidenceGap['layer'],
  owner: string,
  [who, what]: [string, string],
): void {
  const policy = d.managed.get(arn);
  const versions = policy ? elements(policy.node, 'PolicyVersionList') : [];
  const defaultId = policy ? text(policy.node, 'DefaultVersionId') : undefined;
  let v = versions.findIndex((x) => field(x, 'IsDefaultVersion')?.kind === 'boolean' && (field(x, 'IsDefaultVersion') as { value: boolean }).value);
  if (v < 0) v = versions.findIndex((x) => defaultId !== undefined && text(x, 'VersionId') === defaultId);
  const doc = v >= 0 ? field(versions[v], 'Document') : undefined;
  if (!policy || !doc) {
    const kind = arn.includes(':iam::aws:policy/') ? 'AWS managed policy' : 'managed policy';
    gap(
      d,
      {
        owner,
        layer,
        what: `${kind} ${arn} (${what.startsWith('Attached') ? 'attached to' : 'the permissions boundary of'} ${who.replace(/:$/, '')})`,
        from: fromOf(d.o, named),
      },
      'its document is not in the dump',
    );
    return;
  }
  d.found.policies.push({
    layer,
    ref: refOf(d.o, ['Policies', policy.index, 'PolicyVersionList', v, 'Document']),
    label: `${who.replace(/:?$/, ':')} ${what}`,
    from: fromOf(d.o, doc),
    owner,
  });
}

function gap(d: Dump, g: Omit<EvidenceGap, 'fix'>, what: string): void {
  const fix = d.truncated
    ? `${what} and the dump is truncated (IsTruncated: true, or a NextToken from --max-items): run \`${DUMP_COMMAND}\``
    : `${what}: run \`${DUMP_COMMAND}\`, or give the caller's policies with --identity`;
  d.found.gaps.push({ ...g, fix });
}
