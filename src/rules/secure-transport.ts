import type { PolicyDocument } from '../model/policy.js';
import { decideWitness, ownerOf, type Witness } from './witness.js';

/** The bucket a bucket policy is about: the first S3 Resource ARN whose bucket name has no wildcard. */
export function bucketOf(policy: PolicyDocument): string {
  for (const s of policy.statements) {
    for (const r of s.resource ?? []) {
      const m = /^arn:[^:]+:s3:::([^/*?$]+)(?:\/|$)/.exec(r.text);
      if (m) return m[1]!;
    }
  }
  return 'witness-bucket';
}

/** An HTTP request (aws:SecureTransport false) that the policy does not deny, on the bucket's objects or on the bucket; undefined when both are denied. */
export async function httpNotDenied(policy: PolicyDocument): Promise<Witness | undefined> {
  const owner = ownerOf(policy);
  const bucket = bucketOf(policy);
  const principal = `arn:aws:iam::${owner}:role/witness`;
  const requests: [string, string][] = [
    ['s3:GetObject', `arn:aws:s3:::${bucket}/witness`],
    ['s3:ListBucket', `arn:aws:s3:::${bucket}`],
  ];
  for (const [action, resource] of requests) {
    const w: Witness = { principal, action, resource, context: [['aws:SecureTransport', ['false'], false]] };
    if ((await decideWitness(policy, 's3-bucket', owner, w)) !== 'ExplicitDeny') return w;
  }
  return undefined;
}

/** Whether a statement reads aws:SecureTransport. */
export function mentionsSecureTransport(policy: PolicyDocument) {
  for (const s of policy.statements) {
    const c = s.conditions.find((x) => x.key.toLowerCase() === 'aws:securetransport');
    if (c) return { statement: s, condition: c };
  }
  return undefined;
}
