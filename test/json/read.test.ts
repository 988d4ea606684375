import { describe, expect, it } from 'vitest';
import { decodeText, decodeTextDiagnostics, readJson, readJsonDiagnostics } from '../../src/json/index.js';
import { InputError } from '../../src/model/errors.js';
import { member, toPlain } from '../../src/json/tree.js';
import { PARSE_DIAGNOSTIC_CODES } from '../../src/model/diagnostic.js';

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
    ['{"a": 1,}', 'f.json:1:9: invalid JSON: a trailing comma before `}` (JSON allows none)'],
    ['[1,\n  ]', 'f.json:2:3: invalid JSON: a trailing comma before `]` (JSON allows none)'],
    ['[1 ]]', 'f.json:1:5: invalid JSON: unexpected `]`'],
    ['{{}}', 'f.json:1:2: invalid JSON: unexpected `{`'],
    ['   ', 'f.json: file is empty'],
  ])('reports %j precisely', (text, message) => {
    expect(errorOf(() => readJson(text, 'f.json')).format()).toBe(message);
  });

  // RFC 8259, section 7 (Strings): "All Unicode characters may be placed within the quotation marks,
  // except for the characters that MUST be escaped: quotation mark, reverse solidus, and the control
  // characters (U+0000 through U+001F)." The JSON reader we use (momoa) accepts them: we refuse them.
  it.each([
    [
      'a line break pasted into a string',
      '{\n  "Resource": "arn:aws:s3:::bucket/\nkey"\n}',
      'f.json:2:36: invalid JSON: a raw line break inside a string; JSON strings must write it as \\n (was the text pasted from a web page?)',
    ],
    [
      'a tab',
      '{"Sid": "a\tb"}',
      'f.json:1:11: invalid JSON: a raw tab inside a string; JSON strings must write it as \\t (was the text pasted from a web page?)',
    ],
    [
      'a carriage return',
      '{"Sid": "a\rb"}',
      'f.json:1:11: invalid JSON: a raw carriage return inside a string; JSON strings must write it as \\r (was the text pasted from a web page?)',
    ],
    [
      'another control character',
      '{"Sid": "a\u0001b"}',
      'f.json:1:11: invalid JSON: a raw control character U+0001 inside a string; JSON strings must write it as \\u0001 (was the text pasted from a web page?)',
    ],
    [
      'a line break inside a key',
      '{"Ef\nfect": "Allow"}',
      'f.json:1:5: invalid JSON: a raw line break inside a string; JSON strings must write it as \\n (was the text pasted from a web page?)',
    ],
    ['a syntax error before the control character comes first', '{"a" 1, "b": "x\ny"}', 'f.json:1:6: invalid JSON: unexpected number'],
    [
      'a control character before deep nesting comes first',
      '{"a": "x\ty", "b": ' + '['.repeat(70),
      'f.json:1:9: invalid JSON: a raw tab inside a string; JSON strings must write it as \\t (was the text pasted from a web page?)',
    ],
  ])('refuses %s with its position', (_name, text, message) => {
    expect(errorOf(() => readJson(text, 'f.json')).format()).toBe(message);
  });

  it('accepts escaped control characters and characters JSON allows raw (DEL, U+2028)', () => {
    expect(toPlain(readJson('{"a": "x\\ny\\t\u007f\u2028"}', 'f').root)).toEqual({ a: 'x\ny\t\u007f\u2028' });
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

type Expected = [code: string, line?: number, column?: number][];

function codes(diagnostics: { code: string; span?: { line: number; column: number } }[]): Expected {
  return diagnostics.map((d) => (d.span ? [d.code, d.span.line, d.span.column] : [d.code]));
}

describe('readJsonDiagnostics', () => {
  const cases: [name: string, text: string, expected: Expected, firstMessage: string][] = [
    [
      'every duplicate key, nested ones included, in document order',
      ['{', '  "a": {"x": 1, "x": 2},', '  "b": 1,', '  "a": {"y": [{"z": 1, "z": 2}], "y": 3},', '  "b": 2', '}'].join('\n'),
      [
        ['json-duplicate-key', 2, 17],
        ['json-duplicate-key', 4, 3],
        ['json-duplicate-key', 4, 24],
        ['json-duplicate-key', 4, 34],
        ['json-duplicate-key', 5, 3],
      ],
      'f.json:2:17: duplicate key "x" (first at line 2, column 9); JSON parsers disagree on which one wins',
    ],
    [
      'a key three times: each repeat names the first',
      '{"k": 1, "k": 2, "k": 3}',
      [
        ['json-duplicate-key', 1, 10],
        ['json-duplicate-key', 1, 18],
      ],
      'f.json:1:10: duplicate key "k" (first at line 1, column 2); JSON parsers disagree on which one wins',
    ],
    ['a syntax error stops the parser: one diagnostic', '{"a": 1,, "a": 2}', [['json-syntax', 1, 9]], 'f.json:1:9: invalid JSON: unexpected `,`'],
    [
      'a truncated file, at its end',
      '{\n  "a": {"b": 1}\n',
      [['json-syntax', 3, 1]],
      'f.json:3:1: invalid JSON: the file ends before the JSON value is complete (truncated?)',
    ],
    ['whitespace only', ' \n\t ', [['json-empty']], 'f.json: file is empty'],
    ['a BOM only', '\ufeff', [['json-empty']], 'f.json: file is empty'],
    [
      'too deep, before any syntax error or duplicate',
      '{"a": 1, "a": 2, "b": ' + '['.repeat(70) + ',',
      [['json-too-deep', 1, 86]],
      'f.json:1:86: JSON nested deeper than 64 levels; no policy or request is this deep',
    ],
  ];

  it.each(cases)('%s', (_name, text, expected, firstMessage) => {
    const { diagnostics } = readJsonDiagnostics(text, 'f.json');
    expect(codes(diagnostics)).toEqual(expected);
    for (const d of diagnostics) {
      expect(d).toMatchObject({ severity: 'error', file: 'f.json' });
      expect(PARSE_DIAGNOSTIC_CODES.has(d.code), d.code).toBe(true);
    }
    expect(errorOf(() => readJson(text, 'f.json')).format()).toBe(firstMessage);
  });

  it('returns the tree despite duplicate keys, keeping the first occurrence of each', () => {
    const { doc, diagnostics } = readJsonDiagnostics('{"a": 1, "b": {"c": 1, "c": 2}, "a": 3}', 'f.json');
    expect(diagnostics).toHaveLength(2);
    expect(toPlain(doc!.root)).toEqual({ a: 1, b: { c: 1 } });
  });

  it('returns no tree when the text does not parse, and no diagnostic when all is well', () => {
    expect(readJsonDiagnostics('{"a": ', 'f.json').doc).toBeUndefined();
    const ok = readJsonDiagnostics('{"a": [1]}', 'f.json');
    expect(ok.diagnostics).toEqual([]);
    expect(toPlain(ok.doc!.root)).toEqual({ a: [1] });
  });

  it('gives the span of the repeated key and keeps today’s message', () => {
    const { diagnostics } = readJsonDiagnostics('{\n  "Effect": "Allow",\n  "Effect": "Deny"\n}', 'p.json');
    expect(diagnostics).toEqual([
      {
        code: 'json-duplicate-key',
        severity: 'error',
        message: 'duplicate key "Effect" (first at line 2, column 3); JSON parsers disagree on which one wins',
        file: 'p.json',
        span: { line: 3, column: 3, endLine: 3, endColumn: 11 },
      },
    ]);
  });
});

describe('decodeTextDiagnostics', () => {
  it.each([
    [new Uint8Array(), 'json-empty', 'file is empty'],
    [new Uint8Array([0x7b, 0, 0x7d]), 'json-binary', 'file is binary, not JSON text (it contains NUL bytes)'],
    [new Uint8Array([0xff, 0xfe, 0x41]), 'json-not-utf8', 'file is not UTF-8 text'],
  ])('%j → %s', (bytes, code, message) => {
    expect(decodeTextDiagnostics(bytes, 'x.json')).toEqual({ diagnostics: [{ code, severity: 'error', message, file: 'x.json' }] });
    expect(PARSE_DIAGNOSTIC_CODES.has(code)).toBe(true);
    expect(errorOf(() => decodeText(bytes, 'x.json')).format()).toBe(`x.json: ${message}`);
  });

  it('decodes UTF-8 text', () => {
    expect(decodeTextDiagnostics(new TextEncoder().encode('{"a": "é"}'), 'x.json')).toEqual({ text: '{"a": "é"}', diagnostics: [] });
  });
});
