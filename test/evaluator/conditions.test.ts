import { describe, expect, it } from 'vitest';
import { parseDate } from '../../src/iam/values.js';
import { cidrContains, parseCidrStrict, parseIpStrict } from '../../src/iam/ip.js';
import { conditionCase, conditionHolds, NOW_EPOCH, type Json } from '../helpers/evaluate.js';

/**
 * Semantic tests of the Condition element, driven through evaluate() with an inline identity policy.
 * Every table is grounded in the AWS page named above it (quotes in docs/aws-semantics.md, sections 6,
 * 7 and 12). Unless a table says otherwise, an operator's result does not depend on the statement's
 * effect, so each row is checked twice: an Allow applies and a Deny applies exactly when the condition
 * holds.
 */
type Row = [title: string, condition: Json, context: Json, holds: boolean];

function table(rows: Row[]): void {
  it.each(rows)('%s', async (_title, condition, context, holds) => {
    expect(await conditionHolds(condition, context, 'Allow')).toBe(holds);
    expect(await conditionHolds(condition, context, 'Deny')).toBe(holds);
  });
}

// IAM User Guide, "IAM JSON policy elements: Condition operators", String condition operators:
// "StringEquals: Exact matching, case sensitive"; "StringEqualsIgnoreCase: Exact matching, ignoring
// case"; "StringLike: Case-sensitive matching. The values can include multi-character match wildcards
// (*) and single-character match wildcards (?) anywhere in the string. You must specify wildcards to
// achieve partial string matches."
describe('String operators (IAM User Guide, "IAM JSON policy elements: Condition operators")', () => {
  table([
    ['StringEquals matches the exact value', { StringEquals: { 's3:prefix': 'home/' } }, { 's3:prefix': 'home/' }, true],
    ['StringEquals is case-sensitive', { StringEquals: { 's3:prefix': 'Home/' } }, { 's3:prefix': 'home/' }, false],
    ['StringEquals does not match a prefix', { StringEquals: { 's3:prefix': 'home' } }, { 's3:prefix': 'home/' }, false],
    ['StringEquals treats * as a plain character (no match)', { StringEquals: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/x' }, false],
    ['StringEquals treats * as a plain character (match)', { StringEquals: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/*' }, true],
    ['StringEquals matches an empty string', { StringEquals: { 's3:prefix': '' } }, { 's3:prefix': '' }, true],
    ['StringNotEquals holds for a different value', { StringNotEquals: { 's3:prefix': 'home/' } }, { 's3:prefix': 'tmp/' }, true],
    ['StringNotEquals fails for the same value', { StringNotEquals: { 's3:prefix': 'home/' } }, { 's3:prefix': 'home/' }, false],
    ['StringNotEquals is case-sensitive', { StringNotEquals: { 's3:prefix': 'HOME/' } }, { 's3:prefix': 'home/' }, true],
    ['StringEqualsIgnoreCase ignores case', { StringEqualsIgnoreCase: { 's3:prefix': 'HOME/' } }, { 's3:prefix': 'home/' }, true],
    ['StringEqualsIgnoreCase still needs the whole value', { StringEqualsIgnoreCase: { 's3:prefix': 'HOME' } }, { 's3:prefix': 'home/' }, false],
    ['StringNotEqualsIgnoreCase fails on a case variant', { StringNotEqualsIgnoreCase: { 's3:prefix': 'HOME/' } }, { 's3:prefix': 'home/' }, false],
    ['StringNotEqualsIgnoreCase holds for another value', { StringNotEqualsIgnoreCase: { 's3:prefix': 'HOME/' } }, { 's3:prefix': 'tmp/' }, true],
    ['StringLike: * matches any run of characters', { StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/alice/docs/' }, true],
    ['StringLike: * matches zero characters', { StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/' }, true],
    ['StringLike: * anywhere in the string', { StringLike: { 's3:prefix': '*/docs/*' } }, { 's3:prefix': 'home/alice/docs/x' }, true],
    ['StringLike: ? matches exactly one character', { StringLike: { 's3:prefix': 'file?.txt' } }, { 's3:prefix': 'file1.txt' }, true],
    ['StringLike: ? does not match two characters', { StringLike: { 's3:prefix': 'file?.txt' } }, { 's3:prefix': 'file10.txt' }, false],
    ['StringLike: ? does not match zero characters', { StringLike: { 's3:prefix': 'file?.txt' } }, { 's3:prefix': 'file.txt' }, false],
    ['StringLike is case-sensitive', { StringLike: { 's3:prefix': 'Home/*' } }, { 's3:prefix': 'home/x' }, false],
    [
      'StringLike without a wildcard is an exact match ("You must specify wildcards")',
      { StringLike: { 's3:prefix': 'home' } },
      { 's3:prefix': 'home/x' },
      false,
    ],
    ['StringNotLike holds when the pattern does not match', { StringNotLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'tmp/x' }, true],
    ['StringNotLike fails when the pattern matches', { StringNotLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/x' }, false],
  ]);
});

// IAM User Guide, "IAM JSON policy elements: Condition operators", Numeric condition operators.
describe('Numeric operators (IAM User Guide, "IAM JSON policy elements: Condition operators")', () => {
  table([
    ['NumericEquals', { NumericEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }, true],
    ['NumericEquals compares numbers, not text', { NumericEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '10.0' }, true],
    ['NumericEquals fails on another number', { NumericEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '11' }, false],
    ['NumericNotEquals', { NumericNotEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '11' }, true],
    ['NumericNotEquals fails on the same number', { NumericNotEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }, false],
    ['NumericLessThan below', { NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': '9' }, true],
    ['NumericLessThan equal is not less', { NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }, false],
    ['NumericLessThan compares numerically (9 < 10, not as text)', { NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': '9.5' }, true],
    ['NumericLessThanEquals equal', { NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }, true],
    ['NumericLessThanEquals above', { NumericLessThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '11' }, false],
    ['NumericGreaterThan above', { NumericGreaterThan: { 's3:max-keys': '10' } }, { 's3:max-keys': '100' }, true],
    ['NumericGreaterThan equal is not greater', { NumericGreaterThan: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }, false],
    ['NumericGreaterThanEquals equal', { NumericGreaterThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '10' }, true],
    ['NumericGreaterThanEquals below', { NumericGreaterThanEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': '9' }, false],
    ['negative and decimal numbers', { NumericLessThan: { 's3:max-keys': '-1.5' } }, { 's3:max-keys': '-2' }, true],
    ['a JSON number in the request', { NumericEquals: { 's3:max-keys': '10' } }, { 's3:max-keys': 10 }, true],
  ]);
});

// IAM User Guide, "IAM JSON policy elements: Condition operators", Date condition operators: "You must
// specify date/time values with one of the W3C implementations of the ISO 8601 date formats or in epoch
// (UNIX) time." AWS global condition context keys: aws:CurrentTime / aws:EpochTime are "always included
// in the request context" (here: the evaluation time, 2026-01-01T00:00:00Z).
describe('Date operators, ISO 8601 and epoch (IAM User Guide, "IAM JSON policy elements: Condition operators")', () => {
  table([
    ['DateEquals, ISO policy value vs ISO aws:CurrentTime', { DateEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, {}, true],
    ['DateEquals, epoch policy value vs ISO aws:CurrentTime', { DateEquals: { 'aws:CurrentTime': NOW_EPOCH } }, {}, true],
    ['DateEquals, ISO policy value vs epoch aws:EpochTime', { DateEquals: { 'aws:EpochTime': '2026-01-01T00:00:00Z' } }, {}, true],
    ['DateEquals, with a time-zone offset', { DateEquals: { 'aws:CurrentTime': '2026-01-01T01:00:00+01:00' } }, {}, true],
    ['DateEquals, hours and minutes only (W3C "YYYY-MM-DDThh:mmTZD")', { DateEquals: { 'aws:CurrentTime': '2026-01-01T00:00Z' } }, {}, true],
    ['DateEquals, fractions of a second (W3C "YYYY-MM-DDThh:mm:ss.sTZD")', { DateEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00.000Z' } }, {}, true],
    ['DateNotEquals', { DateNotEquals: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } }, {}, true],
    ['DateNotEquals fails on the same instant written as epoch', { DateNotEquals: { 'aws:CurrentTime': NOW_EPOCH } }, {}, false],
    ['DateLessThan: now is not before itself', { DateLessThan: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, {}, false],
    ['DateLessThan: one second later', { DateLessThan: { 'aws:EpochTime': String(Number(NOW_EPOCH) + 1) } }, {}, true],
    ['DateLessThanEquals: now', { DateLessThanEquals: { 'aws:CurrentTime': '2026-01-01T00:00:00Z' } }, {}, true],
    ['DateGreaterThan: one second earlier', { DateGreaterThan: { 'aws:CurrentTime': '2025-12-31T23:59:59Z' } }, {}, true],
    ['DateGreaterThan: a complete date (W3C "YYYY-MM-DD")', { DateGreaterThan: { 'aws:CurrentTime': '2025-12-31' } }, {}, true],
    ['DateGreaterThan: a later date', { DateGreaterThan: { 'aws:CurrentTime': '2026-01-02' } }, {}, false],
    ['DateGreaterThanEquals: epoch vs ISO', { DateGreaterThanEquals: { 'aws:EpochTime': '2026-01-01T00:00:00Z' } }, {}, true],
    ['DateGreaterThan with a year and month (W3C "YYYY-MM")', { DateGreaterThan: { 'aws:CurrentTime': '2025-12' } }, {}, true],
    ['DateLessThan with a year and month (W3C "YYYY-MM")', { DateLessThan: { 'aws:CurrentTime': '2026-02' } }, {}, true],
    [
      'a request date set in context overrides the evaluation time',
      { DateLessThan: { 'aws:CurrentTime': '2025-01-01T00:00:00Z' } },
      { 'aws:CurrentTime': '2024-06-01T12:00:00Z' },
      true,
    ],
    ['an epoch request date set in context', { DateLessThan: { 'aws:EpochTime': '2025-01-01T00:00:00Z' } }, { 'aws:EpochTime': 1717243200 }, true],
    ['a custom date key', { DateGreaterThan: { 'aws:TokenIssueTime': '2025-12-31T00:00:00Z' } }, { 'aws:TokenIssueTime': '2025-12-31T12:00:00Z' }, true],
  ]);
});

// IAM User Guide, "IAM JSON policy elements: Condition operators", Boolean condition operators:
// "Boolean conditions let you construct Condition elements that restrict access based on comparing a
// key to true or false." "The aws:SecureTransport key is always present in the request context."
// The grammar allows a condition value to be "string" | "number" | "Boolean", so "true" and true are
// the same value.
describe('Bool (IAM User Guide, "IAM JSON policy elements: Condition operators")', () => {
  table([
    ['Bool "true" vs the default aws:SecureTransport (true)', { Bool: { 'aws:SecureTransport': 'true' } }, {}, true],
    ['Bool JSON true vs the default aws:SecureTransport', { Bool: { 'aws:SecureTransport': true } }, {}, true],
    ['Bool "false" vs the default aws:SecureTransport', { Bool: { 'aws:SecureTransport': 'false' } }, {}, false],
    ['Bool "false" vs a request over HTTP (JSON false)', { Bool: { 'aws:SecureTransport': 'false' } }, { 'aws:SecureTransport': false }, true],
    ['Bool JSON false vs "false" in the request', { Bool: { 'aws:SecureTransport': false } }, { 'aws:SecureTransport': 'false' }, true],
    ['Bool "true" vs "true" in the request', { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }, { 'aws:MultiFactorAuthPresent': 'true' }, true],
    ['Bool JSON true vs JSON false', { Bool: { 'aws:MultiFactorAuthPresent': true } }, { 'aws:MultiFactorAuthPresent': false }, false],
  ]);
});

// IAM User Guide, "IAM JSON policy elements: Condition operators", Binary condition operators
// (BinaryEquals compares base64-encoded binary values).
describe('BinaryEquals (IAM User Guide, "IAM JSON policy elements: Condition operators")', () => {
  table([
    ['same base64 value', { BinaryEquals: { 'example:blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, { 'example:blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' }, true],
    ['different bytes', { BinaryEquals: { 'example:blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, { 'example:blob': 'T3RoZXJWYWx1ZQ==' }, false],
    ['absent key', { BinaryEquals: { 'example:blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, {}, false],
  ]);
});

// IAM User Guide, "IAM JSON policy elements: Condition operators", IP address condition operators: "The
// value must be in the standard CIDR format (for example, 203.0.113.0/24 or 2001:DB8:1234:5678::/64).
// If you specify an IP address without the associated routing prefix, IAM uses the default prefix value
// of /32."
describe('IpAddress / NotIpAddress, IPv4 and IPv6 (IAM User Guide, "IAM JSON policy elements: Condition operators")', () => {
  table([
    ['IPv4 address inside the CIDR', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.7' }, true],
    ['IPv4 address outside the CIDR', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '198.51.100.7' }, false],
    ['a bare IPv4 address is a /32: same address', { IpAddress: { 'aws:SourceIp': '203.0.113.7' } }, { 'aws:SourceIp': '203.0.113.7' }, true],
    ['a bare IPv4 address is a /32: the next address', { IpAddress: { 'aws:SourceIp': '203.0.113.7' } }, { 'aws:SourceIp': '203.0.113.8' }, false],
    [
      'IPv6 address inside 2001:DB8:1234:5678::/64 (hex case ignored)',
      { IpAddress: { 'aws:SourceIp': '2001:DB8:1234:5678::/64' } },
      { 'aws:SourceIp': '2001:db8:1234:5678::1' },
      true,
    ],
    [
      'IPv6 address outside 2001:DB8:1234:5678::/64',
      { IpAddress: { 'aws:SourceIp': '2001:DB8:1234:5678::/64' } },
      { 'aws:SourceIp': '2001:db8:1234:5679::1' },
      false,
    ],
    [
      'an IPv4-mapped IPv6 request address is the IPv4 address it carries',
      { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      { 'aws:SourceIp': '::ffff:203.0.113.7' },
      true,
    ],
    ['an IPv6 request address is never inside an IPv4 range', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '2001:db8::1' }, false],
    ['an IPv4 request address is never inside an IPv6 range', { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } }, { 'aws:SourceIp': '203.0.113.7' }, false],
    ['several ranges are ORed', { IpAddress: { 'aws:SourceIp': ['198.51.100.0/24', '203.0.113.0/24'] } }, { 'aws:SourceIp': '203.0.113.7' }, true],
    ['NotIpAddress outside the range', { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '198.51.100.7' }, true],
    ['NotIpAddress inside the range', { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.7' }, false],
    [
      'NotIpAddress with an IPv4-mapped IPv6 address inside the range',
      { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } },
      { 'aws:SourceIp': '::ffff:203.0.113.7' },
      false,
    ],
    [
      'NotIpAddress with an IPv6 address inside the IPv6 range',
      { NotIpAddress: { 'aws:SourceIp': '2001:DB8:1234:5678::/64' } },
      { 'aws:SourceIp': '2001:db8:1234:5678::abcd' },
      false,
    ],
  ]);
});

// IAM User Guide, "IAM JSON policy elements: Condition operators", ARN condition operators: "ArnEquals,
// ArnLike: Case-sensitive matching of the ARN. Each of the six colon-delimited components of the ARN is
// checked separately and each can include multi-character match wildcards (*) or single-character match
// wildcards (?). The ArnEquals and ArnLike condition operators behave identically."
describe('Arn operators (IAM User Guide, "IAM JSON policy elements: Condition operators")', () => {
  const topic = 'arn:aws:sns:us-east-1:111122223333:topic';
  const docPattern = 'arn:aws:someservice:*:111122223333:finance/*';
  const docValue = 'arn:aws:someservice:us-east-2:999999999999:store/abc:111122223333:finance/document.txt';
  table([
    ['ArnEquals, the exact ARN', { ArnEquals: { 'aws:SourceArn': topic } }, { 'aws:SourceArn': topic }, true],
    ['ArnEquals takes wildcards like ArnLike', { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:*' } }, { 'aws:SourceArn': topic }, true],
    ['ArnLike, region and resource wildcards', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:*' } }, { 'aws:SourceArn': topic }, true],
    ['ArnLike, ? is one character', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-?:111122223333:topic' } }, { 'aws:SourceArn': topic }, true],
    ['ArnLike, another account', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:444455556666:*' } }, { 'aws:SourceArn': topic }, false],
    ['ArnLike is case-sensitive', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:Topic' } }, { 'aws:SourceArn': topic }, false],
    // The page's own example: "With an ArnLike condition, which matches elements between colons, the
    // match fails. The first asterisk matches only us-east-2 and fails on 999999999999:store/abc:".
    [
      'ArnLike, the documented example: the first * stays inside its segment',
      { ArnLike: { 'aws:SourceArn': docPattern } },
      { 'aws:SourceArn': docValue },
      false,
    ],
    ['ArnEquals, the same documented example', { ArnEquals: { 'aws:SourceArn': docPattern } }, { 'aws:SourceArn': docValue }, false],
    // "With a StringLike condition, the match succeeds."
    ['StringLike, the documented example: * crosses colons', { StringLike: { 'aws:SourceArn': docPattern } }, { 'aws:SourceArn': docValue }, true],
    ['ArnNotEquals, another ARN', { ArnNotEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:other' } }, { 'aws:SourceArn': topic }, true],
    ['ArnNotLike, a matching pattern', { ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:*' } }, { 'aws:SourceArn': topic }, false],
    ['ArnLike on the derived aws:PrincipalArn', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:user/*' } }, {}, true],
  ]);
});

// IAM User Guide, "IAM JSON policy elements: Condition operators", ...IfExists: "If the key is not
// present, evaluate the condition element as true. Other condition elements in the statement can still
// result in a nonmatch, but not a missing key when checked with ...IfExists."
describe('...IfExists (IAM User Guide, "IAM JSON policy elements: Condition operators")', () => {
  table([
    ['StringEqualsIfExists, key absent', { StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }, {}, true],
    ['StringEqualsIfExists, key present and matching', { StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } }, { 'ec2:InstanceType': 't3.micro' }, true],
    [
      'StringEqualsIfExists, key present and different',
      { StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } },
      { 'ec2:InstanceType': 'm5.large' },
      false,
    ],
    ['NumericLessThanIfExists, key absent', { NumericLessThanIfExists: { 's3:max-keys': '10' } }, {}, true],
    ['IpAddressIfExists, key absent', { IpAddressIfExists: { 'aws:SourceIp': '203.0.113.0/24' } }, {}, true],
    [
      'ArnLikeIfExists, key present and different',
      { ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:*' } },
      { 'aws:SourceArn': 'arn:aws:sns:us-east-1:444455556666:t' },
      false,
    ],
    [
      'StringNotEqualsIfExists, key present and equal',
      { StringNotEqualsIfExists: { 'ec2:InstanceType': 't3.micro' } },
      { 'ec2:InstanceType': 't3.micro' },
      false,
    ],
    [
      'IfExists does not excuse another failing condition',
      { StringEqualsIfExists: { 'ec2:InstanceType': 't3.micro' }, StringEquals: { 's3:prefix': 'home/' } },
      { 's3:prefix': 'tmp/' },
      false,
    ],
  ]);

  // "If you are using an "Effect": "Deny" element with a negated condition operator like
  // StringNotEqualsIfExists, the request is still denied even if the condition key is not present."
  it('a Deny with StringNotEqualsIfExists still denies when the key is absent', async () => {
    const { match, report } = await conditionCase('Deny', { StringNotEqualsIfExists: { 'aws:RequestedRegion': 'eu-west-1' } });
    expect(match.applies).toBe(true);
    expect(match.failClosed).toBeUndefined();
    expect(report.decision).toBe('ExplicitDeny');
  });
});

// IAM User Guide, "IAM JSON policy elements: Condition operators", Null: "use either true (the key
// doesn't exist — it is null) or false (the key exists and its value is not null)." And (OPS-cur) use
// "the Null condition operator in your policy with a false value to check if the context key exists and
// its value is not null" (an empty multivalued key is null).
describe('Null (IAM User Guide, "IAM JSON policy elements: Condition operators")', () => {
  table([
    ['Null "true" with the key absent', { Null: { 'aws:TokenIssueTime': 'true' } }, {}, true],
    ['Null "true" with the key present', { Null: { 'aws:TokenIssueTime': 'true' } }, { 'aws:TokenIssueTime': '2025-12-31T00:00:00Z' }, false],
    ['Null "false" with the key present', { Null: { 'aws:TokenIssueTime': 'false' } }, { 'aws:TokenIssueTime': '2025-12-31T00:00:00Z' }, true],
    ['Null "false" with the key absent', { Null: { 'aws:TokenIssueTime': 'false' } }, {}, false],
    ['Null JSON true with the key absent', { Null: { 'aws:TokenIssueTime': true } }, {}, true],
    ['Null JSON false with a derived key (aws:username for an IAM user)', { Null: { 'aws:username': false } }, {}, true],
    ['Null "false" with an empty multivalued key', { Null: { 'aws:TagKeys': 'false' } }, { 'aws:TagKeys': [] }, false],
    ['Null "true" with an empty multivalued key', { Null: { 'aws:TagKeys': 'true' } }, { 'aws:TagKeys': [] }, true],
  ]);
});

// IAM User Guide, "IAM JSON policy elements: Condition operators": "If the key that you specify in a
// policy condition is not present in the request context, the values do not match and the condition is
// false. If the policy condition requires that the key is not matched, such as StringNotLike or
// ArnNotLike, and the right key is not present, the condition is true."
describe('a key absent from the request (IAM User Guide, "IAM JSON policy elements: Condition operators")', () => {
  const negated: Row[] = [
    ['StringNotEquals', { StringNotEquals: { 'aws:ResourceTag/env': 'prod' } }, {}, true],
    ['StringNotEqualsIgnoreCase', { StringNotEqualsIgnoreCase: { 'aws:ResourceTag/env': 'prod' } }, {}, true],
    ['StringNotLike', { StringNotLike: { 'aws:ResourceTag/env': 'prod*' } }, {}, true],
    ['NumericNotEquals', { NumericNotEquals: { 's3:max-keys': '10' } }, {}, true],
    ['DateNotEquals', { DateNotEquals: { 'aws:TokenIssueTime': '2025-01-01T00:00:00Z' } }, {}, true],
    ['NotIpAddress', { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }, {}, true],
    ['ArnNotEquals', { ArnNotEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:topic' } }, {}, true],
    ['ArnNotLike', { ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:*' } }, {}, true],
  ];
  const positive: Row[] = [
    ['StringEquals', { StringEquals: { 'aws:ResourceTag/env': 'prod' } }, {}, false],
    ['StringEqualsIgnoreCase', { StringEqualsIgnoreCase: { 'aws:ResourceTag/env': 'prod' } }, {}, false],
    ['StringLike with *', { StringLike: { 'aws:ResourceTag/env': '*' } }, {}, false],
    ['NumericLessThan', { NumericLessThan: { 's3:max-keys': '10' } }, {}, false],
    ['DateGreaterThan', { DateGreaterThan: { 'aws:TokenIssueTime': '2025-01-01T00:00:00Z' } }, {}, false],
    ['Bool', { Bool: { 'aws:MultiFactorAuthPresent': 'false' } }, {}, false],
    ['BinaryEquals', { BinaryEquals: { 'example:blob': 'QmluYXJ5VmFsdWVJbkJhc2U2NA==' } }, {}, false],
    ['IpAddress', { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } }, {}, false],
    ['ArnEquals', { ArnEquals: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:111122223333:topic' } }, {}, false],
    ['ArnLike with *', { ArnLike: { 'aws:SourceArn': '*' } }, {}, false],
  ];
  describe('negated operators are true', () => table(negated));
  describe('positive operators are false', () => table(positive));

  it('the trace says the key is absent (request value null)', async () => {
    const { traces } = await conditionCase('Allow', { StringNotEquals: { 'aws:ResourceTag/env': 'prod' } });
    expect(traces).toHaveLength(1);
    expect(traces[0]!.requestValue).toBeNull();
    expect(traces[0]!.result).toBe(true);
  });
});

// IAM User Guide, "Creating a condition with multiple keys or values": "ForAllValues – ... The condition
// returns true if every key value in the request matches at least one value in the policy. It also
// returns true if there are no keys in the request, or if the key values resolve to a null data set,
// such as an empty string." "ForAnyValue – ... The condition returns true if any one of the key values
// in the request matches any one of the condition values in the policy. For no matching key or a null
// dataset, the condition returns false."
// IAM User Guide, "IAM JSON policy elements: Condition operators" (current): "ForAllValues:StringNotEquals
// – None of the values of the context key in the request can match any of the context key values in your
// policy." "ForAnyValue:StringNotEquals – At least one context key value in the request must NOT match
// any of values in the context key in your policy."
describe('ForAnyValue / ForAllValues (IAM User Guide, "Creating a condition with multiple keys or values")', () => {
  const allowed = ['env', 'team', 'cost-center'];
  table([
    [
      'ForAnyValue: one request value is in the policy set',
      { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['team', 'owner'] } },
      { 'aws:TagKeys': ['env', 'team'] },
      true,
    ],
    [
      'ForAnyValue: no request value is in the policy set',
      { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['owner'] } },
      { 'aws:TagKeys': ['env', 'team'] },
      false,
    ],
    ['ForAnyValue: a missing key is false', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['owner'] } }, {}, false],
    ['ForAnyValue: an empty set is false', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['owner'] } }, { 'aws:TagKeys': [] }, false],
    ['ForAnyValue: an empty string is a null data set (false)', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['', 'owner'] } }, { 'aws:TagKeys': '' }, false],
    ['ForAnyValue:StringLike', { 'ForAnyValue:StringLike': { 'aws:TagKeys': 'cost-*' } }, { 'aws:TagKeys': ['env', 'cost-center'] }, true],
    [
      'ForAllValues: every request value is in the policy set',
      { 'ForAllValues:StringEquals': { 'aws:TagKeys': allowed } },
      { 'aws:TagKeys': ['env', 'team'] },
      true,
    ],
    ['ForAllValues: one request value is not', { 'ForAllValues:StringEquals': { 'aws:TagKeys': allowed } }, { 'aws:TagKeys': ['env', 'owner'] }, false],
    ['ForAllValues: a missing key is true', { 'ForAllValues:StringEquals': { 'aws:TagKeys': allowed } }, {}, true],
    ['ForAllValues: an empty set is true', { 'ForAllValues:StringEquals': { 'aws:TagKeys': allowed } }, { 'aws:TagKeys': [] }, true],
    ['ForAllValues: an empty string is a null data set (true)', { 'ForAllValues:StringEquals': { 'aws:TagKeys': allowed } }, { 'aws:TagKeys': '' }, true],
    ['ForAllValues: a single value (one-element set)', { 'ForAllValues:StringEquals': { 'aws:TagKeys': allowed } }, { 'aws:TagKeys': ['team'] }, true],
    ['ForAllValues:StringEqualsIgnoreCase', { 'ForAllValues:StringEqualsIgnoreCase': { 'aws:TagKeys': allowed } }, { 'aws:TagKeys': ['ENV', 'Team'] }, true],
    [
      'ForAllValues:StringNotEquals: no request value is in the policy set',
      { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } },
      { 'aws:TagKeys': ['env', 'team'] },
      true,
    ],
    [
      'ForAllValues:StringNotEquals: one request value is in the policy set',
      { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } },
      { 'aws:TagKeys': ['env', 'secret'] },
      false,
    ],
    ['ForAllValues:StringNotEquals: missing key is true', { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': ['secret'] } }, {}, true],
    [
      'ForAnyValue:StringNotEquals: one request value is outside the policy set',
      { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['secret'] } },
      { 'aws:TagKeys': ['env', 'secret'] },
      true,
    ],
    [
      'ForAnyValue:StringNotEquals: every request value is in the policy set',
      { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['secret'] } },
      { 'aws:TagKeys': ['secret'] },
      false,
    ],
    ['ForAnyValue:StringNotEquals: missing key is false', { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['secret'] } }, {}, false],
    // Condition operators (current) table: ForAllValues:ArnLike with "No logs:LogGeneratingResourceArns in
    // the request context" is a Match.
    [
      'ForAllValues:ArnLike: missing key is a match',
      { 'ForAllValues:ArnLike': { 'logs:LogGeneratingResourceArns': 'arn:aws:cloudformation::123456789012:*' } },
      {},
      true,
    ],
    [
      'ForAllValues:ArnLike: every ARN matches',
      { 'ForAllValues:ArnLike': { 'logs:LogGeneratingResourceArns': 'arn:aws:cloudformation::123456789012:*' } },
      { 'logs:LogGeneratingResourceArns': ['arn:aws:cloudformation::123456789012:stack/a', 'arn:aws:cloudformation::123456789012:stack/b'] },
      true,
    ],
    [
      'ForAllValues:ArnLike: one ARN does not',
      { 'ForAllValues:ArnLike': { 'logs:LogGeneratingResourceArns': 'arn:aws:cloudformation::123456789012:*' } },
      { 'logs:LogGeneratingResourceArns': ['arn:aws:cloudformation::123456789012:stack/a', 'arn:aws:cloudformation::444455556666:stack/b'] },
      false,
    ],
    ['ForAllValues with IfExists and a missing key', { 'ForAllValues:StringEqualsIfExists': { 'aws:TagKeys': allowed } }, {}, true],
    [
      'ForAllValues: a set holding only an empty string is a null data set (true)',
      { 'ForAllValues:StringEquals': { 'aws:TagKeys': allowed } },
      { 'aws:TagKeys': [''] },
      true,
    ],
    [
      'ForAnyValue with IfExists and an empty string: the key is present, the data set is null (false)',
      { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': ['', 'env'] } },
      { 'aws:TagKeys': '' },
      false,
    ],
    [
      'ForAllValues: an empty string beside a real value is compared as a value',
      { 'ForAllValues:StringEquals': { 'aws:TagKeys': allowed } },
      { 'aws:TagKeys': ['env', ''] },
      false,
    ],
  ]);

  // Single-valued vs. multivalued context keys: "When using ForAnyValue with a Deny effect, if the context
  // key is not present in the request, the policy evaluates as No match."
  it('a Deny with ForAnyValue does not apply when the key is absent', async () => {
    const { match, report } = await conditionCase('Deny', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': ['secret'] } });
    expect(match.applies).toBe(false);
    expect(report.decision).toBe('Allowed');
  });

  // "Use caution if you use ForAllValues with an Allow effect ... You should always include the Null
  // condition operator in your policy with a false value": the guard turns the missing key into a no.
  it('ForAllValues with a Null "false" guard does not allow a request without the key', async () => {
    const cond = { 'ForAllValues:StringEquals': { 'aws:TagKeys': allowed }, Null: { 'aws:TagKeys': 'false' } };
    expect(await conditionHolds(cond, {})).toBe(false);
    expect(await conditionHolds(cond, { 'aws:TagKeys': ['env'] })).toBe(true);
  });
});

// IAM User Guide, "Creating a condition with multiple keys or values": "If your policy has multiple
// condition operators or multiple keys attached to a single condition operator, the conditions are
// evaluated using a logical AND. If a single condition operator includes multiple values for one key,
// that condition operator is evaluated using a logical OR." For negated operators the values are NOR
// ("Conditions with multiple context keys or values", current page, paraphrased in docs/aws-semantics.md).
describe('several keys AND, several values OR (IAM User Guide, "Creating a condition with multiple keys or values")', () => {
  const twoKeys = { StringEquals: { 's3:x-amz-acl': 'private', 's3:prefix': 'home/' } };
  const twoOperators = { StringEquals: { 's3:x-amz-acl': 'private' }, IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } };
  const twoValues = { StringEquals: { 's3:x-amz-acl': ['private', 'bucket-owner-full-control'] } };
  const notTwoValues = { StringNotEquals: { 's3:x-amz-acl': ['public-read', 'public-read-write'] } };
  table([
    ['two keys, both match', twoKeys, { 's3:x-amz-acl': 'private', 's3:prefix': 'home/' }, true],
    ['two keys, one differs', twoKeys, { 's3:x-amz-acl': 'private', 's3:prefix': 'tmp/' }, false],
    ['two keys, one absent', twoKeys, { 's3:x-amz-acl': 'private' }, false],
    ['two operators, both hold', twoOperators, { 's3:x-amz-acl': 'private', 'aws:SourceIp': '203.0.113.9' }, true],
    ['two operators, one fails', twoOperators, { 's3:x-amz-acl': 'private', 'aws:SourceIp': '198.51.100.9' }, false],
    ['two values, the second matches', twoValues, { 's3:x-amz-acl': 'bucket-owner-full-control' }, true],
    ['two values, none matches', twoValues, { 's3:x-amz-acl': 'public-read' }, false],
    ['negated, two values: equal to neither (NOR) holds', notTwoValues, { 's3:x-amz-acl': 'private' }, true],
    ['negated, two values: equal to one of them fails', notTwoValues, { 's3:x-amz-acl': 'public-read-write' }, false],
  ]);

  it('every failing condition is traced, not only the first', async () => {
    const { match } = await conditionCase('Allow', twoKeys, { 's3:x-amz-acl': 'public-read', 's3:prefix': 'tmp/' });
    expect(match.applies).toBe(false);
    expect(match.conditions.map((t) => [t.key, t.result])).toEqual([
      ['s3:x-amz-acl', false],
      ['s3:prefix', false],
    ]);
  });
});

// IAM User Guide, "IAM JSON Policy Elements: Condition": "Condition key names are not case-sensitive. For
// example, including the aws:SourceIP condition key is equivalent to testing for AWS:SourceIp.
// Case-sensitivity of condition key values depends on the condition operator that you use." And "Key
// names are not case-sensitive ... the condition matches a resource tag key named either TagKey1 or
// tagkey1".
describe('condition key names are case-insensitive (IAM User Guide, "IAM JSON Policy Elements: Condition")', () => {
  table([
    ['AWS:SourceIP in the policy, aws:SourceIp in the request', { IpAddress: { 'AWS:SourceIP': '203.0.113.0/24' } }, { 'aws:SourceIp': '203.0.113.7' }, true],
    ['aws:sourceip in the policy, AWS:SOURCEIP in the request', { IpAddress: { 'aws:sourceip': '203.0.113.0/24' } }, { 'AWS:SOURCEIP': '203.0.113.7' }, true],
    [
      'the tag-key part too: aws:PrincipalTag/Team vs aws:principaltag/team',
      { StringEquals: { 'aws:PrincipalTag/Team': 'blue' } },
      { 'aws:principaltag/team': 'blue' },
      true,
    ],
    [
      'ec2:ResourceTag/TagKey1 vs ec2:ResourceTag/tagkey1',
      { StringEquals: { 'ec2:ResourceTag/TagKey1': 'Value1' } },
      { 'ec2:ResourceTag/tagkey1': 'Value1' },
      true,
    ],
    [
      'key case is ignored, value case is not (StringEquals)',
      { StringEquals: { 'AWS:PrincipalTag/team': 'Blue' } },
      { 'aws:PrincipalTag/team': 'blue' },
      false,
    ],
    ['a derived key in another case (AWS:USERNAME)', { StringEquals: { 'AWS:USERNAME': 'alice' } }, {}, true],
    ['a default key in another case (AWS:securetransport)', { Bool: { 'AWS:securetransport': 'true' } }, {}, true],
  ]);
});

// Grammar of the IAM JSON policy language: `<condition_value> = ("string" | "number" | "Boolean")`;
// "IAM JSON policy elements: Condition operators" compares String operators as strings. A JSON number
// or boolean in the policy is compared as its text.
describe('JSON numbers and booleans as policy values (IAM User Guide, "Grammar of the IAM JSON policy language")', () => {
  table([
    ['StringEquals 10 vs "10"', { StringEquals: { 's3:max-keys': 10 } }, { 's3:max-keys': '10' }, true],
    ['StringEquals 10 vs the JSON number 10', { StringEquals: { 's3:max-keys': 10 } }, { 's3:max-keys': 10 }, true],
    ['StringEquals 10 vs "10.0" (text, not number)', { StringEquals: { 's3:max-keys': 10 } }, { 's3:max-keys': '10.0' }, false],
    ['StringLike 1 vs "1"', { StringLike: { 's3:max-keys': 1 } }, { 's3:max-keys': '1' }, true],
    ['NumericEquals 10 vs "10"', { NumericEquals: { 's3:max-keys': 10 } }, { 's3:max-keys': '10' }, true],
    ['NumericLessThan 10 vs 9', { NumericLessThan: { 's3:max-keys': 10 } }, { 's3:max-keys': 9 }, true],
    ['StringEquals true vs the default aws:SecureTransport', { StringEquals: { 'aws:SecureTransport': true } }, {}, true],
    [
      'StringEquals false vs JSON false in the request',
      { StringEquals: { 'aws:MultiFactorAuthPresent': false } },
      { 'aws:MultiFactorAuthPresent': false },
      true,
    ],
    [
      'StringEquals "True" vs true is case-sensitive text',
      { StringEquals: { 'aws:MultiFactorAuthPresent': 'True' } },
      { 'aws:MultiFactorAuthPresent': true },
      false,
    ],
    ['DateGreaterThan with an epoch JSON number', { DateGreaterThan: { 'aws:CurrentTime': 1735689600 } }, {}, true],
  ]);

  it('the trace shows the policy value as text', async () => {
    const { traces } = await conditionCase('Allow', { StringEquals: { 's3:max-keys': 10 } }, { 's3:max-keys': '10' });
    expect(traces[0]!.policyValues).toEqual(['10']);
  });
});

// Wrong-type values. IAM JSON policy elements: Condition operators does not say what happens when a
// value cannot be compared (docs/aws-semantics.md, section 6: "docs silent"). Project choice (README,
// "How it decides"): "an Allow with it does not apply; a Deny with it is applied ("applied to fail
// closed")".
describe('values that cannot be compared: Allow does not apply, Deny fails closed (project choice; Condition operators page is silent)', () => {
  const rows: [title: string, condition: Json, context: Json][] = [
    ['NumericLessThan, policy value is not a number', { NumericLessThan: { 's3:max-keys': 'ten' } }, { 's3:max-keys': '5' }],
    ['NumericLessThan, request value is not a number', { NumericLessThan: { 's3:max-keys': '10' } }, { 's3:max-keys': 'many' }],
    ['NumericNotEquals, policy value is not a number', { NumericNotEquals: { 's3:max-keys': '1e' } }, { 's3:max-keys': '5' }],
    ['DateLessThan, policy value is not a date', { DateLessThan: { 'aws:CurrentTime': 'yesterday' } }, {}],
    ['DateEquals, wildcards are not permitted in dates', { DateEquals: { 'aws:CurrentTime': '2026-*' } }, {}],
    ['DateLessThan, a calendar date that does not exist', { DateLessThan: { 'aws:CurrentTime': '2026-02-30' } }, { 'aws:CurrentTime': '2026-03-01T00:00:00Z' }],
    // (A service key: a malformed value of a typed global key is refused when the request is read.)
    ['DateLessThan, request value is not a date', { DateLessThan: { 'example:expires': '2026-01-01T00:00:00Z' } }, { 'example:expires': 'soon' }],
    ['Bool, policy value is neither true nor false', { Bool: { 'aws:SecureTransport': 'yes' } }, {}],
    ['Bool, request value is neither true nor false', { Bool: { 'example:flag': 'true' } }, { 'example:flag': 'maybe' }],
    ['BinaryEquals, policy value is not base64', { BinaryEquals: { 'example:blob': 'not base64!' } }, { 'example:blob': 'QmluYXJ5' }],
    ['IpAddress, prefix longer than 32 bits', { IpAddress: { 'aws:SourceIp': '203.0.113.0/33' } }, { 'aws:SourceIp': '203.0.113.7' }],
    ['IpAddress, policy value is not an address', { IpAddress: { 'aws:SourceIp': 'office' } }, { 'aws:SourceIp': '203.0.113.7' }],
    ['NotIpAddress, policy value is not an address', { NotIpAddress: { 'aws:SourceIp': '203.0.113.300' } }, { 'aws:SourceIp': '203.0.113.7' }],
    ['IpAddress, request value is not an address', { IpAddress: { 'example:ip': '203.0.113.0/24' } }, { 'example:ip': 'localhost' }],
    ['ArnLike, request value is not an ARN', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:*' } }, { 'aws:SourceArn': 'my-topic' }],
    ['ArnNotLike, request value is not an ARN', { ArnNotLike: { 'aws:SourceArn': 'arn:aws:sns:*:111122223333:*' } }, { 'aws:SourceArn': 'my-topic' }],
  ];
  it.each(rows)('%s: an Allow does not apply', async (_t, condition, context) => {
    const { match, traces, report } = await conditionCase('Allow', condition, context);
    expect(match.applies).toBe(false);
    expect(match.failedElement).toBe('Condition');
    expect(traces.some((t) => t.error !== undefined)).toBe(true);
    expect(report.decision).toBe('ImplicitDeny');
  });
  it.each(rows)('%s: a Deny is applied to fail closed', async (_t, condition, context) => {
    const { match, traces, report } = await conditionCase('Deny', condition, context);
    expect(match.applies).toBe(true);
    expect(match.failClosed).toBe(true);
    expect(match.reason).toMatch(/fail closed/);
    expect(traces.some((t) => t.error !== undefined)).toBe(true);
    expect(report.decision).toBe('ExplicitDeny');
  });

  // Logical AND ("Creating a condition with multiple keys or values"): a condition that is plainly false
  // makes the statement not apply, whatever another condition's error.
  it('a Deny whose other condition is false does not apply, even with an uncomparable value', async () => {
    const { match } = await conditionCase(
      'Deny',
      { NumericLessThan: { 's3:max-keys': 'ten' }, StringEquals: { 's3:prefix': 'home/' } },
      { 's3:max-keys': '5', 's3:prefix': 'tmp/' },
    );
    expect(match.applies).toBe(false);
    expect(match.failClosed).toBeUndefined();
  });

  // Logical OR over a key's values: one comparable value that matches is enough.
  it('an uncomparable value beside a matching one: the OR holds', async () => {
    expect(await conditionHolds({ NumericEquals: { 's3:max-keys': ['ten', '5'] } }, { 's3:max-keys': '5' })).toBe(true);
  });

  it('an absent key is not an error: a Deny with a bad policy value and an absent key does not apply', async () => {
    const { match } = await conditionCase('Deny', { NumericLessThan: { 's3:max-keys': 'ten' } }, {});
    expect(match.applies).toBe(false);
  });
});

// An operator without ForAnyValue:/ForAllValues: on several request values. Single-valued vs. multivalued
// context keys says only "Multivalued context keys require a condition set operator" (docs silent on the
// result). Project choice (README, "How it decides"): "an Allow needs every value to satisfy it; a Deny
// applies if any value does."
describe('an unqualified operator on several request values (project choice; "Single-valued vs. multivalued context keys" is silent)', () => {
  const rows: [title: string, effect: 'Allow' | 'Deny', condition: Json, context: Json, applies: boolean][] = [
    ['Allow, one of two values matches', 'Allow', { StringEquals: { 'aws:TagKeys': 'env' } }, { 'aws:TagKeys': ['env', 'team'] }, false],
    ['Allow, both values match', 'Allow', { StringEquals: { 'aws:TagKeys': ['env', 'team'] } }, { 'aws:TagKeys': ['env', 'team'] }, true],
    ['Allow, StringLike matches both', 'Allow', { StringLike: { 'aws:TagKeys': 'e*' } }, { 'aws:TagKeys': ['env', 'eu'] }, true],
    ['Allow, negated: one value is in the list', 'Allow', { StringNotEquals: { 'aws:TagKeys': 'env' } }, { 'aws:TagKeys': ['env', 'team'] }, false],
    ['Allow, negated: no value is in the list', 'Allow', { StringNotEquals: { 'aws:TagKeys': 'secret' } }, { 'aws:TagKeys': ['env', 'team'] }, true],
    ['Deny, one of two values matches', 'Deny', { StringEquals: { 'aws:TagKeys': 'env' } }, { 'aws:TagKeys': ['env', 'team'] }, true],
    ['Deny, no value matches', 'Deny', { StringEquals: { 'aws:TagKeys': 'secret' } }, { 'aws:TagKeys': ['env', 'team'] }, false],
    ['Deny, negated: one value is outside the list', 'Deny', { StringNotEquals: { 'aws:TagKeys': 'env' } }, { 'aws:TagKeys': ['env', 'team'] }, true],
    ['Deny, negated: every value is in the list', 'Deny', { StringNotEquals: { 'aws:TagKeys': ['env', 'team'] } }, { 'aws:TagKeys': ['env', 'team'] }, false],
    ['Allow, a one-element array is a single value', 'Allow', { StringEquals: { 'aws:TagKeys': 'env' } }, { 'aws:TagKeys': ['env'] }, true],
  ];
  it.each(rows)('%s', async (_t, effect, condition, context, applies) => {
    expect(await conditionHolds(condition, context, effect)).toBe(applies);
  });
});

// Policies written for Version 2008-10-17 use the same operators (IAM User Guide, "IAM JSON policy
// elements: Version" only changes policy variables).
describe('operators under Version 2008-10-17 (IAM User Guide, "IAM JSON policy elements: Version")', () => {
  it('StringLike still takes wildcards', async () => {
    const { match } = await conditionCase('Allow', { StringLike: { 's3:prefix': 'home/*' } }, { 's3:prefix': 'home/x' }, { version: '2008-10-17' });
    expect(match.applies).toBe(true);
  });
});

// Unit level: parseDate. "You must specify date/time values with one of the W3C implementations of the ISO
// 8601 date formats or in epoch (UNIX) time" (Condition operators). The W3C note lists YYYY, YYYY-MM,
// YYYY-MM-DD and date-times with hh:mm, hh:mm:ss or hh:mm:ss.s and a time zone; plain digits are read as
// epoch seconds (so a bare year is not a date here).
describe('parseDate (IAM User Guide, "IAM JSON policy elements: Condition operators", Date condition operators)', () => {
  const rows: [text: string, iso: string | null][] = [
    ['2026-01-01T00:00:00Z', '2026-01-01T00:00:00.000Z'],
    ['2026-01-01T00:00Z', '2026-01-01T00:00:00.000Z'],
    ['2026-01-01T00:00:00.5Z', '2026-01-01T00:00:00.500Z'],
    ['2026-01-01T02:00:00+02:00', '2026-01-01T00:00:00.000Z'],
    ['2026-01-01T00:00:00', '2026-01-01T00:00:00.000Z'],
    ['2026-01-01', '2026-01-01T00:00:00.000Z'],
    ['2026-01', '2026-01-01T00:00:00.000Z'],
    ['2024-02-29', '2024-02-29T00:00:00.000Z'],
    ['1767225600', '2026-01-01T00:00:00.000Z'],
    ['0', '1970-01-01T00:00:00.000Z'],
    ['2025-02-29', null],
    ['2026-04-31', null],
    ['2026-02-30', null],
    ['2026-13', null],
    ['2026-00-10', null],
    ['2026-01-01T25:00:00Z', null],
    ['2026-*', null],
    ['yesterday', null],
    ['', null],
  ];
  it.each(rows)('%s → %s', (text, iso) => {
    const ms = parseDate(text);
    expect(ms === null ? null : new Date(ms).toISOString()).toBe(iso);
  });
});

// Unit level: match/ip.ts. "The value must be in the standard CIDR format (for example, 203.0.113.0/24 or
// 2001:DB8:1234:5678::/64). If you specify an IP address without the associated routing prefix, IAM uses the
// default prefix value of /32." (Condition operators, IP address condition operators)
describe('parseIpStrict / parseCidrStrict (IAM User Guide, "IAM JSON policy elements: Condition operators")', () => {
  it.each([
    ['203.0.113.7', 'ipv4'],
    ['2001:db8::1', 'ipv6'],
    ['2001:DB8:1234:5678::1', 'ipv6'],
    ['::ffff:203.0.113.7', 'ipv4'],
    ['0010.0xa5.1.1', null],
    ['203.0.113', null],
    ['256.0.0.1', null],
    ['203.0.113.07', null],
    ['3405803783', null],
    ['fe80::1%eth0', null],
    ['', null],
  ] as [string, string | null][])('address %s → %s', (text, kind) => {
    const ip = parseIpStrict(text);
    expect(ip === null ? null : ip.kind()).toBe(kind);
  });

  it.each([
    ['203.0.113.0/24', '203.0.113.255', true],
    ['203.0.113.0/24', '203.0.114.0', false],
    ['203.0.113.7', '203.0.113.7', true],
    ['203.0.113.7', '203.0.113.6', false],
    ['0.0.0.0/0', '198.51.100.1', true],
    ['2001:DB8:1234:5678::/64', '2001:db8:1234:5678:ffff:ffff:ffff:ffff', true],
    ['2001:DB8:1234:5678::/64', '2001:db8:1234:5679::', false],
    ['2001:db8::1', '2001:db8::1', true],
    ['2001:db8::1', '2001:db8::2', false],
    ['::/0', '2001:db8::1', true],
    ['::/0', '203.0.113.7', false],
    ['203.0.113.0/24', '::ffff:203.0.113.9', true],
  ] as [string, string, boolean][])('%s contains %s → %s', (cidr, ip, expected) => {
    expect(cidrContains(parseCidrStrict(cidr)!, parseIpStrict(ip)!)).toBe(expected);
  });

  it.each(['203.0.113.0/33', '2001:db8::/129', '203.0.113.0/', '203.0.113.0/x', 'office', '203.0.113.0/24/1'])('%s is not a CIDR range', (text) => {
    expect(parseCidrStrict(text)).toBeNull();
  });
});
