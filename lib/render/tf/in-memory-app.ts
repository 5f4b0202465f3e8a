import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'cdktf';

/**
 * A cdktf app that is never synthesized to disk (its stacks are serialized in memory). cdktf's App creates
 * `<outdir>/stacks` as it is constructed, so it gets a scratch directory of its own, removed at once:
 * nothing is left in TMPDIR, and nothing reads the directory again. A caller that writes its stacks into
 * `<outdir>/stacks` anyway (`synthesizeTf`) passes that `outdir` instead, which saves making and removing a
 * scratch directory per app (about 2 ms each); the app still writes nothing there.
 */
export function inMemoryApp(outdir?: string): App {
  if (outdir !== undefined) {
    mkdirSync(join(outdir, 'stacks'), { recursive: true });
    return new App({ outdir, skipValidation: true });
  }
  const scratch = mkdtempSync(join(tmpdir(), 'tierup-cdktf-'));
  try {
    return new App({ outdir: scratch, skipValidation: true });
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
