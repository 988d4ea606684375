import type { ts } from 'ts-morph';
import type { JsonMember, JsonNode, JsonObject } from '../../json/index.js';
import type { SourceSpan } from '../../model/source.js';
import {
  constValue,
  generated,
  lastName,
  notResolved,
  obj,
  objectProps,
  placeholder,
  resolveString,
  resolveValue,
  spanOf,
  str,
  unwrap,
  type CdkContext,
} from './cdk-values.js';

/** `PolicyStatement` props and the policy element each becomes (aws-cdk-lib `PolicyStatementProps`). */
const STATEMENT_PROPS: ReadonlyMap<string, string> = new Map([
  ['sid', 'Sid'],
  ['effect', 'Effect'],
  ['principals', 'Principal'],
  ['notPrincipals', 'NotPrincipal'],
  ['actions', 'Action'],
  ['notActions', 'NotAction'],
  ['resources', 'Resource'],
  ['notResources', 'NotResource'],
  ['conditions', 'Condition'],
]);

/** A principal as CDK renders it into a statement: `Principal` entries, conditions it adds, and its assume-role action. */
export interface PrincipalFragment {
  entries: { type: string; value: JsonNode }[];
  /** `StarPrincipal`: `"Principal": "*"`. */
  star?: SourceSpan;
  conditions: JsonMember[];
  assumeAction: string;
}

const fragment = (type: string, value: JsonNode, assumeAction = 'sts:AssumeRole'): PrincipalFragment => ({
  entries: [{ type, value }],
  conditions: [],
  assumeAction,
});

function arg(ctx: CdkContext, e: ts.NewExpression | ts.CallExpression, i: number): string | undefined {
  const a = e.arguments?.[i];
  return a ? resolveString(ctx, a) : notResolved(ctx, e, 'a principal without its argument');
}

/** Conditions given as an object literal (a principal's second argument), as `Condition` members. */
function conditionMembers(ctx: CdkContext, e: ts.Expression | undefined): JsonMember[] | undefined {
  if (!e) return [];
  const v = resolveValue(ctx, e);
  if (!v) return undefined;
  return v.kind === 'object' ? v.members : notResolved(ctx, e, 'conditions that are not an object');
}

/** Principals with one string argument, and the element CDK renders (aws-cdk-lib `aws-iam/lib/principals.ts`). */
function simplePrincipal(ctx: CdkContext, name: string, e: ts.NewExpression): PrincipalFragment | undefined {
  const span = spanOf(ctx, e);
  const one = (type: string, shape: (s: string) => string = (s) => s) => {
    const s = arg(ctx, e, 0);
    return s === undefined ? undefined : fragment(type, str(shape(s), spanOf(ctx, e.arguments![0]!)));
  };
  switch (name) {
    case 'ServicePrincipal':
      return one('Service');
    case 'ArnPrincipal':
      return one('AWS');
    case 'CanonicalUserPrincipal':
      return one('CanonicalUser');
    case 'AccountPrincipal':
      return one('AWS', (a) => `arn:aws:iam::${a}:root`);
    case 'AccountRootPrincipal':
      return fragment('AWS', str(`arn:aws:iam::${placeholder('account')}:root`, span));
    case 'AnyPrincipal':
      return fragment('AWS', str('*', span));
    case 'StarPrincipal':
      return { entries: [], star: span, conditions: [], assumeAction: 'sts:AssumeRole' };
    case 'OrganizationPrincipal': {
      // `{ AWS: ['*'] }` with `{ StringEquals: { 'aws:PrincipalOrgID': organizationId } }` (OrganizationPrincipal.policyFragment).
      const org = arg(ctx, e, 0);
      if (org === undefined) return undefined;
      const orgSpan = spanOf(ctx, e.arguments![0]!);
      const condition: JsonMember = {
        key: 'StringEquals',
        keySpan: span,
        value: obj([{ key: 'aws:PrincipalOrgID', keySpan: span, value: str(org, orgSpan) }], span),
      };
      return { entries: [{ type: 'AWS', value: str('*', span) }], conditions: [condition], assumeAction: 'sts:AssumeRole' };
    }
    default:
      return undefined;
  }
}

