import { existsSync } from 'node:fs';
import { availableParallelism, freemem } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type CodeCacheStats, reportCodeCacheStats } from './code-cache';
import { type Engine, reviveError, runSynthJob, type SerializedError, type StackWritten, type SynthJob } from './synth-jobs';
import { createQueue, JobQueue, type QueueState } from './synth-queue';

/**
 * `TIERUP_WORKERS=N` runs at most N worker threads beside the main thread; `TIERUP_WORKERS=0` renders
 * everything on the main thread, one job after the other. Unset: one thread per core, at most one per job.
 */
export const WORKERS_ENV = 'TIERUP_WORKERS';

/** What the main thread sends a worker: the jobs of one synthesis, the queue they share, the engine whose jobs it takes. */
export interface PoolRequest {
  readonly id: number;
  readonly jobs: readonly SynthJob[];
  readonly queue: QueueState;
  readonly engine: Engine;
}

/** What a worker sends back: each job it took, then the end of its part of the run. */
export type PoolMessage = { readonly id: number } & (
  | { readonly type: 'job'; readonly index: number; readonly ok: true; readonly stacks: StackWritten[] }
  | { readonly type: 'job'; readonly index: number; readonly ok: false; readonly error: SerializedError }
  | { readonly type: 'job'; readonly index: number; readonly skipped: true }
  | { readonly type: 'end'; readonly codeCache?: { readonly thread: number; readonly stats: CodeCacheStats } }
);

/** One job a worker finished (rendered, or failed). */
export type JobDone = Extract<PoolMessage, { readonly type: 'job'; readonly ok: boolean }>;

/** What a worker is told when it starts: the engine to load while the main thread reads the blueprints. */
export interface WorkerStart {
  readonly preload: Engine;
}

/**
 * Memory set aside per worker thread when the machine has many cores: a worker's isolate added 40-90 MB
 * of resident memory to every example and to 50 services (docs/performance.md); four times that leaves room.
 */
const WORKER_MEMORY_BYTES = 256 * 2 ** 20;

/**
 * Worker threads to start beside the main thread for `jobs` jobs: one thread per core, at most one per
 * job, and no more than the free memory holds (a machine with many cores and little memory).
 */
export function workerCount(jobs: number, cores = availableParallelism(), setting = process.env[WORKERS_ENV], free = freemem()): number {
  const limit = setting !== undefined && /^\d+$/.test(setting) ? Number(setting) : Math.min(cores - 1, Math.floor(free / WORKER_MEMORY_BYTES));
  return Math.max(0, Math.min(limit, jobs - 1));
}

/**
 * CloudFormation's share of the work of rendering both engines: aws-cdk-lib's construct tree and
 * synthesis took 59% of the CPU time of all examples (docs/performance.md), cdktf's the rest.
 */
const CFN_SHARE = 0.6;

/**
 * The engine each thread renders (index 0 is the main thread), for `threads` threads and `perEngine`
 * jobs of each engine. Every engine gets a thread and no engine more threads than jobs; CloudFormation,
 * the larger share, goes to the workers first and Terraform to the main thread, which reads and
 * plans the blueprints first while the workers load aws-cdk-lib.
 */
export function threadEngines(threads: number, engines: readonly Engine[], perEngine: number): Engine[] {
  if (engines.length === 1) return Array.from({ length: threads }, () => engines[0]);
  const cfn = Math.min(perEngine, threads - 1, Math.max(1, threads - perEngine, Math.round(threads * CFN_SHARE)));
  return Array.from({ length: threads }, (_, thread): Engine => (thread >= 1 && thread <= cfn ? 'cfn' : 'tf'));
}

const WORKER_FILE = join(__dirname, 'synth-worker.js');

/** The workers, kept between syntheses of one process (`synth --watch`), so that their modules stay loaded. */
const shared: Worker[] = [];
/** Workers that have stopped: a run sent to one would wait for an answer that never comes. */
const stopped = new WeakSet<Worker>();
let nextRun = 0;

/**
 * Runs a synthesis's jobs (every blueprint × engine) on the main thread and worker threads at once.
 * Each job writes only its own directory and the jobs share nothing, so the bytes written are those
 * of a single thread; results come back in job order, and a failure is the one a single thread,
 * running the jobs in order, would have met first (see synth-queue.ts).
 */
export class SynthPool {
  private queue: JobQueue | undefined;
  private halted = false;

  /** `engines[thread]`: what each thread renders, the main thread first. */
  private constructor(private readonly workers: readonly Worker[], private readonly engines: readonly Engine[]) {}

  /**
   * Starts the workers for `blueprints` blueprints rendered with `engines` before the blueprints are
   * read, so that each loads its engine meanwhile. Without a worker (one job, one core, `TIERUP_WORKERS=0`) the jobs run
   * in this thread with no pool at all.
   */
  static start(blueprints: number, engines: readonly Engine[]): SynthPool {
    const count = existsSync(WORKER_FILE) ? workerCount(blueprints * engines.length) : 0;
    const assigned = threadEngines(count + 1, engines, blueprints);
    // `synth --watch` runs the same command on every save: its workers keep their engines and modules.
    for (let index = shared.length; index < count; index += 1) shared.push(startWorker(assigned[index + 1]));
    return new SynthPool(shared.slice(0, count), assigned);
  }

