import { createRequire } from 'node:module';
import type * as TsMorph from 'ts-morph';
import type { ts } from 'ts-morph';
import type { JsonObject } from '../../json/index.js';
import type { PolicyHost, PolicyOrigin } from '../../model/check.js';
import type { PolicyType } from '../../model/policy.js';
import type { SourceSpan } from '../../model/source.js';
import {
  addConditions,
  addStatementCalls,
  applyCalls,
  buildDocument,
  buildStatement,
  buildStatements,
  documentNode,
  isFactory,
  principalFragment,
  principalNode,
  statementExprs,
} from './cdk-statements.js';
import { generated, lastName, lineStartsOf, notResolved, obj, objectProps, placeholder, spanOf, str, unwrap, type CdkContext } from './cdk-values.js';
import { inferType } from './plain-json.js';
import type { FileScan, FoundPolicy, PolicyReader } from './types.js';

/** A file that imports the CDK: `aws-cdk-lib`, `aws-cdk-lib/aws-iam` … or a CDK v1 `@aws-cdk/aws-*` module. */
const CDK_IMPORT = /['"](?:aws-cdk-lib(?:\/[\w-]+)?|@aws-cdk\/aws-[\w-]+)['"]/;
/** Only files that mention one of these are parsed (the cheap sniff before the compiler). */
const RELEVANT = /PolicyStatement|PolicyDocument|addTo\w*Policy|\.grant\w*\(|enforceSSL|assumedBy/;

/** TypeScript is loaded on the first CDK file only: commands that read no CDK code never pay for it. */
let tsMorph: typeof TsMorph | undefined;
let project: TsMorph.Project | undefined;

function sourceFile(text: string): { sf: ts.SourceFile; ts: typeof ts; done: () => void } {
  tsMorph ??= createRequire(import.meta.url)('ts-morph') as typeof TsMorph;
  // One in-memory project for every file: no file system, no lib files, no type checking, nothing executed.
  project ??= new tsMorph.Project({
    useInMemoryFileSystem: true,
    skipLoadingLibFiles: true,
    skipFileDependencyResolution: true,
    compilerOptions: { noLib: true, noResolve: true },
  });
  const file = project.createSourceFile('/cdk-stack.ts', text, { overwrite: true });
  return { sf: file.compilerNode, ts: tsMorph.ts, done: () => project!.removeSourceFile(file) };
}

/** The nodes the reader works on, and the `const`s, assignments and method calls it resolves names with. */
function collect(ctx: Omit<CdkContext, 'consts' | 'assigned' | 'calls'>) {
  const { ts } = ctx;
  const consts = new Map<string, ts.Expression[]>();
  const assigned = new Map<string, ts.Expression>();
  const calls = new Map<string, ts.CallExpression[]>();
  const news: ts.NewExpression[] = [];
  const callList: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      if (ts.isVariableDeclarationList(node.parent) && node.parent.flags & ts.NodeFlags.Const)
        consts.set(node.name.text, [...(consts.get(node.name.text) ?? []), node.initializer]);
      assigned.set(node.name.text, node.initializer);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left)) {
      assigned.set(node.left.getText(ctx.sf), node.right);
    } else if (ts.isNewExpression(node)) news.push(node);
    else if (ts.isCallExpression(node)) {
      callList.push(node);
      if (ts.isPropertyAccessExpression(node.expression) && ts.isIdentifier(node.expression.expression)) {
        const name = node.expression.expression.text;
        calls.set(name, [...(calls.get(name) ?? []), node]);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(ctx.sf);
  return { consts, assigned, calls, news, callList };
}

/** A construct as the reader names it: its construct id (`new s3.Bucket(this, 'Data')` → `Data`) and its class as written. */
interface Construct {
  id: string;
  cls: string;
  className: string;
}

function constructOf(ctx: CdkContext, e: ts.Expression, fallback: string): Construct {
  const x = unwrap(ctx, e);
  if (ctx.ts.isNewExpression(x)) {
    const idArg = x.arguments?.[1];
    const id = idArg && ctx.ts.isStringLiteralLike(idArg) ? idArg.text : fallback;
    return { id, cls: x.expression.getText(ctx.sf), className: lastName(ctx, x.expression) ?? '' };
  }
  // `s3.Bucket.fromBucketName(this, 'Logs', name)`: an imported construct of that class.
  if (ctx.ts.isCallExpression(x) && ctx.ts.isPropertyAccessExpression(x.expression) && /^from[A-Z]/.test(x.expression.name.text)) {
    const inner = constructOf(ctx, x.expression.expression, fallback);
    return { id: fallback, cls: x.expression.expression.getText(ctx.sf), className: lastName(ctx, x.expression.expression) ?? inner.className };
  }
  return { id: fallback, cls: '', className: '' };
}

/** The construct a receiver (`bucket`, `this.bucket`) holds, when the file assigns it. */
function receiverConstruct(ctx: CdkContext, receiver: ts.Expression): Construct {
  const text = receiver.getText(ctx.sf);
  const init = ctx.assigned.get(text);
  return init ? constructOf(ctx, init, text) : { id: text, cls: '', className: '' };
}

/** The name a construct or value is assigned to (`const bucket = new s3.Bucket(…)` → `bucket`). */
function assignedName(ctx: CdkContext, e: ts.Node): string | undefined {
  const p = e.parent;
  if (ctx.ts.isVariableDeclaration(p) && ctx.ts.isIdentifier(p.name)) return p.name.text;
  if (ctx.ts.isBinaryExpression(p) && p.right === e) return p.left.getText(ctx.sf);
  return undefined;
}

/** Resource policies by the class of the construct that holds them (the policy type and host its container gives). */
const RESOURCE_HOSTS: ReadonlyMap<string, { policyType: PolicyType; host: PolicyHost; what: string }> = new Map([
  ['Bucket', { policyType: 'resource', host: 's3-bucket', what: 'bucket policy' }],
  ['Key', { policyType: 'kmsKey', host: 'kms-key', what: 'key policy' }],
  ['Queue', { policyType: 'resource', host: 'sqs-queue', what: 'queue policy' }],
  ['Topic', { policyType: 'resource', host: 'sns-topic', what: 'topic policy' }],
]);

/** The statements of one policy as they are gathered from the file, before they become a document. */
interface Group {
  origin: Omit<PolicyOrigin, 'file' | 'format' | 'typeFrom'>;
  span: SourceSpan;
  statements: JsonObject[];
}

class Reading {
  readonly groups = new Map<string, Group>();
  readonly found: FoundPolicy[] = [];
  private unnamed = 0;
  constructor(readonly ctx: CdkContext) {}

  group(key: string, make: () => Group): Group {
    let g = this.groups.get(key);
    if (!g) this.groups.set(key, (g = make()));
    return g;
  }

  /** Adds a document; one with no statement left (each left out is reported) is nothing to check. */
  add(origin: Group['origin'], root: JsonObject, typeFrom: PolicyOrigin['typeFrom'] = 'container'): void {
    const list = root.members.find((m) => m.key === 'Statement')?.value;
    if (list?.kind === 'array' && list.elements.length === 0) return;
    this.found.push({ origin: { file: this.ctx.file, format: 'cdk', typeFrom, ...origin }, root });
  }

  pointer(name: string): string {
    return `${this.ctx.file}#${name}`;
  }

  /** A line-free name for a statement or document written without a variable: its class and its rank in the file. */
  nameOf(e: ts.Node, cls: string): string {
    return assignedName(this.ctx, e) ?? `${cls}[${this.unnamed++}]`;
  }
}

/** `new iam.Role(this, id, { assumedBy, inlinePolicies })`: its trust policy (RoleProps.assumedBy) and its inline policies. */
function readRole(r: Reading, e: ts.NewExpression): void {
  const { ctx } = r;
  const c = constructOf(ctx, e, assignedName(ctx, e) ?? 'Role');
  const props = objectProps(ctx, e.arguments?.[2]);
  const assumedBy = props?.get('assumedBy');
  if (assumedBy) {
    // "assumedBy: The IAM principal (i.e. new ServicePrincipal('sns.amazonaws.com')) which can assume this role" (RoleProps):
    // CDK writes one Allow of the principal's assume-role action with its conditions.
    const f = principalFragment(ctx, assumedBy.initializer);
    if (f) {
      const at = spanOf(ctx, assumedBy.name);
      const value = spanOf(ctx, assumedBy.initializer);
      const members = [
        generated('Effect', str('Allow', at), at),
        generated('Action', str(f.assumeAction, value), at),
        { key: 'Principal', keySpan: at, value: principalNode(f, value) },
      ];
      addConditions(members, f.conditions, value);
      const trust = {
        policyType: 'resource' as const,
        host: 'iam-trust' as const,
        pointer: r.pointer(`${c.id}/AssumeRolePolicy`),
        label: `${c.id} (${c.cls}) trust policy`,
      };
      r.add(trust, documentNode([obj(members, spanOf(ctx, assumedBy))], spanOf(ctx, assumedBy)));
    }
  }
  const inline = props?.get('inlinePolicies');
  const policies = inline && objectProps(ctx, inline.initializer);
  for (const [name, p] of policies ?? []) {
    const doc = buildDocument(ctx, p.initializer);
    if (doc)
      r.add(
        {
          policyType: 'identity',
          host: 'iam-identity',
          pointer: r.pointer(`${c.id}/inlinePolicies/${name}`),
          label: `${c.id} (${c.cls}) inline policy ${name}`,
        },
        doc,
      );
  }
}

/** `new iam.Policy|ManagedPolicy(this, id, { document, statements })`: the document's statements, then `statements` (as CDK adds them). */
function readPolicy(r: Reading, e: ts.NewExpression): void {
  const { ctx } = r;
  const name = assignedName(ctx, e);
  const c = constructOf(ctx, e, name ?? 'Policy');
  const props = objectProps(ctx, e.arguments?.[2]);
  if (!props) return;
  const statements: JsonObject[] = [];
  const document = props.get('document');
  const doc = document && buildDocument(ctx, document.initializer);
  const docList = doc?.members.find((m) => m.key === 'Statement')?.value;
  if (docList?.kind === 'array') statements.push(...docList.elements.filter((s): s is JsonObject => s.kind === 'object'));
  const list = props.get('statements');
  const exprs = list && statementExprs(ctx, list.initializer);
  statements.push(...buildStatements(ctx, exprs ?? []));
  for (const call of name ? (ctx.calls.get(name) ?? []) : [])
    if ((call.expression as ts.PropertyAccessExpression).name.text === 'addStatements') statements.push(...buildStatements(ctx, call.arguments));
  const where = list ?? document;
  const span = where ? spanOf(ctx, where.initializer) : spanOf(ctx, e);
  r.add(
    { policyType: 'identity', host: 'iam-identity', pointer: r.pointer(c.id), label: `${c.id} (${c.cls})` },
    documentNode(statements, spanOf(ctx, e), span),
  );
}

/** The resource policy group of a construct, keyed by the name it is assigned to. */
function resourceGroup(r: Reading, key: string, c: Construct, span: SourceSpan): Group {
  const host = RESOURCE_HOSTS.get(c.className) ?? { policyType: 'resource' as const, host: 'other' as const, what: 'resource policy' };
  const label = c.cls ? `${c.id} (${c.cls}) ${host.what}` : `${c.id} ${host.what}`;
  return r.group(`resource:${key}`, () => ({
    origin: { policyType: host.policyType, host: host.host, pointer: r.pointer(`${c.id}/Policy`), label },
    span,
    statements: [],
  }));
}

/**
 * `new s3.Bucket(this, id, { enforceSSL: true })`: "Enforces SSL for requests" (BucketProps.enforceSSL, CDK API
 * reference); the bucket adds a Deny of `s3:*` on the bucket and its objects to any principal when
 * `aws:SecureTransport` is `false` (aws-cdk-lib `Bucket.enforceSSLStatement`). Modelled at `enforceSSL`.
 */
function readBucket(r: Reading, e: ts.NewExpression): void {
  const { ctx } = r;
  const props = objectProps(ctx, e.arguments?.[2]);
  const ssl = props?.get('enforceSSL');
  if (!ssl || unwrap(ctx, ssl.initializer).kind !== ctx.ts.SyntaxKind.TrueKeyword) return;
  const name = assignedName(ctx, e) ?? `Bucket[${spanOf(ctx, e).line}]`;
  const c = constructOf(ctx, e, name);
  const at = spanOf(ctx, ssl);
  const arn = `arn:aws:s3:::${placeholder(assignedName(ctx, e) ?? c.id)}`;
  const list = (...values: string[]) => ({ kind: 'array' as const, span: at, elements: values.map((v) => str(v, at)) });
  const statement = obj(
    [
      generated('Effect', str('Deny', at), at),
      generated('Principal', obj([generated('AWS', list('*'), at)], at), at),
      generated('Action', list('s3:*'), at),
      generated('Resource', list(arn, `${arn}/*`), at),
      generated('Condition', obj([generated('Bool', obj([generated('aws:SecureTransport', str('false', at), at)], at), at)], at), at),
    ],
    at,
  );
  resourceGroup(r, name, c, spanOf(ctx, e)).statements.push(statement);
}

/**
 * `new kms.Key(this, id, { policy })`: the key policy. Without `policy`, "A policy document with permissions
 * for the account root to administer the key will be created" (KeyProps.policy); with it, the document is
 * the whole key policy under the `@aws-cdk/aws-kms:defaultKeyPolicies` flag new projects set.
 */
function readKey(r: Reading, e: ts.NewExpression): void {
  const { ctx } = r;
  const name = assignedName(ctx, e) ?? `Key[${spanOf(ctx, e).line}]`;
  const c = constructOf(ctx, e, name);
  const policy = objectProps(ctx, e.arguments?.[2])?.get('policy');
  const g = resourceGroup(r, name, c, spanOf(ctx, e));
  if (policy) {
    const doc = buildDocument(ctx, policy.initializer);
    const list = doc?.members.find((m) => m.key === 'Statement')?.value;
    if (list?.kind === 'array') g.statements.push(...list.elements.filter((s): s is JsonObject => s.kind === 'object'));
    return;
  }
  const at = spanOf(ctx, e.expression);
  g.statements.push(
    obj(
      [
        generated('Effect', str('Allow', at), at),
        generated('Principal', obj([generated('AWS', str(`arn:aws:iam::${placeholder('account')}:root`, at), at)], at), at),
        generated('Action', str('kms:*', at), at),
        generated('Resource', str('*', at), at),
      ],
      at,
    ),
  );
}

const IDENTITY_ADDERS = new Set(['addToPolicy', 'addToPrincipalPolicy', 'addToRolePolicy']);

/** `x.addToPolicy(stmt)` (identity) and `x.addToResourcePolicy(stmt)` (resource), grouped by receiver; `grant*` is reported. */
function readCall(r: Reading, call: ts.CallExpression): void {
  const { ctx } = r;
  if (!ctx.ts.isPropertyAccessExpression(call.expression)) return;
  const method = call.expression.name.text;
  const receiver = call.expression.expression;
  if (/^grant(?:[A-Z]\w*)?$/.test(method)) {
    notResolved(ctx, call, 'CDK does not document the statements a grant method writes', 'the access it grants');
    return;
  }
  const identity = IDENTITY_ADDERS.has(method);
  if (!identity && method !== 'addToResourcePolicy') return;
  const statements = buildStatements(ctx, call.arguments.slice(0, 1));
  const c = receiverConstruct(ctx, receiver);
  const key = receiver.getText(ctx.sf);
  const g = identity
    ? r.group(`identity:${key}`, () => ({
        origin: {
          policyType: 'identity',
          host: 'iam-identity',
          pointer: r.pointer(`${c.id}/DefaultPolicy`),
          label: c.cls ? `${c.id} (${c.cls}) policy` : `${c.id} policy`,
        },
        span: spanOf(ctx, call),
        statements: [],
      }))
    : resourceGroup(r, key, c, spanOf(ctx, call));
  g.statements.push(...statements);
}

/** A statement or document with the calls made on the `const` that holds it (`stmt.addActions(…)`). */
function standalone(ctx: CdkContext, e: ts.NewExpression | ts.CallExpression, cls: 'PolicyDocument' | 'PolicyStatement'): JsonObject | undefined {
  const holder = ctx.ts.isVariableDeclaration(e.parent) && ctx.ts.isIdentifier(e.parent.name) ? e.parent.name.text : undefined;
  const held = holder !== undefined && ctx.consts.get(holder)?.length === 1;
  if (cls === 'PolicyDocument') {
    const doc = buildDocument(ctx, e);
    return doc && held ? addStatementCalls(ctx, holder, doc) : doc;
  }
  const stmt = buildStatement(ctx, e);
  return stmt && held ? applyCalls(ctx, holder, stmt) : stmt;
}

/** Statements and documents not attached to anything the file shows: one policy each, of the type their content suggests. */
function readStandalone(r: Reading, nodes: readonly (ts.NewExpression | ts.CallExpression)[]): void {
  const { ctx } = r;
  for (const cls of ['PolicyDocument', 'PolicyStatement'] as const) {
    for (const e of nodes) {
      if (ctx.consumed.has(e) || !isFactory(ctx, e, cls)) continue;
      const name = r.nameOf(e, cls);
      const root = standalone(ctx, e, cls);
      if (!root) continue;
      const doc = cls === 'PolicyDocument' ? root : documentNode([root], root.span);
      const type = inferType(doc);
      const called = ctx.ts.isNewExpression(e) ? e.expression.getText(ctx.sf) : (e.expression as ts.PropertyAccessExpression).expression.getText(ctx.sf);
      r.add({ ...type, pointer: r.pointer(name), label: `${name} (${called})` }, doc, 'inferred');
    }
  }
}

const CONSTRUCTS: ReadonlyMap<string, (r: Reading, e: ts.NewExpression) => void> = new Map([
  ['Role', readRole],
  ['Policy', readPolicy],
  ['ManagedPolicy', readPolicy],
  ['Bucket', readBucket],
  ['Key', readKey],
]);

/** A file the TypeScript parser rejects: nothing in it is read (a half-parsed statement would be a guess). */
function notTypeScript(file: string, text: string, ts: CdkContext['ts'], d: ts.DiagnosticWithLocation): FileScan {
  const starts = lineStartsOf(text);
  let line = 0;
  while (line + 1 < starts.length && starts[line + 1]! <= d.start) line++;
  const column = d.start - starts[line]! + 1;
  const message = `not valid TypeScript: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`;
  const span = { line: line + 1, column, endLine: line + 1, endColumn: column };
  return { file, format: 'cdk', policies: [], diagnostics: [{ code: 'json-syntax', severity: 'error', message, file, span }] };
}

function readStack(file: string, text: string): FileScan {
  const { sf, ts, done } = sourceFile(text);
  try {
    const syntax = (sf as unknown as { parseDiagnostics?: readonly ts.DiagnosticWithLocation[] }).parseDiagnostics?.[0];
    if (syntax) return notTypeScript(file, text, ts, syntax);
    const base = { ts, sf, file, lineStarts: lineStartsOf(text), consumed: new Set<ts.Node>(), diagnostics: [], seen: new Set<string>() };
    const { news, callList, ...names } = collect(base);
    const ctx: CdkContext = { ...base, ...names };
    const r = new Reading(ctx);
    for (const e of news) CONSTRUCTS.get(lastName(ctx, e.expression) ?? '')?.(r, e);
    for (const call of callList) readCall(r, call);
    for (const g of r.groups.values()) r.add(g.origin, documentNode(g.statements, g.span));
    readStandalone(
      r,
      [...news, ...callList].sort((a, b) => a.getStart(sf) - b.getStart(sf)),
    );
    return { file, format: 'cdk', policies: r.found, diagnostics: ctx.diagnostics };
  } finally {
    done();
  }
}

/**
 * CDK code in TypeScript, read statically (never executed): the policy statements it writes with
 * `aws-cdk-lib/aws-iam`, each a policy document whose spans are in the `.ts` file. What cannot be known
 * without running the app is an `iac-not-resolved` finding, never a guess. Placeholders: `docs/check-cdk.md`.
 */
export const cdkReader: PolicyReader = {
  format: 'cdk',
  claims: (file, text) => /\.(?:ts|mts|cts)$/i.test(file) && !/\.d\.[mc]?ts$/i.test(file) && CDK_IMPORT.test(text),
  read(file: string, text: string): FileScan {
    if (!RELEVANT.test(text)) return { file, format: 'cdk', policies: [], diagnostics: [] };
    try {
      return readStack(file, text);
    } catch (e) {
      const message = `the CDK reader could not read this file (${(e as Error).message.split('\n')[0]}), so its policies are not checked`;
      return {
        file,
        format: 'cdk',
        policies: [],
        diagnostics: [{ code: 'iac-not-resolved', severity: 'info', message, file, span: { line: 1, column: 1, endLine: 1, endColumn: 1 } }],
      };
    }
  },
};
