import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';

/**
 * A cdktf app that is never synthesized to disk (its stacks are serialized in memory). cdktf's App creates
 * `<outdir>/stacks` as it is constructed, so it gets a scratch directory of its own, removed at once:
 * nothing is left in TMPDIR, and nothing reads the directory again.
 */
export function inMemoryApp(): App {
  const outdir = mkdtempSync(join(tmpdir(), 'tierup-cdktf-'));
  try {
    return new App({ outdir, skipValidation: true });
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
