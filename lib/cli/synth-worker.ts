// A thread of the synth pool (see synth-pool.ts). First import: the code cache, so that the engines'
// libraries compile from cache in this thread too.
import './install-code-cache';
import { parentPort, threadId, workerData } from 'node:worker_threads';
import { activeCodeCache } from './code-cache';
import { preloadEngine, runSynthJob, serializeError } from './synth-jobs';
import type { PoolMessage, PoolRequest, WorkerStart } from './synth-pool';
import { JobQueue } from './synth-queue';

const port = parentPort!;
const post = (message: PoolMessage) => port.postMessage(message);

// One request per synthesis (`synth --watch` sends one per save to the same, warm, worker): take jobs
// until none is left, report each, then say so.
port.on('message', ({ id, jobs, queue: state, engine }: PoolRequest) => {
  const queue = new JobQueue(state);
  for (let index = queue.take(engine); index !== undefined; index = queue.take(engine)) {
    if (queue.skips(index)) {
      post({ id, type: 'job', index, skipped: true });
      continue;
    }
    try {
      post({ id, type: 'job', index, ok: true, stacks: runSynthJob(jobs[index]) });
    } catch (error) {
      queue.failed(index);
      post({ id, type: 'job', index, ok: false, error: serializeError(error) });
    }
  }
  // Written before the end is posted: the main thread may exit as soon as it has every result.
  const cache = activeCodeCache();
  cache?.flush();
  post({ id, type: 'end', codeCache: cache && { thread: threadId, stats: cache.stats } });
});

// Loaded while the main thread reads and plans the blueprints; the request waits in the port meanwhile.
// A failure here is left to the first job, which loads the same modules and reports it as a single thread would.
try {
  preloadEngine((workerData as WorkerStart).preload);
} catch {
  // reported by the job
}
