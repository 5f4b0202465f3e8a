import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from './cli-error';

/**
 * Output directories written all-or-nothing: every target renders into a staging directory beside
 * its final place, and only when all of them succeeded are they swapped in (DESIGN.md §5.5).
 * A failed run removes its staging directories and leaves the previous output exactly as it was.
 */
export class StagedOutput {
  private readonly staged: { readonly staging: string; readonly final: string }[] = [];

  private constructor(private readonly root: string) {}

  /** Prepares `root` (creating it if needed) or fails with a message that says why it cannot be written. */
  static open(root: string): StagedOutput {
    const absolute = resolve(root);
    try {
      if (existsSync(absolute) && !statSync(absolute).isDirectory()) {
        throw new CliError(`output path ${root} is a file, not a directory; choose another --out`);
      }
      mkdirSync(absolute, { recursive: true });
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(`cannot create output directory ${root}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; choose another --out`);
    }
    return new StagedOutput(absolute);
  }

  /** A fresh staging directory for `relativePath` (e.g. "cdk.out"), to be swapped in by {@link commit}. */
  stage(relativePath: string): string {
    const final = join(this.root, relativePath);
    const staging = join(dirname(final), `.${basename(final)}.staging-${process.pid}`);
    try {
      rmSync(staging, { recursive: true, force: true });
      mkdirSync(staging, { recursive: true });
    } catch (error) {
      this.discard();
      throw new CliError(`cannot write to ${dirname(final)}: ${(error as NodeJS.ErrnoException).code ?? String(error)}; choose another --out`);
    }
    this.staged.push({ staging, final });
    return staging;
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
  }

  /** Removes every staging directory; the previous output stays untouched. */
  discard(): void {
    for (const { staging } of this.staged) rmSync(staging, { recursive: true, force: true });
    this.staged.length = 0;
  }
}
