import { describe, expect, it } from 'vitest';
import { readJsonDiagnostics, type JsonNode } from '../../../src/json/index.js';
import { scanText } from '../../../src/input/index.js';
import { embeddedJsonReader, escapeOffsets } from '../../../src/input/check/embedded.js';
import { checkPlanted } from './planted.js';
import { minified, planObject, pretty, type TfResource } from './plans.js';

/**
 * The Terraform plan reader (`terraform show -json`): the planned state only, each policy once, typed by its
 * resource, and positions inside the policy strings mapped to the plan's own lines and columns — the same
 * finding on the same character in a pretty (`jq .`) and a minified (one-line) plan.
 */

/*
 * Terraform, "JSON Output Format" (website/docs/internals/json-format.mdx), Plan Representation:
 * - "\"planned_values\" is a description of what is known so far of the outcome in the standard value
 *   representation, with any as-yet-unknown values omitted."
 * - "\"prior_state\" is a representation of the state that the configuration is being applied to" — not the
 *   outcome, so never read.
 * - "\"after_unknown\" is an object value with similar structure to \"after\", but with all unknown leaf
 *   values replaced with \"true\", and all known leaf values omitted."
 * - "\"address\" and \"deposed\" together form a unique key across all change objects in a particular plan."
 */

const BUCKET = 'arn:aws:s3:::amzn-s3-demo-bucket';
const ROLE = 'arn:aws:iam::111122223333:role/reader';

/** Line and column (1-based, UTF-16 code units) of the `nth` occurrence of `needle` in `text`, plus `delta` characters. */
function where(text: string, needle: string, delta = 0, nth = 1): { line: number; column: number } {
  let i = -1;
  for (let k = 0; k < nth; k++) {
    i = text.indexOf(needle, i + 1);
    if (i < 0) throw new Error(`${needle} not in the text`);
  }
  const before = text.slice(0, i + delta);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: i + delta - lineStart + 1 };
}

async function check(file: string, text: string) {
  const { scan, findings } = await checkPlanted(file, text);
  return { scan, findings: findings.map(({ message: _message, ...where }) => where) };
}

/** A heredoc policy, as `policy = <<EOF … EOF` keeps it: indented, with line breaks (`\n` in the plan). */
const heredoc = (statement: object) => `${JSON.stringify({ Version: '2012-10-17', Statement: [statement] }, null, 2)}\n`;
/** A `jsonencode(…)` policy: minified, keys sorted as Terraform sorts object keys. */
const encoded = (statement: object) => JSON.stringify({ Statement: [statement], Version: '2012-10-17' });

const everyone = { Sid: 'Everyone', Effect: 'Allow', NotPrincipal: { AWS: ROLE }, Action: 's3:GetObject', Resource: `${BUCKET}/*` };
const typo = {
  Sid: 'ReadDonnées',
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: `${BUCKET}/données/😀/<reports>&/*`,
  Condition: { StringEqualz: { 'aws:PrincipalTag/team': 'a"b\\c' } },
};

