import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { coreIsFree } from '../../lib/cli/render-tf';
import { CLI, filesUnder } from './run-cli';

const ROOT = join(__dirname, '../..');

describe('Terraform beside CloudFormation', () => {
  it('uses the worker only with a core to spare', () => {
    expect(coreIsFree(2, 0.4)).toBe(true);
    expect(coreIsFree(2, 1.6)).toBe(false);
    expect(coreIsFree(8, 6)).toBe(true);
    expect(coreIsFree(1, 0)).toBe(false);
  });

  it('writes the same bytes and summary in a worker thread as on the main thread', () => {
    const work = mkdtempSync(join(tmpdir(), 'tierup-workers-'));
    try {
      const specs = ['blueprints/shop-4-fleet.yaml', 'blueprints/shop-7-multi-region.yaml'];
      const runs = (['0', '1'] as const).map((workers) => {
        const out = join(work, `workers-${workers}`);
        const run = spawnSync(process.execPath, [CLI, 'synth', ...specs, '--out', out], {
          cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true', TIERUP_WORKERS: workers },
        });
        expect(run.status).toBe(0);
        return { stdout: run.stdout.replaceAll(out, 'OUT'), files: filesUnder(out) };
      });
      expect(runs[0].stdout).toMatch(/^tf .*shop-7-multi-region/m);
      expect(runs[1]).toEqual(runs[0]);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
  });
});
