import { describe, expect, it } from 'vitest';
import { ownedByCaller, type Json } from '../helpers/evaluate.js';
import { evaluate } from '../../src/index.js';
import type { Report } from '../../src/index.js';

/**
 * Every layer in one decision. Grounding (quotes in docs/aws-semantics.md):
 * - IAM User Guide, "Policy evaluation logic": explicit deny in any policy wins; SCPs, RCPs, permissions
 *   boundaries and session policies must allow; resource-based policies and implicit denies (same account).
 * - AWS Organizations User Guide, "Service control policies" and "Resource control policies".
 * - AWS PrivateLink guide, "Control access to VPC endpoints using endpoint policies".
 */
const NOW = new Date('2026-01-01T00:00:00Z');
const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const OBJECT = `${BUCKET}/uploads/a.jpg`;
const SESSION = 'arn:aws:sts::111122223333:assumed-role/upload-role/ci';
const ROLE = 'arn:aws:iam::111122223333:role/upload-role';
const USER = 'arn:aws:iam::111122223333:user/alice';

const allow = (sid: string, extra: Record<string, unknown> = {}) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: sid, Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET}/*`, ...extra }],
});
const deny = (sid: string, extra: Record<string, unknown> = {}) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: sid, Effect: 'Deny', Action: 's3:*', Resource: '*', ...extra }],
});
const allowOther = (sid: string, extra: Record<string, unknown> = {}) => ({
  Version: '2012-10-17',
  Statement: [{ Sid: sid, Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*`, ...extra }],
});
const fullAccess = { Version: '2012-10-17', Statement: [{ Sid: 'FullAWSAccess', Effect: 'Allow', Action: '*', Resource: '*' }] };
const rcpFull = { Version: '2012-10-17', Statement: [{ Sid: 'RCPFullAWSAccess', Effect: 'Allow', Principal: '*', Action: '*', Resource: '*' }] };
const star = { Principal: '*' };

/** A request where every layer allows; each test replaces one layer. */
function base(policies: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) {
  return {
    principal: SESSION,
    action: 's3:PutObject',
    resource: OBJECT,
    context: { 'aws:SourceVpce': 'vpce-1a2b3c4d' },
    policies: {
      identity: [allow('IdentityAllow')],
      boundary: allow('BoundaryAllow'),
      session: [allow('SessionAllow')],
      scp: [[fullAccess], [fullAccess], [fullAccess]],
      rcp: [[rcpFull], [rcpFull]],
      vpcEndpoint: allow('EndpointAllow', star),
      ...policies,
    },
    ...extra,
  };
}

const run = (doc: unknown): Promise<Report> => evaluate(ownedByCaller(doc as Json), { now: NOW });
const decidingKeys = (r: Report) => r.deciding.map((d) => [d.policyType, d.level, d.sid]);

describe('all layers allow', () => {
  it('is Allowed and names the granting statements', async () => {
    const r = await run(base());
    expect(r.decision).toBe('Allowed');
    expect(r.layers.map((l) => [l.policyType, l.level, l.result])).toEqual([
      ['rcp', 0, 'Allowed'],
      ['rcp', 1, 'Allowed'],
      ['scp', 0, 'Allowed'],
      ['scp', 1, 'Allowed'],
      ['scp', 2, 'Allowed'],
      ['vpcEndpoint', undefined, 'Allowed'],
      ['resource', undefined, 'NotApplicable'],
      ['identity', undefined, 'Allowed'],
      ['boundary', undefined, 'Allowed'],
      ['session', undefined, 'Allowed'],
    ]);
    expect(decidingKeys(r)).toEqual([
      ['identity', undefined, 'IdentityAllow'],
      ['boundary', undefined, 'BoundaryAllow'],
      ['session', undefined, 'SessionAllow'],
    ]);
  });
});

