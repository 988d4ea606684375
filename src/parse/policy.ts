import { InputError } from '../model/errors.js';
import { member, scalarText, type JsonNode, type JsonObject } from '../json/tree.js';
import type { SourceSpan } from '../model/source.js';
import {
  RESOURCE_BASED,
  type ActionPattern,
  type Condition,
  type ConditionValue,
  type PolicyDocument,
  type PolicyType,
  type PrincipalValue,
  type ResourcePattern,
  type Statement,
} from '../model/policy.js';
import type { DocumentRef } from '../model/source.js';
import { parseOperator } from '../iam/operators.js';
import { policyTypeWithArticle } from '../iam/policy-types.js';
import { loadSchema, validateAgainst } from './schema.js';

const validatePolicy = loadSchema('policy.schema.json');

/** Policy types in which a missing Resource element means every resource (Organizations policies). */
// A role trust policy has no Resource: the role it is attached to is the resource (IAM User Guide,
// "AWS JSON policy elements: Principal", role trust policies). Such a statement applies to every request
// evaluated against the policy.
const RESOURCE_OPTIONAL: ReadonlySet<PolicyType> = new Set(['scp', 'rcp', 'resource']);

export interface ParsePolicyOptions {
  /** File the JSON came from (errors name it). */
  file: string;
  /** Label shown in explanations: the file, or the file plus the inline location. */
  label: string;
  /** Where the document came from, as data. */
  ref: DocumentRef;
  policyType: PolicyType;
  /** JSON path of the policy inside its file, for inline policies (`$.policies.identity[0]`). */
  basePath?: string;
}

/** Turns a policy's JSON tree into the policy AST, checking the grammar on the way. */
export function parsePolicy(root: JsonNode, options: ParsePolicyOptions): PolicyDocument {
  const { file, policyType } = options;
  const basePath = options.basePath ?? '$';
  const err = (message: string, span: SourceSpan, path?: string) =>
    new InputError(message, { source: file, line: span.line, column: span.column, ...(path ? { jsonPath: path } : {}) });

  if (root.kind !== 'object') throw err(`a policy document must be a JSON object, not ${root.kind === 'array' ? 'an array' : root.kind}`, root.span);

  const statementMember = member(root, 'Statement');
  const statementNodes: JsonNode[] = !statementMember ? [] : statementMember.value.kind === 'array' ? statementMember.value.elements : [statementMember.value];

  // Element combinations first: they give the clearest message at the offending key.
  statementNodes.forEach((node, i) => {
    if (node.kind !== 'object') return;
    const path = `${basePath}.Statement${statementMember!.value.kind === 'array' ? `[${i}]` : ''}`;
    checkCombinations(node, policyType, path, err);
  });

  validateAgainst(validatePolicy, root, file, basePath);

  const versionNode = member(root, 'Version');
  const version = versionNode ? (scalarText(versionNode.value) as '2012-10-17' | '2008-10-17') : undefined;
  const idNode = member(root, 'Id');

  const statements = statementNodes.map((node, index) =>
    buildStatement(node as JsonObject, index, { file, policyType, err, path: `${basePath}.Statement[${index}]` }),
  );
  const policy: PolicyDocument = { policyType, ref: options.ref, source: options.label, version, statements, span: root.span };
  if (idNode) policy.id = scalarText(idNode.value);
  return policy;
}

type ErrFn = (message: string, span: SourceSpan, path?: string) => InputError;

function checkCombinations(node: JsonObject, policyType: PolicyType, path: string, err: ErrFn): void {
  const a = member(node, 'Action');
  const na = member(node, 'NotAction');
  if (a && na) throw err('a statement may have Action or NotAction, not both', na.keySpan, path);
  if (!a && !na) throw err('statement has neither Action nor NotAction', node.span, path);
  const r = member(node, 'Resource');
  const nr = member(node, 'NotResource');
  if (r && nr) throw err('a statement may have Resource or NotResource, not both', nr.keySpan, path);
  if (!r && !nr && !RESOURCE_OPTIONAL.has(policyType)) {
    throw err(`statement has neither Resource nor NotResource (required in ${policyTypeWithArticle(policyType)})`, node.span, path);
  }
  const p = member(node, 'Principal');
  const np = member(node, 'NotPrincipal');
  if (p && np) throw err('a statement may have Principal or NotPrincipal, not both', np.keySpan, path);
  const resourceBased = RESOURCE_BASED.has(policyType);
  if (!resourceBased && (p || np)) {
    throw err(
      `\`${p ? 'Principal' : 'NotPrincipal'}\` is not allowed in ${policyTypeWithArticle(policyType)}: the principal is whoever the policy is attached to (only resource-based policies name principals)`,
      (p ?? np)!.keySpan,
      path,
    );
  }
  if (resourceBased && !p && !np) {
    throw err(`statement has no Principal (required in ${policyTypeWithArticle(policyType)})`, node.span, path);
  }
}

interface BuildContext {
  file: string;
  policyType: PolicyType;
  err: ErrFn;
  path: string;
}

