import type { JsonNode, JsonObject } from '../json/index.js';

/**
 * A quick test that a policy tree has the shape `schemas/policy.schema.json` describes, on the tree itself
 * (no plain copy, no compiled validator): `check` reads thousands of policies, nearly all well formed.
 * It says `true` only when the schema accepts the document, so the parser may then skip the schema; when it
 * says `false` the schema is asked, and its errors are the diagnostics, as always. A test over every policy
 * of the test corpus and rule tables, and over altered copies of them, holds it to the schema.
 */
export function hasPolicyShape(root: JsonNode): boolean {
  if (root.kind !== 'object' || !uniqueKeys(root)) return false;
  let statement = false;
  for (const m of root.members) {
    const v = m.value;
    if (m.key === 'Version') {
      if (v.kind !== 'string' || (v.value !== '2012-10-17' && v.value !== '2008-10-17')) return false;
    } else if (m.key === 'Id') {
      if (v.kind !== 'string') return false;
    } else if (m.key === 'Statement') {
      statement = true;
      if (v.kind === 'array' ? !v.elements.every(isStatement) : !isStatement(v)) return false;
    } else return false;
  }
  return statement;
}

/** Objects with a key twice are left to the schema (its copy keeps the last value). */
function uniqueKeys(o: JsonObject): boolean {
  if (o.members.length < 2) return true;
  return new Set(o.members.map((m) => m.key)).size === o.members.length;
}

function isStringOrStrings(v: JsonNode): boolean {
  if (v.kind === 'string') return true;
  return v.kind === 'array' && v.elements.length > 0 && v.elements.every((e) => e.kind === 'string');
}

function isPrincipal(v: JsonNode): boolean {
  if (v.kind === 'string') return v.value === '*';
  if (v.kind !== 'object' || v.members.length === 0 || !uniqueKeys(v)) return false;
  return v.members.every((m) => PRINCIPAL_KEYS.has(m.key) && isStringOrStrings(m.value));
}

const PRINCIPAL_KEYS: ReadonlySet<string> = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

function isConditionValue(v: JsonNode): boolean {
  return v.kind === 'string' || v.kind === 'boolean' || (v.kind === 'number' && Number.isFinite(v.value));
}

function isCondition(v: JsonNode): boolean {
  if (v.kind !== 'object' || !uniqueKeys(v)) return false;
  return v.members.every((op) => {
    const values = op.value;
    if (values.kind !== 'object' || values.members.length === 0 || !uniqueKeys(values)) return false;
    return values.members.every((k) =>
      k.value.kind === 'array' ? k.value.elements.length > 0 && k.value.elements.every(isConditionValue) : isConditionValue(k.value),
    );
  });
}

/** Each statement element and the test of its value. */
const ELEMENTS: ReadonlyMap<string, (v: JsonNode) => boolean> = new Map([
  ['Sid', (v: JsonNode) => v.kind === 'string'],
  ['Effect', (v: JsonNode) => v.kind === 'string' && (v.value === 'Allow' || v.value === 'Deny')],
  ['Action', isStringOrStrings],
  ['NotAction', isStringOrStrings],
  ['Resource', isStringOrStrings],
  ['NotResource', isStringOrStrings],
  ['Principal', isPrincipal],
  ['NotPrincipal', isPrincipal],
  ['Condition', isCondition],
]);

function isStatement(v: JsonNode): boolean {
  if (v.kind !== 'object' || !uniqueKeys(v)) return false;
  const has = (key: string) => v.members.some((m) => m.key === key);
  if (!has('Effect') || has('Action') === has('NotAction')) return false;
  if ((has('Resource') && has('NotResource')) || (has('Principal') && has('NotPrincipal'))) return false;
  return v.members.every((m) => ELEMENTS.get(m.key)?.(m.value) === true);
}