/** One principal expression as CDK renders it, or undefined (reported). */
export function principalFragment(ctx: CdkContext, expr: ts.Expression, depth = 0): PrincipalFragment | undefined {
  const { ts } = ctx;
  let e = unwrap(ctx, expr);
  if (ts.isIdentifier(e)) e = unwrap(ctx, constValue(ctx, e) ?? e);
  if (depth > 8) return notResolved(ctx, expr, 'nested too deeply');
  if (ts.isCallExpression(e) && ts.isPropertyAccessExpression(e.expression) && e.expression.name.text === 'withConditions') {
    const base = principalFragment(ctx, e.expression.expression, depth + 1);
    const more = base && conditionMembers(ctx, e.arguments[0]);
    return base && more ? { ...base, conditions: [...base.conditions, ...more] } : undefined;
  }
  if (!ts.isNewExpression(e)) return notResolved(ctx, expr, 'a principal that is not a `new` principal of aws-iam in this file');
  const name = lastName(ctx, e.expression) ?? '';
  const simple = simplePrincipal(ctx, name, e);
  if (simple) return simple;
  const args = e.arguments ?? [];
  if (name === 'FederatedPrincipal' || name === 'WebIdentityPrincipal') {
    const federated = arg(ctx, e, 0);
    const conditions = federated === undefined ? undefined : conditionMembers(ctx, args[1]);
    if (!conditions) return undefined;
    // FederatedPrincipal(federated, conditions, assumeRoleAction = 'sts:AssumeRole'); WebIdentityPrincipal assumes with web identity.
    let action: string | undefined = name === 'WebIdentityPrincipal' ? 'sts:AssumeRoleWithWebIdentity' : 'sts:AssumeRole';
    if (name === 'FederatedPrincipal' && args[2]) action = resolveString(ctx, args[2]);
    return action === undefined ? undefined : { ...fragment('Federated', str(federated!, spanOf(ctx, args[0]!)), action), conditions };
  }
  if (name === 'PrincipalWithConditions') {
    const base = args[0] && principalFragment(ctx, args[0], depth + 1);
    const more = base && conditionMembers(ctx, args[1]);
    return base && more ? { ...base, conditions: [...base.conditions, ...more] } : undefined;
  }
  if (name === 'CompositePrincipal') return compositePrincipal(ctx, e, args, depth);
  return notResolved(ctx, e, `\`${name}\` is not a principal policy-why reads`);
}

function compositePrincipal(ctx: CdkContext, e: ts.NewExpression, args: readonly ts.Expression[], depth: number): PrincipalFragment | undefined {
  const parts: PrincipalFragment[] = [];
  for (const a of args) {
    const p = principalFragment(ctx, a, depth + 1);
    if (!p) return undefined;
    parts.push(p);
  }
  const actions = new Set(parts.map((p) => p.assumeAction));
  if (actions.size > 1) return notResolved(ctx, e, 'principals with different assume-role actions');
  const star = parts.find((p) => p.star)?.star;
  return {
    entries: parts.flatMap((p) => p.entries),
    ...(star ? { star } : {}),
    conditions: parts.flatMap((p) => p.conditions),
    assumeAction: [...actions][0] ?? 'sts:AssumeRole',
  };
}

/** `Principal` as CDK renders a principal fragment: `"*"` for StarPrincipal, else `{ AWS: [...], Service: [...] }`. */
export function principalNode(f: PrincipalFragment, span: SourceSpan): JsonNode {
  if (f.star) return str('*', f.star);
  const byType = new Map<string, JsonNode[]>();
  for (const { type, value } of f.entries) byType.set(type, [...(byType.get(type) ?? []), value]);
  return obj(
    [...byType].map(([type, values]) => ({ key: type, keySpan: values[0]!.span, value: { kind: 'array', span, elements: values } })),
    span,
  );
}

