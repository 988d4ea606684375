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
  ],
};
