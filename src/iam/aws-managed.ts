/**
 * The key policy of the AWS managed key `aws/s3`, which cannot be changed. AWS's guides describe its
 * effect ("can be used ... when the uploading and accessing IAM principals are from the same AWS
 * account"; EBS's managed key shows the same `kms:CallerAccount` + `kms:ViaService` pattern) but never
 * print it; this is the policy `GetKeyPolicy` returns for it as published in many public copies
 * ("Id": "auto-s3-2"). See docs/aws-semantics-s3-kms.md.
 * Without a known Region the kms:ViaService condition is left out: S3 itself makes the call, so it holds.
 */
export function awsManagedS3KeyPolicy(account: string, region: string | undefined): Record<string, unknown> {
  const condition: Record<string, string> = { 'kms:CallerAccount': account };
  if (region) condition['kms:ViaService'] = `s3.${region}.amazonaws.com`;
  return {
    Version: '2012-10-17',
    Id: 'auto-s3-2',
    Statement: [
      {
        Sid: 'Allow access through S3 for all principals in the account that are authorized to use S3',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
        Resource: '*',
        Condition: { StringEquals: condition },
      },
      {
        Sid: 'Allow direct access to key metadata to the account',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: ['kms:Describe*', 'kms:Get*', 'kms:List*'],
        Resource: '*',
      },
    ],
  };
}
