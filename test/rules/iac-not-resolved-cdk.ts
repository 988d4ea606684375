import type { RuleTable } from './table.js';

const STACK = (resources: string) =>
  `import * as iam from 'aws-cdk-lib/aws-iam';\n\nexport const read = new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ${resources} });\n`;

/** `iac-not-resolved`: infrastructure code it must read and code whose values cannot be known statically, with where. */
export const cdkTable: RuleTable = {
  valid: [{ text: STACK("['arn:aws:s3:::amzn-s3-demo-bucket/*']"), file: 'lib/stack.ts' }],
  invalid: [
    {
      text: STACK('resourcesFor(bucket)'),
      file: 'lib/stack.ts',
      at: [{ line: 3, column: 85 }],
      message: /^`resourcesFor\(bucket\)` is not resolved statically/,
    },
    { text: STACK('[`${prefix()}/*`]'), file: 'lib/stack.ts', at: [{ line: 3, column: 89 }] },
  ],
};
