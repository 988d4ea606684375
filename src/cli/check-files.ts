import { availableParallelism, loadavg } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InputError, UsageError } from '../model/errors.js';
import { readCheckConfig, scanFile, type CheckConfig } from '../input/index.js';
import { fileChecker, type FileCheck } from '../rules/index.js';

/**
 * `check` over many files on every CPU: the main thread and worker threads take chunks of the file list
 * from one shared counter, and the results are put back in the files' order, so the report is the same bytes
 * whatever the threads and their scheduling. Small runs do not start a worker (its start-up costs more than
 * it saves), and neither do runs from the TypeScript sources (tests), which have no worker script to start.
 */

/** A file to check, as discovery found it. */
export interface FileJob {
  path: string;
  shownAs: string;
  /** Named on the command line: a file there that holds no policy is an error (unless `skipOthers`). */
  named: boolean;
}

/** What every thread needs to check a file as the main thread would (the configuration is read again by each worker). */
export interface CheckSetup {
  cwd: string;
  /** `--config`, when given. */
  config?: string;
  skipOthers: boolean;
  ignoreInline: boolean;
  serviceDataDate: string;
  /** Worker threads to use whatever the run's size and the machine's load (`POLICY_WHY_THREADS`); 0 checks on the main thread only. */
  threads?: number;
}

/** A file named on the command line that no reader reads. */
const NOT_READ =
  'not a policy file policy-why reads: a JSON policy (with a "Statement"), a CloudFormation template, a Terraform plan in JSON, or CDK TypeScript';

/** Below this many files every file is checked on the main thread: a worker's start-up (≈ 0.3 s of CPU) would cost more than it saves. */
const WORKER_THRESHOLD = 1000;
/** Files a thread takes at a time from the shared counter. */
const CHUNK = 25;
/** The worker script, beside this module once built (`dist/cli/check-worker.js`). */
const WORKER_SCRIPT = new URL('./check-worker.js', import.meta.url);

/** One file's outcome: its part of the result (undefined: not a policy file), or the error that ends the run. */
export type Outcome = { part: FileCheck | undefined } | { error: unknown };

/** An error as a worker sends it: enough to throw the same one on the main thread. */
interface SentError {
  name: string;
  message: string;
  where?: { source?: string; line?: number; column?: number; jsonPath?: string };
}

/** A message from a worker: it is ready, outcomes of the files from `start` on, or the end of its work. */
export type WorkerMessage = { ready: true } | { start: number; outcomes: ({ part: FileCheck | undefined } | { error: SentError })[] } | { done: true };

/** The function that checks one file: read it, refuse a named file that holds no policy, run the rules. */
export function jobChecker(config: CheckConfig, setup: CheckSetup): (job: FileJob) => Promise<FileCheck | undefined> {
  const check = fileChecker({ serviceDataDate: setup.serviceDataDate, severities: config.severities, ignoreInline: setup.ignoreInline });
  const readOptions = { typeOf: config.typeOf, suppressionsFor: config.suppressionsFor };
  return async (job) => {
    const scan = scanFile(job.path, job.shownAs, readOptions);
    if (job.named && !scan.format && !scan.diagnostics.length && !setup.skipOthers) throw new InputError(NOT_READ, { source: scan.file });
    return check(scan);
  };
}

/** One file's outcome: an error in it is that file's outcome (the first one in the files' order ends the run). */
async function outcomeOf(job: FileJob, check: (job: FileJob) => Promise<FileCheck | undefined>): Promise<Outcome> {
  try {
    return { part: await check(job) };
  } catch (error) {
    return { error };
  }
}

/** Checks the files `[start, start + CHUNK)` of `jobs`. */
export async function checkChunk(jobs: readonly FileJob[], start: number, check: (job: FileJob) => Promise<FileCheck | undefined>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const job of jobs.slice(start, start + CHUNK)) outcomes.push(await outcomeOf(job, check));
  return outcomes;
}

/** The next chunk's first file, taken from the counter all threads share. */
export function takeChunk(counter: Int32Array): number {
  return Atomics.add(counter, 0, CHUNK);
}

