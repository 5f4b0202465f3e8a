import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packageOf, userCacheDirectory } from '../../lib/cli/code-cache';
import { CLI, filesUnder } from './run-cli';

const ROOT = join(__dirname, '../..');

interface ThreadStats { readonly compiled: number; readonly fromCache: number; readonly rejected: number }

/** Synthesizes level 4 for both targets with the cache in `cacheDir`; returns the output tree and each thread's cache counters. */
function synth(cacheDir: string, out: string): { files: Record<string, string>; threads: ThreadStats[] } {
  const run = spawnSync(process.execPath, [CLI, 'synth', 'blueprints/shop-4-fleet.yaml', '--target', 'both', '--out', out, '--quiet'], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true', TIERUP_CACHE_DIR: cacheDir, TIERUP_CODE_CACHE_STATS: '1', TIERUP_CODE_CACHE: '', TIERUP_WORKERS: '1' },
  });
  expect(run.status).toBe(0);
  const threads = [...run.stderr.matchAll(/^code cache \(thread \d+\): (.*)$/gm)].map((match) => JSON.parse(match[1]) as ThreadStats);
  return { files: filesUnder(out), threads };
}

describe('the V8 code cache', () => {
  const work = mkdtempSync(join(tmpdir(), 'tierup-code-cache-'));
  const cacheDir = join(work, 'cache');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes the same bytes from a cold cache, a warm one and a corrupted one', () => {
    const cold = synth(cacheDir, join(work, 'cold'));
    // Both threads (CloudFormation here, Terraform in the worker) compiled from source and found nothing cached.
    expect(cold.threads).toHaveLength(2);
    expect(cold.threads.every((stats) => stats.compiled > 100 && stats.fromCache === 0)).toBe(true);

    const warm = synth(cacheDir, join(work, 'warm'));
    expect(warm.threads).toHaveLength(2);
    expect(warm.threads.every((stats) => stats.fromCache > 100 && stats.compiled === 0 && stats.rejected === 0)).toBe(true);
    expect(Object.keys(warm.files).length).toBeGreaterThan(3);
    expect(warm.files).toEqual(cold.files);

    // A blob that is not one (a full disk, a bad copy) is ignored and rewritten.
    const [keyDir] = readdirSync(join(cacheDir, 'code-cache'));
    for (const blob of readdirSync(join(cacheDir, 'code-cache', keyDir))) writeFileSync(join(cacheDir, 'code-cache', keyDir, blob), 'not a cache');
    const corrupted = synth(cacheDir, join(work, 'corrupted'));
    expect(corrupted.threads.every((stats) => stats.compiled > 100 && stats.fromCache === 0)).toBe(true);
    expect(corrupted.files).toEqual(cold.files);
    const blobs = readdirSync(join(cacheDir, 'code-cache', keyDir));
    expect(blobs.every((blob) => statSync(join(cacheDir, 'code-cache', keyDir, blob)).size > 'not a cache'.length)).toBe(true);
  });

  it('is off with TIERUP_CODE_CACHE=0', () => {
    const offDir = join(work, 'off-cache');
    const run = spawnSync(process.execPath, [CLI, 'validate', 'blueprints/shop-1-single-server.yaml'], {
      cwd: ROOT, encoding: 'utf8', env: { ...process.env, TIERUP_CACHE_DIR: offDir, TIERUP_CODE_CACHE: '0', TIERUP_CODE_CACHE_STATS: '1' },
    });
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/code cache/);
    expect(() => readdirSync(offDir)).toThrow();
  });

  it('keeps one blob per package', () => {
    expect(packageOf('/x/node_modules/aws-cdk-lib/core/lib/stack.js')).toBe('aws-cdk-lib');
    expect(packageOf('/x/node_modules/a/node_modules/@cdktf/provider-aws/lib/vpc/index.js')).toBe('@cdktf/provider-aws');
    expect(packageOf('/x/dist/lib/plan/create-plan.js')).toBe('tierup');
  });

  it('lives in the platform user cache directory', () => {
    if (process.platform === 'win32' || process.platform === 'darwin') return;
    expect(userCacheDirectory({ HOME: '/home/u' })).toBe('/home/u/.cache/tierup');
    expect(userCacheDirectory({ HOME: '/home/u', XDG_CACHE_HOME: '/c' })).toBe('/c/tierup');
  });
});
