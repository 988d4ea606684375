import { basename } from 'node:path';
import { member, pathToPointer, pointerToPath, readJsonDiagnostics, type JsonNode } from '../../json/index.js';
import type { Diagnostic } from '../../model/diagnostic.js';
import { wrappedPolicies } from '../cli-output.js';
import { embeddedJsonReader, withoutBom } from './embedded.js';
import type { PolicyOrigin, TypeEvidence } from '../../model/check.js';
import type { FileScan, PolicyReader, ReadOptions, TypeMapping } from './types.js';

/**
 * Policy types from file names, as teams name policy files: the first convention whose word appears in the
 * name (lower case, `-`, `_` and `.` as separators) decides. Checked in order, most specific first.
 */
const FILENAME_CONVENTIONS: readonly { words: readonly string[]; type: TypeMapping }[] = [
  { words: ['trust', 'assume-role', 'assumerole'], type: { policyType: 'resource', host: 'iam-trust' } },
  { words: ['boundary', 'permissions-boundary'], type: { policyType: 'boundary', host: 'iam-identity' } },
  { words: ['scp'], type: { policyType: 'scp', host: 'organizations' } },
  { words: ['rcp'], type: { policyType: 'rcp', host: 'organizations' } },
  { words: ['key-policy', 'kms'], type: { policyType: 'kmsKey', host: 'kms-key' } },
  { words: ['vpce', 'endpoint'], type: { policyType: 'vpcEndpoint', host: 'vpc-endpoint' } },
  { words: ['access-point'], type: { policyType: 'accessPoint', host: 's3-access-point' } },
  { words: ['bucket-policy', 'bucket'], type: { policyType: 'resource', host: 's3-bucket' } },
  { words: ['session-policy'], type: { policyType: 'session', host: 'iam-identity' } },
  { words: ['identity', 'iam-policy', 'role-policy', 'user-policy'], type: { policyType: 'identity', host: 'iam-identity' } },
];

/** The type a file's name gives it, by the conventions above. */
function typeFromFilename(file: string): TypeMapping | undefined {
  const name = basename(file).toLowerCase().replace(/[_.]/g, '-');
  const words = `-${name}-`;
  for (const c of FILENAME_CONVENTIONS) if (c.words.some((w) => words.includes(`-${w}-`))) return c.type;
  return undefined;
}

/**
 * The type a document's content suggests, when nothing else says: statements with a Principal make a
 * resource-based policy (a trust policy when every action is an STS assume action), none an identity policy.
 */
export function inferType(root: JsonNode): TypeMapping {
  const statements = statementNodes(root);
  const principal = statements.some((s) => member(s, 'Principal') ?? member(s, 'NotPrincipal'));
  if (!principal) return { policyType: 'identity', host: 'iam-identity' };
  const actions = statements.flatMap((s) => stringsOf(member(s, 'Action')?.value)).map((a) => a.toLowerCase());
  if (actions.length && actions.every((a) => a.startsWith('sts:assumerole'))) return { policyType: 'resource', host: 'iam-trust' };
  if (actions.length && actions.every((a) => a.startsWith('kms:'))) return { policyType: 'kmsKey', host: 'kms-key' };
  if (actions.length && actions.every((a) => a.startsWith('s3:'))) return { policyType: 'resource', host: 's3-bucket' };
  return { policyType: 'resource', host: 'other' };
}

function statementNodes(root: JsonNode) {
  if (root.kind !== 'object') return [];
  const s = member(root, 'Statement')?.value;
  if (s?.kind === 'object') return [s];
  return s?.kind === 'array' ? s.elements.flatMap((e) => (e.kind === 'object' ? [e] : [])) : [];
}

function stringsOf(node: JsonNode | undefined): string[] {
  if (node?.kind === 'string') return [node.value];
  return node?.kind === 'array' ? node.elements.flatMap((e) => (e.kind === 'string' ? [e.value] : [])) : [];
}

/**
 * The policy document of a plain file: the root, or, in AWS CLI output (`{"Policy": "{…}"}` from
 * `get-bucket-policy`, `PolicyVersion.Document` …), the wrapped document, read from its string with every
 * position mapped into the file. Its pointer is `''` for the root, else the wrapper's JSON pointer.
 */
function policyRoot(file: string, text: string, root: JsonNode): { root?: JsonNode; pointer: string; diagnostics: Diagnostic[] } {
  if (root.kind !== 'object' || member(root, 'Statement')) return { root, pointer: '', diagnostics: [] };
  const wrapped = wrappedPolicies(root).find(({ node }) => node.kind === 'string' || (node.kind === 'object' && member(node, 'Statement')));
  if (!wrapped) return { root, pointer: '', diagnostics: [] };
  const pointer = pathToPointer(`$${wrapped.suffix}`);
  if (wrapped.node.kind !== 'string') return { root: wrapped.node, pointer, diagnostics: [] };
  const read = embeddedJsonReader(file, withoutBom(text))(wrapped.node, { uriEncoded: /^\s*%7B/i.test(wrapped.node.value) });
  return { ...(read.doc ? { root: read.doc.root } : {}), pointer, diagnostics: read.diagnostics };
}

/** Text with a policy: a `"Statement"` key, or one inside a JSON string (`\"Statement\"`) or URL-encoded (`%22Statement%22`). */
function mentionsStatement(text: string): boolean {
  return text.includes('"Statement"') || text.includes('\\"Statement\\"') || text.includes('%22Statement%22');
}

/** A plain policy file: a JSON document with a `Statement`, its type from the configuration, its name, or its content. */
export const plainJsonReader: PolicyReader = {
  format: 'json',
  claims: (file, text) => file.toLowerCase().endsWith('.json') && mentionsStatement(text),
  read(file: string, text: string, options: ReadOptions): FileScan {
    const { doc, diagnostics } = readJsonDiagnostics(text, file);
    if (!doc) return { file, format: 'json', policies: [], diagnostics };
    const found = policyRoot(file, text, doc.root);
    if (!found.root) return { file, format: 'json', policies: [], diagnostics: [...diagnostics, ...found.diagnostics] };
    let evidence: TypeEvidence = 'config';
    let type = options.typeOf?.(file);
    if (!type) {
      evidence = 'filename';
      type = typeFromFilename(file);
    }
    if (!type) {
      evidence = 'inferred';
      type = inferType(found.root);
    }
    const origin: PolicyOrigin = {
      file,
      format: 'json',
      policyType: type.policyType,
      typeFrom: evidence,
      pointer: found.pointer,
      label: found.pointer ? `${file} (${pointerToPath(found.pointer).slice(2)})` : file,
      ...(type.host ? { host: type.host } : {}),
    };
    return { file, format: 'json', policies: [{ origin, root: found.root }], diagnostics: [...diagnostics, ...found.diagnostics] };
  },
};
