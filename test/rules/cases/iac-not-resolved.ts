import { minified, pretty, type TfResource } from '../../input/check/plans.js';
import type { RuleTable } from '../table.js';
import { cdkTable } from '../iac-not-resolved-cdk.js';
import { cfnTable } from '../iac-not-resolved-cfn.js';

const POLICY = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::amzn-s3-demo-bucket/*' }],
});
const known: TfResource = { address: 'aws_iam_policy.reader', type: 'aws_iam_policy', values: { name: 'reader', policy: POLICY } };
const unknown: TfResource = { address: 'aws_iam_policy.reader', type: 'aws_iam_policy', values: { name: 'reader' }, unknown: { policy: true } };
/** A KMS key whose policy the configuration leaves to AWS's default: computed, and not a finding. */
const defaultKeyPolicy: TfResource = {
  address: 'aws_kms_key.data',
  type: 'aws_kms_key',
  values: { description: 'data' },
  unknown: { policy: true },
  configured: ['description'],
};

/** `iac-not-resolved`: plans whose policies are known, and plans where one is known only after apply (on its `after_unknown` entry). */
export const table: RuleTable = {
  valid: [...cfnTable.valid, { text: pretty([known]), file: 'plan.json' }, { text: pretty([defaultKeyPolicy]), file: 'plan.json' }],
  invalid: [
    ...cfnTable.invalid,
    ...cdkTable.invalid,
    {
      text: pretty([unknown]),
      file: 'plan.json',
      at: [{ line: 40, column: 11 }],
      message: /^the policy of `aws_iam_policy\.reader` is known only after `terraform apply`/,
    },
    { text: minified([unknown]), file: 'tfplan.json', at: [{ line: 1, column: 592 }] },
  ],
};
