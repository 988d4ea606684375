import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../model/errors.js';
import type { EvidenceLog } from '../model/evidence.js';
import type { RequestDraft } from '../model/request.js';
import { toPlain, type JsonNode } from '../json/index.js';
import { display, readJsonFile } from './files.js';
import { DocBuilder, escapePointer, readBuiltDocument } from './doc-builder.js';
import { requestFromFlags, type QuickArgs } from './flags.js';
import type { LoadOptions } from './request-document.js';
import { addEvidence, type EvidenceItem } from './evidence/index.js';

/** What the command line gives besides the request's own flags: evidence files and strings, and their options. */
export interface EvidenceArgs {
  /** Positional arguments: evidence files, `-` for standard input. */
  files: readonly string[];
  error?: string;
  url?: string;
  cli?: string;
  eventId?: string;
  method?: string;
  /** `--request FILE`, whose fields the evidence completes. */
  requestFile?: string;
}

/** The draft, and what the evidence gave (for the report's Evidence section). */
export interface EvidenceDraft {
  draft: RequestDraft;
  evidence: EvidenceLog;
}

const SOURCE = '<evidence>';

/** Reads standard input once (the CLI's `-`). */
export function readStandardInput(): string {
  return readFileSync(0, 'utf8');
}

/**
 * The request assembled from evidence (an error message, a record, …), the request file or quick flags, and
 * the policies found in any of them. A field the flags or the request file give is kept, and the evidence's
 * value is shown as overridden; what nothing gives is an error saying where to find it.
 */
export async function readEvidenceRequest(flags: QuickArgs, args: EvidenceArgs, options: LoadOptions & { stdin?: () => string }): Promise<EvidenceDraft> {
  const b = new DocBuilder();
  let baseDir = options.baseDir;
  if (args.requestFile !== undefined) {
    const path = resolve(options.baseDir, args.requestFile);
    addRequestFile(b, path, display(path, options.displayDir));
    baseDir = dirname(path);
  } else requestFromFlags(flags, options.baseDir, b);
  const items = evidenceItems(args, options);
  const evidence = await addEvidence(items, b, {
    now: options.now,
    ...(options.wallClock ? { wallClock: true } : {}),
    ...(args.eventId ? { eventId: args.eventId } : {}),
    ...(args.method ? { method: args.method } : {}),
  });
  requireTarget(b, evidence);
  const draft = await readBuiltDocument(b, { ...options, baseDir }, SOURCE);
  return { draft, evidence };
}

function evidenceItems(args: EvidenceArgs, options: LoadOptions & { stdin?: () => string }): EvidenceItem[] {
  const items: EvidenceItem[] = [];
  for (const file of args.files) {
    if (file === '-') {
      items.push({ label: '-', text: (options.stdin ?? readStandardInput)() });
      continue;
    }
    const path = resolve(options.baseDir, file);
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      throw new InputError(unreadable((e as NodeJS.ErrnoException).code), { source: display(path, options.displayDir) });
    }
    items.push({ label: display(path, options.displayDir), text: text.replace(/^\uFEFF/, ''), path });
  }
  if (args.error !== undefined) items.push({ label: '--error', text: args.error, kind: 'errorMessage' });
  if (args.url !== undefined) items.push({ label: '--url', text: args.url, kind: 'presignedUrl' });
  if (args.cli !== undefined) items.push({ label: '--cli', text: args.cli, kind: 'cliCommand' });
  return items;
}

function unreadable(code: string | undefined): string {
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory, not an evidence file';
  return `cannot be read (${code ?? 'error'})`;
}

/** A request file's fields, each remembering its place in the file, so errors in them still name it. */
function addRequestFile(b: DocBuilder, path: string, shown: string): void {
  const root = readJsonFile(path, shown).root;
  if (root.kind !== 'object') throw new InputError('a request document is a JSON object', { source: shown, line: root.span.line, column: root.span.column });
  for (const m of root.members) {
    const pointer = `/${escapePointer(m.key)}`;
    b.put(pointer, toPlain(m.value), shown, m.keySpan);
    noteAll(b, m.value, pointer, shown);
  }
}

function noteAll(b: DocBuilder, node: JsonNode, pointer: string, shown: string): void {
  if (node.kind === 'object') {
    for (const m of node.members) {
      const p = `${pointer}/${escapePointer(m.key)}`;
      b.note(p, shown, m.value.span);
      noteAll(b, m.value, p, shown);
    }
  } else if (node.kind === 'array') {
    node.elements.forEach((el, i) => {
      b.note(`${pointer}/${i}`, shown, el.span);
      noteAll(b, el, `${pointer}/${i}`, shown);
    });
  }
}

/** Principal, action and resource are needed; when no input gives one, say what was read and how to get it. */
function requireTarget(b: DocBuilder, evidence: EvidenceLog): void {
  const read = evidence.inputs.length ? evidence.inputs.map((i) => i.label).join(', ') : 'no evidence';
  const how: Record<string, string> = {
    principal: 'give --principal ARN (`aws sts get-caller-identity` prints the caller)',
    action: 'give --action SERVICE:ACTION',
    resource: 'give --resource ARN or s3://bucket/key',
  };
  for (const field of ['principal', 'action', 'resource']) {
    const hint = evidence.hints?.find((h) => h.field === field)?.text;
    if (b.get(`/${field}`) === undefined) throw new InputError(`no ${field} in ${read}: ${hint ?? how[field]!}`, {});
  }
  // A header the evidence knows was sent, without its value (a presigned URL's signed header): never left out silently.
  const headers = b.get('/http/headers');
  const sent = new Set(headers && typeof headers === 'object' ? Object.keys(headers).map((k) => k.toLowerCase()) : []);
  for (const h of evidence.hints ?? []) {
    if (h.field.startsWith('/http/headers/') && !sent.has(h.field.slice('/http/headers/'.length))) throw new InputError(h.text, {});
  }
}
