import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { InputError } from '../model/errors.js';
import { nodeAtPointer, pointerToPath, toPlain, type JsonNode } from '../json/tree.js';
import { distance } from '../iam/suggest.js';

const ajv = new Ajv({ allErrors: false, strict: true, strictRequired: false, allowUnionTypes: true, verbose: true });

/** Loads a JSON Schema from the package's schemas/ folder (works from src/ and dist/). */
export function loadSchema(name: string): ValidateFunction {
  const url = new URL(`../../schemas/${name}`, import.meta.url);
  return ajv.compile(JSON.parse(readFileSync(url, 'utf8')) as object);
}

/**
 * Validates a JSON tree against a compiled schema. The first error becomes an InputError at the
 * offending value's line and column, in words a person can act on.
 */
export function validateAgainst(validate: ValidateFunction, root: JsonNode, source: string, basePath = '$'): void {
  if (validate(toPlain(root))) return;
  const errors = validate.errors ?? [];
  const err = pickError(errors);
  if (!err) return;
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
      message = `${path} must be ${String(err.params.type).replace(',', ' or ')}, not ${describe(node)}`;
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
  throw new InputError(message, { source, line: at.line, column: at.column, jsonPath: path });
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
