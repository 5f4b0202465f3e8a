import type { Engine } from './synth-jobs';

/**
 * The jobs of one synthesis as the threads of the synth pool share them, in memory they all see
 * (a SharedArrayBuffer): each thread takes its next job itself with one atomic add, so no thread
 * waits for another to hand it work, not even for the main thread, which renders jobs too.
 * Job numbers are positions in the synth command's job list, which is in the order a single thread
 * runs them (every CloudFormation job in blueprint order, then every Terraform job): the first
 * failure in that order is the one reported, as a single thread would report it.
 */
export interface QueueState {
  /** Int32 slots: the first failed job (the job count while none failed; -1 once halted), then the next position per engine. */
  readonly buffer: SharedArrayBuffer;
  /** Per engine, its job numbers in the order they are taken: the costliest first, so no large job is left for last. */
  readonly orders: Readonly<Record<Engine, readonly number[]>>;
}

const FIRST_FAILURE = 0;
const NEXT: Record<Engine, number> = { cfn: 1, tf: 2 };
const HALTED = -1;

/** A fresh queue for jobs described by their engine and an estimate of their cost (any unit). */
export function createQueue(jobs: readonly { readonly engine: Engine; readonly cost: number }[]): QueueState {
  const buffer = new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT);
  new Int32Array(buffer)[FIRST_FAILURE] = jobs.length;
  const order = (engine: Engine) => jobs.map((job, index) => ({ ...job, index })).filter((job) => job.engine === engine)
    .toSorted((a, b) => b.cost - a.cost || a.index - b.index).map((job) => job.index);
  return { buffer, orders: { cfn: order('cfn'), tf: order('tf') } };
}

/** One thread's view of a {@link QueueState}. */
export class JobQueue {
  private readonly slots: Int32Array;

  constructor(private readonly state: QueueState) {
    this.slots = new Int32Array(state.buffer);
  }

  /**
   * Takes the next job of `engine`, undefined when all are taken. A thread renders one engine only:
   * rendering the other too would load its libraries in a second isolate and warm its code up again,
   * which measured dearer (about 10% more CPU for all the examples) than any balance it buys.
   */
  take(engine: Engine): number | undefined {
    const order = this.state.orders[engine];
    if (Atomics.load(this.slots, NEXT[engine]) >= order.length) return undefined;
    const position = Atomics.add(this.slots, NEXT[engine], 1);
    return position < order.length ? order[position] : undefined;
  }

  /** Records that job `index` failed; the earliest failure (in single-thread order) wins. */
  failed(index: number): void {
    for (let current = Atomics.load(this.slots, FIRST_FAILURE); index < current;) {
      const seen = Atomics.compareExchange(this.slots, FIRST_FAILURE, current, index);
      if (seen === current) return;
      current = seen;
    }
  }

  /** Whether job `index` need not run: a job before it in single-thread order failed (a single thread would have stopped there), or the run was halted. */
  skips(index: number): boolean {
    return index > Atomics.load(this.slots, FIRST_FAILURE);
  }

  /** Stops the run: no thread starts another job. */
  halt(): void {
    Atomics.store(this.slots, FIRST_FAILURE, HALTED);
  }

  /** The first failed job in single-thread order, -1 when halted, or the job count when none failed. */
  firstFailure(): number {
    return Atomics.load(this.slots, FIRST_FAILURE);
  }
}
