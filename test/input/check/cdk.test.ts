import { describe, expect, it } from 'vitest';
import { scanText, type FileScan } from '../../../src/input/index.js';
import { toPlain, type JsonNode } from '../../../src/json/index.js';
import { checkScans } from '../../../src/rules/index.js';

/**
 * The CDK reader: stacks as teams write them, read statically (never executed). Every policy element is
 * located on the `.ts` line and column that wrote it; what cannot be known without running the app is an
 * `iac-not-resolved` finding, never a guess and never a crash.
 */

const scan = (text: string, file = 'lib/stack.ts'): FileScan => scanText(file, text, {});
const docs = (s: FileScan) => s.policies.map((p) => ({ pointer: p.origin.pointer, type: p.origin.policyType, host: p.origin.host, json: toPlain(p.root) }));
const findings = async (s: FileScan) => (await checkScans([s], { serviceDataDate: 'test' })).findings;
/** Line and column (1-based) of the `n`th occurrence of `needle` in `text`. */
function at(text: string, needle: string, n = 0): { line: number; column: number } {
  let i = -1;
  for (let k = 0; k <= n; k++) i = text.indexOf(needle, i + 1);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}
function element(root: JsonNode, ...path: (string | number)[]): JsonNode {
  let node = root;
  for (const p of path) {
    if (node.kind === 'object') node = node.members.find((m) => m.key === p)!.value;
    else if (node.kind === 'array') node = node.elements[p as number]!;
  }
  return node;
}

const STAR_IMPORT = `import * as cdk from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';

const READ_ACTIONS = ['s3:GetObject', 's3:ListBucket'];

export class DataStack extends cdk.Stack {
  constructor(scope: Construct, id: string, props?: cdk.StackProps) {
    super(scope, id, props);
    const bucket = new s3.Bucket(this, 'Data', { enforceSSL: true });
    const reader = new iam.Role(this, 'Reader', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    const readStatement = new iam.PolicyStatement({
      sid: 'Read',
      actions: [...READ_ACTIONS, 's3:GetObjet'],
      resources: [bucket.bucketArn, \`\${bucket.bucketArn}/*\`],
    });
    reader.addToPolicy(readStatement);
    bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        effect: iam.Effect.ALLOW,
        notPrincipals: [new iam.AccountPrincipal('111122223333')],
        actions: ['s3:GetObject'],
        resources: [bucket.arnForObjects('*')],
      }),
    );
  }
}
`;

const NAMED_IMPORT = `import { Stack, StackProps, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';

export class KeyStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    new kms.Key(this, 'AppKey', {
      policy: iam.PolicyDocument.fromJson({
        Version: '2012-10-17',
        Statement: [
          { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' },
        ],
      }),
    });
    new iam.ManagedPolicy(this, 'Deployers', {
      statements: [
        new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:DeleteBucket'], resources: ['*'] }),
      ],
    });
    new iam.Role(this, 'OrgReader', {
      assumedBy: new iam.OrganizationPrincipal('o-a1b2c3d4e5'),
      inlinePolicies: {
        Read: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'], principals: [new iam.AnyPrincipal()] })] }),
      },
    });
  }
}
`;

describe('CDK reader: which files', () => {
  it('claims TypeScript that imports the CDK, and no other file', () => {
    expect(scan(STAR_IMPORT).format).toBe('cdk');
    expect(scan(NAMED_IMPORT).format).toBe('cdk');
    expect(scan(`import * as iam from '@aws-cdk/aws-iam';\nnew iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] });\n`).policies).toHaveLength(
      1,
    );
    expect(scan(`import { z } from 'zod';\nconst PolicyStatement = 1;\n`).format).toBeUndefined();
    expect(scan(STAR_IMPORT, 'lib/stack.d.ts').format).toBeUndefined();
    expect(scan(STAR_IMPORT, 'lib/stack.js').format).toBeUndefined();
  });

  it('a CDK file that writes no policy is read without parsing and has no policy', () => {
    const s = scan(`import * as sqs from 'aws-cdk-lib/aws-sqs';\nnew sqs.Queue(this, 'Q');\n`);
    expect(s).toMatchObject({ format: 'cdk', policies: [], diagnostics: [] });
  });
});