/** A list of principals (`principals: [...]`), as one fragment. */
function principalList(ctx: CdkContext, expr: ts.Expression): PrincipalFragment | undefined {
  let e = unwrap(ctx, expr);
  if (ctx.ts.isIdentifier(e)) e = unwrap(ctx, constValue(ctx, e) ?? e);
  if (!ctx.ts.isArrayLiteralExpression(e)) return notResolved(ctx, expr, 'principals that are not an array literal of this file');
  const parts: PrincipalFragment[] = [];
  for (const el of e.elements) {
    const p = ctx.ts.isSpreadElement(el) ? notResolved(ctx, el, 'a spread of principals') : principalFragment(ctx, el);
    if (!p) return undefined;
    parts.push(p);
  }
  const star = parts.find((p) => p.star)?.star;
  return {
    entries: parts.flatMap((p) => p.entries),
    ...(star ? { star } : {}),
    conditions: parts.flatMap((p) => p.conditions),
    assumeAction: 'sts:AssumeRole',
  };
}

/** Adds condition operators to a statement's `Condition` (a principal's conditions join the statement's). */
export function addConditions(members: JsonMember[], conditions: readonly JsonMember[], span: SourceSpan): void {
  if (!conditions.length) return;
  let cond = members.find((m) => m.key === 'Condition');
  if (!cond || cond.value.kind !== 'object') {
    cond = { key: 'Condition', keySpan: span, value: obj([], span) };
    members.push(cond);
  }
  const target = cond.value as JsonObject;
  for (const op of conditions) {
    const existing = target.members.find((m) => m.key === op.key);
    if (existing?.value.kind === 'object' && op.value.kind === 'object') existing.value.members.push(...op.value.members);
    else target.members.push(op);
  }
}

/** The value of one `PolicyStatement` prop as its policy element, or undefined (reported). */
function propValue(ctx: CdkContext, element: string, value: ts.Expression, conditions: JsonMember[]): JsonNode | undefined {
  if (element === 'Principal' || element === 'NotPrincipal') {
    const f = principalList(ctx, value);
    if (!f) return undefined;
    conditions.push(...f.conditions);
    return principalNode(f, spanOf(ctx, value));
  }
  const v = resolveValue(ctx, value);
  if (element === 'Effect' && v?.kind === 'string' && v.value !== 'Allow' && v.value !== 'Deny')
    return notResolved(ctx, value, 'an effect that is not `iam.Effect`');
  return v;
}

/** `new iam.PolicyStatement({ … })` as a policy statement, every element at the prop that wrote it; undefined (reported) when a part is not known. */
function fromProps(ctx: CdkContext, e: ts.NewExpression): JsonObject | undefined {
  const props = objectProps(ctx, e.arguments?.[0]);
  if (!props) return undefined;
  const members: JsonMember[] = [];
  const conditions: JsonMember[] = [];
  const where = spanOf(ctx, e.expression);
  for (const [name, p] of props) {
    const element = STATEMENT_PROPS.get(name);
    if (!element) return notResolved(ctx, p, `\`${name}\` is not a PolicyStatement property`);
    const value = propValue(ctx, element, p.initializer, conditions);
    if (!value) return undefined;
    members.push({ key: element, keySpan: spanOf(ctx, p.name), value });
  }
  // "effect: Whether to allow or deny the actions in this statement. Default: Effect.ALLOW" (PolicyStatementProps).
  if (!props.has('effect')) members.unshift(generated('Effect', str('Allow', where), where));
  addConditions(members, conditions, where);
  return obj(members, spanOf(ctx, e));
}

/** Array-valued mutators of a statement and the element each adds to. */
const ADDERS: ReadonlyMap<string, string> = new Map([
  ['addActions', 'Action'],
  ['addNotActions', 'NotAction'],
  ['addResources', 'Resource'],
  ['addNotResources', 'NotResource'],
]);

