import { describe, expect, it } from 'vitest';
import { ALICE, BUCKET, OBJECT, policy, run, type Json } from '../helpers/evaluate.js';

/**
 * Template values known only at deployment (`{{…}}`, src/iam/placeholder.ts, from the CloudFormation reader):
 * never a Deny that vanishes, never an Allow that appears (docs/rules/iac-not-resolved.md).
 */

async function decide(statement: Json, effect: 'Allow' | 'Deny', context: Json = {}): Promise<string> {
  const stmt = { Effect: effect, ...statement };
  const extra = effect === 'Deny' ? [{ Effect: 'Allow', Action: '*', Resource: '*' }] : [];
  return (await run({ principal: ALICE, context, identity: [policy([stmt, ...extra])] })).decision;
}

describe('placeholders in the evaluator', () => {
  it("a Deny's Action or Resource holding an unknown value applies as if it named anything", async () => {
    expect(await decide({ Action: '{{DeniedAction}}', Resource: '*' }, 'Deny')).toBe('ExplicitDeny');
    expect(await decide({ Action: 's3:*', Resource: 'arn:aws:s3:::{{Bucket}}/*' }, 'Deny')).toBe('ExplicitDeny');
  });

  it("an Allow's Action or Resource holding an unknown value matches only itself", async () => {
    expect(await decide({ Action: '{{AllowedAction}}', Resource: '*' }, 'Allow')).toBe('ImplicitDeny');
    expect(await decide({ Action: 's3:GetObject', Resource: 'arn:aws:s3:::{{Bucket}}/*' }, 'Allow')).toBe('ImplicitDeny');
    expect(await decide({ Action: 's3:GetObject', Resource: `${BUCKET}/*` }, 'Allow')).toBe('Allowed');
  });

  it("an Allow's NotResource holding an unknown value excludes anything; a Deny's matches only itself", async () => {
    expect(await decide({ Action: 's3:GetObject', NotResource: 'arn:aws:s3:::{{Bucket}}/*' }, 'Allow')).toBe('ImplicitDeny');
    expect(await decide({ Action: 's3:GetObject', NotResource: 'arn:aws:s3:::{{Bucket}}/*' }, 'Deny')).toBe('ExplicitDeny');
  });

  it('a condition value holding an unknown value cannot be evaluated: a Deny applies, an Allow does not', async () => {
    const context = { 'aws:SourceVpce': 'vpce-1a2b3c4d' };
    const equals = { StringEquals: { 'aws:SourceVpce': '{{VpceId}}' } };
    const notEquals = { StringNotEquals: { 'aws:SourceVpce': '{{VpceId}}' } };
    expect(await decide({ Action: 's3:GetObject', Resource: OBJECT, Condition: equals }, 'Deny', context)).toBe('ExplicitDeny');
    expect(await decide({ Action: 's3:GetObject', Resource: OBJECT, Condition: notEquals }, 'Allow', context)).toBe('ImplicitDeny');
    expect(await decide({ Action: 's3:GetObject', Resource: OBJECT, Condition: equals }, 'Allow', context)).toBe('ImplicitDeny');
  });
});
