import { placeholder as templatePlaceholder } from '../../iam/placeholder.js';
import type { ts } from 'ts-morph';
import type { JsonMember, JsonNode, JsonObject } from '../../json/index.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { SourceSpan } from '../../model/source.js';

/**
 * What the CDK reader knows about one source file while it reads it: the compiler's tree (never type-checked,
 * never executed), the file's line starts for spans, the file's `const` declarations (the only variables it
 * resolves) and the diagnostics found so far.
 */
export interface CdkContext {
  ts: typeof ts;
  sf: ts.SourceFile;
  file: string;
  lineStarts: readonly number[];
  /** `const` declarations of the file by name: a name declared once is resolved, a name declared twice is not. */
  consts: ReadonlyMap<string, ts.Expression[]>;
  /** What is assigned to `x` or `this.x` (a `const` or a field), for the construct behind a receiver. */
  assigned: ReadonlyMap<string, ts.Expression>;
  /** Method calls on each `const` (`stmt.addActions(…)`), in file order. */
  calls: ReadonlyMap<string, ts.CallExpression[]>;
  /** The statement and document expressions already read as part of a construct (not reported again on their own). */
  consumed: Set<ts.Node>;
  diagnostics: Diagnostic[];
  seen: Set<string>;
}

/**
 * The placeholder for a value only known at deploy time: `{{bucket}}` for the bucket `bucket`, `{{account}}` for the
 * stack's account — the same form templates use (src/iam/placeholder.ts), so the evaluator and the rules read both
 * alike (a Deny holding one applies to any value, an Allow matches only the same placeholder).
 */
export function placeholder(name: string): string {
  return templatePlaceholder(name);
}

/** Line and column (1-based, UTF-16 code units, as the JSON reader counts) of an offset. */
function position(ctx: CdkContext, offset: number): { line: number; column: number } {
  let lo = 0;
  let hi = ctx.lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (ctx.lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - ctx.lineStarts[lo]! + 1 };
}

/** The span of a node in the `.ts` file (end column exclusive, as in every span). */
export function spanOf(ctx: CdkContext, node: ts.Node): SourceSpan {
  const start = position(ctx, node.getStart(ctx.sf));
  const end = position(ctx, node.getEnd());
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

/** Offsets where each line starts (after `\n`, `\r\n` or a lone `\r`). */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
  }
  return starts;
}

/** A node's text, short enough for a one-line message. */
function shortText(ctx: CdkContext, node: ts.Node): string {
  const text = node.getText(ctx.sf).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * Reports that `node` cannot be read statically (an `iac-not-resolved` finding at it) and returns undefined:
 * whatever held the value is left out of the check, never guessed.
 */
export function notResolved(ctx: CdkContext, node: ts.Node, why: string, unchecked = 'the policy statement that holds it'): undefined {
  const span = spanOf(ctx, node);
  const message = `\`${shortText(ctx, node)}\` is not resolved statically (${why}), so ${unchecked} is not checked`;
  const key = `${span.line}:${span.column}:${message}`;
  if (!ctx.seen.has(key)) {
    ctx.seen.add(key);
    ctx.diagnostics.push({ code: 'iac-not-resolved', severity: 'info', message, file: ctx.file, span });
  }
  return undefined;
}

/** The expression inside parentheses, `as`, `satisfies` and `!`. */
export function unwrap(ctx: CdkContext, e: ts.Expression): ts.Expression {
  const { ts } = ctx;
  let x = e;
  while (ts.isParenthesizedExpression(x) || ts.isAsExpression(x) || ts.isSatisfiesExpression(x) || ts.isNonNullExpression(x) || ts.isTypeAssertionExpression(x))
    x = x.expression;
  return x;
}

/** The initializer of the file's one `const` of this name, unless a parameter of an enclosing function hides it. */
export function constValue(ctx: CdkContext, id: ts.Identifier): ts.Expression | undefined {
  const found = ctx.consts.get(id.text);
  if (found?.length !== 1) return undefined;
  for (let p: ts.Node | undefined = id.parent; p; p = p.parent) {
    if (ctx.ts.isFunctionLike(p) && p.parameters.some((param) => ctx.ts.isIdentifier(param.name) && param.name.text === id.text)) return undefined;
  }
  return found[0];
}

/** The last name of a callee or class: `iam.PolicyStatement` → `PolicyStatement`. */
export function lastName(ctx: CdkContext, e: ts.Expression): string | undefined {
  const x = unwrap(ctx, e);
  if (ctx.ts.isIdentifier(x)) return x.text;
  if (ctx.ts.isPropertyAccessExpression(x)) return x.name.text;
  return undefined;
}

/** The name of a property (`actions`, `'aws:SourceArn'`, `0`), or undefined for a computed one. */
function propertyName(ctx: CdkContext, name: ts.PropertyName): string | undefined {
  const { ts } = ctx;
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name) && ts.isStringLiteralLike(name.expression)) return name.expression.text;
  return undefined;
}

/** A string node at a place. */
export function str(value: string, span: SourceSpan): JsonNode {
  return { kind: 'string', value, span };
}

