import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliOutputReader } from '../../../src/input/evidence/cli-output/index.js';
import { ownedByCaller } from '../../../src/input/evidence/index.js';
import { InputError } from '../../../src/model/errors.js';

/**
 * AWS CLI outputs as the AWS CLI's own examples print them (aws/aws-cli, awscli/examples/<service>/<command>.rst,
 * copied byte for byte into test/fixtures/evidence/cli-output/ — including the examples that are not valid JSON,
 * which must fail with a located one-line error, never be guessed at).
 */
const DIR = resolve('test/fixtures/evidence/cli-output');
const item = (name: string, text = readFileSync(join(DIR, name), 'utf8')) => ({ label: name, text, path: join(DIR, name) });
const read = async (name: string, text?: string) => cliOutputReader.read(item(name, text), { now: new Date(0) });
const failure = async (name: string, text?: string) => {
  try {
    await read(name, text);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const err = e as InputError;
    return `${err.line ?? '-'}:${err.column ?? '-'} ${err.message}`;
  }
  throw new Error('expected an InputError');
};

/**
 * IAM API Reference, GetAccountAuthorizationDetails: "Retrieves information about all IAM users, groups, roles, and
 * policies in your Amazon Web Services account, including their relationships to one another." Filter: "Only the
 * entities that match the types you specify are included in the output. Use the value LocalManagedPolicy to include
 * customer managed policies." (Valid Values: User | Role | Group | LocalManagedPolicy | AWSManagedPolicy.) MaxItems:
 * "If additional items exist beyond the maximum you specify, the IsTruncated response element is true." CreatePolicyVersion:
 * "The default version is the version that is in effect for the IAM users, groups, and roles to which the policy is attached."
 */
