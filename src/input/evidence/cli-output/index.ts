import { readJson, type JsonNode } from '../../../json/index.js';
import { InputError } from '../../../model/errors.js';
import type { EvidenceFound, EvidenceItem, EvidenceReader } from '../types.js';
import { isAccountDump, readAccountDump } from './account-dump.js';
import { readCallerIdentity, readInlinePolicy, readPolicyVersion } from './iam.js';
import { elements, errorAt, field, text, type Output } from './node.js';
import { readDescribeKey, readEncryption, readOrganization, readOwnership, readPolicyString, readRequestPayment, readVpcEndpoints } from './resources.js';

/**
 * AWS CLI outputs (`--output json`, as the AWS CLI prints them), recognised by their own top-level keys, in any
 * order and any number: each gives policies (placed when they are the caller's or the request's) or facts.
 */
interface Shape {
  /** The command that prints it, for messages. */
  command: string;
  test(root: JsonNode): boolean;
  read(o: Output): EvidenceFound;
}

const has = (root: JsonNode, ...keys: string[]) => keys.every((k) => field(root, k) !== undefined);
const refuse = (message: string) => (o: Output) => {
  throw errorAt(o, o.root, message);
};

const SHAPES: readonly Shape[] = [
  { command: 'aws iam get-account-authorization-details', test: isAccountDump, read: readAccountDump },
  { command: 'aws iam get-role-policy', test: (r) => has(r, 'PolicyDocument', 'PolicyName'), read: readInlinePolicy },
  { command: 'aws iam get-policy-version', test: (r) => field(field(r, 'PolicyVersion'), 'Document') !== undefined, read: readPolicyVersion },
  { command: 'aws sts get-caller-identity', test: (r) => has(r, 'UserId', 'Account', 'Arn'), read: readCallerIdentity },
  {
    command: 'aws organizations describe-policy',
    test: (r) => field(field(r, 'Policy'), 'Content') !== undefined,
    read: refuse(
      'an SCP or RCP (describe-policy): the outputs do not say at which organization level it is attached (list-policies-for-target does not name its target): give each level with --scp FILE[,FILE…] (or --rcp), root first, account last',
    ),
  },
  { command: 'aws s3api get-bucket-policy', test: (r) => field(r, 'Policy')?.kind === 'string', read: readPolicyString },
  {
    command: 'aws s3api get-bucket-acl',
    test: (r) => has(r, 'Grants'),
    read: refuse('an ACL: get-bucket-acl and get-object-acl print the same shape, so give it with --bucket-acl FILE or --object-acl FILE'),
  },
  { command: 'aws s3api get-bucket-ownership-controls', test: (r) => has(r, 'OwnershipControls'), read: readOwnership },
  {
    command: 'aws s3api get-public-access-block',
    test: (r) => has(r, 'PublicAccessBlockConfiguration'),
    read: refuse(
      "Block Public Access settings: the bucket's (s3api get-public-access-block) and the account's (s3control get-public-access-block) print the same shape, so give it with --block-public-access FILE or --account-block-public-access FILE",
    ),
  },
  { command: 'aws s3api get-bucket-encryption', test: (r) => has(r, 'ServerSideEncryptionConfiguration'), read: readEncryption },
  { command: 'aws s3api get-bucket-request-payment', test: (r) => has(r, 'Payer'), read: readRequestPayment },
  { command: 'aws kms describe-key', test: (r) => has(r, 'KeyMetadata'), read: readDescribeKey },
  { command: 'aws ec2 describe-vpc-endpoints', test: (r) => has(r, 'VpcEndpoints'), read: readVpcEndpoints },
  { command: 'aws organizations describe-organization', test: (r) => has(r, 'Organization'), read: readOrganization },
  {
    command: 'aws organizations list-parents',
    test: (r) => has(r, 'Parents') || isPolicySummaryList(r),
    read: refuse(
      'organization structure (list-parents, list-policies-for-target): these outputs do not name their target, so the SCP levels cannot be assembled from them: give each level with --scp FILE[,FILE…] (or --rcp), root first, account last',
    ),
  },
  {
    command: 'aws iam list-role-policies',
    test: (r) => has(r, 'PolicyNames'),
    read: (o) => {
      const names = elements(o.root, 'PolicyNames').flatMap((n) => (n.kind === 'string' ? [n.value] : []));
      const commands = names.map((n) => `\`aws iam get-role-policy --role-name ROLE --policy-name ${n} --output json\``).join(', ');
      throw errorAt(
        o,
        o.root,
        `policy names only (list-role-policies or list-user-policies): fetch each document${commands ? `: ${commands}` : ''} (get-user-policy --user-name for a user) and give those outputs`,
      );
    },
  },
  {
    command: 'aws iam list-attached-role-policies',
    test: (r) => has(r, 'AttachedPolicies'),
    read: (o) => {
      const arns = elements(o.root, 'AttachedPolicies').flatMap((p) => (text(p, 'PolicyArn') !== undefined ? [text(p, 'PolicyArn')!] : []));
      const commands = arns
        .map(
          (a) =>
            `\`aws iam get-policy-version --policy-arn ${a} --version-id $(aws iam get-policy --policy-arn ${a} --query Policy.DefaultVersionId --output text) --output json\``,
        )
        .join(', ');
      throw errorAt(
        o,
        o.root,
        `managed policy ARNs only (list-attached-role-policies or list-attached-user-policies): fetch each default version${commands ? `: ${commands}` : ''}, or the whole account with \`aws iam get-account-authorization-details --output json\``,
      );
    },
  },
  {
    command: 'aws iam list-access-keys',
    test: (r) => has(r, 'AccessKeyMetadata'),
    read: refuse('access key ids (list-access-keys) are not read yet: give the caller with --principal ARN (or `aws sts get-caller-identity` output)'),
  },
  {
    command: 'a policy document',
    test: (r) => has(r, 'Statement'),
    read: refuse('a policy document on its own does not say which policy it is: give it with its flag (--identity, --resource-policy, --boundary, --scp …)'),
  },
];

