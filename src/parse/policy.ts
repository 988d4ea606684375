import { inputErrorFrom, type Diagnostic } from '../model/diagnostic.js';
import { member, scalarText, type JsonMember, type JsonNode, type JsonObject } from '../json/index.js';
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
import { hasPlaceholder } from '../iam/placeholder.js';
import { policyTypeWithArticle } from '../iam/policy-types.js';
import { loadSchema, schemaDiagnostics } from './schema.js';
import { hasPolicyShape } from './shape.js';

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

/** Turns a policy's JSON tree into the policy AST, checking the grammar on the way; throws an InputError for the first problem. */
export function parsePolicy(root: JsonNode, options: ParsePolicyOptions): PolicyDocument {
  const { policy, diagnostics } = parsePolicyDiagnostics(root, options);
  if (diagnostics[0]) throw inputErrorFrom(diagnostics[0]);
  return policy!;
}

/** The Statement element's statements: an array's elements, or the one statement object. */
function statementsOf(value: JsonNode | undefined): JsonNode[] {
  if (!value) return [];
  return value.kind === 'array' ? value.elements : [value];
}

/**
 * What {@link parsePolicyDiagnostics} gives: the policy when it has no problem, every problem, and for a
 * policy AWS would reject only because of some of its statements, the document with the statements the
 * parser accepted (`check` goes on checking those; `policy-why --request` still refuses the policy).
 */
export interface ParsedPolicy {
  /** Set only when there is no diagnostic. */
  policy?: PolicyDocument;
  diagnostics: Diagnostic[];
  /**
   * Set when there are diagnostics and every one of them lies inside a statement (its JSON path is under
   * `Statement[i]`): the document without those statements, for the rules that read one statement at a
   * time. A problem outside the statements (the root, Version, the Statement element itself) gives none.
   */
  accepted?: PolicyDocument;
}

/**
 * Turns a policy's JSON tree into the policy AST and reports every grammar problem as a diagnostic, in three
 * passes (the order {@link parsePolicy} has always checked in, so its first diagnostic is the error it throws):
 *
 * 1. element combinations of each statement: `policy-element-invalid` (Action with NotAction, neither, and
 *    the same for Resource and Principal), `principal-placement` (Principal where the policy type names no
 *    principals, or missing where it must);
 * 2. the JSON Schema: `policy-element-invalid` (unknown element, Effect, types, empty values…);
 * 3. the values: `policy-element-invalid` (action not `service:Action`, principal of the wrong form),
 *    `arn-malformed` (resource neither an ARN nor `*`), `condition-operator-unknown`, `null-operator-misuse`
 *    (`NullIfExists`, Null with a set qualifier), `json-duplicate-key` (a condition key repeated in another case).
 *
 * A root that is not an object gives one diagnostic and nothing else. `policy` is set only when there is no
 * diagnostic; `accepted` when every diagnostic is inside a statement.
 */
export function parsePolicyDiagnostics(root: JsonNode, options: ParsePolicyOptions): ParsedPolicy {
  const { file, policyType } = options;
  const basePath = options.basePath ?? '$';
  const diagnostics: Diagnostic[] = [];
  const report: Report = (code, message, span, path) => {
    const d: Diagnostic = { code, severity: 'error', message, file, span };
    if (path) d.jsonPath = path;
    diagnostics.push(d);
  };

  if (root.kind !== 'object') {
    report('policy-element-invalid', `a policy document must be a JSON object, not ${root.kind === 'array' ? 'an array' : root.kind}`, root.span);
    return { diagnostics };
  }

  const statementMember = member(root, 'Statement');
  const statementNodes = statementsOf(statementMember?.value);

  // Element combinations first: they give the clearest message at the offending key.
  statementNodes.forEach((node, i) => {
    if (node.kind !== 'object') return;
    const path = `${basePath}.Statement${statementMember!.value.kind === 'array' ? `[${i}]` : ''}`;
    checkCombinations(node, policyType, path, report);
  });

  // The schema's allOf repeats the combinations checked above, without their positions: once those have
  // reported, its combination errors are left out. When they have not, the schema's first error is kept
  // whatever it is, being the one parsePolicy has always thrown (a statement that is a string fails its oneOf).
  const omitCombinations = diagnostics.length > 0;
  // A document of the schema's shape (nearly every one) skips the schema: hasPolicyShape says true only when it would pass.
  if (!hasPolicyShape(root)) diagnostics.push(...schemaDiagnostics(validatePolicy, root, file, { code: 'policy-element-invalid', basePath, omitCombinations }));

  const statements: Statement[] = [];
  statementNodes.forEach((node, index) => {
    const stmt = buildStatement(node, index, { report, path: `${basePath}.Statement[${index}]` });
    if (stmt) statements.push(stmt);
  });
  const policy = documentOf(root, statements, options);
  if (diagnostics.length === 0) return { policy, diagnostics };
  const rejected = rejectedStatements(diagnostics, basePath, statementMember?.value.kind === 'array');
  if (!rejected) return { diagnostics };
  return { diagnostics, accepted: { ...policy, statements: statements.filter((s) => !rejected.has(s.index)) } };
}

