import type { RuleTable } from './table.js';

const template = (resource: string) => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  QueueArn:
    Type: String
  Env:
    Type: String
    Default: prod
Resources:
  Bucket:
    Type: AWS::S3::Bucket
  Reader:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: [s3:GetObject, sqs:SendMessage]
            Resource: ${resource}
`;

/** A queue policy whose whole document is the given YAML value (line 12, column 23). */
export const documentTemplate = (document: string) => `AWSTemplateFormatVersion: '2010-09-09'
Parameters:
  PolicyJson:
    Type: String
Resources:
  Queue:
    Type: AWS::SQS::Queue
  QueuePolicy:
    Type: AWS::SQS::QueuePolicy
    Properties:
      Queues: [!Ref Queue]
      PolicyDocument: ${document}
`;

/**
 * Documents (or parts of their JSON structure) known only at deployment: a parameter, another stack's output,
 * `Fn::Sub` or `Fn::Join` text whose structure is a parameter. Told once where the value is written, never
 * parsed as JSON (so never `json-syntax`).
 */
export const wholeDocuments: { text: string; file: string; at: { line: number; column: number }[]; message?: RegExp }[] = [
  {
    text: documentTemplate('!Ref PolicyJson'),
    file: 'template.yaml',
    at: [{ line: 12, column: 23 }],
    message: /^parameter `PolicyJson` has no Default.*; the policy document it makes is known only then, so it is not checked$/,
  },
  { text: documentTemplate('!ImportValue SharedQueuePolicy'), file: 'template.yaml', at: [{ line: 12, column: 23 }] },
  { text: documentTemplate("!Sub '${PolicyJson}'"), file: 'template.yaml', at: [{ line: 12, column: 23 }] },
  { text: documentTemplate('!Sub \'{"Version": "2012-10-17", "Statement": ${PolicyJson}}\''), file: 'template.yaml', at: [{ line: 12, column: 23 }] },
  {
    text: documentTemplate('!Join ["", [\'{"Version": "2012-10-17", "Statement": [\', !Ref PolicyJson, "]}"]]'),
    file: 'template.yaml',
    at: [{ line: 12, column: 79 }],
  },
  { text: documentTemplate('{ "Fn::ImportValue": { "Fn::Sub": "${AWS::StackName}-policy" } }'), file: 'template.yaml', at: [{ line: 12, column: 23 }] },
];

/** `iac-not-resolved`: template values known before deployment pass; values known only at deployment are told, where they are written. */
export const cfnTable: RuleTable = {
  valid: [
    { text: template("!Sub 'arn:${AWS::Partition}:s3:::${Bucket}-${Env}/*'"), file: 'template.yaml' },
    { text: template('!GetAtt Bucket.Arn'), file: 'template.yaml' },
  ],
  invalid: [
    ...wholeDocuments,
    { text: template('!Ref QueueArn'), file: 'template.yaml', at: [{ line: 19, column: 23 }], message: /^parameter `QueueArn` has no Default/ },
    {
      text: template('[!ImportValue SharedQueueArn, !Select [0, !Split [",", !Ref QueueArn]]]'),
      file: 'template.yaml',
      at: [
        { line: 19, column: 24 },
        { line: 19, column: 78 },
      ],
    },
  ],
};
