import { member, readJsonDiagnostics, type JsonNode, type JsonObject } from '../../json/index.js';
import { hasPlaceholder, placeholderAt } from '../../iam/placeholder.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import type { BucketFacts } from '../../model/check.js';
import type { SourceSpan } from '../../model/source.js';
import { conditionNames, resolveValue, type Reading, type Template } from './cfn-intrinsics.js';
import { fixedMap, jsonStringMap, moveSpan, moveTree, positionsOf, type OffsetMap } from './cfn-positions.js';
import { policySlots, type PolicySlot } from './cfn-resources.js';
import { readYamlTemplate } from './cfn-yaml.js';
import { bucketFacts, linkedBucket } from './cfn-buckets.js';
import { templateLinks } from './cfn-links.js';
import type { FileScan, FoundPolicy, PolicyReader } from './types.js';

const EXTENSIONS = /\.(json|ya?ml|template)$/i;

/** A CloudFormation (or SAM) template, by its content: the format version, the SAM transform, or resources typed `AWS::…`. */
function looksLikeTemplate(text: string): boolean {
  if (text.includes('AWSTemplateFormatVersion') || text.includes('AWS::Serverless-2016-10-31')) return true;
  return /\bResources\b/.test(text) && /["']?\bType["']?\s*:\s*["']?AWS::[A-Za-z0-9]+::[A-Za-z0-9]+/.test(text);
}

/**
 * With more `Fn::If` conditions than this in one document, only the readings "all true" and "all false" are
 * checked (2^3 = 8 readings at most otherwise).
 */
const MAX_CONDITIONS = 3;

/** Every reading of the conditions `names`: each combination, or all true and all false beyond {@link MAX_CONDITIONS}. */
function readings(names: readonly string[]): Map<string, boolean>[] {
  if (names.length > MAX_CONDITIONS) return [true, false].map((v) => new Map(names.map((n) => [n, v])));
  const out: Map<string, boolean>[] = [];
  for (let bits = 0; bits < 1 << names.length; bits++) out.push(new Map(names.map((n, i) => [n, (bits & (1 << i)) === 0])));
  return out;
}

function contains(outer: SourceSpan, inner: SourceSpan): boolean {
  const before = (l1: number, c1: number, l2: number, c2: number) => l1 < l2 || (l1 === l2 && c1 <= c2);
  return before(outer.line, outer.column, inner.line, inner.column) && before(inner.endLine, inner.endColumn, outer.endLine, outer.endColumn);
}

