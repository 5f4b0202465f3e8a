import { existsSync, readdirSync, renameSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { CliError } from './cli-error';
import { describeWriteFailure, makeDirectory, refusePseudoFilesystem } from './output-path';

/** Staging and swap-out folders: `.cdk.out.staging-<pid>` and `cdk.out.previous-<pid>`. */
const LEFTOVER = /^(?:\..+\.staging|.+\.previous)-(\d+)$/;

/** Exit codes of a process ended by a signal: 128 + the signal's number. */
const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Output directories written all-or-nothing: every target renders into a staging directory beside
 * its final place, and only when all of them succeeded are they swapped in (DESIGN.md §5.5).
 * A failed or interrupted run (SIGINT, SIGTERM) removes its staging directories and leaves the
 * previous output exactly as it was; staging folders of runs that died before they could clean up
 * are removed by the next run that opens the same directory.
 */
export class StagedOutput {
  private readonly staged: { readonly staging: string; readonly final: string }[] = [];
  private stopWriters: (() => Promise<void>) | undefined;
  /** Folders this run created to hold staging folders (the output directory, blueprint folders), outermost first. */
  private readonly created: string[] = [];
  private readonly onSignal = (signal: keyof typeof SIGNAL_EXIT) => {
    const finish = () => {
      const removed = this.staged.length;
      this.discard();
      process.stderr.write(`tierup: interrupted (${signal}); removed ${removed} staging folder${removed === 1 ? '' : 's'}, the previous output is untouched\n`);
      process.exit(SIGNAL_EXIT[signal]);
    };
    // A second signal while the writers stop does not wait for them.
    const stop = this.stopWriters;
    this.stopWriters = undefined;
    if (stop) void stop().catch(() => undefined).then(finish);
    else finish();
  };
  private readonly onExit = () => this.discard();

  /** Leftover folders of dead runs that {@link open} removed, as paths. */
  readonly removedLeftovers: readonly string[];

  private constructor(private readonly root: string, createdRoot: boolean) {
    this.removedLeftovers = removeLeftovers(root);
    if (createdRoot) this.created.push(root);
  }

  /** Prepares `root` (creating it if needed) or fails with a message that says why it cannot be written. */
  static open(root: string): StagedOutput {
    const absolute = resolve(root);
    refusePseudoFilesystem(root, '--out');
    const existed = existsSync(absolute);
    try {
      if (existsSync(absolute) && !statSync(absolute).isDirectory()) {
        throw new CliError(`output path ${root} is a file, not a directory; choose another --out`);
      }
      makeDirectory(absolute);
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`cannot create output directory ${root}: ${describeWriteFailure(error)}; choose another --out`);
    }
    return new StagedOutput(absolute, !existed);
  }

  /** A fresh staging directory for `relativePath` (e.g. "cdk.out"), to be swapped in by {@link commit}. */
  stage(relativePath: string): string {
    const final = join(this.root, relativePath);
    const staging = join(dirname(final), `.${basename(final)}.staging-${process.pid}`);
    // Watch before the folder exists: a signal in between would otherwise leave it behind.
    if (this.staged.length === 0) this.watchSignals(true);
    this.staged.push({ staging, final });
    const missing: string[] = [];
    for (let folder = dirname(final); folder.startsWith(`${this.root}${sep}`) && !existsSync(folder); folder = dirname(folder)) missing.unshift(folder);
    this.created.push(...missing);
    try {
      rmSync(staging, { recursive: true, force: true });
      makeDirectory(staging);
    } catch (error) {
      this.discard();
      throw new CliError(`cannot write to ${dirname(final)}: ${describeWriteFailure(error)}; choose another --out`);
    }
    return staging;
  }

  /**
   * On SIGINT or SIGTERM, `stop` is awaited before the staging directories are removed: it stops
   * whatever else writes into them (the synth pool's worker threads), which could otherwise recreate one.
   */
  stopWritersFirst(stop: () => Promise<void>): void {
    this.stopWriters = stop;
  }

  /** Swaps every staged directory into place, replacing what was there. */
  commit(): void {
    for (const { staging, final } of this.staged) {
      const previous = `${final}.previous-${process.pid}`;
      if (existsSync(final)) renameSync(final, previous);
      renameSync(staging, final);
      rmSync(previous, { recursive: true, force: true });
    }
    this.staged.length = 0;
    this.created.length = 0;
    this.stopWriters = undefined;
    this.watchSignals(false);
  }

  /** Removes every staging directory, and the folders made to hold them; the previous output stays untouched. */
  discard(): void {
    for (const { staging } of this.staged) rmSync(staging, { recursive: true, force: true });
    for (const folder of this.created.toReversed()) removeIfEmpty(folder);
    this.staged.length = 0;
    this.created.length = 0;
    this.stopWriters = undefined;
    this.watchSignals(false);
  }

  private watchSignals(on: boolean): void {
    for (const signal of Object.keys(SIGNAL_EXIT) as (keyof typeof SIGNAL_EXIT)[]) {
      if (on) process.on(signal, this.onSignal);
      else process.off(signal, this.onSignal);
    }
    if (on) process.on('exit', this.onExit);
    else process.off('exit', this.onExit);
  }
}

/** Removes staging and swap-out folders of runs whose process is gone, in `root` and its blueprint folders. */
function removeLeftovers(root: string): string[] {
  const removed: string[] = [];
  const sweep = (directory: string, depth: number) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(directory, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      const pid = LEFTOVER.exec(entry.name)?.[1];
      const path = join(directory, entry.name);
      if (pid !== undefined) {
        if (!isAlive(Number(pid))) {
          rmSync(path, { recursive: true, force: true });
          removed.push(path);
        }
      } else if (depth === 0) {
        sweep(path, 1);
      }
    }
  };
  sweep(root, 0);
  return removed;
}

function removeIfEmpty(folder: string): void {
  try {
    rmdirSync(folder);
  } catch {
    // Not empty (something else was put there meanwhile) or already gone: left as it is.
  }
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
