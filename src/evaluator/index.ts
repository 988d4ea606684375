/**
 * The evaluator's one front door. Pure: no I/O, the same input gives the same output.
 *
 * - `compile(policies)` turns policy documents (the AST in `model/`) into matchers, once;
 * - `decide(request, compiled)` decides a request and every authorization its service chains to it,
 *   returning decisions, deciding ids and reason codes (`model/evaluation.ts`), never sentences;
 * - `principalGrant(values, request)` says how a Principal element reaches the caller (for explanations).
 */
export { compile } from './compile.js';
export { decide } from './chain.js';
export { principalGrant } from './match/principal.js';