/** `stmt.addActions('s3:GetObject')` and the other calls on a statement `const`, applied in file order. */
export function applyCalls(ctx: CdkContext, name: string, stmt: JsonObject): JsonObject | undefined {
  for (const call of ctx.calls.get(name) ?? []) {
    const method = (call.expression as ts.PropertyAccessExpression).name.text;
    const element = ADDERS.get(method);
    const span = spanOf(ctx, call);
    if (element) {
      const values: JsonNode[] = [];
      for (const a of call.arguments) {
        const v = resolveValue(ctx, a);
        if (v?.kind !== 'string') return v ? notResolved(ctx, a, 'not a string') : undefined;
        values.push(v);
      }
      appendTo(stmt, element, values, span);
    } else if (method === 'addAllResources') appendTo(stmt, 'Resource', [str('*', span)], span);
    else if (method === 'addCondition' && call.arguments.length === 2) {
      const op = resolveString(ctx, call.arguments[0]!);
      const value = op === undefined ? undefined : resolveValue(ctx, call.arguments[1]!);
      if (!value) return undefined;
      addConditions(stmt.members, [{ key: op!, keySpan: spanOf(ctx, call.arguments[0]!), value }], span);
    } else if (method === 'addPrincipals') {
      for (const a of call.arguments) {
        const f = principalFragment(ctx, a);
        if (!f) return undefined;
        appendPrincipal(stmt, f, span);
      }
    } else if (method !== 'toJSON' && method !== 'toStatementJson')
      return notResolved(ctx, call, `\`${method}\` is not a PolicyStatement method policy-why reads`);
  }
  return stmt;
}

function appendTo(stmt: JsonObject, element: string, values: JsonNode[], span: SourceSpan): void {
  const m = stmt.members.find((x) => x.key === element);
  if (m?.value.kind === 'array') m.value.elements.push(...values);
  else if (m) m.value = { kind: 'array', span: m.value.span, elements: [m.value, ...values] };
  else stmt.members.push({ key: element, keySpan: span, value: { kind: 'array', span, elements: values } });
}

function appendPrincipal(stmt: JsonObject, f: PrincipalFragment, span: SourceSpan): void {
  const m = stmt.members.find((x) => x.key === 'Principal');
  if (!m || f.star) {
    if (m) m.value = principalNode(f, span);
    else stmt.members.push({ key: 'Principal', keySpan: span, value: principalNode(f, span) });
  } else if (m.value.kind === 'object') {
    const target = m.value;
    for (const { type, value } of f.entries) {
      const existing = target.members.find((x) => x.key === type);
      if (existing?.value.kind === 'array') existing.value.elements.push(value);
      else target.members.push({ key: type, keySpan: value.span, value: { kind: 'array', span, elements: [value] } });
    }
  }
  addConditions(stmt.members, f.conditions, span);
}

/** Is this `new X(…)` / `X.fromJson(…)` a statement (`PolicyStatement`) or a document (`PolicyDocument`)? */
export function isFactory(ctx: CdkContext, e: ts.Node, cls: 'PolicyStatement' | 'PolicyDocument'): e is ts.NewExpression | ts.CallExpression {
  const { ts } = ctx;
  if (ts.isNewExpression(e)) return lastName(ctx, e.expression) === cls;
  return (
    ts.isCallExpression(e) &&
    ts.isPropertyAccessExpression(e.expression) &&
    e.expression.name.text === 'fromJson' &&
    lastName(ctx, e.expression.expression) === cls
  );
}

/** `X.fromJson({…})`: its argument, which must be an object. */
function fromJsonArgument(ctx: CdkContext, e: ts.CallExpression): JsonObject | undefined {
  const json = e.arguments[0] && resolveValue(ctx, e.arguments[0]);
  if (!json) return e.arguments[0] ? undefined : notResolved(ctx, e, 'no argument');
  return json.kind === 'object' ? json : notResolved(ctx, e, 'fromJson of something that is not an object');
}

/** A statement or document held by a `const` of this file, with the calls made on the `const` afterwards. */
function throughConst(
  ctx: CdkContext,
  id: ts.Identifier,
  build: (ctx: CdkContext, e: ts.Expression) => JsonObject | undefined,
  after: (ctx: CdkContext, name: string, built: JsonObject) => JsonObject | undefined,
): JsonObject | undefined {
  const init = constValue(ctx, id);
  if (!init) return notResolved(ctx, id, 'not a `const` of this file');
  const built = build(ctx, init);
  return built && after(ctx, id.text, built);
}