const IN_STACK = (service: string) => `arn:aws:${service}:${placeholder('region')}:${placeholder('account')}:`;

/**
 * The ARN attributes of constructs the stack itself creates, by the attribute, with the class that has it
 * (`new sns.Topic(…)`) and the ARN's form in the Service Authorization Reference, the name a placeholder: the
 * same stack, so its Region and account.
 */
const CONSTRUCT_ARNS: ReadonlyMap<string, { cls: RegExp; arn: (name: string) => string }> = new Map([
  ['topicArn', { cls: /^Topic$/, arn: (n: string) => `${IN_STACK('sns')}${n}` }],
  ['queueArn', { cls: /^Queue$/, arn: (n: string) => `${IN_STACK('sqs')}${n}` }],
  ['keyArn', { cls: /^Key$/, arn: (n: string) => `${IN_STACK('kms')}key/${n}` }],
  ['tableArn', { cls: /^Table(V2)?$/, arn: (n: string) => `${IN_STACK('dynamodb')}table/${n}` }],
  ['functionArn', { cls: /Function$/, arn: (n: string) => `${IN_STACK('lambda')}function:${n}` }],
  ['roleArn', { cls: /^Role$/, arn: (n: string) => `arn:aws:iam::${placeholder('account')}:role/${n}` }],
]);

/** `topic.topicArn` … of a construct this file creates (`const topic = new sns.Topic(…)`); an imported one stays unknown. */
function constructArn(ctx: CdkContext, e: ts.PropertyAccessExpression, receiver: string): string | undefined {
  const form = CONSTRUCT_ARNS.get(e.name.text);
  const init = form && ctx.assigned.get(receiver);
  if (!form || !init) return undefined;
  const created = unwrap(ctx, init);
  if (!ctx.ts.isNewExpression(created) || !form.cls.test(lastName(ctx, created.expression) ?? '')) return undefined;
  return form.arn(placeholder(receiver));
}

/** Deploy-time values policy-why knows the shape of: a bucket's ARN and name, the stack's account, Region and partition. */
function symbolic(ctx: CdkContext, e: ts.PropertyAccessExpression): string | undefined {
  const { ts } = ctx;
  const receiver = e.expression.getText(ctx.sf);
  const name = e.name.text;
  if (name === 'bucketArn') return `arn:aws:s3:::${placeholder(receiver)}`;
  const arn = constructArn(ctx, e, receiver);
  if (arn !== undefined) return arn;
  if (name === 'bucketName') return placeholder(receiver);
  const stackLike = e.expression.kind === ts.SyntaxKind.ThisKeyword || /(^|\.)Stack\.of\(/.test(receiver);
  const aws = lastName(ctx, e.expression) === 'Aws';
  if ((stackLike && name === 'account') || (aws && name === 'ACCOUNT_ID')) return placeholder('account');
  if ((stackLike && name === 'region') || (aws && name === 'REGION')) return placeholder('region');
  // The partition is written `aws`: no rule depends on it, and `{partition}` would make every ARN malformed.
  if ((stackLike && name === 'partition') || (aws && name === 'PARTITION')) return 'aws';
  if (lastName(ctx, e.expression) === 'Effect' && (name === 'ALLOW' || name === 'DENY')) return name === 'ALLOW' ? 'Allow' : 'Deny';
  return undefined;
}

/** A string the expression certainly is, or undefined (reported). */
export function resolveString(ctx: CdkContext, e: ts.Expression, depth = 0): string | undefined {
  const node = resolveValue(ctx, e, depth);
  if (!node) return undefined;
  if (node.kind === 'string') return node.value;
  if (node.kind === 'number') return node.raw;
  return notResolved(ctx, e, 'not a string');
}

function resolveTemplate(ctx: CdkContext, e: ts.TemplateExpression, depth: number): JsonNode | undefined {
  let value = e.head.text;
  for (const part of e.templateSpans) {
    const s = resolveString(ctx, part.expression, depth + 1);
    if (s === undefined) return undefined;
    value += s + part.literal.text;
  }
  return str(value, spanOf(ctx, e));
}

function resolveArray(ctx: CdkContext, e: ts.ArrayLiteralExpression, depth: number): JsonNode | undefined {
  const elements: JsonNode[] = [];
  for (const el of e.elements) {
    if (ctx.ts.isSpreadElement(el)) {
      const spread = resolveValue(ctx, el.expression, depth + 1);
      if (spread?.kind !== 'array') return spread ? notResolved(ctx, el, 'a spread of something that is not an array') : undefined;
      elements.push(...spread.elements);
      continue;
    }
    const v = resolveValue(ctx, el, depth + 1);
    if (!v) return undefined;
    elements.push(v);
  }
  return { kind: 'array', span: spanOf(ctx, e), elements };
}

function resolveObject(ctx: CdkContext, e: ts.ObjectLiteralExpression, depth: number): JsonNode | undefined {
  const { ts } = ctx;
  const members: JsonMember[] = [];
  const put = (m: JsonMember) => {
    const i = members.findIndex((x) => x.key === m.key);
    if (i >= 0) members.splice(i, 1); // in JavaScript the last one wins
    members.push(m);
  };
  for (const p of e.properties) {
    if (ts.isSpreadAssignment(p)) {
      const spread = resolveValue(ctx, p.expression, depth + 1);
      if (spread?.kind !== 'object') return spread ? notResolved(ctx, p, 'a spread of something that is not an object') : undefined;
      spread.members.forEach(put);
      continue;
    }
    const key = ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p) ? propertyName(ctx, p.name) : undefined;
    if (key === undefined) return notResolved(ctx, p, 'a computed key or a method');
    const valueExpr = ts.isPropertyAssignment(p) ? p.initializer : (p as ts.ShorthandPropertyAssignment).name;
    const value = resolveValue(ctx, valueExpr, depth + 1);
    if (!value) return undefined;
    put({ key, keySpan: spanOf(ctx, p.name), value });
  }
  return { kind: 'object', span: spanOf(ctx, e), members };
}

