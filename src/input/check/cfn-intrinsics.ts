import { member, scalarText, toPlain, type JsonNode, type JsonObject } from '../../json/index.js';
import { hasPlaceholder, placeholder } from '../../iam/placeholder.js';
import type { SourceSpan } from '../../model/source.js';
import { fixedMap, piecesMap, type OffsetMap, type Piece } from './cfn-positions.js';

/** What resolving a template value needs: its sections, and where each string's characters were written. */
export interface Template {
  parameters?: JsonObject;
  resources?: JsonObject;
  mappings?: JsonObject;
  /** Where each character of a string node was written (undefined: at its span's start). */
  mapOf: (node: JsonNode) => OffsetMap | undefined;
  /** Registers the map of a string the resolver made. */
  setMap: (node: JsonNode, map: OffsetMap) => void;
}

/** One reading of a template value: the branch each `Fn::If` condition takes, and where unresolved values are told. */
export interface Reading {
  choice: ReadonlyMap<string, boolean>;
  /** An `iac-not-resolved` finding at the intrinsic (undefined: the value is not a policy's, nobody is told). */
  report?: (span: SourceSpan, message: string, why: string) => void;
}

/**
 * Pseudo parameters with one value wherever the template is deployed in the standard partition. Choice:
 * `AWS::Partition` is `aws` and `AWS::URLSuffix` `amazonaws.com` (a template deployed in China or GovCloud
 * reads `aws-cn`/`aws-us-gov`; the checks are those of the standard partition, said in docs/rules/iac-not-resolved.md).
 */
const PSEUDO_VALUES: ReadonlyMap<string, string> = new Map([
  ['AWS::Partition', 'aws'],
  ['AWS::URLSuffix', 'amazonaws.com'],
]);
/** Pseudo parameters that name one fixed thing of the deployment: kept as that thing's placeholder, not reported. */
const PSEUDO_SYMBOLS = new Set(['AWS::AccountId', 'AWS::Region', 'AWS::StackName', 'AWS::StackId', 'AWS::NotificationARNs']);

/** True for `{"Ref": …}` and `{"Fn::…": …}`: an object with one member naming an intrinsic function. */
function intrinsicName(node: JsonNode): string | undefined {
  if (node.kind !== 'object' || node.members.length !== 1) return undefined;
  const key = node.members[0]!.key;
  return key === 'Ref' || key.startsWith('Fn::') ? key : undefined;
}

/** The condition names `Fn::If` uses under `node`, in order of appearance, each once. */
export function conditionNames(node: JsonNode, out: string[] = []): string[] {
  if (node.kind === 'object') {
    const v = member(node, 'Fn::If')?.value;
    if (node.members.length === 1 && v?.kind === 'array' && v.elements[0]?.kind === 'string' && !out.includes(v.elements[0].value))
      out.push(v.elements[0].value);
    for (const m of node.members) conditionNames(m.value, out);
  } else if (node.kind === 'array') for (const e of node.elements) conditionNames(e, out);
  return out;
}

/**
 * The value a template gives `node` when deployed, as far as it is known before deployment: intrinsics
 * resolved where static, `{{…}}` placeholders where not (see src/iam/placeholder.ts), `AWS::NoValue`
 * removing the member or element that holds it (undefined). Never throws.
 */
export function resolveValue(node: JsonNode, tpl: Template, reading: Reading): JsonNode | undefined {
  const fn = intrinsicName(node);
  if (fn) return intrinsic(fn, node as JsonObject, tpl, reading);
  if (node.kind === 'object') {
    const members = node.members.flatMap((m) => {
      const value = resolveValue(m.value, tpl, reading);
      return value ? [{ ...m, value }] : [];
    });
    return { ...node, members };
  }
  if (node.kind === 'array') return { ...node, elements: node.elements.flatMap((e) => resolveValue(e, tpl, reading) ?? []) };
  return node;
}

function str(tpl: Template, value: string, span: SourceSpan, map?: OffsetMap): JsonNode {
  const out: JsonNode = { kind: 'string', span, value };
  if (map) tpl.setMap(out, map);
  return out;
}

