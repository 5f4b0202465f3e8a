import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from './run-cli';

/** Runs the CLI with a TMPDIR of its own and returns what it left there. */
function leftInTmpdir(args: readonly string[]): string[] {
  const scratch = mkdtempSync(join(tmpdir(), 'tierup-leftovers-'));
  const out = mkdtempSync(join(tmpdir(), 'tierup-leftovers-out-'));
  try {
    const run = spawnSync(process.execPath, [CLI, ...args.map((arg) => arg.replace('$OUT', out))], {
      cwd: join(__dirname, '../..'), encoding: 'utf8', env: { ...process.env, CI: 'true', TMPDIR: scratch },
    });
    expect(run.stderr).toBe('');
    return readdirSync(scratch);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
    rmSync(out, { recursive: true, force: true });
  }
}

describe('the CLI leaves nothing in TMPDIR', () => {
  it.each([
    ['synth, both targets', ['synth', 'blueprints/shop-4-fleet.yaml', '--out', '$OUT', '--quiet']],
    ['diff', ['diff', 'blueprints/shop-3-cache.yaml', 'blueprints/shop-4-fleet.yaml']],
    ['validate', ['validate', 'blueprints/shop-7-multi-region.yaml']],
  ])('%s', (_name, args) => {
    expect(leftInTmpdir(args)).toEqual([]);
  });
});
