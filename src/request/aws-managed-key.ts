import type { AssumptionNote, Request } from '../model/request.js';
import type { PolicySet } from '../model/policyset.js';
import { readJson } from '../json/index.js';
import { parsePolicy } from '../parse/index.js';
import { awsManagedS3KeyPolicy } from '../iam/aws-managed.js';
import { resolveKmsKey } from '../iam/kms.js';

/**
 * When S3 will use the AWS managed key aws/s3 and no key policy was given, its (unchangeable) policy is
 * known: use it, and say so.
 */
export function synthesizeAwsManagedKeyPolicy(request: Request, policies: PolicySet, notes: AssumptionNote[]): void {
  // Only requests that S3 chains to KMS use a key at all.
  if (policies.kmsKey || !/^s3:(putobject|getobject|getobjectversion)$/i.test(request.action)) return;
  const key = resolveKmsKey(request, true) ?? resolveKmsKey(request, false);
  if (!key?.awsManaged || !key.account) return;
  const label = `(AWS managed key policy of aws/s3 in ${key.account})`;
  const text = JSON.stringify(awsManagedS3KeyPolicy(key.account, key.region), null, 2);
  policies.kmsKey = parsePolicy(readJson(text, label).root, {
    file: label,
    label,
    ref: { file: label, pointer: '', generated: { code: 'awsManagedS3KeyPolicy', account: key.account } },
    policyType: 'kmsKey',
  });
  notes.push({
    key: 'kmsKey',
    value: label,
    why: { code: 'awsManagedKeyPolicy', account: key.account, regionKnown: key.region !== undefined },
  });
}
