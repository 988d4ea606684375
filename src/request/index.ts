import type { AssumptionNote, LoadedRequest, Request, RequestDraft } from '../model/request.js';
import { parseArn } from '../iam/arn.js';
import { rcpServicePrefixes } from '../iam/actions.js';
import { deriveChainedSourceIdentity, deriveContext, deriveKmsKeys, deriveResourceAccount } from './derive.js';
import { dropSourceIpBehindEndpoint, dropUnsupportedExistingObjectTags } from './adjust.js';
import { synthesizeAwsManagedKeyPolicy } from './aws-managed-key.js';
import { keysFromHeaders } from './headers.js';
import { keyDefinedAnywhere, keyVocabulary, suggestKey } from '../iam/condition-keys.js';
import { completeAccessPoint } from './access-point.js';
import { assumeAclsEnabled } from './ownership.js';

export { synthesizeAwsManagedKeyPolicy } from './aws-managed-key.js';
export { alternativeReadings, type AlternativeReading } from './readings.js';

/**
 * The request stage's front door: completes a draft from any input format with what AWS sets (principal
 * keys, the resource's account, KMS keys, the Region, documented defaults) and removes what AWS does not
 * see. Every assumption it makes is returned as a note.
 */
export async function completeRequest(draft: RequestDraft): Promise<LoadedRequest> {
  const { principal, action, resource, policies } = draft;
  const notes: AssumptionNote[] = [...(draft.readings ?? [])];
  const request: Request = {
    principal,
    action,
    resource,
    resourceAccountAssumed: false,
    context: new Map(draft.context),
    ...(draft.wallClock ? { wallClock: true } : {}),
  };
  if (draft.s3) request.s3 = draft.s3;
  if (draft.http) request.http = draft.http;
  if (draft.vpcEndpointType) request.vpcEndpointType = draft.vpcEndpointType;
  if (draft.region !== undefined) request.region = draft.region;
  if (draft.managementAccount !== undefined) request.managementAccount = draft.managementAccount;
  request.rcpServices = await rcpServicePrefixes();
  const arn = parseArn(resource);
  // Through an access point, the bucket behind it owns the resource (and S3 sets the access point's keys).
  const throughAccessPoint = completeAccessPoint(request, draft.resourceAccount !== undefined, notes);
  if (draft.resourceAccount !== undefined) request.resourceAccount = draft.resourceAccount;
  else if (throughAccessPoint) request.resourceAccountAssumed = false;
  else if (arn && /^\d{12}$/.test(arn.account)) request.resourceAccount = arn.account;
  else if (principal.account) {
    request.resourceAccount = principal.account;
    request.resourceAccountAssumed = true;
    notes.push({
      key: 'resourceAccount',
      value: principal.account,
      why: { code: 'resourceAccountFromPrincipal' },
    });
  }
  await keysFromHeaders(request, notes);
  request.conditionKeys = await keyVocabulary(action);
  const unknown = await unknownContextKeys(request);
  if (unknown.length) request.unknownContextKeys = unknown;
  deriveContext(principal, request.context, draft.now);
  deriveResourceAccount(request);
  deriveChainedSourceIdentity(request);
  // "aws:RequestedRegion ... the AWS Region that was called in the request": known when `region` is given.
  if (request.region && !request.context.has('aws:requestedregion')) {
    request.context.set('aws:requestedregion', {
      key: 'aws:RequestedRegion',
      values: [request.region],
      multi: false,
      origin: 'derived',
      display: request.region,
    });
  }
  deriveKmsKeys(request);
  if (policies.vpcEndpoint && !request.context.has('aws:sourcevpce')) {
    notes.push({
      key: 'vpcEndpoint',
      value: policies.vpcEndpoint.source,
      why: { code: 'throughVpcEndpoint' },
    });
  }
  dropSourceIpBehindEndpoint(request, policies, notes);
  await dropUnsupportedExistingObjectTags(request, notes);
  synthesizeAwsManagedKeyPolicy(request, policies, notes);
  assumeAclsEnabled(request, notes);
  return { request, policies, notes };
}

/**
 * Keys the tool itself reads from `context` for facts no AWS condition key holds (the Requester Pays
 * header, the S3 Bucket Key header): not AWS keys, and not mistakes.
 */
const TOOL_FACT_KEYS = new Set(['s3:x-amz-request-payer', 's3:x-amz-server-side-encryption-bucket-key-enabled']);

/**
 * Context keys the request gives that no service and no global key defines (`aws:SourceIpAddress`): AWS
 * never sets them, so a policy testing the real key sees it absent. Each with the action's or global key
 * it most likely meant.
 */
async function unknownContextKeys(request: Request): Promise<{ key: string; suggestion?: string }[]> {
  const out: { key: string; suggestion?: string }[] = [];
  for (const [lower, entry] of request.context) {
    if (entry.origin !== 'request' || TOOL_FACT_KEYS.has(lower) || (await keyDefinedAnywhere(entry.key))) continue;
    const suggestion = suggestKey(request.conditionKeys!, entry.key);
    out.push({ key: entry.key, ...(suggestion !== undefined ? { suggestion } : {}) });
  }
  return out;
}
