import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

/** `policy-why check` on the Terraform plan sample: its one planted defect, on the character in the plan, and nothing on the valid-but-scary rest. */
const PLAN = 'samples/check-terraform/tfplan.json';

describe('policy-why check on a Terraform plan (samples/check-terraform)', () => {
  it('finds the planted defect inside the bucket policy string, at its line and column in the plan', async () => {
    const text = readFileSync(PLAN, 'utf8');
    // The first occurrence is in planned_values; change.after and configuration repeat it, change.before differs.
    const index = text.indexOf('\\"StringEqual\\"');
    const line = text.slice(0, index).split('\n').length;
    const column = index - text.lastIndexOf('\n', index);
    expect(line).toBeLessThan(text.split('\n').findIndex((l) => l.includes('"resource_changes"')) + 1);

    const r = await cli(['check', 'samples/check-terraform', '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as {
      summary: { policies: number };
      findings: { rule: string; file: string; line: number; column: number; policy: { pointer: string }; statement: { index: number } }[];
      files: { format: string; policies: { pointer: string; policyType: string }[] }[];
    };
    expect(out.findings.map((f) => [f.rule, f.file, f.line, f.column, f.policy.pointer, f.statement.index])).toEqual([
      ['condition-operator-unknown', PLAN, line, column, 'aws_s3_bucket_policy.reports/policy', 1],
    ]);
    expect(out.files.map((f) => f.format)).toEqual(['terraform-plan']);
    expect(out.files[0]!.policies.map((p) => `${p.pointer} ${p.policyType}`)).toEqual([
      'aws_iam_role.reports_reader/assume_role_policy resource',
      'aws_iam_role_policy.reports_read/policy identity',
      'aws_kms_key.reports/policy kmsKey',
      'aws_s3_bucket_policy.reports/policy resource',
    ]);
  });

  it('the text report names the place and shows the plan line around the column', async () => {
    const r = await cli(['check', PLAN]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /^ {2}69:332 {2}error {2}unknown condition operator `StringEqual`; did you mean `StringEquals`\?.* {2}condition-operator-unknown$/m,
    );
    expect(r.stdout).toContain('1 error, 0 warnings, 0 infos in 1 file (4 policies read)');
  });
});
