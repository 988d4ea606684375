import { member, type JsonNode, type JsonObject } from '../../json/index.js';
import type { SourceSpan } from '../../model/source.js';
import type { TypeMapping } from './types.js';

/** A policy document's place in a resource, before intrinsics are resolved. */
export interface PolicySlot {
  /** Path under the resource (`Properties/Policies/0/PolicyDocument`). */
  path: string;
  /** How the label names it (`Policies[0]`). */
  name: string;
  node: JsonNode;
  type: TypeMapping;
}

/** Something in a resource that names a policy the template does not hold (a SAM managed policy name or policy template). */
export interface UnreadPolicy {
  span: SourceSpan;
  message: string;
}

const IDENTITY: TypeMapping = { policyType: 'identity', host: 'iam-identity' };

/** Resource types whose one property is a policy document, with the document's type. */
const SINGLE: ReadonlyMap<string, { property: string; type: TypeMapping }> = new Map([
  ['AWS::IAM::Policy', { property: 'PolicyDocument', type: IDENTITY }],
  ['AWS::IAM::ManagedPolicy', { property: 'PolicyDocument', type: IDENTITY }],
  ['AWS::IAM::RolePolicy', { property: 'PolicyDocument', type: IDENTITY }],
  ['AWS::IAM::UserPolicy', { property: 'PolicyDocument', type: IDENTITY }],
  ['AWS::IAM::GroupPolicy', { property: 'PolicyDocument', type: IDENTITY }],
  ['AWS::S3::BucketPolicy', { property: 'PolicyDocument', type: { policyType: 'resource', host: 's3-bucket' } }],
  ['AWS::S3::AccessPoint', { property: 'Policy', type: { policyType: 'accessPoint', host: 's3-access-point' } }],
  ['AWS::KMS::Key', { property: 'KeyPolicy', type: { policyType: 'kmsKey', host: 'kms-key' } }],
  ['AWS::EC2::VPCEndpoint', { property: 'PolicyDocument', type: { policyType: 'vpcEndpoint', host: 'vpc-endpoint' } }],
  ['AWS::SQS::QueuePolicy', { property: 'PolicyDocument', type: { policyType: 'resource', host: 'sqs-queue' } }],
  ['AWS::SNS::TopicPolicy', { property: 'PolicyDocument', type: { policyType: 'resource', host: 'sns-topic' } }],
]);

/** Organizations policy types that are IAM policy documents (tag, backup and AI opt-out policies are not). */
const ORGANIZATIONS_TYPES: ReadonlyMap<string, TypeMapping> = new Map([
  ['SERVICE_CONTROL_POLICY', { policyType: 'scp', host: 'organizations' }],
  ['RESOURCE_CONTROL_POLICY', { policyType: 'rcp', host: 'organizations' }],
]);

/**
 * The policy documents a resource holds, its properties already resolved (`Policies` lists, `Type` of an
 * Organizations policy): an IAM role's inline policies and trust policy (its PermissionsBoundary is an ARN,
 * not a document), a user's or group's inline policies, a bucket, queue or topic policy, a key policy, an
 * endpoint policy, an SCP or RCP, a SAM function's inline statements.
 */
export function policySlots(type: string, props: JsonObject): { slots: PolicySlot[]; unread: UnreadPolicy[] } {
  const slots: PolicySlot[] = [];
  const unread: UnreadPolicy[] = [];
  const single = SINGLE.get(type);
  const at = (property: string, type: TypeMapping) => {
    const node = member(props, property)?.value;
    if (node) slots.push({ path: `Properties/${property}`, name: property, node, type });
  };
  if (single) at(single.property, single.type);
  if (type === 'AWS::IAM::Role') at('AssumeRolePolicyDocument', { policyType: 'resource', host: 'iam-trust' });
  if (type === 'AWS::IAM::Role' || type === 'AWS::IAM::User' || type === 'AWS::IAM::Group') {
    const list = member(props, 'Policies')?.value;
    if (list?.kind === 'array') {
      list.elements.forEach((p, i) => {
        const doc = p.kind === 'object' ? member(p, 'PolicyDocument')?.value : undefined;
        if (doc) slots.push({ path: `Properties/Policies/${i}/PolicyDocument`, name: `Policies[${i}]`, node: doc, type: IDENTITY });
      });
    }
  }
  if (type === 'AWS::Organizations::Policy') {
    const kind = member(props, 'Type')?.value;
    const mapped = kind?.kind === 'string' ? ORGANIZATIONS_TYPES.get(kind.value) : undefined;
    if (mapped) at('Content', mapped);
  }
  if (type === 'AWS::Serverless::Function') samPolicies(member(props, 'Policies')?.value, slots, unread);
  return { slots, unread };
}

/**
 * SAM `Policies`: a policy document (or a list of them) is read; a managed policy name or ARN and a SAM
 * policy template (`S3ReadPolicy: {BucketName: …}`) are not documents of the template, and are told as such.
 */
function samPolicies(node: JsonNode | undefined, slots: PolicySlot[], unread: UnreadPolicy[]): void {
  if (!node) return;
  const one = (p: JsonNode, path: string, name: string) => {
    if (p.kind === 'object' && member(p, 'Statement')) slots.push({ path, name, node: p, type: IDENTITY });
    else if (p.kind === 'string') {
      unread.push({
        span: p.span,
        message: `SAM \`Policies\` names the managed policy \`${p.value}\`: its document is not in the template and is not checked`,
      });
    } else if (p.kind === 'object' && p.members.length === 1) {
      const template = p.members[0]!.key;
      unread.push({ span: p.span, message: `SAM policy template \`${template}\` is not expanded: the statements it stands for are not checked` });
    }
  };
  if (node.kind === 'array') node.elements.forEach((p, i) => one(p, `Properties/Policies/${i}`, `Policies[${i}]`));
  else one(node, 'Properties/Policies', 'Policies');
}
