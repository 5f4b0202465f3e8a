import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Gives this test file a temporary directory of its own while it renders (renderCfnTemplates stages
 * under os.tmpdir()), so test/render/cfn/synthesize.test.ts, which counts what is left in the shared
 * one, never sees this file's staging when both run at once. Restored after the file's tests.
 */
export function usePrivateTmpdir(): void {
  const previous = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), 'tierup-boot-tmp-'));
  process.env.TMPDIR = dir;
  afterAll(() => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    rmSync(dir, { recursive: true, force: true });
  });
}
