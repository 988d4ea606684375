import { doc, type RuleTable } from '../table.js';
import { spot } from '../spot.js';

/**
 * `service-principal-unscoped`: the evaluator allows the service's request made for a resource of an
 * unrelated account. IAM User Guide ("The confused deputy problem", cross-service): "If the `aws:SourceArn`
 * value does not contain the account ID, such as an Amazon S3 bucket ARN, you must use both global condition
 * context keys to limit permissions."
 */
const B = 'arn:aws:s3:::amzn-s3-demo-bucket';
const QUEUE = 'arn:aws:sqs:us-east-1:111122223333:orders';
const LOGS = { Sid: 'Logs', Effect: 'Allow', Principal: { Service: 'logging.s3.amazonaws.com' }, Action: 's3:PutObject', Resource: `${B}/logs/*` };
const SNS = { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'sqs:SendMessage', Resource: QUEUE };
const ANY_ACCOUNT = { ...SNS, Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:*:orders-topic' } } };

/**
 * A key policy's service statements scoped by the encryption context the service sets: the ARN of the
 * resource it encrypts for, which names that resource's account, as aws:SourceArn does.
 * CloudWatch Logs User Guide ("Encrypt log data in CloudWatch Logs using AWS Key Management Service"):
 * "CloudWatch Logs now supports encryption context, using kms:EncryptionContext:aws:logs:arn as the key and
 * the ARN of the log group as the value for that key." CloudTrail User Guide ("Granting encrypt
 * permissions"): "In the policy, you add one or more accounts that will encrypt with your key to the
 * CloudTrail EncryptionContext. This restricts CloudTrail to using your key to encrypt logs only for those
 * accounts that you specify."
 */
const ROOT = { Sid: 'Root', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' };
const LOGS_KEY = {
  Sid: 'AllowCloudWatchLogs',
  Effect: 'Allow',
  Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
  Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
  Resource: '*',
};
const LOGS_ANY = { ...LOGS_KEY, Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:*:*:log-group:*' } } };
const TRAIL = { Sid: 'AllowCloudTrail', Effect: 'Allow', Principal: { Service: 'cloudtrail.amazonaws.com' }, Action: 'kms:GenerateDataKey*', Resource: '*' };

/** A CDK stack whose topic lets S3 publish (the planted P33): `topic.topicArn` of a topic the stack creates is read, so the statement is checked. */
const TOPIC_STACK = (conditions: string) => `import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
export class NotifyStack extends Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const topic = new sns.Topic(this, 'Uploads');
    topic.addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],${conditions}
    }));
  }
}
`;

export const table: RuleTable = {
  valid: [
    { text: TOPIC_STACK("\n      conditions: { StringEquals: { 'aws:SourceAccount': this.account } },"), file: 'lib/notify-stack.ts' },
    { text: doc({ ...LOGS, Condition: { StringEquals: { 'aws:SourceAccount': '111122223333' } } }), file: 'bucket-policy.json' },
    { text: doc({ ...SNS, Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:orders-topic' } } }), file: 'queue-policy.json' },
    { text: doc({ ...SNS, Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:*' } } }), file: 'queue-policy.json' },
    {
      text: doc(ROOT, {
        ...LOGS_KEY,
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:111122223333:log-group:/app/*' } },
      }),
      policyType: 'kmsKey',
    },
    {
      text: doc(ROOT, { ...LOGS_KEY, Condition: { ArnEquals: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:111122223333:log-group:app' } } }),
      policyType: 'kmsKey',
    },
    {
      text: doc(ROOT, {
        ...TRAIL,
        Condition: {
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': ['arn:aws:cloudtrail:*:111122223333:trail/*', 'arn:aws:cloudtrail:*:222222222222:trail/*'],
          },
        },
      }),
      policyType: 'kmsKey',
    },
    // An S3 ARN names no account, but one bucket name is one bucket in all of AWS.
    {
      text: doc(ROOT, {
        ...TRAIL,
        Principal: { Service: 's3.amazonaws.com' },
        Condition: { StringEquals: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::amzn-s3-demo-bucket' } },
      }),
      policyType: 'kmsKey',
    },
    // A trust policy: a service assumes the role for its own account.
    { text: doc({ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }), file: 'trust-policy.json' },
  ],
  invalid: [
    {
      text: TOPIC_STACK(''),
      file: 'lib/notify-stack.ts',
      at: [{ line: 8, column: 45 }],
      message: /its sns:Publish request for arn:aws:s3:::witness is allowed/,
    },
    {
      text: doc(LOGS),
      file: 'bucket-policy.json',
      at: [spot(0, LOGS, '"logging.s3.amazonaws.com"')],
      message: /^statement "Logs" lets logging\.s3\.amazonaws\.com act for any account: its s3:PutObject request for arn:aws:s3:::witness is allowed/,
    },
    { text: doc(SNS), file: 'queue-policy.json', at: [spot(0, SNS, '"sns.amazonaws.com"')] },
    {
      text: doc(ANY_ACCOUNT),
      file: 'queue-policy.json',
      at: [spot(0, ANY_ACCOUNT, '"sns.amazonaws.com"')],
      message: /for arn:aws:sns:us-east-1:999999999999:orders-topic is allowed/,
    },
    // The encryption context names any account's log group: CloudWatch Logs of any account may use the key.
    { text: doc(ROOT, LOGS_ANY), policyType: 'kmsKey', at: [spot(1, LOGS_ANY, '"logs.eu-west-1.amazonaws.com"')] },
    { text: doc(ROOT, TRAIL), policyType: 'kmsKey', at: [spot(1, TRAIL, '"cloudtrail.amazonaws.com"')] },
  ],
};