describe('CDK reader: statements as CDK writes them', () => {
  it('maps PolicyStatement props, principals, enforceSSL and the trust policy to policy JSON, with their policy types', () => {
    const s = scan(STAR_IMPORT);
    expect(s.diagnostics).toEqual([]);
    expect(docs(s)).toEqual([
      {
        pointer: 'lib/stack.ts#Reader/AssumeRolePolicy',
        type: 'resource',
        host: 'iam-trust',
        json: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: ['lambda.amazonaws.com'] } }] },
      },
      {
        pointer: 'lib/stack.ts#Data/Policy',
        type: 'resource',
        host: 's3-bucket',
        json: {
          Version: '2012-10-17',
          Statement: [
            // aws-cdk-lib Bucket.enforceSSLStatement: Deny s3:* to AnyPrincipal on the bucket and its objects when aws:SecureTransport is false.
            {
              Effect: 'Deny',
              Principal: { AWS: ['*'] },
              Action: ['s3:*'],
              Resource: ['arn:aws:s3:::{{bucket}}', 'arn:aws:s3:::{{bucket}}/*'],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
            { Effect: 'Allow', NotPrincipal: { AWS: ['arn:aws:iam::111122223333:root'] }, Action: ['s3:GetObject'], Resource: ['arn:aws:s3:::{{bucket}}/*'] },
          ],
        },
      },
      {
        pointer: 'lib/stack.ts#Reader/DefaultPolicy',
        type: 'identity',
        host: 'iam-identity',
        json: {
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'Read',
              Effect: 'Allow',
              Action: ['s3:GetObject', 's3:ListBucket', 's3:GetObjet'],
              Resource: ['arn:aws:s3:::{{bucket}}', 'arn:aws:s3:::{{bucket}}/*'],
            },
          ],
        },
      },
    ]);
  });

  it('every element is at the .ts line and column that wrote it; generated ones at the prop that asked for them', () => {
    const s = scan(STAR_IMPORT);
    const byPointer = new Map(s.policies.map((p) => [p.origin.pointer, p]));
    const bucket = byPointer.get('lib/stack.ts#Data/Policy');
    const identity = byPointer.get('lib/stack.ts#Reader/DefaultPolicy');
    expect(element(identity!.root, 'Statement', 0, 'Action', 2).span).toMatchObject(at(STAR_IMPORT, "'s3:GetObjet'"));
    // A const's literal is where the value is written: a fix goes there.
    expect(element(identity!.root, 'Statement', 0, 'Action', 0).span).toMatchObject(at(STAR_IMPORT, "'s3:GetObject'"));
    expect(element(identity!.root, 'Statement', 0, 'Resource', 1).span).toMatchObject(at(STAR_IMPORT, '`${bucket.bucketArn}/*`'));
    expect(element(bucket!.root, 'Statement', 0, 'Condition').span).toMatchObject(at(STAR_IMPORT, 'enforceSSL: true'));
    expect(element(bucket!.root, 'Statement', 1, 'NotPrincipal').span).toMatchObject(at(STAR_IMPORT, "[new iam.AccountPrincipal('111122223333')]"));
  });

  it('a rule finding lands on the exact .ts line and column (notprincipal-with-allow on `notPrincipals`)', async () => {
    const found = (await findings(scan(STAR_IMPORT))).filter((f) => f.severity !== 'info');
    expect(found.map((f) => [f.rule, f.span.line, f.span.column, f.policy?.label])).toEqual([
      // The misspelt action written in a const, found where it is written.
      ['unknown-action', ...Object.values(at(STAR_IMPORT, "'s3:GetObjet'")), 'Reader (iam.Role) policy'],
      ['notprincipal-with-allow', ...Object.values(at(STAR_IMPORT, "[new iam.AccountPrincipal('111122223333')]")), 'Data (s3.Bucket) bucket policy'],
    ]);
  });

  it('aws_iam as iam: fromJson, ManagedPolicy, OrganizationPrincipal (with its aws:PrincipalOrgID condition), inline policies, a kms.Key policy', async () => {
    const s = scan(NAMED_IMPORT, 'lib/key-stack.ts');
    expect(s.diagnostics).toEqual([]);
    const byPointer = new Map(docs(s).map((d) => [d.pointer, d]));
    expect(byPointer.get('lib/key-stack.ts#AppKey/Policy')).toMatchObject({ type: 'kmsKey', host: 'kms-key' });
    expect(byPointer.get('lib/key-stack.ts#Deployers')).toMatchObject({
      type: 'identity',
      json: { Statement: [{ Effect: 'Deny', Action: ['s3:DeleteBucket'], Resource: ['*'] }] },
    });
    // OrganizationPrincipal.policyFragment: { AWS: ['*'] } with { StringEquals: { 'aws:PrincipalOrgID': organizationId } }.
    expect(byPointer.get('lib/key-stack.ts#OrgReader/AssumeRolePolicy')?.json).toEqual({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { AWS: ['*'] }, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } } },
      ],
    });
    expect(byPointer.get('lib/key-stack.ts#OrgReader/inlinePolicies/Read')).toMatchObject({ type: 'identity', host: 'iam-identity' });
    // A Principal in an identity policy is a principal-placement finding, on `principals`.
    const placement = (await findings(s)).filter((f) => f.rule === 'principal-placement');
    expect(placement.map((f) => ({ line: f.span.line, column: f.span.column }))).toEqual([at(NAMED_IMPORT, 'principals: [new iam.AnyPrincipal()]')]);
  });

  it('statement mutators on a const are applied; a statement not attached to anything is one policy of the inferred type', () => {
    const text = `import * as iam from 'aws-cdk-lib/aws-iam';
const stmt = new iam.PolicyStatement();
stmt.addActions('s3:PutObject');
stmt.addResources('arn:aws:s3:::amzn-s3-demo-bucket/*');
stmt.addPrincipals(new iam.StarPrincipal());
stmt.addCondition('StringEquals', { 'aws:SourceVpce': 'vpce-1a2b3c4d' });
`;
    const s = scan(text);
    expect(s.diagnostics).toEqual([]);
    expect(docs(s)).toEqual([
      {
        pointer: 'lib/stack.ts#stmt',
        type: 'resource',
        host: 's3-bucket',
        json: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: ['s3:PutObject'],
              Resource: ['arn:aws:s3:::amzn-s3-demo-bucket/*'],
              Principal: '*',
              Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } },
            },
          ],
        },
      },
    ]);
    expect(s.policies[0]!.origin).toMatchObject({ typeFrom: 'inferred', label: 'stmt (iam.PolicyStatement)' });
  });
});