describe('get-account-authorization-details (awscli/examples/iam/get-account-authorization-details.rst)', () => {
  it('gives every user and role its policies, with its owner; a role its trust policy for sts:AssumeRole on it', async () => {
    const found = await read('get-account-authorization-details.json');
    expect(found.policies.map((p) => [p.layer, p.label, p.owner ?? p.appliesTo?.trustOf])).toEqual([
      ['identity', 'user/Bob: UserPolicyList DenyBillingAndIAMPolicy', 'arn:aws:iam::123456789012:user/Bob'],
      ['resource', 'role/EC2role: AssumeRolePolicyDocument', 'arn:aws:iam::123456789012:role/EC2role'],
    ]);
    expect(found.policies[0]!.ref).toBe(`${join(DIR, 'get-account-authorization-details.json')}#/UserDetailList/1/UserPolicyList/0/PolicyDocument`);
    expect(found.covers).toEqual([
      'arn:aws:iam::123456789012:user/Alice',
      'arn:aws:iam::123456789012:user/Bob',
      'arn:aws:iam::123456789012:user/Charlie',
      'arn:aws:iam::123456789012:role/EC2role',
    ]);
    // The example ends with "IsTruncated": true and a Marker.
    expect(found.lists).toEqual({ accounts: ['123456789012'], truncated: true });
  });

  it('an attached AWS managed policy whose document the dump does not hold is a gap, never an empty policy', async () => {
    const found = await read('get-account-authorization-details.json');
    // The example's GroupDetailList[].AttachedManagedPolicies is an object (a documentation slip), read as one attachment.
    expect(found.gaps!.map((g) => [g.owner, g.layer, g.what])).toEqual([
      [
        'arn:aws:iam::123456789012:user/Alice',
        'identity',
        'AWS managed policy arn:aws:iam::aws:policy/AdministratorAccess (attached to user/Alice: group/Admins)',
      ],
      ['arn:aws:iam::123456789012:user/Bob', 'identity', 'AWS managed policy arn:aws:iam::aws:policy/AdministratorAccess (attached to user/Bob: group/Admins)'],
      [
        'arn:aws:iam::123456789012:user/Charlie',
        'identity',
        'AWS managed policy arn:aws:iam::aws:policy/PowerUserAccess (attached to user/Charlie: group/Dev)',
      ],
      ['arn:aws:iam::123456789012:role/EC2role', 'identity', 'AWS managed policy arn:aws:iam::aws:policy/AmazonS3FullAccess (attached to role/EC2role)'],
      ['arn:aws:iam::123456789012:role/EC2role', 'identity', 'AWS managed policy arn:aws:iam::aws:policy/AmazonDynamoDBFullAccess (attached to role/EC2role)'],
    ]);
    expect(found.gaps![0]!.fix).toMatch(/truncated.*aws iam get-account-authorization-details --filter User Role Group LocalManagedPolicy AWSManagedPolicy/);
  });

  const dump = (role: object, policies: object[] = []) =>
    JSON.stringify({
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [
        {
          Path: '/service-role/',
          RoleName: 'etl',
          Arn: 'arn:aws:iam::111122223333:role/service-role/etl',
          RolePolicyList: [],
          AttachedManagedPolicies: [],
          ...role,
        },
      ],
      Policies: policies,
      IsTruncated: false,
    });
  const MANAGED = {
    PolicyName: 'p',
    Arn: 'arn:aws:iam::111122223333:policy/p',
    DefaultVersionId: 'v2',
    PolicyVersionList: [
      { VersionId: 'v1', IsDefaultVersion: false, Document: { Statement: [] } },
      { VersionId: 'v2', IsDefaultVersion: true, Document: '%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D' },
    ],
  };

  it('a managed policy is its default version (IsDefaultVersion), not the first; URL-encoded documents are referenced as they are', async () => {
    const found = await read(
      'd.json',
      dump(
        {
          AttachedManagedPolicies: [{ PolicyName: 'p', PolicyArn: MANAGED.Arn }],
          PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: MANAGED.Arn },
        },
        [MANAGED],
      ),
    );
    expect(found.policies.map((p) => [p.layer, p.ref.slice(p.ref.indexOf('#'))])).toEqual([
      ['identity', '#/Policies/0/PolicyVersionList/1/Document'],
      ['boundary', '#/Policies/0/PolicyVersionList/1/Document'],
    ]);
    expect(found.gaps).toEqual([]);
    expect(found.lists).toEqual({ accounts: ['111122223333'], truncated: false });
  });

  it('a boundary whose policy is not in the dump is a gap of the boundary layer', async () => {
    const found = await read('d.json', dump({ PermissionsBoundary: { PermissionsBoundaryType: 'Policy', PermissionsBoundaryArn: MANAGED.Arn } }));
    expect(found.gaps!.map((g) => [g.layer, g.what, g.fix.startsWith('its document is not in the dump: run')])).toEqual([
      ['boundary', 'managed policy arn:aws:iam::111122223333:policy/p (the permissions boundary of role/etl)', true],
    ]);
  });

  it('a user whose group the dump does not list is a gap', async () => {
    const text = JSON.stringify({ UserDetailList: [{ UserName: 'ana', Arn: 'arn:aws:iam::111122223333:user/ana', GroupList: ['ops'] }], GroupDetailList: [] });
    expect((await read('d.json', text)).gaps!.map((g) => g.what)).toEqual(['group ops of user/ana']);
  });

  it('from standard input, policies cannot be referenced: one line', async () => {
    await expect(
      cliOutputReader.read({ label: '-', text: dump({ RolePolicyList: [{ PolicyName: 'x', PolicyDocument: {} }] }) }, { now: new Date(0) }),
    ).rejects.toThrow(/save the output to a file/);
  });
});