function resolveCall(ctx: CdkContext, e: ts.CallExpression, depth: number): JsonNode | undefined {
  const { ts } = ctx;
  // `bucket.arnForObjects('*')` is "the ARN of an object or objects within the bucket" (aws-s3 README).
  if (ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'arnForObjects' && e.arguments.length === 1) {
    const pattern = resolveString(ctx, e.arguments[0]!, depth + 1);
    if (pattern === undefined) return undefined;
    return str(`arn:aws:s3:::${placeholder(e.expression.expression.getText(ctx.sf))}/${pattern}`, spanOf(ctx, e));
  }
  return notResolved(ctx, e, "a function call's result");
}

/**
 * The JSON value an expression certainly has, with the span where it is written, or undefined (reported):
 * literals, arrays, objects, the file's `const`s, template literals and `+` of known strings, and the
 * deploy-time values of `symbolic`. Nothing else is evaluated.
 */
export function resolveValue(ctx: CdkContext, expr: ts.Expression, depth = 0): JsonNode | undefined {
  const { ts } = ctx;
  const e = unwrap(ctx, expr);
  const span = spanOf(ctx, e);
  if (depth > 32) return notResolved(ctx, e, 'nested too deeply');
  if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return str(e.text, span);
  if (ts.isNumericLiteral(e)) return { kind: 'number', value: Number(e.text), raw: e.text, span };
  if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword)
    return { kind: 'boolean', value: e.kind === ts.SyntaxKind.TrueKeyword, span };
  if (e.kind === ts.SyntaxKind.NullKeyword) return { kind: 'null', value: null, span };
  if (ts.isArrayLiteralExpression(e)) return resolveArray(ctx, e, depth);
  if (ts.isObjectLiteralExpression(e)) return resolveObject(ctx, e, depth);
  if (ts.isTemplateExpression(e)) return resolveTemplate(ctx, e, depth);
  if (ts.isCallExpression(e)) return resolveCall(ctx, e, depth);
  if (ts.isIdentifier(e)) {
    const init = constValue(ctx, e);
    return init ? resolveValue(ctx, init, depth + 1) : notResolved(ctx, e, 'not a `const` of this file');
  }
  if (ts.isPropertyAccessExpression(e)) {
    const s = symbolic(ctx, e);
    return s !== undefined ? str(s, span) : notResolved(ctx, e, 'a value known only when the app runs');
  }
  if (ts.isBinaryExpression(e) && e.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = resolveString(ctx, e.left, depth + 1);
    const right = left === undefined ? undefined : resolveString(ctx, e.right, depth + 1);
    return right === undefined ? undefined : str(left! + right, span);
  }
  return notResolved(ctx, e, 'an expression policy-why does not evaluate');
}

/** The properties of an object literal (or of the `const` holding one), by name, with their name and value nodes. */
export function objectProps(ctx: CdkContext, expr: ts.Expression | undefined): Map<string, ts.PropertyAssignment> | undefined {
  if (!expr) return new Map();
  let e = unwrap(ctx, expr);
  if (ctx.ts.isIdentifier(e)) e = constValue(ctx, e) ?? e;
  e = unwrap(ctx, e);
  if (!ctx.ts.isObjectLiteralExpression(e)) return notResolved(ctx, expr, 'not an object literal of this file');
  const out = new Map<string, ts.PropertyAssignment>();
  for (const p of e.properties) {
    const key = ctx.ts.isPropertyAssignment(p) ? propertyName(ctx, p.name) : undefined;
    if (key === undefined) return notResolved(ctx, p, 'a spread, shorthand or computed property');
    out.set(key, p as ts.PropertyAssignment);
  }
  return out;
}

/** A member whose key and value are both generated at one place (a default CDK fills in). */
export function generated(key: string, value: JsonNode, span: SourceSpan): JsonMember {
  return { key, keySpan: span, value };
}

/** An object node. */
export function obj(members: JsonMember[], span: SourceSpan): JsonObject {
  return { kind: 'object', span, members };
}