/** The indexes of the statements the diagnostics are in, or undefined when one of them is outside every statement. */
function rejectedStatements(diagnostics: readonly Diagnostic[], basePath: string, array: boolean): Set<number> | undefined {
  const prefix = `${basePath}.Statement`;
  const rejected = new Set<number>();
  for (const d of diagnostics) {
    const rest = d.jsonPath?.startsWith(prefix) ? d.jsonPath.slice(prefix.length) : undefined;
    const index = rest === undefined ? undefined : /^\[(\d+)\]/.exec(rest)?.[1];
    if (index !== undefined) rejected.add(Number(index));
    // A single statement object (`Statement.Effect`): the one statement, index 0.
    else if (!array && rest !== undefined && /^(\.|$)/.test(rest)) rejected.add(0);
    else return undefined;
  }
  return rejected;
}

function documentOf(root: JsonObject, statements: Statement[], options: ParsePolicyOptions): PolicyDocument {
  const versionNode = member(root, 'Version');
  const version = versionNode ? (scalarText(versionNode.value) as '2012-10-17' | '2008-10-17') : undefined;
  const idNode = member(root, 'Id');
  const policy: PolicyDocument = { policyType: options.policyType, ref: options.ref, source: options.label, version, statements, span: root.span };
  if (idNode) policy.id = scalarText(idNode.value);
  const statementKey = member(root, 'Statement');
  if (statementKey) policy.statementKeySpan = statementKey.keySpan;
  return policy;
}

type Report = (code: string, message: string, span: SourceSpan, path?: string) => void;

function checkCombinations(node: JsonObject, policyType: PolicyType, path: string, report: Report): void {
  const invalid = (message: string, span: SourceSpan) => report('policy-element-invalid', message, span, path);
  const a = member(node, 'Action');
  const na = member(node, 'NotAction');
  if (a && na) invalid('a statement may have Action or NotAction, not both', na.keySpan);
  if (!a && !na) invalid('statement has neither Action nor NotAction', node.span);
  const r = member(node, 'Resource');
  const nr = member(node, 'NotResource');
  if (r && nr) invalid('a statement may have Resource or NotResource, not both', nr.keySpan);
  if (!r && !nr && !RESOURCE_OPTIONAL.has(policyType)) {
    invalid(`statement has neither Resource nor NotResource (required in ${policyTypeWithArticle(policyType)})`, node.span);
  }
  const p = member(node, 'Principal');
  const np = member(node, 'NotPrincipal');
  if (p && np) invalid('a statement may have Principal or NotPrincipal, not both', np.keySpan);
  const resourceBased = RESOURCE_BASED.has(policyType);
  if (!resourceBased) {
    for (const m of [p, np]) {
      if (!m) continue;
      report(
        'principal-placement',
        `\`${m.key}\` is not allowed in ${policyTypeWithArticle(policyType)}: the principal is whoever the policy is attached to (only resource-based policies name principals)`,
        m.keySpan,
        path,
      );
    }
  }
  if (resourceBased && !p && !np) {
    report('principal-placement', `statement has no Principal (required in ${policyTypeWithArticle(policyType)})`, node.span, path);
  }
}

interface BuildContext {
  report: Report;
  path: string;
}

/** The string values of an element that is a string or an array of them; other values are the schema's to report. */
function strings(node: JsonNode): { text: string; span: SourceSpan }[] {
  if (node.kind === 'array') return node.elements.flatMap((e) => (e.kind === 'string' ? [{ text: e.value, span: e.span }] : []));
  return node.kind === 'string' ? [{ text: node.value, span: node.span }] : [];
}

