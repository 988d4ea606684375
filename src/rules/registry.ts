import type { PolicyDocument } from '../model/policy.js';
import type { PolicyOrigin } from '../model/check.js';
import type { Rule, RuleFinding } from '../model/rule.js';
import { arnMalformed } from './arn-malformed.js';
import { conditionOperatorUnknown } from './condition-operator-unknown.js';
import { iacNotResolved } from './iac-not-resolved.js';
import { jsonDuplicateKey } from './json-duplicate-key.js';
import { jsonSyntax } from './json-syntax.js';
import { notPrincipalWithAllow } from './notprincipal-with-allow.js';
import { nullOperatorMisuse } from './null-operator-misuse.js';
import { policyElementInvalid } from './policy-element-invalid.js';
import { principalPlacement } from './principal-placement.js';

/** Every rule, sorted by id (a test keeps it sorted). A new rule is one file in this folder and one line here. */
export const RULES: readonly Rule[] = [
  arnMalformed,
  conditionOperatorUnknown,
  iacNotResolved,
  jsonDuplicateKey,
  jsonSyntax,
  notPrincipalWithAllow,
  nullOperatorMisuse,
  policyElementInvalid,
  principalPlacement,
] as readonly Rule[];

/** The origin of a policy that was given directly (tests, the library): a plain JSON file of the policy's own type. */
function originOf(policy: PolicyDocument): PolicyOrigin {
  return { file: policy.ref.file, format: 'json', policyType: policy.policyType, typeFrom: 'config', pointer: policy.ref.pointer, label: policy.source };
}

/** Runs every rule that has a check on one parsed policy; findings in rule order, then report order. */
export async function runRules(policy: PolicyDocument, origin: PolicyOrigin = originOf(policy), rules: readonly Rule[] = RULES): Promise<RuleFinding[]> {
  const findings: RuleFinding[] = [];
  for (const rule of rules) {
    if (!rule.check) continue;
    await rule.check({ policy, origin }, ({ span, statementIndex, element, data }) => {
      const message = { en: rule.meta.message.en(data), ko: rule.meta.message.ko(data) };
      findings.push({
        rule: rule.meta.id,
        severity: rule.meta.severity,
        source: policy.source,
        span,
        message,
        ...(statementIndex !== undefined ? { statementIndex } : {}),
        ...(element !== undefined ? { element } : {}),
      });
    });
  }
  return findings;
}
