// The worker thread that renders Terraform beside CloudFormation (see render-tf.ts). First import: the
// code cache, so that cdktf and the provider bindings compile from cache in this thread too.
import './install-code-cache';
import { parentPort, threadId } from 'node:worker_threads';
import { activeCodeCache } from './code-cache';
import { renderTfJobs, type TfRequest, type TfWorkerMessage } from './render-tf';

// One request per synthesis; `synth --watch` sends one per save to the same, warm, worker.
parentPort!.on('message', ({ id, jobs }: TfRequest) => {
  let message: TfWorkerMessage;
  try {
    message = { id, ok: true, results: renderTfJobs(jobs) };
  } catch (error) {
    const failure = error instanceof Error ? error : new Error(String(error));
    message = { id, ok: false, message: failure.message, stack: failure.stack ?? failure.message };
  }
  // Written before the result is posted: the main thread may exit as soon as it has the result.
  const cache = activeCodeCache();
  cache?.flush();
  parentPort!.postMessage({ ...message, codeCache: cache && { thread: threadId, stats: cache.stats } });
});
