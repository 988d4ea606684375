/** The policy grammar: a JSON tree → the policy AST, and JSON Schema validation with positions. */
export { parsePolicy, parsePolicyDiagnostics, type ParsePolicyOptions } from './policy.js';
export { loadSchema, validateAgainst } from './schema.js';
