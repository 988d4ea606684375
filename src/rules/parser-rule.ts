import type { Severity } from '../model/diagnostic.js';
import type { RuleMeta } from '../model/check.js';
import type { Rule } from '../model/rule.js';

/**
 * A rule whose findings are the JSON reader's and the policy parser's diagnostics with the rule's id as their
 * code: it has no `check`, and its message is the diagnostic's own one-line message.
 */
export function parserRule(id: string, severity: Severity, description: string, group: RuleMeta['group'] = 'P'): Rule<{ message: string }> {
  return {
    meta: {
      id,
      severity,
      description,
      docs: `docs/rules/${id}.md`,
      group,
      message: { en: ({ message }) => message, ko: ({ message }) => message },
    },
  };
}
