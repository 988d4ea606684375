import { scanText } from '../../../src/input/index.js';
import { checkScans } from '../../../src/rules/index.js';

/**
 * The rules the reader tests plant defects for: where a finding lands is the reader's business; what the other
 * rules find is theirs (their own tables test them).
 */
const PLANTED = new Set([
  'notprincipal-with-allow',
  'condition-operator-unknown',
  'json-syntax',
  'json-duplicate-key',
  'iac-not-resolved',
  'principal-placement',
  'policy-element-invalid',
]);

/** Reads one file and checks it: the scan, and the planted rules' findings with where they are. */
export async function checkPlanted(file: string, text: string) {
  const scan = scanText(file, text, {});
  const result = await checkScans([scan], { serviceDataDate: 'test' });
  return {
    scan,
    findings: result.findings
      .filter((f) => PLANTED.has(f.rule))
      .map((f) => ({ rule: f.rule, line: f.span.line, column: f.span.column, pointer: f.policy?.pointer, message: f.message.en })),
  };
}