function isPolicySummaryList(r: JsonNode): boolean {
  const list = field(r, 'Policies');
  return list?.kind === 'array' && list.elements.some((p) => field(p, 'Type') !== undefined && field(p, 'AwsManaged') !== undefined);
}

/** The top-level keys of the outputs read, to claim a JSON text that does not parse (the error is then located). */
const KEYS =
  /"(Policies|PolicyNames|AttachedPolicies|AccessKeyMetadata|UserDetailList|RoleDetailList|GroupDetailList|PolicyDocument|PolicyVersion|Policy|Grants|OwnershipControls|PublicAccessBlockConfiguration|ServerSideEncryptionConfiguration|Payer|KeyMetadata|VpcEndpoints|Organization|Parents)"\s*:/;

/** A JSON object with an output's keys at the top, or JSON-looking text with them that does not parse (not a CloudTrail record). */
function looksLikeOutput(t: string): boolean {
  if (!t.trimStart().startsWith('{')) return false;
  let value: unknown;
  try {
    value = JSON.parse(t);
  } catch {
    return KEYS.test(t) && !/"(eventVersion|Records|Events)"\s*:/.test(t);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  try {
    const root = readJson(t, '-').root;
    return SHAPES.some((s) => s.test(root));
  } catch {
    // A duplicate key: read() reports it at its place.
    return KEYS.test(t);
  }
}

export const cliOutputReader: EvidenceReader = {
  kind: 'cliOutput',
  recognises: looksLikeOutput,
  // A Promise whose executor throws rejects: errors reach the caller as rejections, as from the other readers.
  read: (item) => new Promise((done) => done(readCliOutput(item))),
};

function readCliOutput(item: EvidenceItem): EvidenceFound {
  const root = readJson(item.text, item.label).root;
  if (root.kind !== 'object')
    throw new InputError('AWS CLI output (--output json) is a JSON object', { source: item.label, line: root.span.line, column: root.span.column });
  const shape = SHAPES.find((s) => s.test(root));
  if (!shape) {
    throw new InputError(
      'not an AWS CLI output policy-why reads: expected get-account-authorization-details, get-role-policy, get-policy-version, get-caller-identity, get-bucket-policy, get-key-policy, get-bucket-ownership-controls, get-bucket-encryption, get-bucket-request-payment, describe-key, describe-vpc-endpoints or describe-organization output (--output json)',
      { source: item.label, line: 1, column: 1 },
    );
  }
  return shape.read({ item, root });
}
