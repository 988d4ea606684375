import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';

/** `--cli 'aws …'`, and a command given as a file (samples/evidence-cli-command: awscli/examples/s3/cp.rst's form). */
const SAMPLE = 'samples/evidence-cli-command';
const WHO = ['--principal', 'arn:aws:iam::111122223333:user/dave', '--resource-account', '111122223333', '--identity', `${SAMPLE}/identity.json`];
const json = (stdout: string) => JSON.parse(stdout) as { decision: string; deciding: unknown[] };

describe('an AWS CLI command as evidence', () => {
  it('--cli gives the same decision and deciding set as the hand-written request', async () => {
    const cmd = 'aws s3 cp backup.tar.gz s3://amzn-s3-demo-bucket/archive/ --storage-class STANDARD_IA';
    const fromCli = json((await cli(['--cli', cmd, ...WHO, '--format', 'json'])).stdout);
    const fromRequest = json((await cli(['--request', `${SAMPLE}/fixed.json`, '--format', 'json'])).stdout);
    expect(fromCli.decision).toBe('Allowed');
    expect(fromCli.deciding).toEqual(fromRequest.deciding);
  });

  it('without --principal: one line saying how to find the caller, exit 2', async () => {
    const r = await cli(['--cli', 'aws --profile etl s3 cp a s3://amzn-s3-demo-bucket/a']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'policy-why: error: no principal in --cli: the command does not say who ran it: give --principal ARN (`aws sts get-caller-identity --profile etl` prints it)\n',
    );
  });

  it('a shell variable: one line at the flag, exit 2', async () => {
    const r = await cli(['--cli', 'aws s3 cp a s3://$BUCKET/a', ...WHO]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'policy-why: error: --cli:1:13: `s3://$BUCKET/a` is a shell variable or command: its value is not in the command; write the value out\n',
    );
  });
});
