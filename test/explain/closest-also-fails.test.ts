import { describe, expect, it } from 'vitest';
import { RENDERERS } from '../../src/render/index.js';
import { wordsFor } from '../../src/explain/index.js';
import { ALICE, BUCKET, OBJECT, policy, run, statements, type Json } from '../helpers/evaluate.js';

/**
 * The closest-statement trace lists every element that fails, not the first only (issue 9, part 2): the
 * evaluator stops at the first failing element for the decision ("Elements are checked in the order AWS
 * documents them"), and records the further failures as data (`alsoFails`), worded by the report.
 */
const GET = 's3:GetObject';
const bucketPolicy = (statement: Json) => policy([statement]);

describe('closest statements: every failing element', () => {
  it.each<[string, Json, Json, string[]]>([
    [
      'Action, then Resource and a condition',
      {
        Sid: 'Near',
        Effect: 'Allow',
        Action: 's3:PutObject',
        Resource: `${BUCKET}/uploads/*`,
        Condition: { IpAddress: { 'aws:SourceIp': '54.240.143.0/24' } },
      },
      { 'aws:SourceIp': '203.0.113.7' },
      ['Resource does not include', 'condition not met: IpAddress aws:SourceIp'],
    ],
    [
      'Resource, then two conditions',
      {
        Sid: 'Near',
        Effect: 'Allow',
        Action: GET,
        Resource: `${BUCKET}/uploads/*`,
        Condition: { IpAddress: { 'aws:SourceIp': '54.240.143.0/24' }, Bool: { 'aws:SecureTransport': 'true' } },
      },
      { 'aws:SourceIp': '203.0.113.7', 'aws:SecureTransport': false },
      ['condition not met: IpAddress aws:SourceIp', 'Bool aws:SecureTransport'],
    ],
    ['Action only', { Sid: 'Near', Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET}/*` }, {}, []],
  ])('an identity statement failing on %s', async (_, statement, context, also) => {
    const report = await run({ identity: [policy([statement])], context });
    expect(report.decision).toBe('ImplicitDeny');
    expect(report.closest.map((c) => c.sid)).toEqual(['Near']);
    const st = statements(report)[0]!;
    expect(st.applies).toBe(false);
    const joined = (st.alsoFails ?? []).join(' | ');
    for (const part of also) expect(joined).toContain(part);
    if (!also.length) expect(st.alsoFails).toBeUndefined();
    // The decision's data is unchanged: the conditions of a statement whose Action failed were not reached.
    if (st.failedElement === 'Action') expect(st.conditions).toEqual([]);
  });

  it('a resource-policy statement failing on Resource also lists its Principal and condition, in the text output too', async () => {
    const report = await run({
      identity: [policy([{ Effect: 'Allow', Action: GET, Resource: '*' }])],
      resourceAccount: '444455556666',
      context: { 'aws:SecureTransport': false },
      resourcePolicy: bucketPolicy({
        Sid: 'ForBob',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::444455556666:user/bob' },
        Action: GET,
        Resource: `${BUCKET}/other/*`,
        Condition: { Bool: { 'aws:SecureTransport': 'true' } },
      }),
    });
    expect(report.decision).toBe('ImplicitDeny');
    const st = statements(report, 'resource')[0]!;
    expect(st.failedElement).toBe('Resource');
    expect(st.alsoFails).toEqual([`Principal does not name ${ALICE}`, expect.stringContaining('condition not met: Bool aws:SecureTransport')]);
    const text = RENDERERS.text(report, { color: false, words: wordsFor('en') });
    expect(text).toContain(`      also: Principal does not name ${ALICE}\n`);
    expect(text).toContain('      also: condition not met: Bool aws:SecureTransport');
    const ko = RENDERERS.text(report, { color: false, words: wordsFor('ko') });
    expect(ko).toContain('      또한: ');
  });

  it('an Allowed layer and Deny statements get no alsoFails (explanation data for closest Allows only)', async () => {
    const report = await run({
      identity: [
        policy([
          { Effect: 'Allow', Action: GET, Resource: OBJECT },
          { Effect: 'Allow', Action: 's3:PutObject', Resource: `${BUCKET}/x/*` },
          { Effect: 'Deny', Action: 's3:DeleteObject', Resource: `${BUCKET}/x/*` },
        ]),
      ],
    });
    expect(report.decision).toBe('Allowed');
    for (const st of statements(report)) expect(st.alsoFails).toBeUndefined();
  });
});
