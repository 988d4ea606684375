import type { EvidenceFound } from '../types.js';
import { errorAt, field, fromOf, refOf, text, type Output } from './node.js';

/**
 * `aws iam get-role-policy` / `get-user-policy` / `get-group-policy`: one inline policy, its owner named by
 * name only (`RoleName`, `UserName`): placed when the caller is a role (or a session of one) or user of that name.
 * A group's policy is placed as the caller's: the output does not say who is in the group, the user gave it.
 */
export function readInlinePolicy(o: Output): EvidenceFound {
  const doc = field(o.root, 'PolicyDocument')!;
  const name = text(o.root, 'PolicyName') ?? 'PolicyDocument';
  const role = text(o.root, 'RoleName');
  const user = text(o.root, 'UserName');
  const group = text(o.root, 'GroupName');
  let owner: string | undefined;
  if (role !== undefined) owner = `role/${role}`;
  else if (user !== undefined) owner = `user/${user}`;
  const whose = owner ?? (group !== undefined ? `group/${group}` : 'an IAM identity');
  return {
    facts: [],
    policies: [{ layer: 'identity', ref: refOf(o, ['PolicyDocument']), label: `${whose}: ${name}`, from: fromOf(o, doc), ...(owner ? { owner } : {}) }],
  };
}

/**
 * `aws iam get-policy-version`: a managed policy's version (the output names neither the policy nor who it is
 * attached to: placed as the caller's identity-based policy; a boundary is given with --boundary). A version that
 * is not the default is not in force: "The default version is the version that is in effect for the IAM users,
 * groups, and roles to which the policy is attached" (IAM API Reference, CreatePolicyVersion).
 */
export function readPolicyVersion(o: Output): EvidenceFound {
  const version = field(o.root, 'PolicyVersion')!;
  const doc = field(version, 'Document')!;
  const isDefault = field(version, 'IsDefaultVersion');
  const id = text(version, 'VersionId') ?? '';
  if (isDefault?.kind === 'boolean' && !isDefault.value) {
    throw errorAt(
      o,
      isDefault,
      `policy version ${id} is not the default version, which is the one AWS uses: fetch the default one (\`aws iam get-policy --policy-arn ARN --query Policy.DefaultVersionId --output text\` names it)`,
    );
  }
  return {
    facts: [],
    policies: [{ layer: 'identity', ref: refOf(o, ['PolicyVersion', 'Document']), label: `PolicyVersion ${id}`.trim(), from: fromOf(o, doc) }],
  };
}

/** `aws sts get-caller-identity`: the caller's ARN (a role session's, for temporary credentials). */
export function readCallerIdentity(o: Output): EvidenceFound {
  const arn = field(o.root, 'Arn')!;
  return { facts: [{ pointer: '/principal', value: text(o.root, 'Arn'), from: fromOf(o, arn), how: { code: 'stated' } }], policies: [] };
}
