import type { RuleTable } from '../table.js';

/**
 * `vpce-policy-missing-access`: an S3 endpoint policy of the template denies what a role of the template is
 * granted.
 *
 * AWS PrivateLink Guide, "Control access to VPC endpoints using endpoint policies": "An endpoint policy does
 * not override or replace identity-based policies or resource-based policies." Amazon S3 User Guide,
 * "PutObject": "To successfully change the objects ACL of your PutObject request, you must have the
 * s3:PutObjectAcl" — through an endpoint, its policy must allow that action too.
 */
const ENDPOINT_BUCKETS = (resources: string, actions = '[s3:GetObject, s3:PutObject]') => `
          - Effect: Allow
            Principal: '*'
            Action: ${actions}
            Resource: ${resources}`;
const ROLE_GET = (bucket: string) => `
              - Sid: Read
                Effect: Allow
                Action: s3:GetObject
                Resource: arn:aws:s3:::${bucket}/*`;

/** An S3 gateway endpoint (its policy's Statement key on line 11), two buckets, a role (its statements from line 28). */
function template(endpointStatements: string, roleStatements: string, service = "!Sub 'com.amazonaws.${AWS::Region}.s3'"): string {
  return `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  S3Endpoint:
    Type: AWS::EC2::VPCEndpoint
    Properties:
      VpcId: vpc-0123456789abcdef0
      ServiceName: ${service}
      RouteTableIds: [rtb-0123456789abcdef0]
      PolicyDocument:
        Version: '2012-10-17'
        Statement:${endpointStatements}
  Reports:
    Type: AWS::S3::Bucket
    Properties:
      BucketName: amzn-s3-demo-reports
  Worker:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Service: ec2.amazonaws.com}
            Action: sts:AssumeRole
      Policies:
        - PolicyName: data
          PolicyDocument:
            Version: '2012-10-17'
            Statement:${roleStatements}
`;
}

/**
 * The data perimeter's endpoint policy: any bucket of the organization (aws:ResourceOrgID). The template does
 * not say the bucket's organization, so the endpoint's answer is unknown, not a definite 403. IAM User Guide,
 * "AWS global condition context keys", aws:ResourceOrgID: "This key is included in the request context only
 * if the account that owns the resource is a member of an organization."
 */
const ORG_BUCKETS = `
          - Effect: Allow
            Principal: '*'
            Action: 's3:*'
            Resource: '*'
            Condition:
              StringEquals: {aws:ResourceOrgID: o-abcdef0123}`;
const ORG_PRINCIPALS_ONLY = `
          - Effect: Allow
            Principal: '*'
            Action: 's3:GetObject'
            Resource: arn:aws:s3:::amzn-s3-demo-other/*
            Condition:
              StringEquals: {aws:PrincipalOrgID: o-abcdef0123}`;

const PUT_WITH_ACL = `
              - Sid: Upload
                Effect: Allow
                Action: [s3:PutObject, s3:PutObjectAcl]
                Resource: !Sub '\${Reports.Arn}/*'
                Condition:
                  StringEquals: {s3:x-amz-acl: bucket-owner-full-control}`;

export const table: RuleTable = {
  valid: [
    // The endpoint policy allows the role's bucket.
    { text: template(ENDPOINT_BUCKETS('arn:aws:s3:::amzn-s3-demo-reports/*'), ROLE_GET('amzn-s3-demo-reports')), file: 'template.yaml' },
    // The endpoint policy lists every bucket with a wildcard.
    { text: template(ENDPOINT_BUCKETS("'*'", "'*'"), PUT_WITH_ACL), file: 'template.yaml' },
    // Not an S3 endpoint: nothing said.
    {
      text: template(ENDPOINT_BUCKETS('arn:aws:s3:::amzn-s3-demo-other/*'), ROLE_GET('amzn-s3-demo-reports'), "!Sub 'com.amazonaws.${AWS::Region}.dynamodb'"),
      file: 'template.yaml',
    },
    // The endpoint allows the organization's buckets: whether this bucket is one, the template does not say.
    { text: template(ORG_BUCKETS, ROLE_GET('amzn-s3-demo-reports')), file: 'template.yaml' },
    // The endpoint allows PutObject and PutObjectAcl: the ACL upload goes through.
    { text: template(ENDPOINT_BUCKETS('!Sub "${Reports.Arn}/*"', '[s3:PutObject, s3:PutObjectAcl]'), PUT_WITH_ACL), file: 'template.yaml' },
  ],
  invalid: [
    {
      // The endpoint lists only another bucket: flagged on its Statement key (line 11).
      text: template(ENDPOINT_BUCKETS('arn:aws:s3:::amzn-s3-demo-other/*'), ROLE_GET('amzn-s3-demo-reports')),
      file: 'template.yaml',
      at: [{ line: 11, column: 9 }],
      message: /^the policy of VPC endpoint S3Endpoint does not allow s3:GetObject on bucket Reports, which Worker is granted/,
    },
    {
      // PutObject with an ACL condition, and no s3:PutObjectAcl in the endpoint policy.
      text: template(ENDPOINT_BUCKETS('!Sub "${Reports.Arn}/*"', '[s3:GetObject, s3:PutObject]'), PUT_WITH_ACL),
      file: 'template.yaml',
      at: [{ line: 11, column: 9 }],
      // The message names the action the endpoint denies: S3's further authorization, not the upload itself.
      message: /does not allow s3:PutObjectAcl on bucket Reports/,
    },
    {
      // An unknown fact elsewhere does not hide a definite denial: the only Allow names another bucket.
      text: template(ORG_PRINCIPALS_ONLY, ROLE_GET('amzn-s3-demo-reports')),
      file: 'template.yaml',
      at: [{ line: 11, column: 9 }],
      message: /does not allow s3:GetObject on bucket Reports/,
    },
  ],
};
