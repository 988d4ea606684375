import type { BucketFacts, FileResource } from '../model/check.js';
import type { PolicyDocument, Statement } from '../model/policy.js';
import type { FilePolicy, FileSet } from '../model/rule.js';

/** The account of a file's witnesses when the file names none. */
const DEFAULT_ACCOUNT = '111122223333';
/** The Region of a file's witnesses when the file names none. */
const DEFAULT_REGION = 'us-east-1';

/**
 * The concrete world one file's policies are checked in: one account and one Region (the first the file
 * writes literally, else 111122223333 and us-east-1), and a concrete value for each deploy-time value that
 * names a resource of the file (`{{Role.Arn}}`, `{{Key.Arn}}`, `{{AWS.AccountId}}` …), the same in every
 * policy, so that a key policy naming `!GetAtt Role.Arn` and the role's witness request agree.
 */
export interface FileWorld {
  account: string;
  region: string;
  /** The policy with every placeholder the world knows replaced by its value. */
  concrete(policy: PolicyDocument): PolicyDocument;
  /** Text with every placeholder the world knows replaced by its value. */
  text(value: string): string;
  /** A resource's ARN in this world (a role's, a user's, a key's). */
  arnOf(r: FileResource): string;
}

function texts(set: FileSet): string[] {
  const out: string[] = [];
  for (const { policy } of set.policies) {
    for (const s of policy.statements) {
      for (const p of s.principal ?? []) out.push(p.value);
      for (const r of s.resource ?? []) out.push(r.text);
      for (const c of s.conditions) for (const v of c.values) out.push(v.text);
    }
  }
  return [...set.resources.flatMap((r) => (r.arn ? [r.arn] : [])), ...out];
}

/** A name as it may appear in an ARN made for the witness (a Terraform address has dots). */
function idName(id: string): string {
  return id.replace(/[^A-Za-z0-9_+=,.@-]+/g, '-');
}

export function fileWorld(set: FileSet): FileWorld {
  const all = texts(set);
  const account = all.map((t) => /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(t)?.[1] ?? /^(\d{12})$/.exec(t)?.[1]).find((a) => a !== undefined) ?? DEFAULT_ACCOUNT;
  const region =
    all
      .map((t) => /^s3\.([a-z]{2}(?:-[a-z]+)+-\d)\.amazonaws\.com$/.exec(t)?.[1] ?? /^arn:[^:]*:[^:]*:([a-z]{2}(?:-[a-z]+)+-\d):/.exec(t)?.[1])
      .find((r) => r !== undefined) ?? DEFAULT_REGION;
  const arnOf = (r: FileResource): string => {
    if (r.arn) return r.arn;
    const name = r.name ?? idName(r.id);
    if (r.kind === 'kms-key') return `arn:aws:kms:${region}:${account}:key/${idName(r.id)}`;
    return `arn:aws:iam::${account}:${r.kind}/${name}`;
  };
  const values = new Map<string, string>([
    ['{{AWS.AccountId}}', account],
    ['{{AWS.Region}}', region],
  ]);
  for (const r of set.resources) {
    if (r.kind === 'vpc-endpoint') continue;
    values.set(`{{${r.id}.Arn}}`, arnOf(r));
    values.set(`{{${r.id}}}`, r.kind === 'kms-key' ? idName(r.id) : (r.name ?? idName(r.id)));
  }
  const replace = (text: string) => (text.includes('{{') ? text.replace(/\{\{[A-Za-z0-9._-]+\}\}/g, (p) => values.get(p) ?? p) : text);
  const statement = (s: Statement): Statement => ({
    ...s,
    ...(s.resource ? { resource: s.resource.map((r) => ({ ...r, text: replace(r.text) })) } : {}),
    ...(s.notResource ? { notResource: s.notResource.map((r) => ({ ...r, text: replace(r.text) })) } : {}),
    ...(s.principal ? { principal: s.principal.map((p) => ({ ...p, value: replace(p.value) })) } : {}),
    ...(s.notPrincipal ? { notPrincipal: s.notPrincipal.map((p) => ({ ...p, value: replace(p.value) })) } : {}),
    conditions: s.conditions.map((c) => ({ ...c, values: c.values.map((v) => ({ ...v, text: replace(v.text) })) })),
  });
  return { account, region, text: replace, concrete: (policy) => ({ ...policy, statements: policy.statements.map(statement) }), arnOf };
}

/** The policies of a file of one type that belong to a resource of the file. */
export function policiesOf(set: FileSet, id: string, type: PolicyDocument['policyType']): FilePolicy[] {
  return set.policies.filter((p) => p.policy.policyType === type && p.holders.includes(id));
}

/** The roles and users a policy belongs to whose every policy the file holds (a principal `open` to others is never judged). */
export function closedPrincipals(set: FileSet, holders: readonly string[]): FileResource[] {
  return set.resources.filter((r) => holders.includes(r.id) && (r.kind === 'role' || r.kind === 'user') && !r.open);
}

/** The bucket name an S3 ARN pattern names, when it names one literally or by a bucket's placeholder (`arn:aws:s3:::{{Data}}/*`). */
export function bucketIn(pattern: string, buckets: readonly BucketFacts[]): BucketFacts | undefined {
  const m = /^arn:aws:s3:::([^/]+)(?:\/.*)?$/.exec(pattern);
  if (!m || /[*?]|\$\{/.test(m[1]!)) return undefined;
  return buckets.find((b) => (b.name !== undefined ? b.name === m[1] : m[1] === `{{${b.bucket}}}`));
}

/** The name a bucket has in witness ARNs: its literal name, else its placeholder (matched as itself). */
export function bucketName(b: BucketFacts): string {
  return b.name ?? `{{${b.bucket}}}`;
}
