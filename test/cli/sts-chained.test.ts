import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

const NOW = '2026-01-01T00:00:00Z';
const tmp = mkdtempSync(join(tmpdir(), 'policy-why-sts-chained-'));

/** The request of a corpus case, as a request file of its own. */
function requestOf(name: string): string {
  const c = JSON.parse(readFileSync(`test/corpus/sts/${name}.json`, 'utf8')) as { request: unknown };
  const file = join(tmp, `${name}.json`);
  writeFileSync(file, JSON.stringify(c.request));
  return file;
}

/**
 * STS's permissions-only actions are reported as STS's own further authorizations, never as S3's
 * ("In addition to the action that matches the API operation, you must have the following
 * permissions-only action in your policy", IAM User Guide, "Passing session tags in AWS STS").
 */
describe('STS authorizations that ride along with AssumeRole', () => {
  it('names sts:TagSession as checked by STS, with the tags passed', async () => {
    const r = await cli(['--request', requestOf('sts-tagsession-trust-without-tagsession-denied'), '--now', NOW]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('sts:TagSession, which STS also checks, is not');
    expect(r.stdout).toContain('Also authorized by STS for this request:');
    expect(r.stdout).toContain('the call passes session tags (Project, CostCenter, Department)');
    expect(r.stdout).not.toContain('by S3');
  });

  it('says a source identity carried over in role chaining needs sts:SetSourceIdentity, in Korean too', async () => {
    const file = requestOf('sts-setsourceidentity-role-chain-cross-account-identity-lacks-denied');
    const en = await cli(['--request', file, '--now', NOW]);
    expect(en.code).toBe(1);
    expect(en.stdout).toContain("the call sets source identity Saanvi (carried over from the caller's role session)");
    const ko = await cli(['--request', file, '--now', NOW, '--lang', 'ko']);
    expect(ko.stdout).toContain('STS가 추가로 확인하는 sts:SetSourceIdentity 작업은');
    expect(ko.stdout).toContain('("STS가 추가로 확인하는 권한" 참조)');
    expect(ko.stdout).not.toContain('S3가');
  });
});