/** The reader's own findings, each once (the same intrinsic is met in every reading of a document). */
class Findings {
  readonly list: Diagnostic[] = [];
  private readonly seen = new Set<string>();
  constructor(private readonly file: string) {}
  add(code: string, span: SourceSpan, message: string, severity: Diagnostic['severity'] = 'info'): void {
    const key = `${code}\u0000${span.line}:${span.column}\u0000${message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.list.push({ code, severity, message, file: this.file, span });
  }
}

/**
 * A policy written as a JSON string in the template (`PolicyDocument: !Sub |` with a JSON block, an
 * Organizations policy's `Content`): parsed from the resolved text, every position brought back to the
 * template through the string's map (exact for literal blocks, one-line plain and unescaped quoted strings,
 * JSON strings with escapes; the string's start otherwise).
 */
function embedded(node: JsonNode, tpl: Template, file: string, findings: Findings): JsonNode | undefined {
  if (node.kind !== 'string') return node;
  if (structureUnknown(node.value)) return undefined; // a document (or part of its structure) known only at deployment (told by the resolver)
  const map: OffsetMap = tpl.mapOf(node) ?? fixedMap({ line: node.span.line, column: node.span.column });
  const { offsetOf } = positionsOf(node.value);
  const move = (span: SourceSpan) => moveSpan(span, offsetOf, map);
  const { doc, diagnostics } = readJsonDiagnostics(node.value, file);
  for (const d of diagnostics) {
    const span = d.span ? move(d.span) : node.span;
    findings.add(d.code === 'json-duplicate-key' ? d.code : 'json-syntax', span, `policy written as text in the template: ${d.message}`, 'error');
  }
  return doc ? moveTree(doc.root, move) : undefined;
}

/**
 * True when a template value known only at deployment stands where the policy text has JSON structure, not
 * inside a JSON string: the whole document (`PolicyDocument: !Ref PolicyJson`, `!ImportValue …`, `!Sub '${Doc}'`)
 * or a part of it (`!Sub '{"Statement": ${Statements}}'`). Such text is not JSON until CloudFormation fills
 * the value in, so it is neither parsed nor called invalid; the resolver tells `iac-not-resolved` on it.
 */
function structureUnknown(text: string): boolean {
  if (!hasPlaceholder(text)) return false;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' && placeholderAt(text, i)) return true;
  }
  return false;
}

/** The policies of one resource, in every reading of its `Fn::If` conditions (identical readings once). */
function resourcePolicies(logicalId: string, type: string, raw: JsonObject, tpl: Template, file: string, findings: Findings): FoundPolicy[] {
  const out: FoundPolicy[] = [];
  const seen = new Set<string>();
  const all = readings(conditionNames(raw));
  for (const choice of all) {
    const reports: { span: SourceSpan; message: string; why: string }[] = [];
    const reading: Reading = { choice, report: (span, message, why) => reports.push({ span, message, why }) };
    const props = resolveValue(raw, tpl, reading);
    if (props?.kind !== 'object') continue;
    const { slots, unread } = policySlots(type, props);
    for (const u of unread) findings.add('iac-not-resolved', u.span, u.message);
    for (const slot of slots) {
      const whole = slot.node.kind === 'string' && structureUnknown(slot.node.value);
      for (const r of reports) {
        if (contains(slot.node.span, r.span))
          findings.add('iac-not-resolved', r.span, whole ? `${r.why}; the policy document it makes is known only then, so it is not checked` : r.message);
      }
      const root = embedded(slot.node, tpl, file, findings);
      if (!root) continue;
      const key = JSON.stringify(root);
      if (seen.has(`${slot.path}\u0000${key}`)) continue;
      seen.add(`${slot.path}\u0000${key}`);
      out.push(found(logicalId, type, slot, root, file, all.length > 1 ? choice : undefined));
    }
  }
  return out;
}

function found(logicalId: string, type: string, slot: PolicySlot, root: JsonNode, file: string, choice?: ReadonlyMap<string, boolean>): FoundPolicy {
  const when = choice ? ` [${[...choice].map(([n, v]) => `${n}: ${v}`).join(', ')}]` : '';
  return {
    origin: {
      file,
      format: 'cloudformation',
      policyType: slot.type.policyType,
      ...(slot.type.host ? { host: slot.type.host } : {}),
      typeFrom: 'container',
      pointer: `Resources/${logicalId}/${slot.path}`,
      label: `${logicalId} (${type}) ${slot.name}${when}`,
    },
    root,
  };
}

/** The template's tree (YAML or JSON, by the first character that is not a space or a comment) and where its strings were written. */
function readTree(file: string, text: string, strings: WeakMap<JsonNode, OffsetMap>): { root?: JsonNode; diagnostics: Diagnostic[]; json?: string } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const first = body.replace(/^(\s|#[^\n]*\n)*/, '')[0];
  if (first === '{' && !/\.ya?ml$/i.test(file)) {
    const { doc, diagnostics } = readJsonDiagnostics(body, file);
    return { ...(doc ? { root: doc.root } : {}), diagnostics, json: body };
  }
  return readYamlTemplate(text, file, strings);
}

/**
 * CloudFormation and SAM templates, YAML or JSON: each resource that holds a policy document gives one
 * policy per document, its type from the resource type (`typeFrom: 'container'`), its pointer
 * `Resources/<id>/Properties/…`, intrinsics resolved where static (src/input/check/cfn-intrinsics.ts) and
 * values not known before deployment told as `iac-not-resolved`.
 */
export const cloudFormationReader: PolicyReader = {
  format: 'cloudformation',
  claims: (file, text) => EXTENSIONS.test(file) && looksLikeTemplate(text),
  read(file: string, text: string): FileScan {
    const strings = new WeakMap<JsonNode, OffsetMap>();
    const { root, diagnostics, json } = readTree(file, text, strings);
    const findings = new Findings(file);
    for (const d of diagnostics) findings.add(d.code, d.span ?? { line: 1, column: 1, endLine: 1, endColumn: 1 }, d.message, d.severity);
    const scan = (policies: FoundPolicy[]): FileScan => ({ file, format: 'cloudformation', policies, diagnostics: findings.list });
    if (root?.kind !== 'object') return scan([]);
    const jsonPositions = json !== undefined ? positionsOf(json) : undefined;
    const section = (name: string) => {
      const v = member(root, name)?.value;
      return v?.kind === 'object' ? v : undefined;
    };
    const tpl: Template = {
      ...(section('Parameters') ? { parameters: section('Parameters')! } : {}),
      ...(section('Resources') ? { resources: section('Resources')! } : {}),
      ...(section('Mappings') ? { mappings: section('Mappings')! } : {}),
      mapOf: (node) => {
        const known = strings.get(node);
        if (known || !jsonPositions || node.kind !== 'string') return known;
        const start = jsonPositions.offsetOf(node.span.line, node.span.column);
        if (json![start] !== '"') return undefined;
        const map = jsonStringMap(json!, start, jsonPositions.at);
        strings.set(node, map);
        return map;
      },
      setMap: (node, map) => strings.set(node, map),
    };
    const policies: FoundPolicy[] = [];
    const buckets: BucketFacts[] = [];
    const links = templateLinks(tpl.resources, (node) => {
      const v = resolveValue(node, tpl, { choice: new Map() });
      return v?.kind === 'string' ? v.value : undefined;
    });
    const keys = new Set(links.resources.filter((k) => k.kind === 'kms-key').map((k) => k.id));
    for (const r of tpl.resources?.members ?? []) {
      if (r.value.kind !== 'object') continue;
      const type = member(r.value, 'Type')?.value;
      const props = member(r.value, 'Properties')?.value;
      if (type?.kind === 'string' && type.value === 'AWS::S3::Bucket')
        buckets.push(bucketFacts(r.key, r.value, props?.kind === 'object' ? props : undefined, keys));
    }
    for (const r of tpl.resources?.members ?? []) {
      if (r.value.kind !== 'object') continue;
      const type = member(r.value, 'Type')?.value;
      const props = member(r.value, 'Properties')?.value;
      if (type?.kind !== 'string' || props?.kind !== 'object') continue;
      const bucket = type.value === 'AWS::S3::BucketPolicy' ? linkedBucket(member(props, 'Bucket')?.value, buckets) : undefined;
      const holders = links.holdersOf(r.key);
      const read = resourcePolicies(r.key, type.value, props, tpl, file, findings);
      policies.push(...read.map((p) => ({ ...p, ...(bucket ? { bucket } : {}), ...(holders.length ? { holders } : {}) })));
    }
    return { ...scan(policies), ...(buckets.length ? { buckets } : {}), ...(links.resources.length ? { resources: links.resources } : {}) };
  },
};
