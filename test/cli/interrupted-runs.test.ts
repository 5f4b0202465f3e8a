import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHILD_TMPDIR, CLI, runCli } from './run-cli';

const ROOT = join(__dirname, '../..');
const EXAMPLES = readdirSync(join(ROOT, 'blueprints')).filter((file) => file.endsWith('.yaml')).map((file) => join(ROOT, 'blueprints', file));

function stagingFolders(out: string): string[] {
  const found: string[] = [];
  const walk = (dir: string, depth: number) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      if (/\.(staging|previous)-\d+$/.test(entry.name)) found.push(join(dir, entry.name));
      else if (depth === 0) walk(join(dir, entry.name), 1);
    }
  };
  if (existsSync(out)) walk(out, 0);
  return found;
}

describe('interrupted and failed runs', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('%s removes the staging folders, says so, and leaves the previous output', async (signal) => {
    const out = join(mkdtempSync(join(tmpdir(), 'tierup-signal-')), 'out');
    mkdirSync(join(out, 'shop-1-single-server', 'cdk.out'), { recursive: true });
    writeFileSync(join(out, 'shop-1-single-server', 'cdk.out', 'manifest.json'), 'previous');
    const child = spawn(process.execPath, [CLI, 'synth', ...EXAMPLES, '--out', out], { cwd: ROOT, env: { ...process.env, CI: 'true', TMPDIR: CHILD_TMPDIR } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    for (let waited = 0; stagingFolders(out).length === 0 && waited < 30_000; waited += 20) await new Promise((r) => setTimeout(r, 20));
    expect(stagingFolders(out).length).toBeGreaterThan(0);
    child.kill(signal);
    const code = await exited;
    expect(code).toBe(signal === 'SIGINT' ? 130 : 143);
    expect(stderr).toMatch(new RegExp(`tierup: interrupted \\(${signal}\\); removed \\d+ staging folders?, the previous output is untouched`));
    expect(stagingFolders(out)).toEqual([]);
    expect(readFileSync(join(out, 'shop-1-single-server', 'cdk.out', 'manifest.json'), 'utf8')).toBe('previous');
  }, 60_000);

  it('removes staging folders that dead runs left, and keeps those of live ones', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tierup-stale-')), 'out');
    const dead = join(out, '.cdk.out.staging-999999');
    const deadNested = join(out, 'shop', 'cdktf.out.previous-999998');
    const live = join(out, `.cdk.out.staging-${process.pid}`);
    for (const dir of [dead, deadNested, live]) mkdirSync(join(dir, 'x'), { recursive: true });
    const run = runCli(['synth', 'blueprints/shop-1-single-server.yaml', '--target', 'tf', '--out', out]);
    expect(run.status).toBe(0);
    expect(run.stderr).toContain(`tierup: removed ${dead}, left by an interrupted run`);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(deadNested)).toBe(false);
    expect(existsSync(live)).toBe(true);
  });

  it.each(['/proc/tierup-out', '/sys/tierup/out', '/dev/tierup-out'])('refuses --out %s before writing anything', (out) => {
    const run = runCli(['synth', 'blueprints/shop-1-single-server.yaml', '--out', out]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^tierup: --out \/(proc|sys|dev)\S* is on \/(proc|sys|dev), which holds kernel state, not files; nothing was written/);
  });

  it('reports a read-only --out as EROFS, the real cause', () => {
    // A read-only tmpfs in a private mount namespace (root in a user namespace); this machine allows it.
    const dir = mkdtempSync(join(tmpdir(), 'tierup-ro-'));
    const script = `mount -t tmpfs -o ro tmpfs '${dir}' && exec '${process.execPath}' '${CLI}' synth blueprints/shop-1-single-server.yaml --out '${dir}/out'`;
    const run = spawnSync('unshare', ['-rm', 'sh', '-c', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true', TMPDIR: CHILD_TMPDIR } });
    expect(run.error).toBeUndefined();
    expect(run.stderr).toMatch(/cannot create output directory .*out: the file system is read-only \(EROFS\); choose another --out/);
    expect(run.status).toBe(1);
  });

  it('prints its result lines with --quiet, and JSON with --json', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tierup-quiet-')), 'out');
    const quiet = runCli(['synth', 'blueprints/shop-1-single-server.yaml', '--out', out, '--quiet']);
    expect(quiet.stdout).toMatch(/^cfn  shop-production-us-east-1  \S+shop-production-us-east-1\.template\.json  \(\d+ resources\)\ntf   shop-production-us-east-1/);
    const json = JSON.parse(runCli(['synth', 'blueprints/shop-1-single-server.yaml', '--out', out, '--json']).stdout);
    expect(json).toEqual({
      out,
      written: [
        { target: 'cfn', stack: 'shop-production-us-east-1', path: join(out, 'cdk.out/shop-production-us-east-1.template.json'), resources: expect.any(Number) },
        { target: 'tf', stack: 'shop-production-us-east-1', path: join(out, 'cdktf.out/stacks/shop-production-us-east-1/cdk.tf.json'), resources: expect.any(Number) },
      ],
    });
  });
});
