import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type Options, type ValidateFunction } from 'ajv';
import { InputError } from '../model/errors.js';
import type { Diagnostic } from '../model/diagnostic.js';
import type { SourceSpan } from '../model/source.js';
import { nodeAtPointer, pointerToPath, toPlain, type JsonNode } from '../json/index.js';
import { distance } from '../iam/suggest.js';

const options: Options = { strict: true, strictRequired: false, allowUnionTypes: true, verbose: true };
const ajv = new Ajv({ ...options, allErrors: false });
/** Compiles the same schemas again, reporting every error, for {@link schemaDiagnostics}. */
const ajvAll = new Ajv({ ...options, allErrors: true });

/** The schema text behind each validator {@link loadSchema} made, and its every-error twin once compiled. */
const schemaTexts = new WeakMap<ValidateFunction, string>();
const twins = new WeakMap<ValidateFunction, ValidateFunction>();

/** A schema's validator, compiled when first asked for (a run that never needs a schema never compiles it). */
export type Schema = () => ValidateFunction;

/** A JSON Schema from the package's schemas/ folder (works from src/ and dist/), read and compiled on first use. */
export function loadSchema(name: string): Schema {
  let validate: ValidateFunction | undefined;
  return () => {
    if (validate) return validate;
    const text = readFileSync(new URL(`../../schemas/${name}`, import.meta.url), 'utf8');
    validate = ajv.compile(JSON.parse(text) as object);
    schemaTexts.set(validate, text);
    return validate;
  };
}

function everyErrorTwin(validate: ValidateFunction): ValidateFunction | undefined {
  let twin = twins.get(validate);
  if (!twin) {
    const text = schemaTexts.get(validate);
    if (text === undefined) return undefined;
    twin = ajvAll.compile(JSON.parse(text) as object);
    twins.set(validate, twin);
  }
  return twin;
}

/**
 * Validates a JSON tree against a compiled schema. The first error becomes an InputError at the
 * offending value's line and column, in words a person can act on.
 */
export function validateAgainst(schema: Schema, root: JsonNode, source: string, basePath = '$'): void {
  const validate = schema();
  if (validate(toPlain(root))) return;
  const err = pickError(validate.errors ?? []);
  if (!err) return;
  const { message, at, path } = describeError(err, root, basePath);
  throw new InputError(message, { source, line: at.line, column: at.column, jsonPath: path });
}

/**
 * Validates a JSON tree against a schema from {@link loadSchema} and returns every error as a diagnostic
 * with the given code. The first is the error {@link validateAgainst} throws, word for word; the others
 * follow in document order. Errors that only say a combination failed (`if`, `allOf`, `anyOf`, `oneOf`,
 * `not`, and the errors inside their branches) name no single value and are left out of the others; with
 * `omitCombinations` they are left out altogether, also when first, for callers that check those
 * combinations themselves with positions (the policy parser). A validator compiled elsewhere gives the
 * first error only.
 */
export function schemaDiagnostics(
  schema: Schema,
  root: JsonNode,
  source: string,
  options: { code: string; basePath?: string; omitCombinations?: boolean },
): Diagnostic[] {
  const validate = schema();
  const plain = toPlain(root);
  if (validate(plain)) return [];
  const basePath = options.basePath ?? '$';
  const toDiagnostic = (err: ErrorObject): Diagnostic => {
    const { message, at, path } = describeError(err, root, basePath);
    return { code: options.code, severity: 'error', message, file: source, span: at, jsonPath: path };
  };
  const firstError = pickError(validate.errors ?? []);
  const first = firstError && !(options.omitCombinations && isCombination(firstError)) ? toDiagnostic(firstError) : undefined;
  const twin = everyErrorTwin(validate);
  const others: Diagnostic[] = [];
  if (twin && !twin(plain)) {
    const seen = new Set<string>(first ? [identity(first)] : []);
    for (const err of twin.errors ?? []) {
      if (isCombination(err)) continue;
      const d = toDiagnostic(err);
      if (seen.has(identity(d))) continue;
      seen.add(identity(d));
      others.push(d);
    }
  }
  others.sort((a, b) => a.span!.line - b.span!.line || a.span!.column - b.span!.column);
  return first ? [first, ...others] : others;
}

const COMBINATOR: ReadonlySet<string> = new Set(['if', 'allOf', 'anyOf', 'oneOf', 'not']);

/** An error of a combination keyword, or one inside a combination's branch. */
function isCombination(err: ErrorObject): boolean {
  return COMBINATOR.has(err.keyword) || /\/(allOf|anyOf|oneOf|not)(\/|$)/.test(err.schemaPath);
}

function identity(d: Diagnostic): string {
  return `${d.span?.line}:${d.span?.column}:${d.message}`;
}

/** An ajv error in words a person can act on, at the offending value (or key) and its JSON path. */
function describeError(err: ErrorObject, root: JsonNode, basePath: string): { message: string; at: SourceSpan; path: string } {
  const { node, keySpan } = nodeAtPointer(root, err.instancePath);
  const path = basePath + pointerToPath(err.instancePath).slice(1);
  let message: string;
  let at = node.span;
  switch (err.keyword) {
    case 'additionalProperties': {
      const extra = String(err.params.additionalProperty);
      const m = node.kind === 'object' ? node.members.find((x) => x.key === extra) : undefined;
      if (m) at = m.keySpan;
      const allowed = Object.keys((err.parentSchema as { properties?: object }).properties ?? {});
      const hint = allowed.map((a) => [a, distance(a.toLowerCase(), extra.toLowerCase())] as const).sort((a, b) => a[1] - b[1])[0];
      message = `unknown element \`${extra}\` in ${path}` + (hint && hint[1] <= 3 ? `; did you mean \`${hint[0]}\`?` : ` (allowed: ${allowed.join(', ')})`);
      break;
    }
    case 'enum':
      message = `${path} must be one of ${(err.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')} (case-sensitive), not ${JSON.stringify(toPlain(node))}`;
      break;
    case 'const':
      message = `${path} must be ${JSON.stringify(err.params.allowedValue)}, not ${JSON.stringify(toPlain(node))}`;
      break;
    case 'type':
      message = `${path} must be ${orList(String(err.params.type).split(','))}, not ${describe(node)}`;
      break;
    case 'required':
      message = `${path} is missing \`${String(err.params.missingProperty)}\``;
      break;
    case 'minItems':
      message = `${path} must not be an empty array`;
      break;
    case 'minProperties':
      message = `${path} must not be an empty object`;
      break;
    case 'minLength':
      message = `${path} must not be empty`;
      break;
    case 'pattern':
      message = `${path} has an invalid format: ${JSON.stringify(toPlain(node))}`;
      break;
    default:
      message = `${path} ${err.message ?? 'is invalid'}`;
  }
  if (keySpan && err.keyword === 'required') at = node.span;
  return { message, at, path };
}

/** The most specific error: ajv appends "must match then schema" after the real failure. */
function pickError(errors: ErrorObject[]): ErrorObject | undefined {
  return errors.find((e) => e.keyword !== 'if' && e.keyword !== 'oneOf' && e.keyword !== 'allOf') ?? errors[0];
}

function describe(node: JsonNode): string {
  switch (node.kind) {
    case 'object':
      return 'an object';
    case 'array':
      return 'an array';
    case 'null':
      return 'null';
    default:
      return `${node.kind} ${JSON.stringify(node.value)}`;
  }
}

/** `a`, `a or b`, `a, b or c`. */
function orList(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]!}` : (items[0] ?? '');
}
