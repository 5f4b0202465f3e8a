import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

/** The compiled CLI, as users run it (`npm test` builds dist first). */
export const CLI = join(__dirname, '../../dist/bin/tierup.js');

/** What one CLI run printed and returned. */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A temporary directory of this test process for the CLIs it starts, so their scratch folders never
 * show up in tests that count what is in the shared system one.
 */
export const CHILD_TMPDIR = mkdtempSync(join(tmpdir(), 'tierup-cli-tmp-'));

/** Runs `tierup <args>` in `cwd` with CI set, so no progress output interferes. */
export function runCli(args: readonly string[], cwd = join(__dirname, '../..')): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', TMPDIR: CHILD_TMPDIR } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under a directory, relative path → bytes (latin1), to compare outputs or prove a directory unchanged. */
export function filesUnder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, 'latin1');
    }
  };
  walk(dir);
  return files;
}