describe('single IAM outputs', () => {
  it('get-role-policy: the documented example lacks a comma, a located error; written right, the role named by name owns it', async () => {
    expect(await failure('get-role-policy.json')).toMatch(/^18:3 /);
    const fixed = readFileSync(join(DIR, 'get-role-policy.json'), 'utf8').replace(/ {2}}\n {2}"PolicyName"/, '  },\n  "PolicyName"');
    const found = await read('get-role-policy.json', fixed);
    expect(found.policies.map((p) => [p.layer, p.label, p.owner, p.ref.slice(p.ref.indexOf('#'))])).toEqual([
      ['identity', 'role/Test-Role: ExamplePolicy', 'role/Test-Role', '#/PolicyDocument'],
    ]);
  });

  it('get-user-policy', async () => {
    expect((await read('get-user-policy.json')).policies.map((p) => [p.layer, p.owner])).toEqual([['identity', 'user/Bob']]);
  });

  it('get-policy-version: the default version, placed as an identity-based policy; another version is refused', async () => {
    expect((await read('get-policy-version.json')).policies.map((p) => [p.layer, p.label, p.owner])).toEqual([['identity', 'PolicyVersion v2', undefined]]);
    const old = readFileSync(join(DIR, 'get-policy-version.json'), 'utf8').replace('"IsDefaultVersion": true', '"IsDefaultVersion": false');
    expect(await failure('get-policy-version.json', old)).toMatch(/^14:29 policy version v2 is not the default version/);
  });

  it('get-caller-identity gives the principal', async () => {
    expect((await read('get-caller-identity.json')).facts.map((f) => [f.pointer, f.value, f.from])).toEqual([
      ['/principal', 'arn:aws:iam::123456789012:user/DevAdmin', 'get-caller-identity.json:4:12'],
    ]);
  });

  it.each([
    ['list-role-policies.json', /policy names only.*aws iam get-role-policy --role-name ROLE --policy-name ExamplePolicy/],
    ['list-attached-role-policies.json', /managed policy ARNs only.*get-policy-version --policy-arn arn:aws:iam::aws:policy\/SecurityAudit/],
    ['list-access-keys.json', /access key ids \(list-access-keys\) are not read yet/],
  ])('%s: names only, a one-line error with the commands that fetch the documents', async (name, message) => {
    expect(await failure(name)).toMatch(message);
  });
});

describe('resource outputs', () => {
  it('get-bucket-policy: every action an s3 action, so a bucket policy', async () => {
    expect((await read('get-bucket-policy.json')).policies.map((p) => [p.layer, p.label, p.ref.slice(p.ref.indexOf('#'))])).toEqual([
      ['resource', 's3api get-bucket-policy', '#/Policy'],
    ]);
  });

  it.each([
    [
      '{"Policy": "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":{\\"AWS\\":\\"arn:aws:iam::111122223333:root\\"},\\"Action\\":\\"kms:*\\",\\"Resource\\":\\"*\\"}]}"}',
      'kmsKey',
    ],
    [
      '{"Policy": "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}]}", "PolicyName": "default"}',
      'kmsKey',
    ],
  ])('the same wrapper as get-key-policy: %s is a key policy', async (text, layer) => {
    expect((await read('p.json', text)).policies.map((p) => p.layer)).toEqual([layer]);
  });

  it('a {"Policy"} whose actions do not say which policy it is: one line asking for the flag', async () => {
    const text = '{"Policy": "{\\"Statement\\":[{\\"Effect\\":\\"Allow\\",\\"Principal\\":\\"*\\",\\"Action\\":\\"*\\",\\"Resource\\":\\"*\\"}]}"}';
    expect(await failure('p.json', text)).toMatch(/^1:12 .*give it with --resource-policy or --kms-key-policy/);
  });

  it.each([
    ['get-bucket-ownership-controls.json', [['/s3/objectOwnership', 'BucketOwnerEnforced']]],
    ['get-bucket-encryption.json', [['/s3/defaultEncryption', { SSEAlgorithm: 'AES256' }]]],
    ['get-bucket-request-payment.json', [['/s3/requesterPays', false]]],
    ['describe-key-rsa.json', [['/s3/kmsKeyManager', 'CUSTOMER']]],
    ['describe-organization.json', [['/managementAccount', '111111111111']]],
  ])('%s gives its facts', async (name, facts) => {
    expect((await read(name)).facts.map((f) => [f.pointer, f.value])).toEqual(facts);
  });

  it('describe-key of aws/s3: the documented example prints CreationDate unquoted (not JSON): a located error; quoted, KeyManager AWS', async () => {
    expect(await failure('describe-key-aws-s3.json')).toMatch(/^7:/);
    const quoted = readFileSync(join(DIR, 'describe-key-aws-s3.json'), 'utf8').replace(/: (2017-[^,]+),/, ': "$1",');
    expect((await read('describe-key-aws-s3.json', quoted)).facts.map((f) => [f.pointer, f.value])).toEqual([['/s3/kmsKeyManager', 'AWS']]);
  });

  it('describe-vpc-endpoints: each endpoint policy, placed for its aws:SourceVpce; several endpoints give no type', async () => {
    const found = await read('describe-vpc-endpoints.json');
    expect(found.policies.map((p) => [p.layer, p.label, p.appliesTo])).toEqual([
      ['vpcEndpoint', 'vpce-032a826a PolicyDocument', { sourceVpce: 'vpce-032a826a' }],
      ['vpcEndpoint', 'vpce-0f89a33420c1931d7 PolicyDocument', { sourceVpce: 'vpce-0f89a33420c1931d7' }],
    ]);
    expect(found.facts).toEqual([]);
  });

  it('describe-vpc-endpoints with one endpoint: its policy is placed when the request does not say its endpoint, and aws:SourceVpce is not asserted (the request layer assumes the path through it and shows the other reading)', async () => {
    const doc = JSON.parse(readFileSync(join(DIR, 'describe-vpc-endpoints.json'), 'utf8')) as { VpcEndpoints: unknown[] };
    const one = JSON.stringify({ VpcEndpoints: [doc.VpcEndpoints[0]] }, null, 2);
    const found = await read('describe-vpc-endpoints.json', one);
    expect(found.policies.map((p) => p.appliesTo)).toEqual([{ sourceVpce: 'vpce-032a826a', orUnsaid: true }]);
    expect(found.facts.map((f) => f.pointer)).not.toContain('/context/aws:SourceVpce');
  });

  it.each([
    ['get-bucket-acl.json', /^1:1 an ACL: .*--bucket-acl FILE or --object-acl FILE/],
    ['get-public-access-block.json', /^1:1 Block Public Access settings: .*--block-public-access FILE or --account-block-public-access FILE/],
    ['s3control-get-public-access-block.json', /^1:1 Block Public Access settings/],
    ['describe-policy.json', /^1:1 an SCP or RCP \(describe-policy\).*--scp FILE/],
    ['list-parents.json', /^1:1 organization structure/],
    // The documented example writes `"AwsManaged", false` (not JSON).
    ['list-policies-for-target.json', /^6:25 /],
  ])('%s: the same shape means two things, or levels cannot be assembled: one located line', async (name, message) => {
    expect(await failure(name)).toMatch(message);
  });
});

