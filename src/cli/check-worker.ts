import { parentPort, workerData } from 'node:worker_threads';
import { checkChunk, jobChecker, sendError, takeChunk, workerConfig, type CheckSetup, type FileJob, type WorkerMessage } from './check-files.js';

/**
 * A worker thread of `check` (started by `check-files.ts` for large runs): takes chunks of the file list from
 * the shared counter, checks them as the main thread would, and sends each chunk's outcomes back.
 */
const { jobs, setup, counter } = workerData as { jobs: FileJob[]; setup: CheckSetup; counter: SharedArrayBuffer };
const shared = new Int32Array(counter);
const check = jobChecker(workerConfig(setup), setup);
const send = (m: WorkerMessage) => parentPort?.postMessage(m);
send({ ready: true });
for (let start = takeChunk(shared); start < jobs.length; start = takeChunk(shared)) {
  const outcomes = await checkChunk(jobs, start, check);
  send({ start, outcomes: outcomes.map((o) => ('error' in o ? { error: sendError(o.error) } : o)) });
}
send({ done: true });