/** A statement expression (`new PolicyStatement`, `PolicyStatement.fromJson`, or a `const` holding one) as JSON, or undefined (reported). */
export function buildStatement(ctx: CdkContext, expr: ts.Expression): JsonObject | undefined {
  const e = unwrap(ctx, expr);
  if (ctx.ts.isIdentifier(e)) return throughConst(ctx, e, buildStatement, applyCalls);
  if (!isFactory(ctx, e, 'PolicyStatement')) return notResolved(ctx, e, 'not a PolicyStatement written in this file');
  ctx.consumed.add(e);
  return ctx.ts.isNewExpression(e) ? fromProps(ctx, e) : fromJsonArgument(ctx, e);
}

/** A list of statement expressions as statements; those not known are left out (each reported). */
export function buildStatements(ctx: CdkContext, exprs: readonly ts.Expression[]): JsonObject[] {
  const out: JsonObject[] = [];
  for (const x of exprs) {
    if (ctx.ts.isSpreadElement(x)) {
      notResolved(ctx, x, 'a spread of statements');
      continue;
    }
    const s = buildStatement(ctx, x);
    if (s) out.push(s);
  }
  return out;
}

/** The statement expressions of a `statements: [...]` prop (the array literal, or the `const` holding one). */
export function statementExprs(ctx: CdkContext, expr: ts.Expression): readonly ts.Expression[] | undefined {
  let e = unwrap(ctx, expr);
  if (ctx.ts.isIdentifier(e)) e = unwrap(ctx, constValue(ctx, e) ?? e);
  if (!ctx.ts.isArrayLiteralExpression(e)) return notResolved(ctx, expr, 'statements that are not an array literal of this file');
  return e.elements;
}

/** A policy document: `Version` and `Statement` at the places that wrote them. */
export function documentNode(statements: JsonObject[], span: SourceSpan, statementKeySpan: SourceSpan = span): JsonObject {
  return obj(
    [
      generated('Version', str('2012-10-17', span), span),
      { key: 'Statement', keySpan: statementKeySpan, value: { kind: 'array', span: statementKeySpan, elements: statements } },
    ],
    span,
  );
}

/** `doc.addStatements(…)` calls on a document `const`, applied in file order. */
export function addStatementCalls(ctx: CdkContext, name: string, doc: JsonObject): JsonObject {
  const added = (ctx.calls.get(name) ?? []).filter((c) => (c.expression as ts.PropertyAccessExpression).name.text === 'addStatements');
  const list = doc.members.find((m) => m.key === 'Statement')?.value;
  if (list?.kind === 'array') for (const c of added) list.elements.push(...buildStatements(ctx, c.arguments));
  return doc;
}

/**
 * A document expression (`new PolicyDocument({ statements })`, `PolicyDocument.fromJson({…})`, or a `const`
 * holding one, with its `addStatements` calls) as a policy document, or undefined (reported).
 */
export function buildDocument(ctx: CdkContext, expr: ts.Expression): JsonObject | undefined {
  const { ts } = ctx;
  const e = unwrap(ctx, expr);
  if (ts.isIdentifier(e)) return throughConst(ctx, e, buildDocument, addStatementCalls);
  if (!isFactory(ctx, e, 'PolicyDocument')) return notResolved(ctx, e, 'not a PolicyDocument written in this file');
  ctx.consumed.add(e);
  if (ts.isCallExpression(e)) return fromJsonArgument(ctx, e);
  const props = objectProps(ctx, e.arguments?.[0]);
  if (!props) return undefined;
  const statements = props.get('statements');
  const exprs = statements ? statementExprs(ctx, statements.initializer) : [];
  if (!exprs) return undefined;
  return documentNode(buildStatements(ctx, exprs), spanOf(ctx, e), statements ? spanOf(ctx, statements.initializer) : spanOf(ctx, e));
}
