import { describe, expect, it } from 'vitest';
import { scanText } from '../../../src/input/index.js';
import { checkPlanted } from './planted.js';

/** CloudFormation and SAM templates: the documents found, their types, and findings on the template's own lines. */

const check = checkPlanted;

const YAML = `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  Env:
    Type: String
    Default: prod
  VpceId:
    Type: String
Conditions:
  IsProd: !Equals [!Ref Env, prod]
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  BucketPolicy:
    Type: AWS::S3::BucketPolicy
    Properties:
      Bucket: !Ref Bucket
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Sid: Everyone
            Effect: Allow
            NotPrincipal:
              AWS: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root'
            Action: s3:GetObject
            Resource: !Sub '\${Bucket.Arn}/*'
          - !If
            - IsProd
            - Effect: Deny
              Principal: '*'
              Action: 's3:*'
              Resource: [!GetAtt Bucket.Arn, !Join ['', [!GetAtt Bucket.Arn, '/*']]]
              Condition:
                StringNotEquals:
                  aws:SourceVpce: !Ref VpceId
            - !Ref AWS::NoValue
  ReadRole:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Statement:
          - Effect: Allow
            Principal: { Service: lambda.amazonaws.com }
            Action: sts:AssumeRole
      PermissionsBoundary: !Sub 'arn:\${AWS::Partition}:iam::\${AWS::AccountId}:policy/boundary'
      Policies:
        - PolicyName: read
          PolicyDocument: !Sub |
            {
              "Version": "2012-10-17",
              "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:\${AWS::Partition}:s3:::\${Bucket}/*"}]
            }
`;

describe('CloudFormation reader: YAML short forms', () => {
  it('finds every document with its type, host, pointer and label', async () => {
    const { scan } = await check('stack.yaml', YAML);
    expect(scan.format).toBe('cloudformation');
    expect(scan.policies.map((p) => [p.origin.pointer, p.origin.policyType, p.origin.host, p.origin.typeFrom, p.origin.label])).toEqual([
      [
        'Resources/BucketPolicy/Properties/PolicyDocument',
        'resource',
        's3-bucket',
        'container',
        'BucketPolicy (AWS::S3::BucketPolicy) PolicyDocument [IsProd: true]',
      ],
      [
        'Resources/BucketPolicy/Properties/PolicyDocument',
        'resource',
        's3-bucket',
        'container',
        'BucketPolicy (AWS::S3::BucketPolicy) PolicyDocument [IsProd: false]',
      ],
      ['Resources/ReadRole/Properties/AssumeRolePolicyDocument', 'resource', 'iam-trust', 'container', 'ReadRole (AWS::IAM::Role) AssumeRolePolicyDocument'],
      ['Resources/ReadRole/Properties/Policies/0/PolicyDocument', 'identity', 'iam-identity', 'container', 'ReadRole (AWS::IAM::Role) Policies[0]'],
    ]);
  });

  it('resolves intrinsics as check-anchors §2 says: GetAtt Bucket.Arn is the bucket ARN, Sub ${Bucket.Arn}/* its objects, Partition is aws', async () => {
    // CloudFormation User Guide, AWS::S3::Bucket, return values: "`Arn` Returns the Amazon Resource Name (ARN)
    // of the specified bucket. Example: `arn:aws:s3:::DOC-EXAMPLE-BUCKET`".
    const { scan } = await check('stack.yaml', YAML);
    const text = JSON.stringify(scan.policies.map((p) => p.root));
    expect(text).toContain('"value":"arn:aws:s3:::{{Bucket}}/*"');
    expect(text).toContain('"value":"arn:aws:iam::{{AWS.AccountId}}:root"');
    // The Join of the GetAtt and '/*' gives the same objects ARN.
    expect((text.match(/arn:aws:s3:::\{\{Bucket\}\}\/\*/g) ?? []).length).toBe(4);
  });

  it('Fn::If gives both readings; AWS::NoValue removes the element', async () => {
    // CloudFormation User Guide, "Condition functions" (Fn::If): "You can use the AWS::NoValue pseudo parameter
    // as a return value to remove the corresponding property."
    const { scan } = await check('stack.yaml', YAML);
    const statements = scan.policies.slice(0, 2).map((p) => JSON.stringify(p.root).match(/"key":"Effect"/g)?.length);
    expect(statements).toEqual([2, 1]);
  });

  it('findings of existing rules land on the template line and column, once for both readings', async () => {
    const { findings } = await check('stack.yaml', YAML);
    expect(findings.filter((f) => f.rule !== 'iac-not-resolved').map((f) => [f.rule, f.line, f.column, f.pointer])).toEqual([
      ['notprincipal-with-allow', 23, 15, 'Resources/BucketPolicy/Properties/PolicyDocument'],
      // Inside the `!Sub |` block: line 50 of the template, at `"Principal"`.
      ['principal-placement', 50, 49, 'Resources/ReadRole/Properties/Policies/0/PolicyDocument'],
    ]);
  });

  it('a parameter without a Default is not resolved: an info at the !Ref, and the Deny holding it still applies', async () => {
    const { findings } = await check('stack.yaml', YAML);
    const info = findings.filter((f) => f.rule === 'iac-not-resolved');
    expect(info.map((f) => [f.line, f.column])).toEqual([[34, 35]]);
    expect(info[0]!.message).toMatch(/^parameter `VpceId` has no Default/);
  });
});