describe('recognition', () => {
  it.each([
    ['get-account-authorization-details.json', true],
    ['get-role-policy.json', true],
    ['list-policies-for-target.json', true],
    ['{"eventVersion":"1.11","eventSource":"s3.amazonaws.com"}', false],
    ['{"Records":[{"eventVersion":"1.11"}]}', false],
    ['An error occurred (AccessDenied) when calling the PutObject operation: Access Denied', false],
  ])('%s: %s', (name, expected) => {
    const text = name.endsWith('.json') ? readFileSync(join(DIR, name), 'utf8') : name;
    expect(cliOutputReader.recognises(text)).toBe(expected);
  });
});

/** get-role-policy names its role by name only (`RoleName`): the caller's role or session of that name owns it. */
describe('owners named by name', () => {
  it.each([
    ['role/etl', { principal: 'arn:aws:sts::111122223333:assumed-role/etl/job' }, true],
    ['role/etl', { principal: 'arn:aws:iam::111122223333:role/service-role/etl' }, true],
    ['role/etl', { principal: 'arn:aws:sts::111122223333:assumed-role/etl-2/job' }, false],
    ['role/etl', { principal: 'arn:aws:iam::111122223333:user/etl' }, false],
    ['user/bob', { principal: 'arn:aws:iam::111122223333:user/dev/bob' }, true],
    ['user/bob', { principal: 'arn:aws:sts::111122223333:assumed-role/bob/s' }, false],
    ['role/etl', { principal: 'arn:aws:sts::111122223333:assumed-role/x/y', principalArn: 'arn:aws:iam::111122223333:role/etl' }, true],
  ])('%s for %j: %s', (owner, caller, expected) => {
    expect(ownedByCaller(owner, caller)).toBe(expected);
  });
});
