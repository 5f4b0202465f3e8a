import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Runs the CLI from source (tsx), so the test needs no build. */
function tierup(args: readonly string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(ROOT, 'bin', 'tierup.ts'), ...args], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true', ...env },
  });
  return { status: result.status, stdout: result.stdout };
}

describe('tierup validate --deep', () => {
  it('renders both targets, runs every check and summarizes each blueprint', () => {
    const run = tierup(['validate', '--deep', 'blueprints/shop-4-fleet.yaml', 'test/fixtures/ladder-blog/blog-3-cache.yaml']);
    expect(run.status).toBe(0);
    const summaries = run.stdout.split('\n').filter((line) => line.startsWith('deep  '));
    expect(summaries).toEqual([
      expect.stringMatching(/^deep {2}blueprints\/shop-4-fleet\.yaml {2}cloudformation: 1 template, 0 validation findings; cdk-nag: 0 findings, \d+ acknowledged; invariants: 12 checked, 0 broken; terraform: 1 stack, 0 provider problems; checkov: \d+ passed, 0 failed, \d+ acknowledged$/),
      expect.stringMatching(/^deep {2}test\/fixtures\/ladder-blog\/blog-3-cache\.yaml {2}.*invariants: 8 checked, 0 broken/),
    ]);
  });

  it('says plainly that checkov did not run when it is not installed', () => {
    const run = tierup(['validate', '--deep', 'blueprints/shop-1-single-server.yaml'], { TIERUP_CHECKOV: join(ROOT, 'no-such-checkov') });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/; checkov: not run \(not installed: set TIERUP_CHECKOV/);
  });

  it('stays a spec check without --deep', () => {
    const run = tierup(['validate', 'blueprints/shop-4-fleet.yaml']);
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('ok  blueprints/shop-4-fleet.yaml  shop at level 4 (fleet), production\n');
  });
});
