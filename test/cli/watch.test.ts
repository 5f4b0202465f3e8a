import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { CHILD_TMPDIR, CLI, filesUnder, runCli } from './run-cli';
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { serviceBlueprint } = require('../../bench/lib/service-blueprint') as { serviceBlueprint: (root: string, count: number) => string };

const ROOT = join(__dirname, '../..');

/** A running `tierup synth --watch` whose output can be awaited line by line (no timing is asserted). */
class Watch {
  private output = '';
  /** What it printed on stdout alone (stderr's chunks interleave with it at random). */
  stdout = '';
  private waiters: { readonly pattern: RegExp; readonly from: number; readonly resolve: (text: string) => void }[] = [];
  readonly child: ChildProcess;

  constructor(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
    this.child = spawn(process.execPath, [CLI, 'synth', ...args, '--watch'], { cwd: ROOT, env: { ...process.env, CI: 'true', TMPDIR: CHILD_TMPDIR, ...env } });
    const take = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      this.waiters = this.waiters.filter((waiter) => {
        const rest = this.output.slice(waiter.from);
        if (!waiter.pattern.test(rest)) return true;
        waiter.resolve(rest);
        return false;
      });
    };
    this.child.stdout!.on('data', (chunk: Buffer) => {
      this.stdout += chunk.toString('utf8');
      take(chunk);
    });
    this.child.stderr!.on('data', take);
  }

  /** Resolves with the output printed since now once it matches `pattern`. */
  next(pattern: RegExp): Promise<string> {
    const from = this.output.length;
    return new Promise((resolve) => this.waiters.push({ pattern, from, resolve }));
  }

  /** Stops the watch the way a user does (Ctrl-C) and resolves with its exit code. */
  stop(): Promise<number | null> {
    return new Promise((resolve) => {
      this.child.once('exit', (code) => resolve(code));
      this.child.kill('SIGINT');
    });
  }
}

describe('tierup synth --watch', () => {
  const work = mkdtempSync(join(tmpdir(), 'tierup-watch-'));
  const spec = join(work, 'shop.yaml');
  const out = join(work, 'out');
  const template = join(out, 'cdk.out', 'shop-production-us-east-1.template.json');
  let watch: Watch | undefined;
  afterAll(() => {
    watch?.child.kill('SIGKILL');
    rmSync(work, { recursive: true, force: true });
  });

  it('re-synthesizes on every save, printing counts and the diff verdict, and survives a bad edit', async () => {
    copyFileSync(join(ROOT, 'blueprints', 'shop-4-fleet.yaml'), spec);
    const text = readFileSync(spec, 'utf8');
    expect(text).toMatch(/readReplicas: 2/);
    watch = new Watch([spec, '--out', out]);
    await watch.next(/watching .*shop\.yaml/);
    const replicasBefore = (readFileSync(template, 'utf8').match(/"AWS::RDS::DBInstance"/g) ?? []).length;

    // One replica fewer: the output shrinks, and diff calls destroying a database instance unsafe.
    let printed = watch.next(/diff: .*/);
    writeFileSync(spec, text.replace('readReplicas: 2', 'readReplicas: 1'));
    let report = await printed;
    expect(report).toMatch(/re-synthesized in [\d.]+ s/);
    expect(report).toMatch(/cfn (\d+) → (\d+) resources \(-1\), tf (\d+) → (\d+) resources \(-1\)/);
    expect(report).toMatch(/diff: UNSAFE/);
    expect(report).toMatch(/destroy AWS::RDS::DBInstance/);
    expect((readFileSync(template, 'utf8').match(/"AWS::RDS::DBInstance"/g) ?? []).length).toBe(replicasBefore - 1);

    // A bad edit is reported and leaves the output as it was.
    const before = readFileSync(template, 'utf8');
    printed = watch.next(/synth failed/);
    writeFileSync(spec, `${text}\nbad: [\n`);
    report = await printed;
    expect(report).toMatch(/shop\.yaml:\d+:\d+: error/);
    expect(readFileSync(template, 'utf8')).toBe(before);

    // Back to the original: safe, and compared with the last good output.
    printed = watch.next(/diff: .*/);
    writeFileSync(spec, text);
    report = await printed;
    expect(report).toMatch(/cfn (\d+) → (\d+) resources \(\+1\)/);
    expect(report).toMatch(/diff: safe/);

    expect(await watch.stop()).toBe(0);
  });
});

/** Every file under a directory with its inode and modification time: what was rewritten, and what was left alone. */
function stamps(dir: string): Record<string, string> {
  return Object.fromEntries(Object.keys(filesUnder(dir)).map((file) => {
    const stat = statSync(join(dir, file));
    return [file, `${stat.ino}:${stat.mtimeMs}`];
  }));
}