const LONG = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Key:
    Type: AWS::KMS::Key
    Properties:
      KeyPolicy:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal:
              AWS:
                Fn::Join: ["", ["arn:", {Ref: "AWS::Partition"}, ":iam::", {Ref: "AWS::AccountId"}, ":root"]]
            Action: "kms:*"
            Resource: "*"
  Writer:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: "2012-10-17"
        Statement:
          - Effect: Allow
            Principal: "*"
            Action: sqs:SendMessage
            Resource:
              Fn::ImportValue: SharedQueueArn
  Org:
    Type: AWS::Organizations::Policy
    Properties:
      Type: SERVICE_CONTROL_POLICY
      Content: '{"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "s3:*", "Resource": "*", "Principal": "*"}]}'
  Tags:
    Type: AWS::Organizations::Policy
    Properties:
      Type: TAG_POLICY
      Content: {tags: {}}
`;

describe('CloudFormation reader: YAML long forms', () => {
  it('KMS key, managed policy and SCP (Content as a JSON string); a tag policy is no IAM document', async () => {
    const { scan, findings } = await check('org.yml', LONG);
    expect(scan.policies.map((p) => [p.origin.pointer, p.origin.policyType, p.origin.host])).toEqual([
      ['Resources/Key/Properties/KeyPolicy', 'kmsKey', 'kms-key'],
      ['Resources/Writer/Properties/PolicyDocument', 'identity', 'iam-identity'],
      ['Resources/Org/Properties/Content', 'scp', 'organizations'],
    ]);
    expect(JSON.stringify(scan.policies[0]!.root)).toContain('"value":"arn:aws:iam::{{AWS.AccountId}}:root"');
    expect(findings.map((f) => [f.rule, f.line, f.column])).toEqual([
      ['principal-placement', 22, 13],
      ['iac-not-resolved', 25, 15],
      // The SCP written as a one-line quoted string: the column inside the string is exact.
      ['principal-placement', 30, 111],
    ]);
  });
});

const JSON_TEMPLATE = `{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Resources": {
    "Queue": { "Type": "AWS::SQS::Queue" },
    "QueuePolicy": {
      "Type": "AWS::SQS::QueuePolicy",
      "Properties": {
        "Queues": [{ "Ref": "Queue" }],
        "PolicyDocument": {
          "Version": "2012-10-17",
          "Statement": [
            { "Sid": "Others", "Effect": "Allow", "NotPrincipal": { "AWS": { "Fn::Sub": "arn:\${AWS::Partition}:iam::\${AWS::AccountId}:root" } }, "Action": "sqs:SendMessage", "Resource": { "Fn::GetAtt": ["Queue", "Arn"] } }
          ]
        }
      }
    },
    "Endpoint": {
      "Type": "AWS::EC2::VPCEndpoint",
      "Properties": {
        "PolicyDocument": "{\\"Statement\\": [{\\"Effect\\": \\"Allow\\", \\"Principal\\": \\"*\\", \\"Action\\": \\"s3:GetObject\\", \\"Resource\\": \\"*\\", \\"Condition\\": {\\"StringEqual\\": {\\"aws:PrincipalOrgID\\": \\"o-a1b2c3d4e5\\"}}}]}"
      }
    }
  }
}
`;

describe('CloudFormation reader: JSON templates', () => {
  it('reads a JSON template through the JSON reader; a policy in an escaped JSON string is mapped through its escapes', async () => {
    const { scan, findings } = await check('stack.template', JSON_TEMPLATE);
    expect(scan.policies.map((p) => [p.origin.pointer, p.origin.policyType, p.origin.host])).toEqual([
      ['Resources/QueuePolicy/Properties/PolicyDocument', 'resource', 'sqs-queue'],
      ['Resources/Endpoint/Properties/PolicyDocument', 'vpcEndpoint', 'vpc-endpoint'],
    ]);
    const line20 = JSON_TEMPLATE.split('\n')[19]!;
    expect(findings.map((f) => [f.rule, f.line, f.column])).toEqual([
      ['notprincipal-with-allow', 12, 67],
      ['condition-operator-unknown', 20, line20.indexOf('\\"StringEqual') + 1],
    ]);
  });

  it('a key repeated in a template is json-duplicate-key at the second key (YAML and JSON)', async () => {
    const yaml = 'Resources:\n  P:\n    Type: AWS::IAM::Policy\n    Type: AWS::IAM::Policy\n    Properties: {}\n';
    expect((await check('t.yaml', yaml)).findings.map((f) => [f.rule, f.line, f.column])).toEqual([['json-duplicate-key', 4, 5]]);
    const json = '{"Resources": {"P": {"Type": "AWS::IAM::Policy", "Type": "AWS::IAM::Policy"}}}';
    expect((await check('t.json', json)).findings.map((f) => [f.rule, f.line, f.column])).toEqual([['json-duplicate-key', 1, 50]]);
  });
});

describe('CloudFormation reader: SAM', () => {
  it('reads inline statements of a function; managed policy names and policy templates are told, not resolved', async () => {
    const sam = `Transform: AWS::Serverless-2016-10-31
