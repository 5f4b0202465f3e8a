import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/** The compiled CLI, as users run it (`npm test` builds dist first). */
export const CLI = join(__dirname, '../../dist/bin/tierup.js');

/** What one CLI run printed and returned. */
export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `tierup <args>` in `cwd` with CI set, so no progress output interferes. */
export function runCli(args: readonly string[], cwd = join(__dirname, '../..')): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