/**
 * A value not known before deployment: its placeholder, and an `iac-not-resolved` finding, unless it is
 * unknown only because an argument is (`inputs` holds a placeholder: that argument was told already).
 */
function unknown(tpl: Template, reading: Reading, span: SourceSpan, name: string, why: string, inputs: (JsonNode | undefined)[] = []): JsonNode {
  const value = placeholder(name);
  if (!inputs.some((i) => i && hasPlaceholder(JSON.stringify(toPlain(i))))) {
    reading.report?.(span, `${why}; the policy is checked with \`${value}\` in its place, an unknown value that matches only itself`, why);
  }
  return str(tpl, value, span);
}

function intrinsic(fn: string, node: JsonObject, tpl: Template, reading: Reading): JsonNode | undefined {
  const arg = node.members[0]!.value;
  const span = node.span;
  switch (fn) {
    case 'Ref':
      return arg.kind === 'string' ? ref(arg.value, span, tpl, reading) : unknown(tpl, reading, span, 'Ref', '`Ref` of something that is not a name');
    case 'Fn::GetAtt':
      return getAtt(arg, span, tpl, reading);
    case 'Fn::Sub':
      return sub(arg, span, tpl, reading);
    case 'Fn::Join':
      return join(arg, span, tpl, reading);
    case 'Fn::If': {
      const parts = arg.kind === 'array' ? arg.elements : [];
      const name = parts[0]?.kind === 'string' ? parts[0].value : '';
      const branch = parts[reading.choice.get(name) === false ? 2 : 1];
      if (!branch) return unknown(tpl, reading, span, 'If', '`Fn::If` without two branches');
      return resolveValue(branch, tpl, reading);
    }
    case 'Fn::Select':
      return select(arg, span, tpl, reading);
    case 'Fn::Split':
      return split(arg, span, tpl, reading);
    case 'Fn::FindInMap':
      return findInMap(arg, span, tpl, reading);
    case 'Fn::ImportValue': {
      const name = resolveValue(arg, tpl, { choice: reading.choice });
      const shown = name?.kind === 'string' ? name.value : '';
      return unknown(
        tpl,
        reading,
        span,
        `ImportValue.${shown}`,
        `\`Fn::ImportValue ${shown}\` is another stack's output, known only when this one is deployed`,
      );
    }
    default:
      return unknown(tpl, reading, span, fn.replace('Fn::', ''), `\`${fn}\` is not resolved before deployment`);
  }
}

function resource(tpl: Template, name: string): JsonObject | undefined {
  const r = tpl.resources ? member(tpl.resources, name)?.value : undefined;
  return r?.kind === 'object' ? r : undefined;
}

/** A bucket's name when the template writes it as text (`BucketName: my-bucket`), else its placeholder. */
function bucketName(tpl: Template, name: string, r: JsonObject): string | undefined {
  const type = member(r, 'Type')?.value;
  if (type?.kind !== 'string' || type.value !== 'AWS::S3::Bucket') return undefined;
  const props = member(r, 'Properties')?.value;
  const given = props?.kind === 'object' ? member(props, 'BucketName')?.value : undefined;
  const resolved = given && resolveValue(given, tpl, { choice: new Map() });
  return resolved?.kind === 'string' && !hasPlaceholder(resolved.value) ? resolved.value : placeholder(name);
}

/**
 * `Ref`: a pseudo parameter (see above), a parameter's `Default` (choice: the value the stack gets when the
 * deployer gives none; a deployment that passes another value is not what is checked), a resource's name
 * (a bucket's written `BucketName`, else the resource's placeholder: one fixed, unknown name).
 */
function ref(name: string, span: SourceSpan, tpl: Template, reading: Reading): JsonNode | undefined {
  if (name === 'AWS::NoValue') return undefined;
  const fixed = PSEUDO_VALUES.get(name);
  if (fixed !== undefined) return str(tpl, fixed, span);
  if (PSEUDO_SYMBOLS.has(name)) return str(tpl, placeholder(name), span);
  const param = tpl.parameters ? member(tpl.parameters, name)?.value : undefined;
  if (param?.kind === 'object') return parameter(name, param, span, tpl, reading);
  const r = resource(tpl, name);
  if (r) return str(tpl, bucketName(tpl, name, r) ?? placeholder(name), span);
  return unknown(tpl, reading, span, name, `\`Ref ${name}\` names no parameter or resource of the template`);
}