// For every layer: a Deny there alone denies, and an Allow missing there alone implicitly denies.
const layerCases: { layer: string; denyIn: Record<string, unknown>; missingIn: Record<string, unknown>; level?: number; sid: string }[] = [
  {
    layer: 'identity',
    denyIn: { identity: [allow('IdentityAllow'), deny('IdentityDeny')] },
    missingIn: { identity: [allowOther('Other')] },
    sid: 'IdentityDeny',
  },
  {
    layer: 'boundary',
    denyIn: { boundary: { ...deny('BoundaryDeny'), Statement: [...allow('B').Statement, ...deny('BoundaryDeny').Statement] } },
    missingIn: { boundary: allowOther('Other') },
    sid: 'BoundaryDeny',
  },
  { layer: 'session', denyIn: { session: [allow('SessionAllow'), deny('SessionDeny')] }, missingIn: { session: [allowOther('Other')] }, sid: 'SessionDeny' },
  {
    layer: 'scp',
    level: 1,
    denyIn: { scp: [[fullAccess], [fullAccess, deny('DenyS3')], [fullAccess]] },
    missingIn: { scp: [[fullAccess], [allowOther('OnlyGet')], [fullAccess]] },
    sid: 'DenyS3',
  },
  {
    layer: 'rcp',
    level: 1,
    denyIn: { rcp: [[rcpFull], [rcpFull, deny('RcpDeny', star)]] },
    missingIn: { rcp: [[rcpFull], [allowOther('OnlyGet', star)]] },
    sid: 'RcpDeny',
  },
  {
    layer: 'vpcEndpoint',
    denyIn: { vpcEndpoint: { Version: '2012-10-17', Statement: [...allow('E', star).Statement, ...deny('EndpointDeny', star).Statement] } },
    missingIn: { vpcEndpoint: allowOther('OnlyGet', star) },
    sid: 'EndpointDeny',
  },
];

describe.each(layerCases)('$layer layer', ({ layer, denyIn, missingIn, level, sid }) => {
  it('a Deny in this layer alone denies, and is named with its statement', async () => {
    const r = await run(base(denyIn));
    expect(r.decision).toBe('ExplicitDeny');
    expect(decidingKeys(r)).toEqual([[layer, level, sid]]);
    expect(r.deciding[0]!.line).toBeGreaterThan(0);
    expect(r.summary).toContain(`"${sid}"`);
  });

  it('an Allow missing in this layer alone implicitly denies, naming only this layer', async () => {
    const r = await run(base(missingIn));
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.deciding).toEqual([{ policyType: layer, ...(level !== undefined ? { level } : {}) }]);
    // and the fix, re-evaluated, adds the missing grant to that very layer (a new statement, or the action
    // added to the layer's own Allow when that is enough)
    expect(r.fixes[0]?.changes.some((c) => (c.type === 'addStatement' || c.type === 'addAction') && c.policyType === layer)).toBe(true);
  });
});

describe('guardrail applicability (Organizations User Guide)', () => {
  const scpDenies = { scp: [[fullAccess, deny('DenyS3')]] };
  it('"SCPs affect only member accounts": no effect in the management account', async () => {
    const r = await run(base(scpDenies, { managementAccount: '111122223333' }));
    expect(r.decision).toBe('Allowed');
    expect(r.layers.find((l) => l.policyType === 'scp')!.result).toBe('NotApplicable');
  });
  it('"SCPs do not affect any service-linked role"', async () => {
    const r = await run(
      base(scpDenies, {
        principal: 'arn:aws:sts::111122223333:assumed-role/AWSServiceRoleForGlue/s',
        policies: { identity: [allow('A')], scp: [[fullAccess, deny('DenyS3')]] },
      }),
    );
    expect(r.decision).toBe('Allowed');
  });
  it('"RCPs don\'t affect resources in the management account"', async () => {
    const r = await run(base({ rcp: [[rcpFull, deny('RcpDeny', star)]] }, { managementAccount: '111122223333' }));
    expect(r.decision).toBe('Allowed');
  });
  it('RCPs apply only to the services they support (iam-data list)', async () => {
    const r = await run({
      principal: USER,
      action: 'ec2:DescribeInstances',
      resource: '*',
      policies: {
        identity: [{ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'ec2:Describe*', Resource: '*' }] }],
        rcp: [[{ Version: '2012-10-17', Statement: [{ Sid: 'D', Effect: 'Deny', Principal: '*', Action: '*', Resource: '*' }] }]],
      },
    });
    expect(r.decision).toBe('Allowed');
    expect(r.layers[0]).toMatchObject({ policyType: 'rcp', result: 'NotApplicable' });
  });
  it('RCPs restrict principals from other accounts too ("regardless of whether the principals belong to the same organizations")', async () => {
    const r = await run({
      principal: 'arn:aws:iam::444455556666:user/bob',
      action: 's3:PutObject',
      resource: OBJECT,
      resourceAccount: '111122223333',
      policies: {
        identity: [allow('A')],
        resource: allow('B', { Principal: { AWS: 'arn:aws:iam::444455556666:user/bob' } }),
        rcp: [[rcpFull, deny('RcpDeny', star)]],
      },
    });
    expect(r.decision).toBe('ExplicitDeny');
    expect(decidingKeys(r)).toEqual([['rcp', 0, 'RcpDeny']]);
  });
});

