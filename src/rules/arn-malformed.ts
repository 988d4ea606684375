import { parserRule } from './parser-rule.js';

/** A Resource or NotResource value that is neither an ARN nor * (found by the policy parser). */
export const arnMalformed = parserRule('arn-malformed', 'error', 'A Resource or NotResource value that is neither an ARN nor *', 'P');
