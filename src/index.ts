/**
 * policy-why as a library. `evaluate(requestDocument, { baseDir })` returns the same data as
 * `policy-why --request FILE --format json`.
 */
import { readRequestObject } from './input/index.js';
import { completeRequest } from './request/index.js';
import { explain, type Lang } from './explain/index.js';
import type { Report } from './model/report.js';

export type { Report, Fix, FixChange, FixParty, LayerOutcome, StatementMatch, ConditionTrace, Assumption, Note, ClosestStatement } from './model/report.js';
export type { Decision, DecidingEntry } from './model/evaluation.js';
export type { Lang } from './explain/index.js';
export { InputError } from './model/errors.js';

export interface EvaluateOptions {
  /** Directory that relative policy paths in the document are resolved against (default: cwd). */
  baseDir?: string;
  /** Time for aws:CurrentTime / aws:EpochTime when the context does not set them (default: now). */
  now?: Date;
  /** The language of the report's sentences (default English). */
  lang?: Lang;
}

/**
 * Evaluates a request document (the object form of request.json). Rejects with an InputError
 * (message, source, line, column) when something cannot be read; never resolves to a decision then.
 */
export async function evaluate(requestDocument: unknown, options: EvaluateOptions = {}): Promise<Report> {
  const baseDir = options.baseDir ?? process.cwd();
  const draft = await readRequestObject(requestDocument, {
    baseDir,
    displayDir: baseDir,
    now: options.now ?? new Date(),
    wallClock: options.now === undefined,
  });
  const loaded = await completeRequest(draft);
  return explain(loaded.request, loaded.policies, loaded.notes, options.lang ? { lang: options.lang } : {});
}