describe('tierup synth --watch with several blueprints', () => {
  const work = mkdtempSync(join(tmpdir(), 'tierup-watch-many-'));
  const specs = join(work, 'specs');
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  // Every example, the team-VPC fixtures (renamed: their file names are the examples'), and a generated level-6 blueprint.
  const sources: Record<string, string> = {
    ...Object.fromEntries(readdirSync(join(ROOT, 'blueprints')).filter((file) => file.endsWith('.yaml')).map((file) => [file, readFileSync(join(ROOT, 'blueprints', file), 'utf8')])),
    ...Object.fromEntries(readdirSync(join(ROOT, 'test/fixtures/existing-vpc')).filter((file) => file.endsWith('.yaml'))
      .map((file) => [`team-vpc-${file}`, readFileSync(join(ROOT, 'test/fixtures/existing-vpc', file), 'utf8')])),
    'services-10.yaml': serviceBlueprint(ROOT, 10),
  };
  const files = Object.keys(sources).toSorted().map((file) => join(specs, file));
  const spec = (name: string) => join(specs, name);
  const writeSpecs = () => {
    rmSync(specs, { recursive: true, force: true });
    mkdirSync(specs, { recursive: true });
    for (const [file, text] of Object.entries(sources)) writeFileSync(join(specs, file), text);
  };
  /** A report is one write, ending with the last blueprint's diff line. */
  const report = new RegExp(`re-synthesized in [\\d.]+ s\\n[\\s\\S]*${basename(files.at(-1)!).replace('.', '\\.')}: .*\\n  diff: .*\\n`);

  /** Five saves in one watch: an editor's save by rename, an edit to level 7 (which stages assets), a comment, a YAML error, the error undone. */
  async function session(mode: 'reuse' | 'off') {
    writeSpecs();
    const out = join(work, `out-${mode}`);
    const watch = new Watch([...files, '--out', out], mode === 'off' ? { TIERUP_WATCH_REUSE: '0' } : {});
    await watch.next(/watching /);
    const before = stamps(out);

    // shop-4: one replica fewer, saved as editors do: a whole new file renamed over the old one.
    let printed = watch.next(report);
    const shop4 = spec('shop-4-fleet.yaml');
    writeFileSync(`${shop4}.tmp~`, sources['shop-4-fleet.yaml'].replace('readReplicas: 2', 'readReplicas: 1'));
    renameSync(`${shop4}.tmp~`, shop4);
    const first = await printed;
    // shop-7: a larger fleet; its cloud assembly holds Lambda assets, staged again into a staging folder of the same name.
    printed = watch.next(report);
    writeFileSync(spec('shop-7-multi-region.yaml'), sources['shop-7-multi-region.yaml'].replace('  scaling:\n    min: 2\n    max: 10', '  scaling:\n    min: 2\n    max: 12'));
    await printed;
    // shop-1: a comment only; its plan is unchanged.
    printed = watch.next(report);
    writeFileSync(spec('shop-1-single-server.yaml'), `${sources['shop-1-single-server.yaml']}# a note\n`);
    await printed;
    // shop-2: a bad edit, then undone.
    printed = watch.next(/synth failed/);
    writeFileSync(spec('shop-2-separate-db.yaml'), `${sources['shop-2-separate-db.yaml']}\nbad: [\n`);
    await printed;
    printed = watch.next(report);
    writeFileSync(spec('shop-2-separate-db.yaml'), sources['shop-2-separate-db.yaml']);
    await printed;

    expect(await watch.stop()).toBe(0);
    const stdout = watch.stdout.replaceAll(out, 'OUT').replace(/\d\d:\d\d:\d\d (re-synthesized|synth failed) in [\d.]+ s/g, 'HH:MM:SS $1 in S s');
    return { out, before, first, after: stamps(out), files: filesUnder(out), stdout };
  }

  it('renders only the blueprints whose plan changed, writing and printing what rendering all of them writes and prints', async () => {
    const reuse = await session('reuse');
    const off = await session('off');
    // A fresh synth of the files as the watch left them.
    const fresh = join(work, 'out-fresh');
    const run = runCli(['synth', ...files, '--out', fresh]);
    expect(run).toMatchObject({ status: 0, stderr: '' });

    // One re-synthesis per save: the rename is one change, not two.
    expect(reuse.stdout.match(/re-synthesized in/g)).toHaveLength(4);
    expect(reuse.stdout.match(/synth failed in/g)).toHaveLength(1);
    expect(reuse.first).toMatch(/shop-4-fleet\.yaml: cfn \d+ → \d+ resources \(-1\), tf \d+ → \d+ resources \(-1\)\n  diff: UNSAFE/);
    expect(reuse.first).toMatch(/shop-1-single-server\.yaml: cfn (\d+) → \1 resources, tf (\d+) → \2 resources\n  diff: no change/);

    // Only shop-4's and shop-7's output was written again; every other blueprint's files are the very files of the first synthesis.
    const rewritten = Object.keys(reuse.after).filter((file) => reuse.after[file] !== reuse.before[file]);
    expect(rewritten.some((file) => file.startsWith('shop-4-fleet/')) && rewritten.some((file) => file.startsWith('shop-7-multi-region/'))).toBe(true);
    expect(rewritten.filter((file) => !/^shop-(4-fleet|7-multi-region)\//.test(file))).toEqual([]);
    expect(Object.keys(reuse.after)).toEqual(Object.keys(reuse.before));
    // Rendering every blueprint on every save (TIERUP_WATCH_REUSE=0) rewrites them all.
    expect(Object.keys(off.after).filter((file) => off.after[file] === off.before[file])).toEqual([]);

    // The same bytes as rendering all of them, and as a fresh synth; the same lines printed.
    expect(Object.keys(reuse.files).length).toBeGreaterThan(files.length * 4);
    expect(reuse.files).toEqual(off.files);
    expect(reuse.files).toEqual(filesUnder(fresh));
    expect(reuse.stdout).toEqual(off.stdout);
  }, 400_000);
});
