import { describe, expect, it } from 'vitest';
import { compileWildcard } from '../../../src/evaluator/match/wildcard.js';

// IAM User Guide, "IAM JSON policy elements: Resource" and "Action": `*` matches any run of
// characters (crossing `/`), `?` exactly one; nothing else is special.
describe('compileWildcard', () => {
  const cases: [pattern: string, input: string, expected: boolean, ignoreCase?: boolean][] = [
    ['*', '', true],
    ['*', 'anything/at:all', true],
    ['abc', 'abc', true],
    ['abc', 'abcd', false],
    ['a?c', 'abc', true],
    ['a?c', 'ac', false],
    ['a*c', 'ac', true],
    ['a*c', 'a/b/c', true],
    ['bucket/*', 'bucket/uploads/a.jpg', true],
    ['bucket/uploads/*', 'bucket/other/a.jpg', false],
    ['*/a.jpg', 'bucket/x/a.jpg', true],
    ['a*b*c', 'aXbYc', true],
    ['a*b*c', 'aXcYb', false],
    ['a*a', 'a', false],
    ['a*a', 'aa', true],
    ['??', 'ab', true],
    ['??', 'abc', false],
    ['*?', '', false],
    ['*?', 'x', true],
    ['a*?b', 'axb', true],
    ['a*?b', 'ab', false],
    ['[abc]', 'a', false], // no character classes
    ['[abc]', '[abc]', true],
    ['{a,b}', 'a', false], // no braces
    ['s3:Get*', 's3:getobject', true, true],
    ['S3:GETOBJECT', 's3:GetObject', true, true],
    ['s3:Get*', 's3:getobject', false], // resources are case-sensitive
  ];
  it.each(cases)('%s ~ %s → %s', (pattern, input, expected, ignoreCase) => {
    expect(compileWildcard(pattern, { ignoreCase: ignoreCase === true }).test(input)).toBe(expected);
  });

  it('stays fast on patterns that make backtracking regexes explode', () => {
    const pattern = `${'a*'.repeat(200)}b`;
    const input = 'a'.repeat(20000);
    const m = compileWildcard(pattern);
    expect(m.test(input)).toBe(false);
    expect(m.test(`${input}b`)).toBe(true);
  });
});