const ACTION_SHAPE = /^(\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/;
const ACCOUNT_ID = /^\d{12}$/;

/** Both members of an `X` / `NotX` pair that are present, `X` first. */
function pair(node: JsonObject, key: string): JsonMember[] {
  return [member(node, key), member(node, `Not${key}`)].filter((m): m is JsonMember => m !== undefined);
}

/**
 * Checks a statement's values and builds its AST. Runs on any tree, valid or not, skipping what the schema
 * reports; returns undefined for a statement that cannot be built (then there are diagnostics already).
 */
function buildStatement(node: JsonNode, index: number, ctx: BuildContext): Statement | undefined {
  if (node.kind !== 'object') return undefined;
  const effectMember = member(node, 'Effect');
  const effect = effectMember ? scalarText(effectMember.value) : undefined;
  const sidNode = member(node, 'Sid');

  const actionMembers = pair(node, 'Action');
  const actionLists = actionMembers.map((m) =>
    strings(m.value).filter(({ text, span }) => {
      if (ACTION_SHAPE.test(text) || hasPlaceholder(text)) return true;
      ctx.report('policy-element-invalid', `action \`${text}\` is not of the form service:Action (or \`*\`)`, span, ctx.path);
      return false;
    }),
  );
  const resourceMembers = pair(node, 'Resource');
  const resourceLists = resourceMembers.map((m) =>
    strings(m.value).filter(({ text, span }) => {
      if (text === '*' || text.startsWith('arn:') || hasPlaceholder(text)) return true;
      ctx.report('arn-malformed', `resource \`${text}\` is neither an ARN nor \`*\``, span, ctx.path);
      return false;
    }),
  );
  const principalMembers = pair(node, 'Principal');
  const principalLists = principalMembers.map((m) => principalValues(m.value, ctx));
  const conditionMember = member(node, 'Condition');
  const conditionList = conditionMember && conditionMember.value.kind === 'object' ? conditions(conditionMember.value, ctx) : [];

  const actionMember = actionMembers[0];
  if (!actionMember || (effect !== 'Allow' && effect !== 'Deny')) return undefined;
  const actions: ActionPattern[] = actionLists[0]!;
  const stmt: Statement = {
    index,
    effect,
    span: node.span,
    actionSpan: actionMember.value.span,
    conditions: conditionList,
  };
  if (conditionMember) stmt.conditionSpan = conditionMember.keySpan;
  if (sidNode) {
    stmt.sid = scalarText(sidNode.value);
    stmt.sidSpan = sidNode.value.span;
  }
  if (actionMember.key === 'Action') stmt.action = actions;
  else stmt.notAction = actions;

  const resourceMember = resourceMembers[0];
  if (resourceMember) {
    const resources: ResourcePattern[] = resourceLists[0]!;
    stmt.resourceSpan = resourceMember.value.span;
    if (resourceMember.key === 'Resource') stmt.resource = resources;
    else stmt.notResource = resources;
  }

  const principalMember = principalMembers[0];
  if (principalMember) {
    const values = principalLists[0]!;
    stmt.principalSpan = principalMember.value.span;
    if (principalMember.key === 'Principal') stmt.principal = values;
    else stmt.notPrincipal = values;
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
      if (type === 'AWS' && text !== '*' && !ACCOUNT_ID.test(text) && !text.startsWith('arn:') && !UNIQUE_ID.test(text) && !hasPlaceholder(text)) {
        ctx.report(
          'policy-element-invalid',
          `principal \`${text}\` under AWS must be \`*\`, a 12-digit account id, an ARN or a unique id (AIDA…, AROA…)`,
          span,
          ctx.path,
        );
        continue;
      }
      out.push({ type, value: text, span });
    }
  }
  return out;
}

/** An operator AWS rejects because it is Null with IfExists or a set qualifier (parseOperator says why). */
const NULL_MISUSE = /^(?:(?:ForAnyValue|ForAllValues):)?Null(?:IfExists)?$/;

function conditions(block: JsonObject, ctx: BuildContext): Condition[] {
  const out: Condition[] = [];
  for (const opMember of block.members) {
    const parsed = parseOperator(opMember.key);
    if ('error' in parsed) {
      ctx.report(
        NULL_MISUSE.test(opMember.key) ? 'null-operator-misuse' : 'condition-operator-unknown',
        `${parsed.error}; AWS rejects a policy with it, so no decision can be made`,
        opMember.keySpan,
        `${ctx.path}.Condition`,
      );
    }
    if (opMember.value.kind !== 'object') continue; // the schema reports this shape
    const seen = new Map<string, string>();
    for (const keyMember of opMember.value.members) {
      // Key names are case-insensitive, so `aws:SourceIp` and `AWS:SOURCEIP` are the same key twice.
      const prev = seen.get(keyMember.key.toLowerCase());
      if (prev !== undefined) {
        ctx.report(
          'json-duplicate-key',
          `condition key \`${keyMember.key}\` repeats \`${prev}\` under ${opMember.key} (key names are case-insensitive; the policy grammar forbids a key twice)`,
          keyMember.keySpan,
          `${ctx.path}.Condition.${opMember.key}`,
        );
        continue;
      }
      seen.set(keyMember.key.toLowerCase(), keyMember.key);
      if ('error' in parsed) continue;
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
