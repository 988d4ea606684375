import type { AssumptionNote, Request } from '../model/request.js';
import type { PolicySet } from '../model/policyset.js';
import { actionTakesKey } from '../iam/actions.js';

/** What AWS does not see: request facts a person gave that AWS never sets for this request. */

/**
 * "You cannot create a policy to grant or deny a user permissions to delete or overwrite an object based
 * on its existing tags" (Amazon S3 User Guide, "Tagging and access control policies"): S3 sets
 * s3:ExistingObjectTag/<key> only for the actions the service reference lists it for. A request for
 * another action that names the object's tags that way gets them left out, and the output says so.
 */
export async function dropUnsupportedExistingObjectTags(request: Request, notes: AssumptionNote[]): Promise<void> {
  const tagKeys = [...request.context.keys()].filter((k) => k.startsWith('s3:existingobjecttag/'));
  // On a CopyObject the tags describe the source object, which S3 reads with s3:GetObject.
  if (!tagKeys.length || request.context.has('s3:x-amz-copy-source')) return;
  const supported = await actionTakesKey(request.action, 's3:existingobjecttag/');
  if (supported !== false) return;
  for (const k of tagKeys) {
    const e = request.context.get(k)!;
    request.context.delete(k);
    notes.push({
      key: e.key,
      value: e.values.join(', '),
      why: { code: 'existingObjectTagUnsupported', key: e.key, action: request.action },
    });
  }
}

/**
 * "The aws:SourceIp key is always present in the request context, except when the requester uses a VPC
 * endpoint to make the request" (IAM User Guide, "Condition operators", IP address condition operators).
 * A request that went through an endpoint and still names aws:SourceIp describes something AWS never
 * sees: the address is the caller's private one, which AWS puts in aws:VpcSourceIp. Evaluate what AWS
 * evaluates (no aws:SourceIp), keep the address as aws:VpcSourceIp, and say so.
 */
export function dropSourceIpBehindEndpoint(request: Request, policies: PolicySet, notes: AssumptionNote[]): void {
  const sourceIp = request.context.get('aws:sourceip');
  if (!sourceIp || sourceIp.origin !== 'request') return;
  const endpoint = request.context.get('aws:sourcevpce');
  if (!endpoint && !policies.vpcEndpoint) return;
  request.context.delete('aws:sourceip');
  const kept = !request.context.has('aws:vpcsourceip');
  if (kept) request.context.set('aws:vpcsourceip', { ...sourceIp, key: 'aws:VpcSourceIp' });
  notes.push({
    key: 'aws:SourceIp',
    value: sourceIp.values.join(', '),
    why: { code: 'sourceIpBehindEndpoint', ...(endpoint ? { endpoint: endpoint.values.join(', ') } : {}), keptAsVpcSourceIp: kept },
  });
}
