import type { AssumptionNote, ContextEntry, Request } from '../model/request.js';
import { dataAccessPoint } from '../iam/s3.js';

/**
 * A request through an S3 access point: its owner (the bucket's, which the access point ARN does not name)
 * and the condition keys S3 sets for it. "S3 access points introduce three new condition keys":
 * s3:DataAccessPointArn ("a string that you can use to match on an access point ARN"),
 * s3:DataAccessPointAccount ("the account ID of the owner of an access point") and
 * s3:AccessPointNetworkOrigin ("the network origin, either Internet or VPC") (Amazon S3 User Guide,
 * "Configuring IAM policies for using access points"). Returns whether the request goes through one.
 */
export function completeAccessPoint(request: Request, resourceAccountGiven: boolean, notes: AssumptionNote[]): boolean {
  const ap = dataAccessPoint(request.action, request.resource);
  const facts = request.s3?.accessPoint;
  if (!ap || !facts) return false;
  // The bucket's owner: given, or taken to be the access point's own account (an assumption, listed).
  if (!resourceAccountGiven) {
    const owner = facts.bucketAccount ?? request.s3?.bucketOwner;
    request.resourceAccount = owner ?? ap.account;
    request.resourceAccountAssumed = false;
    if (owner === undefined) notes.push({ key: 's3.accessPoint.bucketAccount', value: ap.account, why: { code: 'bucketAccountFromAccessPoint' } });
  }
  const set = (key: string, value: string) => {
    if (request.context.has(key.toLowerCase())) return;
    const entry: ContextEntry = { key, values: [value], multi: false, origin: 'derived', display: value };
    request.context.set(key.toLowerCase(), entry);
  };
  set('s3:DataAccessPointArn', ap.arn);
  set('s3:DataAccessPointAccount', ap.account);
  set('s3:AccessPointNetworkOrigin', facts.networkOrigin);
  return true;
}
