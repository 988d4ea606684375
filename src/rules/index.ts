/**
 * The rules stage's front door: the rule catalogue (one rule per file, ESLint-style) and `check`, which
 * parses every policy a reader found and runs the rules on it, pure, with findings as data.
 */

export { RULES } from './registry.js';
export { checkScans, fileChecker, finishCheck, type FileCheck } from './check.js';
