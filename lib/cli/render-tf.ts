import { existsSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ArchitecturePlan } from '../plan';
import { type CodeCacheStats, reportCodeCacheStats } from './code-cache';

/** One blueprint's Terraform: its plan, the (staging) directory cdktf's layout is written to, and whether as HCL. */
export interface TfJob {
  readonly plan: ArchitecturePlan;
  readonly outdir: string;
  readonly hcl: boolean;
}

/** What one job wrote: per stack, its name, file and managed-resource count. */
export interface TfJobResult {
  readonly stacks: readonly { readonly stackName: string; readonly file: string; readonly resourceCount: number }[];
}

/** What the main thread sends the worker: the jobs of one synthesis. */
export interface TfRequest {
  readonly id: number;
  readonly jobs: readonly TfJob[];
}

/** The worker's answer to one request: every job's result, or the first error; and what its code cache did. */
export type TfWorkerMessage = { readonly id: number; readonly codeCache?: { readonly thread: number; readonly stats: CodeCacheStats } } & (
  | { readonly ok: true; readonly results: TfJobResult[] }
  | { readonly ok: false; readonly message: string; readonly stack: string }
);

/** Terraform being rendered, in a worker thread or (on {@link TfRendering.results}) in this one. */
export interface TfRendering {
  /** Every job's result, in job order; rejects with the worker's error. */
  results(): Promise<TfJobResult[]>;
  /** Stops the worker (a failed CloudFormation synthesis); resolves once it can write nothing more. */
  cancel(): Promise<void>;
}

/**
 * `TIERUP_WORKERS=0` renders Terraform on the main thread, after CloudFormation; `TIERUP_WORKERS=1`
 * always uses the worker. Unset, the worker is used when a core is free (see {@link coreIsFree}).
 */
export const WORKERS_ENV = 'TIERUP_WORKERS';

/**
 * The worker costs CPU of its own (a second V8 isolate, its own heap, modules both threads load): about
 * 0.3 s at level 4. With a core to spare that is hidden and the two engines overlap; on a machine whose
 * cores are already taken (load average at or above cores - 0.5) it only adds work, and measured
 * slower (docs/performance.md), so then both engines share the main thread. The output is the same either way.
 */
export function coreIsFree(cores = availableParallelism(), load = loadavg()[0]): boolean {
  return cores >= 2 && load < cores - 0.5;
}

const WORKER_FILE = join(__dirname, 'tf-worker.js');

/** The worker, kept between syntheses of one process (`synth --watch`), so that its modules stay loaded. */
let shared: Worker | undefined;
let nextRequest = 0;

/** Renders the jobs in this thread (the worker calls it, and so does {@link renderTf} without a worker). */
export function renderTfJobs(jobs: readonly TfJob[]): TfJobResult[] {
  // Loaded here, not at the top: `--target cfn` never pays for cdktf and the provider bindings.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { synthesizeTf } = require('../render/tf') as typeof import('../render/tf');
  return jobs.map((job) => ({
    stacks: synthesizeTf([job.plan], { outdir: job.outdir, hcl: job.hcl }).stacks.map(({ stackName, file, resourceCount }) => ({ stackName, file, resourceCount })),
  }));
}

/**
 * Starts rendering Terraform. With `beside` (CloudFormation is being rendered on this thread meanwhile)
 * the jobs go to a worker thread, so the two engines, which share nothing, use both cores: module
 * loading, construct trees and token resolution of cdktf run while aws-cdk-lib's do. The worker writes
 * the same files the main thread would; the plans reach it by structured clone (they are plain data).
 */
export function renderTf(jobs: readonly TfJob[], { beside }: { readonly beside: boolean }): TfRendering {
  const setting = process.env[WORKERS_ENV];
  const inWorker = beside && jobs.length > 0 && existsSync(WORKER_FILE) && (setting === '1' || (setting !== '0' && (shared !== undefined || coreIsFree())));
  if (!inWorker) return { results: async () => renderTfJobs(jobs), cancel: async () => undefined };
  const worker = sharedWorker();
  const id = (nextRequest += 1);
  worker.ref();
  const done = new Promise<TfJobResult[]>((resolve, reject) => {
    const onMessage = (message: TfWorkerMessage) => {
      if (message.id !== id) return;
      settle();
      if (message.codeCache) reportCodeCacheStats(message.codeCache.thread, message.codeCache.stats);
      if (message.ok) {
        resolve(message.results);
      } else {
        const error = new Error(message.message);
        error.stack = message.stack;
        reject(error);
      }
    };
    const onError = (error: Error) => { settle(); reject(error); };
    const onExit = (code: number) => { settle(); reject(new Error(`the Terraform worker stopped (exit code ${code}) before it reported`)); };
    // Nothing waits on the worker between requests: it must not keep the process alive.
    const settle = () => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      worker.unref();
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  });
  worker.postMessage({ id, jobs } satisfies TfRequest);
  return {
    results: () => done,
    cancel: async () => {
      done.catch(() => undefined);
      if (shared === worker) shared = undefined;
      await worker.terminate();
    },
  };
}

function sharedWorker(): Worker {
  if (!shared) {
    const worker = new Worker(WORKER_FILE, { stdout: false, stderr: false });
    worker.on('exit', () => { if (shared === worker) shared = undefined; });
    // An error is reported to the request waiting on it; without this listener it would also be thrown.
    worker.on('error', () => undefined);
    shared = worker;
  }
  return shared;
}
