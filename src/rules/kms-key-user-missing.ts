import type { BucketFacts, FileResource } from '../model/check.js';
import type { Statement } from '../model/policy.js';
import type { FileSet, Rule } from '../model/rule.js';
import type { PolicySet } from '../model/policyset.js';
import { bucketIn, bucketName, closedPrincipals, fileWorld, policiesOf, type FileWorld } from './policy-set.js';
import { concrete, contextFor, evaluateInSet, restsOnUnknown, sessionOf, statementName, withStatements, type Witness } from './witness.js';

/** The S3 actions checked, and the KMS action S3 asks for on the caller's behalf under SSE-KMS. */
const NEEDS = [
  { action: 's3:PutObject', kms: 'kms:GenerateDataKey', read: false },
  { action: 's3:GetObject', kms: 'kms:Decrypt', read: true },
] as const;

type Data = { sid: string; principal: string; action: string; bucket: string; key: string; kms: string };

/** The key of the file a bucket's default encryption names, when it is SSE-KMS with a key the file declares. */
function keyOf(b: BucketFacts, set: FileSet): FileResource | undefined {
  const enc = b.encryption;
  if (!enc || !enc.algorithm.startsWith('aws:kms') || !enc.key) return undefined;
  const keys = set.resources.filter((r) => r.kind === 'kms-key');
  const { resource, text } = enc.key;
  return keys.find((k) => (resource !== undefined ? k.id === resource : k.arn !== undefined && k.arn === text));
}

/** The witness principal for a role (one of its sessions) or a user. */
function callerOf(p: FileResource, world: FileWorld): string {
  const arn = world.arnOf(p);
  return p.kind === 'role' ? (sessionOf(arn, []) ?? arn) : arn;
}

const empty = (): PolicySet => ({ identity: [], session: [], scp: [], rcp: [] });

/** True when the statement alone allows the S3 request (the S3 action on that object, its own conditions met). */
async function grants(s: Statement, set: FileSet, world: FileWorld, w: Witness): Promise<boolean> {
  const policy = set.policies.find((p) => p.policy.statements.includes(s))!.policy;
  const only = world.concrete(withStatements(policy, (x) => x === s));
  return (await evaluateInSet({ ...empty(), identity: [only] }, world.account, w)).decision === 'Allowed';
}

/**
 * Whether S3's call to KMS for this request is denied under every reading of the key policy: the principal's
 * identity policies of the file and the key policy, decided by the evaluator (S3 chains kms:GenerateDataKey
 * to an SSE-KMS upload, kms:Decrypt to a read), on facts the witness has ({@link restsOnUnknown}).
 */
async function kmsDenied(principal: FileResource, key: FileResource, set: FileSet, world: FileWorld, w: Witness, read: boolean, kms: string): Promise<boolean> {
  const keyPolicies = policiesOf(set, key.id, 'kmsKey');
  if (!keyPolicies.length) return false;
  const identity = policiesOf(set, principal.id, 'identity').map((p) => world.concrete(p.policy));
  const encryption = { algorithm: 'aws:kms' as const, kmsKeyId: world.arnOf(key) };
  const s3 = read ? { objectEncryption: encryption } : { defaultEncryption: encryption };
  for (const kp of keyPolicies) {
    const e = await evaluateInSet({ ...empty(), identity, kmsKey: world.concrete(kp.policy) }, world.account, w, { s3, region: world.region });
    const chained = e.additionalRequests.find((c) => c.action === kms);
    if (!chained || chained.decision === 'Allowed') return false;
    // A key policy or IAM statement that could allow the call but for a key the file does not give (aws:PrincipalOrgID …): not definite.
    if (await restsOnUnknown(chained.layers, kms)) return false;
  }
  return true;
}

/**
 * An identity policy of a file lets a role or user write to (s3:PutObject) or read from (s3:GetObject) a
 * bucket of the file whose default encryption is SSE-KMS with a key of the file, but S3's call to KMS on its
 * behalf (kms:GenerateDataKey for the upload, kms:Decrypt for the read) is denied: the evaluator decides
 * that call with the key policy and the principal's identity policies of the file. "To upload an object
 * encrypted with an AWS KMS key to Amazon S3, you need kms:GenerateDataKey permissions on the key. To
 * download an object encrypted with an AWS KMS key, you need kms:Decrypt permissions." (Amazon S3 User
 * Guide, "Using server-side encryption with AWS KMS keys (SSE-KMS)"). Principals with policies the file does
 * not hold, buckets or keys it does not link, are not judged.
 */
export const kmsKeyUserMissing: Rule<Data> = {
  meta: {
    id: 'kms-key-user-missing',
    severity: 'warning',
    description: 'a principal may write to or read from an SSE-KMS bucket but is denied the KMS action S3 needs on its key',
    docs: 'docs/rules/kms-key-user-missing.md',
    group: 'K',
    message: {
      en: ({ sid, principal, action, bucket, key, kms }) =>
        `statement ${sid} lets ${principal} ${action} in bucket ${bucket}, which is encrypted by default with KMS key ${key}, but ${principal} is denied ${kms} on that key (neither the key policy nor, through root delegation, its IAM policies allow it): every ${action} fails with 403 AccessDenied; allow ${kms} on ${key}`,
      ko: ({ sid, principal, action, bucket, key, kms }) =>
        `정책 문 ${sid}은(는) ${principal}에게 버킷 ${bucket}에 대한 ${action}을(를) 허용하지만, 이 버킷은 기본적으로 KMS 키 ${key}로 암호화되며 ${principal}은(는) 그 키에 대한 ${kms}이(가) 거부됩니다(키 정책도, 루트 위임을 통한 IAM 정책도 허용하지 않음): 모든 ${action}이(가) 403 AccessDenied로 실패합니다. ${key}에 대한 ${kms}을(를) 허용하십시오`,
    },
  },
  async check({ policy, file }, report) {
    if (policy.policyType !== 'identity' || !file) return;
    const holders = file.policies.find((p) => p.policy === policy)?.holders ?? [];
    const principals = closedPrincipals(file, holders);
    const buckets = file.buckets.filter((b) => keyOf(b, file));
    if (!principals.length || !buckets.length) return;
    const world = fileWorld(file);
    const done = new Set<string>();
    for (const s of policy.statements) {
      if (s.effect !== 'Allow') continue;
      for (const pattern of (s.resource ?? []).map((r) => world.text(r.text))) {
        const bucket = bucketIn(pattern, buckets);
        const key = bucket && keyOf(bucket, file);
        if (!bucket || !key || !pattern.includes('/')) continue;
        const object = concrete(pattern.replace(/^arn:aws:s3:::[^/]+/, `arn:aws:s3:::${bucketName(bucket)}`));
        for (const need of NEEDS) {
          const seen = `${s.index}\u0000${need.action}\u0000${key.id}`;
          if (done.has(seen)) continue;
          for (const p of principals) {
            const w: Witness = { principal: callerOf(p, world), action: need.action, resource: object, context: contextFor(s, () => true) };
            if (!(await grants(s, file, world, w)) || !(await kmsDenied(p, key, file, world, w, need.read, need.kms))) continue;
            done.add(seen);
            const data = { sid: statementName(s), principal: p.id, action: need.action, bucket: bucket.bucket, key: key.id, kms: need.kms };
            report({ span: s.actionSpan, statementIndex: s.index, element: `Action/${need.action}/${key.id}`, data });
            break;
          }
        }
      }
    }
  },
};
