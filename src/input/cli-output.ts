import { InputError } from '../model/errors.js';
import { readJson } from '../json/index.js';
import { member, pathToPointer, type JsonNode } from '../json/index.js';
import type { DocumentRef } from '../model/source.js';

/**
 * Policies often arrive wrapped in AWS CLI output, with the document embedded as a JSON string:
 * `get-bucket-policy` / `get-key-policy` (`{"Policy": "..."}`), `get-role-policy` (`PolicyDocument`),
 * `get-policy-version` (`PolicyVersion.Document`, URL-encoded by the IAM API), Secrets Manager's
 * `ResourcePolicy`, SQS/SNS `Attributes.Policy`, ECR `policyText`. This finds the policy
 * document and says where it was found, so messages can name the embedding.
 */
export interface Unwrapped {
  root: JsonNode;
  /** Label of the source: the file, plus the embedding path when the document was a string. */
  source: string;
  /** JSON path of the policy within the file when it is an object inside a wrapper. */
  basePath: string;
  /** Where the document is, as data. */
  ref: DocumentRef;
}

/** The places AWS CLI output puts a policy document, most specific first: the path of keys, and its JSON path suffix. */
const WRAPPERS: readonly [string[], string][] = [
  [['Policy', 'Content'], '.Policy.Content'],
  [['Policy'], '.Policy'],
  [['PolicyDocument'], '.PolicyDocument'],
  [['PolicyVersion', 'Document'], '.PolicyVersion.Document'],
  // secretsmanager get-resource-policy, sqs get-queue-attributes / sns get-topic-attributes,
  // ecr get-repository-policy.
  [['ResourcePolicy'], '.ResourcePolicy'],
  [['Attributes', 'Policy'], '.Attributes.Policy'],
  [['policyText'], '.policyText'],
];

/** The values at the places AWS CLI output puts a policy (an object, or the document as a string), in order. */
export function wrappedPolicies(root: JsonNode): { node: JsonNode; suffix: string }[] {
  const out: { node: JsonNode; suffix: string }[] = [];
  for (const [keys, suffix] of WRAPPERS) {
    let node: JsonNode | undefined = root;
    for (const k of keys) node = node && node.kind === 'object' ? member(node, k)?.value : undefined;
    if (node) out.push({ node, suffix });
  }
  return out;
}

export function unwrapPolicy(root: JsonNode, source: string, basePath = '$'): Unwrapped {
  if (root.kind === 'string') return embeddedPolicy(root, source, basePath);
  if (root.kind !== 'object' || member(root, 'Statement')) return { root, source, basePath, ref: { file: source, pointer: pathToPointer(basePath) } };
  for (const { node, suffix } of wrappedPolicies(root)) {
    if (node.kind === 'object' && member(node, 'Statement')) {
      return { root: node, source, basePath: basePath + suffix, ref: { file: source, pointer: pathToPointer(basePath + suffix) } };
    }
    if (node.kind === 'string') return embeddedPolicy(node, source, basePath + suffix);
  }
  return { root, source, basePath, ref: { file: source, pointer: pathToPointer(basePath) } };
}

/** A policy document written as a JSON string (URL-encoded, as the IAM API returns it, or not) at `path`. */
function embeddedPolicy(node: JsonNode & { kind: 'string' }, source: string, path: string): Unwrapped {
  let text = node.value;
  if (/^%7B/i.test(text.trim())) {
    try {
      text = decodeURIComponent(text);
    } catch {
      throw new InputError(`the URL-encoded policy in ${path} cannot be decoded`, { source, line: node.span.line, column: node.span.column });
    }
  }
  const label = `${source} (policy embedded as a string at ${path}, line ${node.span.line})`;
  return {
    root: readJson(text, label).root,
    source: label,
    basePath: '$',
    ref: { file: source, pointer: '', embeddedIn: { pointer: pathToPointer(path), line: node.span.line } },
  };
}