Resources:
  Fn:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      Policies:
        - AWSLambdaBasicExecutionRole
        - S3ReadPolicy:
            BucketName: !Ref Bucket
        - Version: '2012-10-17'
          Statement:
            - Effect: Allow
              NotAction: iam:*
              Resource: '*'
              Principal: '*'
`;
    const { scan, findings } = await check('template.yaml', sam);
    expect(scan.policies.map((p) => [p.origin.pointer, p.origin.policyType])).toEqual([['Resources/Fn/Properties/Policies/2', 'identity']]);
    expect(findings.map((f) => [f.rule, f.line, f.column])).toEqual([
      ['iac-not-resolved', 8, 11],
      ['iac-not-resolved', 9, 11],
      ['principal-placement', 16, 15],
    ]);
  });
});

describe('CloudFormation reader: bad templates and odd intrinsics', () => {
  it('a YAML syntax error is json-syntax at its position; the other files are still read', async () => {
    const broken = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties: [a, b\n';
    const { findings } = await check('broken.yaml', broken);
    expect(findings.map((f) => [f.rule, f.line, f.column, f.message])).toEqual([
      ['json-syntax', 6, 1, 'the template is not YAML: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ]);
  });

  it('a policy written as text that is not JSON is json-syntax inside the template', async () => {
    const t =
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  P:\n    Type: AWS::IAM::Policy\n    Properties:\n      PolicyDocument: |\n        {"Statement": [\n          {"Effect": "Allow",, }]}\n';
    const { findings } = await check('t.yaml', t);
    expect(findings.map((f) => [f.rule, f.line, f.column])).toEqual([['json-syntax', 8, 30]]);
  });

  it('is not claimed without template content, and plain policy files stay with the JSON reader', () => {
    expect(scanText('policy.json', '{"Version": "2012-10-17", "Statement": []}', {}).format).toBe('json');
    expect(scanText('values.yaml', 'replicas: 3\n', {}).format).toBeUndefined();
  });

  it('random intrinsics in random places never throw', async () => {
    const forms = [
      '!Ref Nope',
      '!GetAtt Nope.Arn',
      '!Sub "${Nope}"',
      '!Select [9, [a]]',
      '!Select [x, !Ref Nope]',
      '!Split [",", !Ref Nope]',
      '!Join ["", !Ref Nope]',
      '!FindInMap [M, a, b]',
      '!ImportValue X',
      '!Base64 x',
      '!If [C, !Ref AWS::NoValue, x]',
      '!If [C]',
      '!GetAZs ""',
      '!Cidr [a, 1, 2]',
      '{"Fn::Sub": [1, 2]}',
      '!Ref [a]',
      '!Sub',
      '!Transform {Name: x}',
    ];
    let seed = 7;
    const next = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const slots = ['EFFECT', 'ACTION', 'RESOURCE', 'PRINCIPAL', 'VALUE', 'DOC'];
    const base = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  P:
    Type: AWS::S3::BucketPolicy
    Properties:
      PolicyDocument: DOC
  Q:
    Type: AWS::S3::BucketPolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: EFFECT
            Principal: PRINCIPAL
            Action: ACTION
            Resource: RESOURCE
            Condition: {StringEquals: {aws:SourceVpce: VALUE}}
`;
    for (let i = 0; i < 200; i++) {
      let t = base;
      const plain = (s: string) => (s === 'EFFECT' ? 'Deny' : "'*'");
      for (const s of slots) t = t.replace(s, next(3) === 0 ? plain(s) : forms[next(forms.length)]!);
      const { scan, findings } = await check('fuzz.yaml', t);
      expect(scan.format).toBe('cloudformation');
      for (const f of findings) expect(f.line).toBeGreaterThan(0);
    }
  });
});
