import type { Severity } from '../../model/diagnostic.js';
import type { CheckFinding, CheckResult, RuleMeta, Suppression } from '../../model/check.js';
import type { CheckRenderOptions } from './text.js';
import { docsLink, markdownText } from './markdown.js';

/** SARIF's level for each of our severities (`info` is SARIF's `note`). */
const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };

/** GitHub's `security-severity` (a string score) for each severity: high, medium, low (rules catalogue header). */
const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { error: '8.5', warning: '5.5', info: '2.0' };

/** GitHub's `problem.severity` for rules that are not security rules. */
const PROBLEM_SEVERITY: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'recommendation' };

/** A readable tag for each catalogue group (GitHub shows a rule's tags). */
const GROUP_TAG: Readonly<Record<RuleMeta['group'], string>> = {
  P: 'grammar',
  T: 'policy-type',
  S: 'exposure',
  R: 'request',
  K: 'kms',
  O: 'organizations',
  I: 'identity',
  N: 'non-policy',
};

/** SARIF's kind of suppression: in the file itself, or outside it (the configuration, the baseline). */
const SUPPRESSION_KIND: Readonly<Record<Suppression['kind'], 'inSource' | 'external'>> = { inline: 'inSource', config: 'external', baseline: 'external' };

/** The key of our own line-free fingerprint: never GitHub's `primaryLocationLineHash`, which upload-sarif computes itself. */
const FINGERPRINT_KEY = 'policyWhy/v1';

/**
 * Security rules (the `security` tag, which makes GitHub show a finding as a security alert): the S (exposure)
 * and K (KMS) groups, and the VPC endpoint rules of the T group (the catalogue's V rules), per the rules
 * catalogue's header.
 */
function isSecurityRule(rule: Pick<RuleMeta, 'id' | 'group'>): boolean {
  return rule.group === 'S' || rule.group === 'K' || (rule.group === 'T' && rule.id.startsWith('vpce-'));
}

/** A repository-relative path with `/` separators as a URI reference (each segment percent-encoded). */
function relativeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

/** `notprincipal-with-allow` → `NotprincipalWithAllow`: a rule's SARIF `name`. */
const pascal = (id: string) =>
  id
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');

function ruleDescriptor(rule: RuleMeta, docsBase: string | undefined) {
  const link = docsLink(rule, docsBase);
  const security = isSecurityRule(rule);
  const sentence = /[.!?]$/.test(rule.description) ? rule.description : `${rule.description}.`;
  return {
    id: rule.id,
    name: pascal(rule.id),
    shortDescription: { text: rule.description },
    fullDescription: { text: `${sentence} The rule's page: ${link}` },
    help: {
      text: `${sentence}\n\nWhat the rule catches, why, and examples of invalid and valid policies: ${link}`,
      markdown: `${markdownText(sentence)}\n\nWhat the rule catches, why, and examples of invalid and valid policies: [${rule.id}](${link})`,
    },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: security ? ['security', GROUP_TAG[rule.group]] : [GROUP_TAG[rule.group]],
      precision: 'high',
      ...(security ? { 'security-severity': SECURITY_SEVERITY[rule.severity] } : { 'problem.severity': PROBLEM_SEVERITY[rule.severity] }),
    },
  };
}

function sarifResult(f: CheckFinding, ruleIndex: ReadonlyMap<string, number>, lang: CheckRenderOptions['words']['lang']) {
  const index = ruleIndex.get(f.rule);
  return {
    ruleId: f.rule,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level: LEVEL[f.severity],
    message: { text: f.message[lang] },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: relativeUri(f.file), uriBaseId: '%SRCROOT%' },
          // Our spans count UTF-16 code units from 1 and end after the last character, as SARIF's region does.
          region: { startLine: f.span.line, startColumn: f.span.column, endLine: f.span.endLine, endColumn: f.span.endColumn },
        },
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: f.fingerprint },
    ...(f.suppressed ? { suppressions: [{ kind: SUPPRESSION_KIND[f.suppressed.kind], status: 'accepted', justification: f.suppressed.reason }] } : {}),
    ...(f.policy || f.statement
      ? {
          properties: {
            ...(f.policy ? { policy: f.policy.label, policyType: f.policy.policyType } : {}),
            ...(f.statement ? { statement: f.statement.sid ?? `#${f.statement.index}` } : {}),
          },
        }
      : {}),
  };
}

/**
 * The SARIF 2.1.0 log of `check`, as GitHub code scanning reads it: one run, every rule that ran with its docs
 * link in `help`, every finding with its region on the element, our line-free fingerprint, and suppressed
 * findings as results with `suppressions`. URIs are relative to the directory `check` ran in (`%SRCROOT%`).
 */
export function renderCheckSarif(result: CheckResult, options: CheckRenderOptions): string {
  const ruleIndex = new Map(result.rules.map((r, i) => [r.id, i]));
  const { tool } = options;
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'policy-why',
            semanticVersion: tool.version,
            ...(tool.informationUri ? { informationUri: tool.informationUri } : {}),
            rules: result.rules.map((r) => ruleDescriptor(r, tool.docsBase)),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The directory policy-why check ran in (the repository root in the Action).' } } },
        columnKind: 'utf16CodeUnits',
        results: result.findings.map((f) => sarifResult(f, ruleIndex, options.words.lang)),
        properties: { serviceDataDate: result.serviceDataDate },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
