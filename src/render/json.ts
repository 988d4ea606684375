import type { Report } from '../model/report.js';

/** Exactly one JSON object, two-space indented, keys in a fixed order, newline-terminated. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
