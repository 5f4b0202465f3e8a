import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CLI } from './run-cli';

const ROOT = join(__dirname, '../..');

/** A running `tierup synth --watch` whose output can be awaited line by line (no timing is asserted). */
class Watch {
  private output = '';
  private waiters: { readonly pattern: RegExp; readonly from: number; readonly resolve: (text: string) => void }[] = [];
  readonly child: ChildProcess;

  constructor(args: readonly string[]) {
    this.child = spawn(process.execPath, [CLI, 'synth', ...args, '--watch'], { cwd: ROOT, env: { ...process.env, CI: 'true' } });
    const take = (chunk: Buffer) => {
      this.output += chunk.toString('utf8');
      this.waiters = this.waiters.filter((waiter) => {
        const rest = this.output.slice(waiter.from);
        if (!waiter.pattern.test(rest)) return true;
        waiter.resolve(rest);
        return false;
      });
    };
    this.child.stdout!.on('data', take);
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