// IAM User Guide, "Policy evaluation logic": "Resource-based policies that grant permissions to an IAM role
// ARN are limited by an implicit deny in a permissions boundary or session policy." / "Permissions granted
// directly to a session are not limited by an implicit deny in an identity-based policy, a permissions
// boundary, or session policy." / "resource-based policies that grant permissions to an IAM user ARN ... are
// not limited by an implicit deny in an identity-based policy or permissions boundary."
describe('resource-based grants and implicit denies in other policy types (same account)', () => {
  const noIdentity = { identity: [], scp: [], rcp: [] };
  const cases: [name: string, principal: string, grantTo: string, policies: Record<string, unknown>, decision: string, deciding: string[]][] = [
    ['role ARN grant, boundary lacks the action', SESSION, ROLE, { ...noIdentity, boundary: allowOther('B'), session: [] }, 'ImplicitDeny', ['boundary']],
    [
      'role ARN grant, session policy lacks the action',
      SESSION,
      ROLE,
      { ...noIdentity, boundary: undefined, session: [allowOther('S')] },
      'ImplicitDeny',
      ['session'],
    ],
    [
      'role ARN grant, boundary and session allow',
      SESSION,
      ROLE,
      { ...noIdentity, session: [allow('S')], boundary: allow('B') },
      'Allowed',
      ['resource', 'boundary', 'session'],
    ],
    [
      'session ARN grant, boundary and session lack the action',
      SESSION,
      SESSION,
      { ...noIdentity, boundary: allowOther('B'), session: [allowOther('S')] },
      'Allowed',
      ['resource'],
    ],
    ['user ARN grant, boundary lacks the action', USER, USER, { ...noIdentity, boundary: allowOther('B'), session: [] }, 'Allowed', ['resource']],
    ['account grant only delegates', USER, 'arn:aws:iam::111122223333:root', { ...noIdentity, session: [] }, 'ImplicitDeny', ['identity']],
  ];
  it.each(cases)('%s', async (_n, principal, grantTo, policies, decision, deciding) => {
    const doc = {
      principal,
      action: 's3:PutObject',
      resource: OBJECT,
      policies: Object.fromEntries(
        Object.entries({ ...policies, resource: allow('Grant', { Principal: { AWS: grantTo } }) }).filter(([, v]) => v !== undefined),
      ),
    };
    const r = await run(doc);
    expect(r.decision).toBe(decision);
    expect(r.deciding.map((d) => d.policyType)).toEqual(deciding);
  });
});

describe('layer input', () => {
  it('an SCP level that is an empty array is refused, naming the level', async () => {
    await expect(run(base({ scp: [[fullAccess], []] }))).rejects.toThrow(/SCP level 1 is empty/);
  });
  it('an SCP given as Organizations describe-policy output is unwrapped', async () => {
    const describePolicy = { Policy: { PolicySummary: { Name: 'DenyS3' }, Content: JSON.stringify(deny('DenyS3')) } };
    const r = await run(base({ scp: [[fullAccess, describePolicy]] }));
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.deciding[0]).toMatchObject({ policyType: 'scp', level: 0, sid: 'DenyS3' });
    expect(r.deciding[0]!.source).toMatch(/policy embedded as a string at \$\.policies\.scp\[0\]\[1\]\.Policy\.Content/);
  });
  // IAM User Guide, permissions boundaries: "You can set the boundary for an IAM entity (user or role)".
  it('a permissions boundary for the root user is refused', async () => {
    await expect(run(base({ session: [] }, { principal: 'arn:aws:iam::111122223333:root' }))).rejects.toThrow(/not to the account root user/);
  });
  it('a session policy for an IAM user is refused', async () => {
    await expect(run(base({}, { principal: USER }))).rejects.toThrow(/session policies apply to role sessions and federated users/);
  });
});

// Amazon VPC, "Control access to VPC endpoints using endpoint policies": "For gateway endpoints, you must
// use the aws:PrincipalArn condition key to grant access to a principal. If you specify a principal in
// one of the following formats, access is granted to the AWS account root user only, not all users and
// roles for the account."
describe('VPC endpoint policies and account principals', () => {
  const byAccount = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'Account', Effect: 'Allow', Principal: { AWS: '111122223333' }, Action: 's3:*', Resource: '*' }],
  };
  it('a gateway endpoint policy naming the account admits only the root user', async () => {
    const r = await run(base({ vpcEndpoint: byAccount }));
    expect(r.deciding).toEqual([{ policyType: 'vpcEndpoint' }]);
    expect(r.layers.find((l) => l.policyType === 'vpcEndpoint')!.statements[0]!.reason).toMatch(/admits only the account's root user/);
  });
  it('an interface endpoint policy naming the account admits its principals', async () => {
    expect((await run(base({ vpcEndpoint: byAccount }, { vpcEndpointType: 'Interface' }))).decision).toBe('Allowed');
  });
});