const RESOURCES: TfResource[] = [
  { address: 'aws_s3_bucket_policy.site', type: 'aws_s3_bucket_policy', values: { bucket: 'amzn-s3-demo-bucket', policy: heredoc(everyone) } },
  { address: 'aws_iam_policy.reader', type: 'aws_iam_policy', values: { name: 'reader', path: '/', policy: encoded(typo) } },
  {
    address: 'aws_iam_role.reader',
    type: 'aws_iam_role',
    values: {
      name: 'reader',
      assume_role_policy: encoded({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
      inline_policy: [{ name: 'list', policy: encoded({ Effect: 'Allow', Action: 's3:ListBucket', Resource: BUCKET }) }],
    },
  },
  { address: 'aws_kms_key.data', type: 'aws_kms_key', values: { description: 'data' }, unknown: { policy: true }, configured: ['description'] },
];

describe('Terraform plan reader: the documents', () => {
  for (const [form, text] of [
    ['pretty', pretty(RESOURCES)],
    ['minified', minified(RESOURCES)],
  ] as const) {
    it(`${form}: every policy once, typed by its resource, with a line-free pointer and a label`, () => {
      const scan = scanText('tfplan.json', text, {});
      expect(scan.format).toBe('terraform-plan');
      expect(scan.policies.map((p) => [p.origin.pointer, p.origin.label, p.origin.policyType, p.origin.host, p.origin.typeFrom])).toEqual([
        ['aws_s3_bucket_policy.site/policy', 'aws_s3_bucket_policy.site (policy)', 'resource', 's3-bucket', 'container'],
        ['aws_iam_policy.reader/policy', 'aws_iam_policy.reader (policy)', 'identity', 'iam-identity', 'container'],
        ['aws_iam_role.reader/assume_role_policy', 'aws_iam_role.reader (assume_role_policy)', 'resource', 'iam-trust', 'container'],
        ['aws_iam_role.reader/inline_policy/0/policy', 'aws_iam_role.reader (inline_policy[0].policy)', 'identity', 'iam-identity', 'container'],
      ]);
      // The KMS key policy is computed (left to AWS's default) and the configuration does not set it: no finding.
      expect(scan.diagnostics).toEqual([]);
    });

    it(`${form}: findings land on the character in the plan that wrote the element (heredoc \\n, \\", \\\\, \\u003c, unicode)`, async () => {
      const { findings } = await check('tfplan.json', text);
      // notprincipal-with-allow is on the NotPrincipal value: the `{` after `\"NotPrincipal\": ` in the heredoc.
      const notPrincipal = where(text, '\\"NotPrincipal\\": {', '\\"NotPrincipal\\": '.length);
      // condition-operator-unknown is on the operator's key, its escaped opening quote.
      const operator = where(text, '\\"StringEqualz\\"');
      expect(findings).toEqual([
        { rule: 'notprincipal-with-allow', ...notPrincipal, pointer: 'aws_s3_bucket_policy.site/policy' },
        { rule: 'condition-operator-unknown', ...operator, pointer: 'aws_iam_policy.reader/policy' },
      ]);
      if (form === 'minified') expect(findings.every((f) => f.line === 1)).toBe(true);
      if (form === 'pretty') expect(new Set(findings.map((f) => f.line)).size).toBe(2);
    });
  }

  it('the pretty and the minified plan give the same documents, element for element', () => {
    const strip = (n: JsonNode): unknown => JSON.stringify(n, (k, v: unknown) => (k === 'span' || k === 'keySpan' ? undefined : v));
    const a = scanText('a.json', pretty(RESOURCES), {}).policies.map((p) => strip(p.root));
    const b = scanText('b.json', minified(RESOURCES), {}).policies.map((p) => strip(p.root));
    expect(a).toEqual(b);
    expect(a).toHaveLength(4);
  });

  it('reads only the planned state: prior_state is never read, a deleted resource has no policy', () => {
    const prior: TfResource[] = [{ address: 'aws_iam_policy.old', type: 'aws_iam_policy', values: { policy: encoded(everyone) } }];
    const gone: TfResource = { address: 'aws_iam_policy.gone', type: 'aws_iam_policy', values: { policy: encoded(typo) }, action: 'delete' };
    const scan = scanText('plan.json', pretty([RESOURCES[1]!, gone], prior), {});
    expect(scan.policies.map((p) => p.origin.pointer)).toEqual(['aws_iam_policy.reader/policy']);
    // A deposed object (create_before_destroy) is being deleted: its change is not the planned policy.
    const plan = planObject([RESOURCES[1]!]) as { resource_changes: Record<string, unknown>[] };
    plan.resource_changes.push({ ...plan.resource_changes[0], address: 'aws_iam_policy.reader', deposed: '00000001' });
    plan.resource_changes.push({ ...plan.resource_changes[0], address: 'aws_iam_policy.other', deposed: '00000002' });
    expect(scanText('plan.json', JSON.stringify(plan), {}).policies.map((p) => p.origin.pointer)).toEqual(['aws_iam_policy.reader/policy']);
  });

  it('a resource only resource_changes has (planned_values cut) is read from change.after; child modules are read', () => {
    const plan = planObject([{ ...RESOURCES[1]!, address: 'module.app.aws_iam_policy.reader' }]) as Record<string, unknown>;
    const text = JSON.stringify(plan, null, 2);
    expect(scanText('plan.json', text, {}).policies.map((p) => p.origin.pointer)).toEqual(['module.app.aws_iam_policy.reader/policy']);
    delete plan.planned_values;
    const cut = JSON.stringify(plan);
    const [found] = scanText('plan.json', cut, {}).policies;
    expect(found?.origin.pointer).toBe('module.app.aws_iam_policy.reader/policy');
    // Positions come from the change.after string: the only one there is.
    expect(found?.root.span).toEqual(expect.objectContaining(where(cut, '"{\\"Statement', 1)));
  });

  it('the same policy in planned_values and resource_changes is read from planned_values', () => {
    const text = pretty([RESOURCES[1]!]);
    const [found] = scanText('plan.json', text, {}).policies;
    expect(found?.root.span).toEqual(expect.objectContaining(where(text, '"policy": "{', '"policy": "'.length, 1)));
    expect(where(text, '"policy": "{', 0, 1).line).toBeLessThan(where(text, '"resource_changes"').line);
  });

  it('Organizations policies: SCP and RCP by their type, other Organizations policy types are not IAM policies', () => {
    const deny = encoded({ Effect: 'Deny', Action: 's3:*', Resource: '*' });
    const org = (address: string, type?: string): TfResource => ({
      address,
      type: 'aws_organizations_policy',
      values: { name: address, content: deny, ...(type ? { type } : {}) },
    });
    const scan = scanText(
      'plan.json',
      minified([
        org('aws_organizations_policy.scp', 'SERVICE_CONTROL_POLICY'),
        org('aws_organizations_policy.rcp', 'RESOURCE_CONTROL_POLICY'),
        org('aws_organizations_policy.tags', 'TAG_POLICY'),
        org('aws_organizations_policy.default'),
      ]),
      {},
    );
    expect(scan.policies.map((p) => [p.origin.pointer, p.origin.policyType])).toEqual([
      ['aws_organizations_policy.scp/content', 'scp'],
      ['aws_organizations_policy.rcp/content', 'rcp'],
      ['aws_organizations_policy.default/content', 'scp'],
    ]);
  });

  it('every resource type of issue 10 gets its policy type', () => {
    const p = encoded({ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 's3:GetObject', Resource: '*' });
    const r = (type: string, attribute = 'policy'): TfResource => ({ address: `${type}.x`, type, values: { [attribute]: p } });
    const scan = scanText(
      'plan.json',
      pretty([
        r('aws_iam_role_policy'),
        r('aws_iam_user_policy'),
        r('aws_iam_group_policy'),
        r('aws_s3_access_point'),
        r('aws_kms_key'),
        r('aws_vpc_endpoint'),
        r('aws_vpc_endpoint_policy'),
        r('aws_sqs_queue_policy'),
        r('aws_sns_topic_policy'),
        r('aws_s3_bucket'), // not a policy resource of the list: its deprecated `policy` is left to aws_s3_bucket_policy
      ]),
      {},
    );
    expect(scan.policies.map((x) => `${x.origin.pointer} ${x.origin.policyType} ${x.origin.host}`)).toEqual([
      'aws_iam_role_policy.x/policy identity iam-identity',
      'aws_iam_user_policy.x/policy identity iam-identity',
      'aws_iam_group_policy.x/policy identity iam-identity',
      'aws_s3_access_point.x/policy accessPoint s3-access-point',
      'aws_kms_key.x/policy kmsKey kms-key',
      'aws_vpc_endpoint.x/policy vpcEndpoint vpc-endpoint',
      'aws_vpc_endpoint_policy.x/policy vpcEndpoint vpc-endpoint',
      'aws_sqs_queue_policy.x/policy resource sqs-queue',
      'aws_sns_topic_policy.x/policy resource sns-topic',
    ]);
  });

  it('an aws_iam_policy_document data source is read only when no resource holds its JSON (then its type is inferred)', () => {
    const json = heredoc({ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/*` });
    const doc: TfResource = { address: 'data.aws_iam_policy_document.read', type: 'aws_iam_policy_document', mode: 'data', values: { json }, action: 'read' };
    const held = scanText('plan.json', pretty([doc, { address: 'aws_iam_policy.p', type: 'aws_iam_policy', values: { policy: json } }]), {});
    expect(held.policies.map((p) => p.origin.pointer)).toEqual(['aws_iam_policy.p/policy']);
    const alone = scanText('plan.json', pretty([doc, { address: 'aws_iam_policy.p', type: 'aws_iam_policy', values: {}, unknown: { policy: true } }]), {});
    expect(alone.policies.map((p) => [p.origin.pointer, p.origin.typeFrom, p.origin.policyType])).toEqual([
      ['data.aws_iam_policy_document.read/json', 'inferred', 'identity'],
    ]);
    expect(alone.diagnostics.map((d) => d.code)).toEqual(['iac-not-resolved']);
  });

  it('a value known only after apply is an iac-not-resolved info on its after_unknown entry; an unset optional policy is not', async () => {
    const text = minified([
      { address: 'aws_s3_bucket_policy.later', type: 'aws_s3_bucket_policy', values: { bucket: 'b' }, unknown: { policy: true } },
      { address: 'aws_kms_key.set', type: 'aws_kms_key', values: {}, unknown: { policy: true } },
      { address: 'aws_kms_key.unset', type: 'aws_kms_key', values: {}, unknown: { policy: true }, configured: [] },
      RESOURCES[0]!,
    ]);
    const { findings } = await check('plan.json', text);
    const unknownAt = (n: number) => where(text, '"after_unknown":{"arn":true,"id":true,"policy":true}', '"after_unknown":{"arn":true,"id":true,'.length, n);
    expect(findings.filter((f) => f.rule === 'iac-not-resolved')).toEqual([
      { rule: 'iac-not-resolved', ...unknownAt(1), pointer: undefined },
      { rule: 'iac-not-resolved', ...unknownAt(2), pointer: undefined },
    ]);
    expect(findings.map((f) => f.rule)).toContain('notprincipal-with-allow');
  });

  it('an embedded policy that is not JSON is json-syntax at its place in the plan; the other policies are still checked', async () => {
    const broken: TfResource = { address: 'aws_iam_policy.broken', type: 'aws_iam_policy', values: { policy: '{"Version": "2012-10-17",, "Statement": []}' } };
    for (const text of [pretty([broken, RESOURCES[0]!]), minified([broken, RESOURCES[0]!])]) {
      const { findings } = await check('plan.json', text);
      expect(findings.map((f) => [f.rule, f.line, f.column])).toEqual([
        ['json-syntax', ...Object.values(where(text, '\\"2012-10-17\\",,', '\\"2012-10-17\\",'.length))],
        ['notprincipal-with-allow', ...Object.values(where(text, '\\"NotPrincipal\\": {', '\\"NotPrincipal\\": '.length))],
      ]);
    }
  });

  it('a plan that is not JSON is json-syntax; a JSON file that is not a plan is left to the other readers', () => {
    expect(scanText('plan.json', '{"format_version": "1.2", "terraform_version": "1.9.8", "planned_values": {', {}).diagnostics.map((d) => d.code)).toEqual([
      'json-syntax',
    ]);
    expect(scanText('state.json', JSON.stringify({ format_version: '1.0', terraform_version: '1.9.8', values: {} }), {}).format).toBeUndefined();
  });
});

/** A seeded generator, so a failure is reproducible. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

const ALPHABET = ['a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\t', '\r', '\u0001', 'é', '한', '😀', '<', '&', '\u2028', '{', ':'];

/** A string of random characters (astral ones included), and a JSON literal for it with randomly chosen escapes. */
function randomLiteral(next: () => number): { value: string; literal: string } {
  let value = '';
  let literal = '"';
  const n = Math.floor(next() * 24);
  for (let i = 0; i < n; i++) {
    const ch = ALPHABET[Math.floor(next() * ALPHABET.length)]!;
    value += ch;
    for (const unit of ch.split('')) {
      const code = unit.charCodeAt(0);
      const mustEscape = code < 0x20 || unit === '"' || unit === '\\';
      if (next() < 0.3 || (mustEscape && next() < 0.5)) {
        const hex = code.toString(16).padStart(4, '0');
        literal += `\\u${next() < 0.5 ? hex : hex.toUpperCase()}`;
      } else if (mustEscape || (unit === '/' && next() < 0.5)) literal += JSON.stringify(unit).slice(1, -1).replace(/^\//, '\\/');
      else literal += unit;
    }
  }
  return { value, literal: `${literal}"` };
}

describe('the string escape mapping (property)', () => {
  it('every code unit of the decoded value maps to the offset where its escape or character is written', () => {
    const next = random(20261207);
    for (let round = 0; round < 500; round++) {
      const { value, literal } = randomLiteral(next);
      expect(JSON.parse(literal)).toBe(value);
      const at = escapeOffsets(literal);
      expect(at).toHaveLength(value.length + 1);
      expect(at.at(-1)).toBe(literal.length - 1);
      for (let i = 0; i < value.length; i++) {
        const written = literal.slice(at[i], at[i + 1]);
        expect(JSON.parse(`"${written}"`), `${literal} at ${i}`).toBe(value[i]);
      }
    }
  });

  it('every string of a policy embedded in a file maps to the characters that write it (any indentation, any escapes)', () => {
    const next = random(7);
    for (let round = 0; round < 100; round++) {
      const strings = Array.from({ length: 4 }, () => randomLiteral(next).value);
      const policy = { Version: '2012-10-17', Statement: [{ Sid: strings[0], Effect: 'Allow', Action: [strings[1], strings[2]], Resource: strings[3] }] };
      const embedded = JSON.stringify(policy, null, Math.floor(next() * 4));
      // The file writes the embedded text with random escapes, after a prefix on its line.
      let literal = '"';
      for (const unit of embedded.split('')) {
        const code = unit.charCodeAt(0);
        if (code < 0x20 || unit === '"' || unit === '\\' || next() < 0.2) literal += `\\u${code.toString(16).padStart(4, '0')}`;
        else literal += unit;
      }
      literal += '"';
      const fileText = `{\n  "note": "é😀",  "Policy": ${literal}\n}\n`;
      const outer = readJsonDiagnostics(fileText, 'f.json').doc!.root;
      const node = outer.kind === 'object' ? outer.members[1]!.value : undefined;
      expect(node?.kind).toBe('string');
      const { doc } = embeddedJsonReader('f.json', fileText)(node as Extract<JsonNode, { kind: 'string' }>);
      const line = fileText.split('\n')[1]!;
      const visit = (n: JsonNode) => {
        expect(n.span.line).toBe(2);
        if (n.kind === 'string') expect(JSON.parse(JSON.parse(`"${line.slice(n.span.column - 1, n.span.endColumn - 1)}"`) as string)).toBe(n.value);
        if (n.kind === 'object') for (const m of n.members) visit(m.value);
        if (n.kind === 'array') for (const e of n.elements) visit(e);
      };
      visit(doc!.root);
    }
  });
});

describe('plain JSON: AWS CLI output with the policy as a string', () => {
  const policy = { Version: '2012-10-17', Statement: [everyone] };

  it('get-bucket-policy output: findings point into the file, on the escaped element', async () => {
    const text = `${JSON.stringify({ Policy: JSON.stringify(policy) }, null, 4)}\n`;
    const { scan, findings } = await check('bucket-policy.json', text);
    expect(scan.policies.map((p) => [p.origin.pointer, p.origin.label])).toEqual([['/Policy', 'bucket-policy.json (Policy)']]);
    expect(findings).toEqual([{ rule: 'notprincipal-with-allow', ...where(text, '\\"NotPrincipal\\":{', '\\"NotPrincipal\\":'.length), pointer: '/Policy' }]);
  });

  it('get-policy-version output (URL-encoded, as the IAM API returns it): mapped through both encodings', async () => {
    const text = JSON.stringify({ PolicyVersion: { Document: encodeURIComponent(JSON.stringify({ ...policy, Statement: [typo] })), VersionId: 'v1' } });
    const { findings } = await check('reader.json', text);
    expect(findings).toEqual([{ rule: 'condition-operator-unknown', ...where(text, '%22StringEqualz%22'), pointer: '/PolicyVersion/Document' }]);
  });

  it('an embedded policy that is not JSON is json-syntax at its place in the file', async () => {
    const text = JSON.stringify({ Policy: '{"Statement": [}' });
    const { findings } = await check('bucket-policy.json', text);
    expect(findings).toEqual([{ rule: 'json-syntax', ...where(text, '[}', 1), pointer: undefined }]);
  });
});