export function sendError(e: unknown): SentError {
  if (e instanceof InputError) {
    const where = { source: e.source, line: e.line, column: e.column, jsonPath: e.jsonPath };
    return { name: 'InputError', message: e.message, where: Object.fromEntries(Object.entries(where).filter(([, v]) => v !== undefined)) };
  }
  if (e instanceof UsageError) return { name: 'UsageError', message: e.message };
  return { name: 'Error', message: e instanceof Error ? e.message : String(e) };
}

function receivedError(e: SentError): Error {
  if (e.name === 'InputError') return new InputError(e.message, e.where);
  if (e.name === 'UsageError') return new UsageError(e.message);
  return new Error(e.message);
}

/**
 * How many workers to start for `files` files: none for a small run or from the sources; else one per CPU
 * that the other work on the machine leaves idle (load average), besides the main thread's, at most three.
 * On a busy machine a worker only adds its start-up and warm-up to the CPU time everyone shares.
 */
function workerCount(files: number, forced: number | undefined): number {
  if (!WORKER_SCRIPT.pathname.endsWith('.js')) return 0;
  if (forced !== undefined) return forced;
  if (files < WORKER_THRESHOLD) return 0;
  const idle = Math.round(availableParallelism() - (loadavg()[0] ?? 0));
  return Math.max(0, Math.min(idle, availableParallelism() - 1, 3, Math.floor(files / WORKER_THRESHOLD)));
}

/** Starts a worker on the shared counter: `ready` when it can take files, `finished` when it has sent everything it did (or died: its files are then redone). */
function startWorker(
  jobs: readonly FileJob[],
  setup: CheckSetup,
  counter: SharedArrayBuffer,
  outcomes: (Outcome | undefined)[],
): { ready: Promise<void>; finished: Promise<void> } {
  const worker = new Worker(WORKER_SCRIPT, { workerData: { jobs, setup, counter } });
  const exited = new Promise<void>((done) => worker.on('exit', () => done()));
  const ready = new Promise<void>((done) => {
    void exited.then(done);
    worker.on('message', (m: WorkerMessage) => {
      if ('ready' in m) done();
    });
  });
  const finished = new Promise<void>((done) => {
    void exited.then(done);
    worker.on('message', (m: WorkerMessage) => {
      if ('done' in m) done();
      else if ('start' in m) m.outcomes.forEach((o, i) => (outcomes[m.start + i] = 'error' in o ? { error: receivedError(o.error) } : o));
    });
  });
  worker.on('error', () => undefined);
  return { ready, finished };
}

/**
 * Checks every file, on every CPU for a large run; the outcomes in the files' order. A worker that fails
 * (it cannot start, it runs out of memory) leaves its files to the main thread: never a crash, never a lost file.
 */
export async function checkJobs(jobs: readonly FileJob[], setup: CheckSetup, config: CheckConfig): Promise<Outcome[]> {
  const check = jobChecker(config, setup);
  const outcomes: (Outcome | undefined)[] = new Array<Outcome | undefined>(jobs.length).fill(undefined);
  const shared = new SharedArrayBuffer(4);
  const counter = new Int32Array(shared);
  const workers = Array.from({ length: workerCount(jobs.length, setup.threads) }, () => startWorker(jobs, setup, shared, outcomes));
  // Threads asked for by number all take part: the main thread waits until they can take files.
  if (setup.threads !== undefined) await Promise.all(workers.map((w) => w.ready));
  for (let start = takeChunk(counter); start < jobs.length; start = takeChunk(counter)) {
    (await checkChunk(jobs, start, check)).forEach((o, i) => (outcomes[start + i] = o));
  }
  await Promise.all(workers.map((w) => w.finished));
  const all: Outcome[] = [];
  for (let i = 0; i < jobs.length; i++) all.push(outcomes[i] ?? (await outcomeOf(jobs[i]!, check)));
  return all;
}

/** The configuration a worker reads: the same file the main thread read. */
export function workerConfig(setup: CheckSetup): CheckConfig {
  return readCheckConfig(setup.cwd, setup.config);
}