function strings(node: JsonNode): { text: string; span: SourceSpan }[] {
  if (node.kind === 'array') return node.elements.map((e) => ({ text: scalarText(e), span: e.span }));
  return [{ text: scalarText(node), span: node.span }];
}

const ACTION_SHAPE = /^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/;
const ACCOUNT_ID = /^\d{12}$/;

function buildStatement(node: JsonObject, index: number, ctx: BuildContext): Statement {
  const effect = scalarText(member(node, 'Effect')!.value) as 'Allow' | 'Deny';
  const sidNode = member(node, 'Sid');
  const actionMember = member(node, 'Action') ?? member(node, 'NotAction')!;
  const actions: ActionPattern[] = strings(actionMember.value).map(({ text, span }) => {
    if (!ACTION_SHAPE.test(text)) {
      throw ctx.err(`action \`${text}\` is not of the form service:Action (or \`*\`)`, span, ctx.path);
    }
    return { text, span };
  });
  const stmt: Statement = {
    index,
    effect,
    span: node.span,
    actionSpan: actionMember.value.span,
    conditions: [],
  };
  if (sidNode) stmt.sid = scalarText(sidNode.value);
  if (actionMember.key === 'Action') stmt.action = actions;
  else stmt.notAction = actions;

  const resourceMember = member(node, 'Resource') ?? member(node, 'NotResource');
  if (resourceMember) {
    const resources: ResourcePattern[] = strings(resourceMember.value).map(({ text, span }) => {
      if (text !== '*' && !text.startsWith('arn:')) {
        throw ctx.err(`resource \`${text}\` is neither an ARN nor \`*\``, span, ctx.path);
      }
      return { text, span };
    });
    stmt.resourceSpan = resourceMember.value.span;
    if (resourceMember.key === 'Resource') stmt.resource = resources;
    else stmt.notResource = resources;
  }

  const principalMember = member(node, 'Principal') ?? member(node, 'NotPrincipal');
  if (principalMember) {
    const values = principalValues(principalMember.value, ctx);
    stmt.principalSpan = principalMember.value.span;
    if (principalMember.key === 'Principal') stmt.principal = values;
    else stmt.notPrincipal = values;
  }

  const conditionMember = member(node, 'Condition');
  if (conditionMember && conditionMember.value.kind === 'object') {
    stmt.conditions = conditions(conditionMember.value, ctx);
  }
  return stmt;
}

/**
 * A user's or role's unique id ("You can also specify unique IDs in the Principal element", IAM
 * identifiers; a deleted principal's ARN is shown as its id). It never names the caller of a request
 * described by ARN, so it matches nobody.
 */
const UNIQUE_ID = /^A(IDA|ROA|IPA|NPA|NVA|GPA)[A-Z0-9]{12,}$/;

function principalValues(node: JsonNode, ctx: BuildContext): PrincipalValue[] {
  if (node.kind === 'string') return [{ type: '*', value: node.value, span: node.span }];
  const out: PrincipalValue[] = [];
  if (node.kind !== 'object') return out;
  for (const m of node.members) {
    const type = m.key as PrincipalValue['type'];
    for (const { text, span } of strings(m.value)) {
      if (type === 'AWS' && text !== '*' && !ACCOUNT_ID.test(text) && !text.startsWith('arn:') && !UNIQUE_ID.test(text)) {
        throw ctx.err(`principal \`${text}\` under AWS must be \`*\`, a 12-digit account id, an ARN or a unique id (AIDA…, AROA…)`, span, ctx.path);
      }
      out.push({ type, value: text, span });
    }
  }
  return out;
}

function conditions(block: JsonObject, ctx: BuildContext): Condition[] {
  const out: Condition[] = [];
  for (const opMember of block.members) {
    const parsed = parseOperator(opMember.key);
    if ('error' in parsed) {
      throw ctx.err(`${parsed.error}; AWS rejects a policy with it, so no decision can be made`, opMember.keySpan, `${ctx.path}.Condition`);
    }
    if (opMember.value.kind !== 'object') continue; // the schema reports this shape
    const seen = new Map<string, string>();
    for (const keyMember of opMember.value.members) {
      // Key names are case-insensitive, so `aws:SourceIp` and `AWS:SOURCEIP` are the same key twice.
      const prev = seen.get(keyMember.key.toLowerCase());
      if (prev !== undefined) {
        throw ctx.err(
          `condition key \`${keyMember.key}\` repeats \`${prev}\` under ${opMember.key} (key names are case-insensitive; the policy grammar forbids a key twice)`,
          keyMember.keySpan,
          `${ctx.path}.Condition.${opMember.key}`,
        );
      }
      seen.set(keyMember.key.toLowerCase(), keyMember.key);
      const valueNodes = keyMember.value.kind === 'array' ? keyMember.value.elements : [keyMember.value];
      const values: ConditionValue[] = valueNodes.map((v) => ({
        text: scalarText(v),
        span: v.span,
        nonString: v.kind !== 'string',
      }));
      out.push({ operator: parsed, operatorSpan: opMember.keySpan, key: keyMember.key, keySpan: keyMember.keySpan, values });
    }
  }
  return out;
}
