import { Stack, StackProps, aws_iam as iam, aws_s3 as s3 } from 'aws-cdk-lib';
import { Construct } from 'constructs';

const PARTNER_ACCOUNT = '111122223333';

export class StorageStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const reports = new s3.Bucket(this, 'Reports', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
    });

    // Meant: "let everyone except the partner read". Allow + NotPrincipal grants every other principal,
    // anonymous callers included.
    reports.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'PartnerRead',
        effect: iam.Effect.ALLOW,
        notPrincipals: [new iam.AccountPrincipal(PARTNER_ACCOUNT)],
        actions: ['s3:GetObject'],
        resources: [reports.arnForObjects('reports/*')],
      }),
    );

    const uploader = new iam.Role(this, 'Uploader', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
    });
    uploader.addToPolicy(
      new iam.PolicyStatement({
        actions: ['s3:PutObject'],
        resources: [`${reports.bucketArn}/incoming/*`],
      }),
    );
  }
}