function parameter(name: string, param: JsonObject, span: SourceSpan, tpl: Template, reading: Reading): JsonNode {
  const def = member(param, 'Default')?.value;
  if (!def || def.kind === 'object' || def.kind === 'null')
    return unknown(tpl, reading, span, name, `parameter \`${name}\` has no Default, so its value is known only when the stack is deployed`);
  const type = member(param, 'Type')?.value;
  const list = type?.kind === 'string' && (type.value.startsWith('List<') || type.value === 'CommaDelimitedList');
  if (def.kind === 'array') return { kind: 'array', span, elements: def.elements.map((e) => str(tpl, scalarText(e), span)) };
  const text = scalarText(def);
  if (list) return { kind: 'array', span, elements: text.split(',').map((t) => str(tpl, t.trim(), span)) };
  return str(tpl, text, span);
}

/** `Fn::GetAtt`: a bucket's `Arn` is the bucket's ARN (`arn:aws:s3:::name`); another attribute of a resource is its placeholder. */
function getAtt(arg: JsonNode, span: SourceSpan, tpl: Template, reading: Reading): JsonNode {
  const resolved = resolveValue(arg, tpl, { choice: reading.choice });
  let parts: string[] = [];
  if (resolved?.kind === 'string') parts = [resolved.value.slice(0, resolved.value.indexOf('.')), resolved.value.slice(resolved.value.indexOf('.') + 1)];
  else if (resolved?.kind === 'array') parts = resolved.elements.map(scalarText);
  return attribute(parts[0] ?? '', parts.slice(1).join('.'), span, tpl, reading);
}

function attribute(name: string, attr: string, span: SourceSpan, tpl: Template, reading: Reading): JsonNode {
  const r = resource(tpl, name);
  if (!r || !attr) return unknown(tpl, reading, span, `${name}.${attr}`, `\`Fn::GetAtt ${name}.${attr}\` names no resource of the template`);
  const bucket = bucketName(tpl, name, r);
  if (bucket !== undefined && attr === 'Arn') return str(tpl, `arn:aws:s3:::${bucket}`, span);
  return str(tpl, placeholder(`${name}.${attr}`), span);
}

/**
 * `Fn::Sub`: literal text kept character for character (so a policy written as a `!Sub |` block keeps its
 * positions), each `${Name}` replaced as `Ref` would, `${Name.Attr}` as `Fn::GetAtt`, a variable of the map
 * by its value, `${!Literal}` by `${Literal}`.
 */
function sub(arg: JsonNode, span: SourceSpan, tpl: Template, reading: Reading): JsonNode {
  const text = arg.kind === 'array' ? arg.elements[0] : arg;
  const vars = arg.kind === 'array' && arg.elements[1]?.kind === 'object' ? arg.elements[1] : undefined;
  if (text?.kind !== 'string') return unknown(tpl, reading, span, 'Sub', '`Fn::Sub` of something that is not text');
  const srcMap = tpl.mapOf(text) ?? fixedMap({ line: text.span.line, column: text.span.column });
  const pieces: Piece[] = [];
  let out = '';
  const add = (value: string, base: number, exact: boolean) => {
    pieces.push({ from: out.length, to: out.length + value.length, map: srcMap, base, exact });
    out += value;
  };
  let last = 0;
  for (const m of text.value.matchAll(/\$\{([^}]*)\}/g)) {
    add(text.value.slice(last, m.index), last, true);
    last = m.index + m[0].length;
    const inner = m[1]!.trim();
    if (inner.startsWith('!')) {
      add(`\${${inner.slice(1)}}`, m.index, false);
      continue;
    }
    const given = vars ? member(vars, inner)?.value : undefined;
    let value: JsonNode | undefined;
    if (given) value = resolveValue(given, tpl, reading);
    else if (inner.includes('.') && !inner.startsWith('AWS::'))
      value = attribute(inner.slice(0, inner.indexOf('.')), inner.slice(inner.indexOf('.') + 1), span, tpl, reading);
    else value = ref(inner, span, tpl, reading);
    add(value ? textOf(value, tpl, reading, span, inner) : '', m.index, false);
  }
  add(text.value.slice(last), last, true);
  return str(tpl, out, span, piecesMap(pieces, { line: span.line, column: span.column }));
}

