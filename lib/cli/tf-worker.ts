// The worker thread that renders Terraform beside CloudFormation (see render-tf.ts). First import: the
// code cache, so that cdktf and the provider bindings compile from cache in this thread too.
import './install-code-cache';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { activeCodeCache } from './code-cache';
import { renderTfJobs, type TfJob, type TfWorkerMessage } from './render-tf';

const jobs = (workerData as { readonly jobs: readonly TfJob[] }).jobs;
let message: TfWorkerMessage;
try {
  message = { ok: true, results: renderTfJobs(jobs) };
} catch (error) {
  const failure = error instanceof Error ? error : new Error(String(error));
  message = { ok: false, message: failure.message, stack: failure.stack ?? failure.message };
}
// Written before the result is posted: the main thread may exit as soon as it has the result.
const cache = activeCodeCache();
cache?.flush();
parentPort!.postMessage({ ...message, codeCache: cache && { thread: threadId, stats: cache.stats } });
