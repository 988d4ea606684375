import { InputError } from '../model/errors.js';
import type { RequestDraft } from '../model/request.js';
import { member, type JsonNode, type JsonObject } from '../json/index.js';
import { accessPointOf, managesAccessPoint, type AccessPointKind } from '../iam/s3.js';

/** Why an access point kind is not modelled, in one line (input errors are English only). */
const NOT_MODELLED: Record<Extract<AccessPointKind, { kind: 'notModelled' }>['what'], string> = {
  multiRegion:
    'is a Multi-Region Access Point ARN (no Region): Multi-Region Access Points are not modelled, and evaluating the request as a bucket request would use the wrong ARN',
  objectLambda: 'is an S3 Object Lambda access point ARN: Object Lambda access points are not modelled',
  outposts: 'is an S3 on Outposts access point ARN: S3 on Outposts is not modelled',
  colonForm: 'names an access point as `accesspoint:NAME`; policies and AWS use `accesspoint/NAME` (arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME)',
};

/** S3 facts that change who grants through ACLs; their interplay with access points is not modelled. */
const ACL_FACTS = ['objectOwner', 'bucketAcl', 'objectAcl'] as const;

/**
 * An access point request must name the bucket behind it (the bucket policy is evaluated against the
 * bucket's ARN); access point facts and policies need an access point resource; kinds of access point
 * policy-why does not model are refused in one line rather than evaluated against the wrong ARN.
 */
export function checkAccessPoint(obj: JsonObject, draft: RequestDraft, source: string): void {
  const at = (node: JsonNode) => ({ source, line: node.span.line, column: node.span.column });
  const resourceNode = member(obj, 'resource')!.value;
  // Managing an access point (CreateAccessPoint, GetAccessPointPolicy…) acts on the access point itself.
  if (managesAccessPoint(draft.action)) return;
  const kind = accessPointOf(draft.resource);
  if (kind?.kind === 'notModelled') throw new InputError(`resource \`${draft.resource}\` ${NOT_MODELLED[kind.what]}`, at(resourceNode));
  const s3 = member(obj, 's3');
  const s3Obj = s3 && s3.value.kind === 'object' ? s3.value : undefined;
  const apFacts = s3Obj ? member(s3Obj, 'accessPoint') : undefined;
  const policies = member(obj, 'policies');
  const apPolicy = policies && policies.value.kind === 'object' ? member(policies.value, 'accessPoint') : undefined;
  if (!kind) {
    if (/:accesspoint[/:]/.test(draft.resource) && draft.action.toLowerCase().startsWith('s3:')) {
      throw new InputError(
        `resource \`${draft.resource}\` is not an access point ARN policy-why models (arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME or .../object/KEY)`,
        at(resourceNode),
      );
    }
    const extra = apFacts ?? apPolicy;
    if (extra)
      throw new InputError(
        'an access point is given, but the resource is not an access point ARN (arn:aws:s3:REGION:ACCOUNT:accesspoint/NAME)',
        at(extra.value),
      );
    return;
  }
  if (!draft.s3?.accessPoint) {
    throw new InputError(
      'the resource is an access point ARN, but the bucket behind it is not given: set s3.accessPoint.bucket (and s3.accessPoint.bucketAccount when another account owns it)',
      at(resourceNode),
    );
  }
  for (const fact of ACL_FACTS) {
    const m = s3Obj ? member(s3Obj, fact) : undefined;
    if (m) throw new InputError(`s3.${fact} with an access point is not modelled (ACLs and object ownership through access points)`, at(m.value));
  }
}
