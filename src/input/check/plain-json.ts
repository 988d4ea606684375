import { basename } from 'node:path';
import { member, readJsonDiagnostics, type JsonNode } from '../../json/index.js';
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

/** A plain policy file: a JSON document with a `Statement`, its type from the configuration, its name, or its content. */
export const plainJsonReader: PolicyReader = {
  format: 'json',
  claims: (file, text) => file.toLowerCase().endsWith('.json') && text.includes('"Statement"'),
  read(file: string, text: string, options: ReadOptions): FileScan {
    const { doc, diagnostics } = readJsonDiagnostics(text, file);
    if (!doc) return { file, format: 'json', policies: [], diagnostics };
    let evidence: TypeEvidence = 'config';
    let type = options.typeOf?.(file);
    if (!type) {
      evidence = 'filename';
      type = typeFromFilename(file);
    }
    if (!type) {
      evidence = 'inferred';
      type = inferType(doc.root);
    }
    const origin: PolicyOrigin = {
      file,
      format: 'json',
      policyType: type.policyType,
      typeFrom: evidence,
      pointer: '',
      label: file,
      ...(type.host ? { host: type.host } : {}),
    };
    return { file, format: 'json', policies: [{ origin, root: doc.root }], diagnostics };
  },
};
