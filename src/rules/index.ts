import type { PolicyDocument } from '../model/policy.js';
import type { Rule, RuleFinding } from '../model/rule.js';
import { notPrincipalWithAllow } from './notprincipal-with-allow.js';

/** Every rule, by id. A new rule is one file in this folder and one line here. */
export const RULES: readonly Rule[] = [notPrincipalWithAllow];

/** Runs every rule on a policy document; findings in rule order, then statement order. */
export function runRules(policy: PolicyDocument): RuleFinding[] {
  const findings: RuleFinding[] = [];
  for (const rule of RULES) {
    rule.check(policy, ({ span, statementIndex, data }) => {
      const message = { en: rule.meta.message.en(data), ko: rule.meta.message.ko(data) };
      findings.push({ rule: rule.meta.id, severity: rule.meta.severity, source: policy.source, span, statementIndex, message });
    });
  }
  return findings;
}
