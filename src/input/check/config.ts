import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { minimatch } from 'minimatch';
import type { Severity } from '../../model/diagnostic.js';
import type { PolicyHost, SuppressionRule } from '../../model/check.js';
import type { PolicyType } from '../../model/policy.js';
import type { SourceSpan } from '../../model/source.js';
import { member, type JsonNode } from '../../json/index.js';
import { loadSchema, validateAgainst } from '../../parse/index.js';
import { readJsonFile } from '../files.js';
import type { TypeMapping } from './types.js';

/** The configuration file `check` looks for in the working directory. */
export const CONFIG_FILE = '.policy-why.json';

const validateConfig = loadSchema('config.schema.json');

/** `.policy-why.json`, read: every value with where it is written (rule ids are checked against the catalogue by the caller). */
export interface CheckConfig {
  /** The file as shown, or undefined when there is none. */
  file?: string;
  severities: ReadonlyMap<string, Severity | 'off'>;
  /** Globs of files to leave out, relative to the working directory. */
  exclude: readonly string[];
  /** The policy type the configuration gives a plain JSON file. */
  typeOf: (file: string) => TypeMapping | undefined;
  /** The configuration's suppressions that cover a file. */
  suppressionsFor: (file: string) => SuppressionRule[];
  /** Every rule id the configuration names, with where, for the caller to check. */
  ruleIds: readonly { id: string; span: SourceSpan }[];
}

const EMPTY: CheckConfig = { severities: new Map(), exclude: [], typeOf: () => undefined, suppressionsFor: () => [], ruleIds: [] };

/** `trust` in the configuration is the resource-based policy of a role: who may assume it. */
function typeMapping(type: string, host: string | undefined): TypeMapping {
  if (type === 'trust') return { policyType: 'resource', host: 'iam-trust' };
  return { policyType: type as PolicyType, ...(host !== undefined ? { host: host as PolicyHost } : {}) };
}

/**
 * Reads the configuration: `--config FILE` when given (it must exist), else `.policy-why.json` in the
 * working directory when there is one. Globs in it are relative to its folder. Bad content is an
 * InputError naming the file, line and column.
 */
export function readCheckConfig(cwd: string, given?: string): CheckConfig {
  const path = given !== undefined ? resolve(cwd, given) : join(cwd, CONFIG_FILE);
  if (given === undefined && !existsSync(path)) return EMPTY;
  const shown = relative(cwd, path).split(sep).join('/') || CONFIG_FILE;
  const doc = readJsonFile(path, shown);
  validateAgainst(validateConfig, doc.root, shown);
  const base = relative(cwd, dirname(path)).split(sep).join('/');
  const glob = (g: string) => (base === '' ? g : `${base}/${g}`);
  const root = doc.root;
  const severities = new Map<string, Severity | 'off'>();
  const ruleIds: { id: string; span: SourceSpan }[] = [];
  const rules = objectAt(root, 'rules');
  for (const m of rules?.members ?? []) {
    severities.set(m.key, (m.value as { value: string }).value as Severity | 'off');
    ruleIds.push({ id: m.key, span: m.keySpan });
  }
  const exclude = arrayAt(objectAt(root, 'files'), 'exclude').map((n) => glob(stringOf(n)));
  const types = arrayAt(root, 'policyTypes').map((n) => ({
    files: glob(stringOf(field(n, 'files')!)),
    mapping: typeMapping(stringOf(field(n, 'type')!), optionalString(field(n, 'host'))),
  }));
  const suppressions = arrayAt(root, 'suppressions').map((n) => {
    const rule = field(n, 'rule')!;
    ruleIds.push({ id: stringOf(rule), span: rule.span });
    const statement = optionalString(field(n, 'statement'));
    return {
      files: glob(stringOf(field(n, 'files')!)),
      rule: {
        kind: 'config' as const,
        rules: [stringOf(rule)],
        reason: stringOf(field(n, 'reason')!).trim(),
        file: shown,
        span: n.span,
        ...(statement !== undefined ? { statement } : {}),
      },
    };
  });
  const matches = (file: string, g: string) => minimatch(file, g, { dot: true });
  return {
    file: shown,
    severities,
    exclude,
    typeOf: (file) => types.find((t) => matches(file, t.files))?.mapping,
    suppressionsFor: (file) => suppressions.filter((s) => matches(file, s.files)).map((s) => s.rule),
    ruleIds,
  };
}

function objectAt(node: JsonNode | undefined, key: string) {
  const v = node?.kind === 'object' ? member(node, key)?.value : undefined;
  return v?.kind === 'object' ? v : undefined;
}

function arrayAt(node: JsonNode | undefined, key: string): JsonNode[] {
  const v = node?.kind === 'object' ? member(node, key)?.value : undefined;
  return v?.kind === 'array' ? v.elements : [];
}

function field(node: JsonNode, key: string): JsonNode | undefined {
  return node.kind === 'object' ? member(node, key)?.value : undefined;
}

function stringOf(node: JsonNode): string {
  return node.kind === 'string' ? node.value : '';
}

function optionalString(node: JsonNode | undefined): string | undefined {
  return node?.kind === 'string' ? node.value : undefined;
}
