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

/** `iac-not-resolved`: template values known before deployment pass; values known only at deployment are told, where they are written. */
export const cfnTable: RuleTable = {
  valid: [
    { text: template("!Sub 'arn:${AWS::Partition}:s3:::${Bucket}-${Env}/*'"), file: 'template.yaml' },
    { text: template('!GetAtt Bucket.Arn'), file: 'template.yaml' },
  ],
  invalid: [
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