describe('CDK reader: what cannot be known statically', () => {
  const UNKNOWN = `import * as iam from 'aws-cdk-lib/aws-iam';
import { resourcesFor } from './config';
import { sharedStatement } from './shared';

export function attach(role: iam.Role, bucket: s3.IBucket, actions: string[]) {
  role.addToPolicy(new iam.PolicyStatement({ actions, resources: ['*'] }));
  role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: resourcesFor(bucket) }));
  role.addToPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [\`\${bucket.bucketArn}/\${prefix()}*\`] }));
  role.addToPolicy(sharedStatement);
  role.addToPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:DeleteObject'], resources: [\`\${bucket.bucketArn}/*\`] }));
  bucket.grantReadWrite(role);
  new iam.PolicyStatement({ principals: [role], actions: ['s3:GetObject'], resources: ['*'] });
}
`;

  it('each unknown value is an iac-not-resolved info at it; the statement is left out, never guessed; the rest is read', async () => {
    const s = scan(UNKNOWN);
    expect(s.diagnostics.map((d) => [d.code, d.severity, d.span!.line, d.span!.column])).toEqual([
      ['iac-not-resolved', 'info', ...Object.values(at(UNKNOWN, 'actions, resources'))],
      ['iac-not-resolved', 'info', ...Object.values(at(UNKNOWN, 'resourcesFor(bucket)'))],
      ['iac-not-resolved', 'info', ...Object.values(at(UNKNOWN, 'prefix()'))],
      ['iac-not-resolved', 'info', ...Object.values(at(UNKNOWN, 'sharedStatement)'))],
      ['iac-not-resolved', 'info', ...Object.values(at(UNKNOWN, 'bucket.grantReadWrite(role)'))],
      ['iac-not-resolved', 'info', ...Object.values(at(UNKNOWN, 'role], actions'))],
    ]);
    expect(s.diagnostics[4]!.message).toContain('the access it grants is not checked');
    // Only the Deny is read: no Allow is invented from the unknown statements.
    expect(docs(s).map((d) => d.json)).toEqual([
      { Version: '2012-10-17', Statement: [{ Effect: 'Deny', Action: ['s3:DeleteObject'], Resource: ['arn:aws:s3:::{{bucket}}/*'] }] },
    ]);
    const found = await findings(s);
    expect(found.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(found.filter((f) => f.rule === 'iac-not-resolved')).toHaveLength(6);
  });

  it("the ARNs of topics, queues, keys, tables, functions and roles the file creates are placeholders in the stack's Region and account", async () => {
    const text = `import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
const topic = new sns.Topic(this, 'Uploads');
const queue = new sqs.Queue(this, 'Jobs');
const key = new kms.Key(this, 'Data');
const table = new dynamodb.TableV2(this, 'Orders', props);
const fn = new lambda.NodejsFunction(this, 'Handler', props);
const role = new iam.Role(this, 'Worker', props);
const shared = sns.Topic.fromTopicArn(this, 'Shared', sharedArn);
export const own = new iam.PolicyStatement({
  actions: ['sns:Publish'],
  resources: [topic.topicArn, queue.queueArn, key.keyArn, table.tableArn, fn.functionArn, role.roleArn],
});
export const other = new iam.PolicyStatement({ actions: ['sns:Publish'], resources: [shared.topicArn] });
`;
    const s = scan(text);
    // Service Authorization Reference ARN forms: arn:\${Partition}:sns:\${Region}:\${Account}:\${TopicName},
    // …:sqs:…:\${QueueName}, …:kms:…:key/\${KeyId}, …:dynamodb:…:table/\${TableName}, …:lambda:…:function:\${FunctionName},
    // arn:\${Partition}:iam::\${Account}:role/\${RoleNameWithPath}.
    // (The key's default key policy is a document of its own.)
    expect(
      docs(s)
        .map((d) => d.json)
        .slice(1),
    ).toEqual([
      {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Action: ['sns:Publish'],
            Resource: [
              'arn:aws:sns:{{region}}:{{account}}:{{topic}}',
              'arn:aws:sqs:{{region}}:{{account}}:{{queue}}',
              'arn:aws:kms:{{region}}:{{account}}:key/{{key}}',
              'arn:aws:dynamodb:{{region}}:{{account}}:table/{{table}}',
              'arn:aws:lambda:{{region}}:{{account}}:function:{{fn}}',
              'arn:aws:iam::{{account}}:role/{{role}}',
            ],
          },
        ],
      },
    ]);
    // A topic imported from elsewhere: its ARN is not known statically, and its statement is not checked.
    // (The role's `props` are not read either: line 8.)
    const unknown = (await findings(s)).filter((f) => f.rule === 'iac-not-resolved' && f.span.line > 8);
    expect(unknown.map((f) => f.span)).toEqual([expect.objectContaining(at(text, 'shared.topicArn'))]);
  });

  it('a file that is not valid TypeScript is one json-syntax finding at the error, and nothing half-parsed is read', () => {
    const s = scan(`import * as iam from 'aws-cdk-lib/aws-iam';\nnew iam.PolicyStatement({ actions: [ 's3:GetObject', resources: ['*'] });\n`);
    expect(s.policies).toEqual([]);
    expect(s.diagnostics).toEqual([
      expect.objectContaining({ code: 'json-syntax', severity: 'error', span: expect.objectContaining({ line: 2, column: 63 }) as unknown }),
    ]);
    expect(s.diagnostics[0]!.message).toMatch(/^not valid TypeScript: /);
  });

  it('never crashes on odd shapes, and never reads an Allow out of them', () => {
    for (const text of [
      `import * as iam from 'aws-cdk-lib/aws-iam';\nnew iam.PolicyStatement(...args);\nnew iam.Role();\niam.PolicyDocument.fromJson();\n`,
      `import * as iam from 'aws-cdk-lib/aws-iam';\nconst a = b;\nconst b = a;\nnew iam.PolicyStatement({ actions: a, resources: { ...a } });\n`,
      `import * as iam from 'aws-cdk-lib/aws-iam';\nnew iam.PolicyStatement({ [key]: ['s3:GetObject'], get actions() { return []; } });\n`,
    ]) {
      const s = scan(text);
      expect(s.format).toBe('cdk');
      for (const p of s.policies) expect(JSON.stringify(toPlain(p.root))).not.toContain('"Allow"');
    }
  });
});