// IAM User Guide, "Policy evaluation logic" (session policies): "If there is no session policy, the code
// checks whether the principal is a role session. If the principal is a role session, then the request
// is Allowed. Otherwise, the request is implicitly denied".
describe('federated user sessions (GetFederationToken)', () => {
  const FEDERATED = 'arn:aws:sts::111122223333:federated-user/bob';
  const doc = (policies: Record<string, unknown>) => ({ principal: FEDERATED, action: 's3:PutObject', resource: OBJECT, policies });
  it('without a session policy the session has no permissions', async () => {
    const r = await run(doc({ identity: [allow('BobAllow')] }));
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.deciding).toEqual([{ policyType: 'session' }]);
    expect(r.summary).toMatch(/without a session policy/);
    expect(r.fixes[0]!.changes[0]).toMatchObject({ type: 'addStatement', policyType: 'session' });
  });
  it('with a session policy that allows, the intersection allows', async () => {
    expect((await run(doc({ identity: [allow('BobAllow')], session: [allow('SessionAllow')] }))).decision).toBe('Allowed');
  });
  it('a resource-based policy naming the federated user session still grants', async () => {
    const r = await run(doc({ identity: [], resource: allow('Grant', { Principal: { AWS: FEDERATED } }) }));
    expect(r.decision).toBe('Allowed');
    expect(r.deciding.map((d) => d.policyType)).toEqual(['resource']);
  });
});

// IAM User Guide, "Condition operators" (IP address): "The aws:SourceIp key is always present in the
// request context, except when the requester uses a VPC endpoint to make the request."
describe('aws:SourceIp behind a VPC endpoint', () => {
  const fromVpc = (key: string) => allowOther('FromVpc', { Condition: { IpAddress: { [key]: '10.0.0.0/16' } } });
  const read = (identity: unknown, context: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    principal: USER,
    action: 's3:GetObject',
    resource: OBJECT,
    context,
    policies: { identity: [identity], ...extra },
  });
  it('is dropped, kept as aws:VpcSourceIp, and listed as an assumption', async () => {
    const r = await run(read(fromVpc('aws:SourceIp'), { 'aws:SourceVpce': 'vpce-1a2b3c4d', 'aws:SourceIp': '10.0.1.25' }));
    expect(r.decision).toBe('ImplicitDeny');
    expect(r.assumptions.map((a) => a.key)).toContain('aws:SourceIp');
    expect(r.fixes[0]!.changes[0]).toMatchObject({ type: 'renameConditionKey', from: 'aws:SourceIp', to: 'aws:VpcSourceIp' });
    expect(r.fixes.flatMap((f) => f.changes).some((c) => c.type === 'setContext' && c.key.toLowerCase() === 'aws:sourceip')).toBe(false);
    expect((await run(read(fromVpc('aws:VpcSourceIp'), { 'aws:SourceVpce': 'vpce-1a2b3c4d', 'aws:SourceIp': '10.0.1.25' }))).decision).toBe('Allowed');
  });
  it('a given endpoint policy implies the endpoint path too', async () => {
    const r = await run(read(fromVpc('aws:SourceIp'), { 'aws:SourceIp': '10.0.1.25' }, { vpcEndpoint: allowOther('E', star) }));
    expect(r.decision).toBe('ImplicitDeny');
  });
  it('without an endpoint the address is used as given', async () => {
    expect((await run(read(fromVpc('aws:SourceIp'), { 'aws:SourceIp': '10.0.1.25' }))).decision).toBe('Allowed');
  });
});

// AWS CLI output is unwrapped where it embeds the policy as a JSON string.
describe('policies wrapped in AWS CLI output', () => {
  const bucketGrant = {
    Version: '2012-10-17',
    Statement: [{ Sid: 'Grant', Effect: 'Allow', Principal: { AWS: USER }, Action: 's3:PutObject', Resource: `${BUCKET}/*` }],
  };
  it.each([
    ['get-bucket-policy', { Policy: JSON.stringify(bucketGrant) }],
    [
      'secretsmanager get-resource-policy',
      { ARN: 'arn:aws:secretsmanager:us-east-1:111122223333:secret:x', Name: 'x', ResourcePolicy: JSON.stringify(bucketGrant) },
    ],
    ['sqs get-queue-attributes', { Attributes: { Policy: JSON.stringify(bucketGrant) } }],
    ['ecr get-repository-policy', { registryId: '111122223333', repositoryName: 'r', policyText: JSON.stringify(bucketGrant) }],
  ] as [string, unknown][])('%s', async (_t, resource) => {
    const r = await run({ principal: USER, action: 's3:PutObject', resource: OBJECT, policies: { identity: [], resource } });
    expect(r.decision).toBe('Allowed');
    expect(r.deciding[0]!.source).toMatch(/policy embedded as a string/);
  });
});
