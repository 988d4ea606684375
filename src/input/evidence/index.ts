import { InputError } from '../../model/errors.js';
import type { EvidenceFact, EvidenceLog } from '../../model/evidence.js';
import type { DocBuilder } from '../doc-builder.js';
import { errorMessageReader } from './error-message.js';
import { presignedUrlReader } from './presigned-url.js';
import { cliCommandReader } from './cli-command.js';
import type { EvidenceFound, EvidenceItem, EvidenceOptions, EvidenceReader } from './types.js';

export type { EvidenceItem, EvidenceOptions } from './types.js';

/** Every kind of evidence, in the order their tests are tried on a file whose kind is not said. */
const EVIDENCE_READERS: readonly EvidenceReader[] = [errorMessageReader, presignedUrlReader, cliCommandReader];

const KINDS_SAID = 'an AccessDenied error message, a presigned URL, an AWS CLI command';

/** Reads one piece of evidence with the reader of its kind (said by its flag, or recognised from its content). */
async function readItem(item: EvidenceItem, options: EvidenceOptions): Promise<EvidenceFound & { kind: EvidenceReader['kind'] }> {
  const reader = item.kind !== undefined ? EVIDENCE_READERS.find((r) => r.kind === item.kind) : EVIDENCE_READERS.find((r) => r.recognises(item.text));
  if (!reader) {
    if (item.kind !== undefined) throw new InputError(`${item.kind} evidence is not read yet`, { source: item.label });
    throw new InputError(`not recognised as evidence: expected ${KINDS_SAID}`, { source: item.label, line: 1, column: 1 });
  }
  return { ...(await reader.read(item, options)), kind: reader.kind };
}

/**
 * Reads every piece of evidence and adds its facts to the request document being built, where the document
 * (a flag, the request file) does not already say otherwise. Two pieces of evidence that disagree on a fact
 * are an error naming both: policy-why never silently prefers one.
 */
export async function addEvidence(items: readonly EvidenceItem[], b: DocBuilder, options: EvidenceOptions): Promise<EvidenceLog> {
  const log: EvidenceLog = { inputs: [], facts: [], policies: [] };
  const given = new Map<string, EvidenceFact>();
  for (const item of items) {
    const found = await readItem(item, options);
    log.inputs.push({ kind: found.kind, label: item.label });
    for (const f of found.facts) {
      const before = given.get(f.pointer);
      if (before && JSON.stringify(before.value) !== JSON.stringify(f.value)) {
        const [source, line, column] = splitPlace(f.from);
        throw new InputError(`${show(f.value)} disagrees with ${show(before.value)} from ${before.from} (${f.pointer.slice(1)}): which one is right?`, {
          source,
          ...(line !== undefined && column !== undefined ? { line, column } : {}),
        });
      }
      if (before) continue;
      given.set(f.pointer, f);
      log.facts.push(place(f, b));
    }
    log.policies.push(...found.policies);
    if (found.hints?.length) (log.hints ??= []).push(...found.hints);
    if (found.verdict && !log.verdict) log.verdict = found.verdict;
  }
  return log;
}

/** Puts a fact into the document unless another source already gave that field (then the fact says so). */
function place(f: EvidenceFact, b: DocBuilder): EvidenceFact {
  const existing = b.origins.find((o) => o.pointer === f.pointer);
  if (existing) return { ...f, overriddenBy: existing.label };
  const [source, line, column] = splitPlace(f.from);
  b.put(f.pointer, f.value, source, line !== undefined && column !== undefined ? { line, column } : undefined);
  return f;
}

/** `file:3:7` → its parts (the file name may contain colons). */
function splitPlace(from: string): [string, number | undefined, number | undefined] {
  const m = /^(.*):(\d+):(\d+)$/.exec(from);
  return m ? [m[1]!, Number(m[2]), Number(m[3])] : [from, undefined, undefined];
}

const show = (v: unknown) => `\`${typeof v === 'string' ? v : JSON.stringify(v)}\``;