/** The text of a resolved value used inside a string (a list there is not known: its placeholder). */
function textOf(value: JsonNode, tpl: Template, reading: Reading, span: SourceSpan, name: string): string {
  if (value.kind === 'string') return value.value;
  if (value.kind === 'number' || value.kind === 'boolean') return scalarText(value);
  return (unknown(tpl, reading, span, name, `\`${name}\` is not text where text is needed`) as { value: string }).value;
}

function join(arg: JsonNode, span: SourceSpan, tpl: Template, reading: Reading): JsonNode {
  const sep = arg.kind === 'array' && arg.elements[0]?.kind === 'string' ? arg.elements[0].value : undefined;
  const list = arg.kind === 'array' && arg.elements[1] ? resolveValue(arg.elements[1], tpl, reading) : undefined;
  if (sep === undefined || list?.kind !== 'array') return unknown(tpl, reading, span, 'Join', '`Fn::Join` of a list not known before deployment', [list]);
  const pieces: Piece[] = [];
  let out = '';
  list.elements.forEach((e, i) => {
    if (i > 0) out += sep;
    const value = textOf(e, tpl, reading, e.span, 'Join');
    const map = (e.kind === 'string' ? tpl.mapOf(e) : undefined) ?? fixedMap({ line: e.span.line, column: e.span.column });
    pieces.push({ from: out.length, to: out.length + value.length, map, base: 0, exact: true });
    out += value;
  });
  return str(tpl, out, span, piecesMap(pieces, { line: span.line, column: span.column }));
}

function select(arg: JsonNode, span: SourceSpan, tpl: Template, reading: Reading): JsonNode | undefined {
  const index = arg.kind === 'array' && arg.elements[0] ? resolveValue(arg.elements[0], tpl, reading) : undefined;
  const list = arg.kind === 'array' && arg.elements[1] ? resolveValue(arg.elements[1], tpl, reading) : undefined;
  const i = index ? Number(scalarText(index)) : NaN;
  const picked = list?.kind === 'array' && Number.isInteger(i) ? list.elements[i] : undefined;
  return picked ?? unknown(tpl, reading, span, 'Select', '`Fn::Select` from a list not known before deployment', [index, list]);
}

function split(arg: JsonNode, span: SourceSpan, tpl: Template, reading: Reading): JsonNode {
  const sep = arg.kind === 'array' && arg.elements[0]?.kind === 'string' ? arg.elements[0].value : '';
  const source = arg.kind === 'array' && arg.elements[1] ? resolveValue(arg.elements[1], tpl, reading) : undefined;
  if (!sep || source?.kind !== 'string' || hasPlaceholder(source.value))
    return unknown(tpl, reading, span, 'Split', '`Fn::Split` of text not known before deployment', [source]);
  const map = tpl.mapOf(source);
  let from = 0;
  const elements = source.value.split(sep).map((part) => {
    const base = from;
    from += part.length + sep.length;
    return str(tpl, part, source.span, map && ((o: number) => map(base + o)));
  });
  return { kind: 'array', span, elements };
}

function findInMap(arg: JsonNode, span: SourceSpan, tpl: Template, reading: Reading): JsonNode | undefined {
  const keys = arg.kind === 'array' ? arg.elements.slice(0, 3).map((e) => resolveValue(e, tpl, reading)) : [];
  let found: JsonNode | undefined = tpl.mappings;
  for (const k of keys) found = found?.kind === 'object' && k?.kind === 'string' && !hasPlaceholder(k.value) ? member(found, k.value)?.value : undefined;
  if (keys.length === 3 && found) return resolveValue(found, tpl, reading);
  return unknown(tpl, reading, span, 'FindInMap', '`Fn::FindInMap` with keys not known before deployment, or not in Mappings', keys);
}
