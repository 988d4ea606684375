import { doc, type RuleTable } from '../table.js';
import { spot } from '../spot.js';

/**
 * `s3-sourceip-behind-vpce`: the evaluator decides a request through a VPC endpoint that meets every
 * condition, with and without the aws:SourceIp condition. "The aws:SourceIp key is always present in the
 * request context, except when the requester uses a VPC endpoint to make the request. In this case, the
 * condition returns false and the request is implicitly denied by this statement." (IAM User Guide, "IAM
 * JSON policy elements: Condition operators", IP address condition operators).
 */
const B = 'arn:aws:s3:::amzn-s3-demo-bucket';
const READ = { Sid: 'OfficeRead', Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/reader' }, Action: 's3:GetObject', Resource: `${B}/*` };
const PRIVATE = { ...READ, Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/16', '192.168.1.0/24'] } } };
const BOTH = { ...READ, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' }, IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } };

export const table: RuleTable = {
  valid: [
    // Public ranges: the documented use.
    { text: doc({ ...READ, Condition: { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:DB8:1234:5678::/64'] } } }), file: 'bucket-policy.json' },
    // The private address tested where AWS puts it.
    {
      text: doc({ ...READ, Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' }, IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' } } }),
      file: 'bucket-policy.json',
    },
    // A Deny outside private ranges (NotIpAddress) is another rule's concern: a Deny never fails to apply this way.
    { text: doc(READ, { ...READ, Effect: 'Deny', Principal: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }), file: 'bucket-policy.json' },
    // A mix of public and private ranges still matches the public ones.
    { text: doc({ ...READ, Condition: { IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '198.51.100.7/32'] } } }), file: 'bucket-policy.json' },
    // 172.32.0.0/16 is public (outside 172.16.0.0/12).
    { text: doc({ ...READ, Condition: { IpAddress: { 'aws:SourceIp': '172.32.0.0/16' } } }), file: 'bucket-policy.json' },
    // An endpoint condition in another statement: the two are alternatives.
    {
      text: doc(
        { ...READ, Condition: { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
        { ...READ, Sid: 'Vpce', Condition: { StringEquals: { 'aws:SourceVpce': 'vpce-1a2b3c4d' } } },
      ),
      file: 'bucket-policy.json',
    },
  ],
  invalid: [
    {
      text: doc(PRIVATE),
      file: 'bucket-policy.json',
      at: [spot(0, PRIVATE, '"aws:SourceIp"')],
      message: /^statement "OfficeRead" never applies: its aws:SourceIp ranges are private/,
    },
    {
      text: doc(BOTH),
      file: 'bucket-policy.json',
      at: [spot(0, BOTH, '"aws:SourceIp"')],
      message: /^statement "OfficeRead" never applies: it also requires a VPC endpoint/,
    },
    // 172.20.0.0/16 lies in 172.16.0.0/12; Principal "*".
    {
      text: doc({ ...READ, Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '172.20.0.0/16' } } }),
      file: 'bucket-policy.json',
      at: [spot(0, { ...READ, Principal: '*', Condition: { IpAddress: { 'aws:SourceIp': '172.20.0.0/16' } } }, '"aws:SourceIp"')],
    },
  ],
};
