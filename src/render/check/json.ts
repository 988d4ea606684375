import { countFindings, type CheckResult } from '../../model/check.js';
import type { Lang } from '../../model/lang.js';

/** The JSON report of `check`: the result as data, each message in the chosen language. Stable key order. */
export function renderCheckJson(result: CheckResult, lang: Lang): string {
  const counts = countFindings(result);
  const out = {
    version: 1,
    serviceDataDate: result.serviceDataDate,
    summary: {
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
      suppressed: result.findings.filter((f) => f.suppressed).length,
      files: result.files.length,
      policies: result.files.reduce((n, f) => n + f.policies.length, 0),
    },
    findings: result.findings.map((f) => ({
      rule: f.rule,
      severity: f.severity,
      file: f.file,
      line: f.span.line,
      column: f.span.column,
      endLine: f.span.endLine,
      endColumn: f.span.endColumn,
      message: f.message[lang],
      ...(f.policy ? { policy: { label: f.policy.label, pointer: f.policy.pointer, policyType: f.policy.policyType, typeFrom: f.policy.typeFrom } } : {}),
      ...(f.statement ? { statement: f.statement } : {}),
      fingerprint: f.fingerprint,
      ...(f.suppressed ? { suppressed: f.suppressed } : {}),
    })),
    files: result.files.map((f) => ({
      file: f.file,
      ...(f.format ? { format: f.format } : {}),
      policies: f.policies.map((p) => ({ label: p.label, pointer: p.pointer, policyType: p.policyType, typeFrom: p.typeFrom })),
    })),
    rules: result.rules.map((r) => ({ id: r.id, severity: r.severity, description: r.description, docs: r.docs })),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
