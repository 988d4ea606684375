import { describe, expect, it } from 'vitest';
import { decodeText, readJson } from '../../src/json/read.js';
import { InputError } from '../../src/model/errors.js';
import { member, toPlain } from '../../src/json/tree.js';

function errorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('readJson', () => {
  it('keeps line and column of every value, 1-based', () => {
    const doc = readJson('{\n  "a": [1, "x"],\n  "b": {"c": true}\n}', 'f.json');
    expect(doc.root.kind).toBe('object');
    const root = doc.root as Extract<typeof doc.root, { kind: 'object' }>;
    const a = member(root, 'a')!;
    expect(a.keySpan).toMatchObject({ line: 2, column: 3 });
    expect(a.value.span).toMatchObject({ line: 2, column: 8 });
  });

  it('rejects a duplicate key at the second occurrence', () => {
    const e = errorOf(() => readJson('{\n  "Effect": "Allow",\n  "Effect": "Deny"\n}', 'p.json'));
    expect(e.format()).toBe('p.json:3:3: duplicate key "Effect" (first at line 2, column 3); JSON parsers disagree on which one wins');
  });

  it('strips a BOM', () => {
    expect(toPlain(readJson('\ufeff{"a": 1}', 'f').root)).toEqual({ a: 1 });
  });

  it('counts CRLF line endings once', () => {
    const doc = readJson('{\r\n"a":\r\n 1}', 'f');
    const a = member(doc.root as never, 'a')!;
    expect(a.value.span.line).toBe(3);
  });

  it('keeps the raw text of numbers', () => {
    const doc = readJson('{"n": 1.50, "acct": 012345678901}'.replace('012345678901', '123456789012'), 'f');
    const n = member(doc.root as never, 'n')!.value;
    expect(n).toMatchObject({ kind: 'number', raw: '1.50' });
  });

  it('treats "__proto__" as an ordinary key', () => {
    const plain = toPlain(readJson('{"__proto__": {"polluted": true}, "a": 1}', 'f').root) as Record<string, unknown>;
    expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(plain)).toEqual(['__proto__', 'a']);
  });

  it.each([
    ['{"a": ', 'f.json:1:7: invalid JSON: the file ends before the JSON value is complete (truncated?)'],
    ['{"a": 1,}', 'f.json:1:9: invalid JSON: unexpected token RBrace found'],
    ['   ', 'f.json: file is empty'],
  ])('reports %j precisely', (text, message) => {
    expect(errorOf(() => readJson(text, 'f.json')).format()).toBe(message);
  });

  it('refuses deep nesting without exhausting the stack', () => {
    const text = '['.repeat(200000) + ']'.repeat(200000);
    const e = errorOf(() => readJson(text, 'deep.json'));
    expect(e.format()).toMatch(/^deep\.json:1:65: JSON nested deeper than 64 levels/);
  });
});

describe('decodeText', () => {
  it('refuses empty and binary files', () => {
    expect(errorOf(() => decodeText(new Uint8Array(), 'e.json')).format()).toBe('e.json: file is empty');
    expect(errorOf(() => decodeText(new Uint8Array([0x7b, 0, 0x7d]), 'b.bin')).message).toMatch(/binary/);
    expect(errorOf(() => decodeText(new Uint8Array([0xff, 0xfe, 0x41]), 'x.json')).message).toMatch(/not UTF-8/);
  });
});