  /**
   * Renders every job; resolves with what each wrote, in job order, or rejects with the first failure in job order.
   * `onDone` is told each job as soon as it is written, on this thread; `idle` is called once, when this thread
   * has rendered its share and would wait for the workers (never without workers).
   */
  async run(jobs: readonly SynthJob[], onDone: (index: number) => void = () => undefined, idle?: () => void): Promise<StackWritten[][]> {
    const results: StackWritten[][] = [];
    const errors: unknown[] = [];
    if (this.workers.length === 0) {
      for (const [index, job] of jobs.entries()) {
        // Synthesis is synchronous: yielding between jobs lets SIGINT and SIGTERM clean up the staging folders.
        await yieldToSignals();
        if (this.halted) await exiting();
        results[index] = runSynthJob(job);
        onDone(index);
      }
      return results;
    }
    const costs = new Map<object, number>();
    const cost = (job: SynthJob) => costs.get(job.plan) ?? costs.set(job.plan, estimateCost(job)).get(job.plan)!;
    // With one job per engine (one blueprint: every `synth --watch` save of it) there is no order to choose,
    // and the plans need not be measured (0.7 ms at level 4, on the critical path).
    const ordered = new Set(jobs.map((job) => job.engine)).size < jobs.length;
    const state = createQueue(jobs.map((job) => ({ engine: job.engine, cost: ordered ? cost(job) : 0 })));
    const queue = (this.queue = new JobQueue(state));
    const id = (nextRun += 1);
    let crash: Error | undefined;
    const ended = this.workers.map((worker, index) => this.listen(worker, id, {
      done: (done) => {
        if (!done.ok) errors[done.index] = reviveError(done.error);
        else {
          results[done.index] = done.stacks;
          onDone(done.index);
        }
      },
      crashed: (error) => {
        crash ??= error;
        queue.halt();
      },
    }, { id, jobs, queue: state, engine: this.engines[index + 1] }));
    for (let index = queue.take(this.engines[0]); index !== undefined; index = queue.take(this.engines[0])) {
      await yieldToSignals();
      if (queue.skips(index)) continue;
      try {
        results[index] = runSynthJob(jobs[index]);
        onDone(index);
      } catch (error) {
        errors[index] = error;
        queue.failed(index);
      }
    }
    if (idle && !this.halted) {
      // Its own work done, this thread would only wait: what `idle` does costs the run nothing on a free core.
      await yieldToSignals();
      idle();
    }
    await Promise.all(ended);
    if (this.halted) await exiting();
    if (crash) throw crash;
    const failure = queue.firstFailure();
    if (failure < jobs.length) throw errors[failure];
    return results;
  }

  /**
   * Stops the run at once (SIGINT, SIGTERM): no thread starts another job, and the workers are
   * terminated, so that nothing writes into the staging folders once they are removed.
   */
  async halt(): Promise<void> {
    this.halted = true;
    this.queue?.halt();
    for (const worker of this.workers) forget(worker);
    await Promise.all(this.workers.map((worker) => worker.terminate()));
  }

  /** Sends a worker its request; resolves once it has reported every job it took, or died (then `crashed` is told why). */
  private listen(
    worker: Worker,
    id: number,
    sink: { readonly done: (message: JobDone) => void; readonly crashed: (error: Error) => void },
    request: PoolRequest,
  ): Promise<void> {
    worker.ref();
    return new Promise<void>((resolve) => {
      const onMessage = (message: PoolMessage) => {
        if (message.id !== id) return;
        if (message.type === 'end') {
          if (message.codeCache) reportCodeCacheStats(message.codeCache.thread, message.codeCache.stats);
          settle();
          resolve();
        } else if (!('skipped' in message)) {
          // A skipped job (one after the first failure) is neither written nor reported.
          sink.done(message);
        }
      };
      // A worker that dies mid-run (out of memory, a crash in native code) fails the run as an internal
      // error; when this process halted it (a signal), the process is exiting and nothing waits.
      const onFailure = (error: Error) => {
        settle();
        if (!this.halted) sink.crashed(error);
        resolve();
      };
      const onError = (error: Error) => onFailure(error);
      const onExit = (code: number) => onFailure(new Error(`a synth worker thread stopped (exit code ${code}) before it reported`));
      // Nothing waits on a worker between runs: it must not keep the process alive (`synth --watch` keeps it).
      const settle = () => {
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        worker.unref();
      };
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      if (stopped.has(worker)) onExit(-1);
      else worker.postMessage(request);
    });
  }
}

/** A rough size of a job, to start the largest first: the plan's size as JSON (services, stores and regions all add to it). */
function estimateCost(job: SynthJob): number {
  return JSON.stringify(job.plan).length;
}

function startWorker(preload: Engine): Worker {
  const worker = new Worker(WORKER_FILE, { stdout: false, stderr: false, workerData: { preload } satisfies WorkerStart });
  worker.on('exit', () => {
    stopped.add(worker);
    forget(worker);
  });
  // An error is reported to the run waiting on it; without this listener it would also be thrown.
  worker.on('error', () => undefined);
  worker.unref();
  return worker;
}

function forget(worker: Worker): void {
  const index = shared.indexOf(worker);
  if (index >= 0) shared.splice(index, 1);
}

/** Never settles: the process, halted by a signal, is about to exit (staged-output.ts), and no result or error may be reported. */
function exiting(): Promise<never> {
  return new Promise(() => undefined);
}

function yieldToSignals(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
