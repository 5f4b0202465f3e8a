import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsLimitError } from '../../lib/plan/aws-limit-error';
import { SpecError } from '../../lib/spec/spec-error';
import { CliError } from '../../lib/cli/cli-error';
import { reviveError, serializeError } from '../../lib/cli/synth-jobs';
import { synthShape } from '../../lib/cli/synth-shape';
import { threadEngines, workerCount } from '../../lib/cli/synth-pool';
import { createQueue, JobQueue } from '../../lib/cli/synth-queue';
import { CHILD_TMPDIR, CLI, filesUnder } from './run-cli';

const ROOT = join(__dirname, '../..');
const EXAMPLES = readdirSync(join(ROOT, 'blueprints')).filter((file) => file.endsWith('.yaml')).sort().map((file) => join('blueprints', file));

/** `tierup synth` with `TIERUP_WORKERS=workers` worker threads, whatever the machine's cores (`0`: a single thread). */
function synth(specs: readonly string[], out: string, workers: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, CI: 'true', TMPDIR: CHILD_TMPDIR, TIERUP_WORKERS: workers };
  const run = spawnSync(process.execPath, [CLI, 'synth', ...specs, '--out', out], { cwd: ROOT, encoding: 'utf8', env });
  return { status: run.status, stdout: run.stdout.replaceAll(out, 'OUT'), stderr: run.stderr.replaceAll(out, 'OUT') };
}

describe('the synth pool', () => {
  it.each([
    // jobs, cores, TIERUP_WORKERS, workers beside the main thread
    [1, 8, undefined, 0],
    [2, 2, undefined, 1],
    [18, 2, undefined, 1],
    [18, 8, undefined, 7],
    [3, 8, undefined, 2],
    [18, 1, undefined, 0],
    [18, 2, '0', 0],
    [18, 2, '3', 3],
    [2, 8, '5', 1],
    [18, 4, 'many', 3],
  ] as const)('%i jobs on %i cores with TIERUP_WORKERS=%s: %i workers', (jobs, cores, setting, expected) => {
    expect(workerCount(jobs, cores, setting, 16 * 2 ** 30)).toBe(expected);
  });

  it('starts no more workers than the free memory holds, unless told how many', () => {
    expect(workerCount(18, 64, undefined, 1 * 2 ** 30)).toBe(4);
    expect(workerCount(18, 64, undefined, 100 * 2 ** 20)).toBe(0);
    expect(workerCount(18, 64, '6', 100 * 2 ** 20)).toBe(6);
  });

  it.each([
    // threads, engines, blueprints → each thread's engine, the main thread first
    [2, ['cfn', 'tf'], 1, ['tf', 'cfn']],
    [2, ['cfn', 'tf'], 9, ['tf', 'cfn']],
    [3, ['cfn', 'tf'], 9, ['tf', 'cfn', 'cfn']],
    [4, ['cfn', 'tf'], 2, ['tf', 'cfn', 'cfn', 'tf']],
    [6, ['cfn', 'tf'], 3, ['tf', 'cfn', 'cfn', 'cfn', 'tf', 'tf']],
    [8, ['cfn', 'tf'], 9, ['tf', 'cfn', 'cfn', 'cfn', 'cfn', 'cfn', 'tf', 'tf']],
    [2, ['tf'], 9, ['tf', 'tf']],
    [1, ['cfn'], 1, ['cfn']],
  ] as const)('%i threads for %j and %i blueprint(s): %j', (threads, engines, blueprints, expected) => {
    expect(threadEngines(threads, engines, blueprints)).toEqual(expected);
  });

  it('hands out the costliest job of an engine first, and only that engine’s jobs', () => {
    const state = createQueue([{ engine: 'cfn', cost: 1 }, { engine: 'cfn', cost: 5 }, { engine: 'tf', cost: 2 }, { engine: 'tf', cost: 2 }]);
    const [main, worker] = [new JobQueue(state), new JobQueue(state)];
    expect([worker.take('cfn'), main.take('tf'), main.take('tf'), main.take('tf'), worker.take('cfn'), worker.take('cfn')]).toEqual([1, 2, 3, undefined, 0, undefined]);
  });

  it('keeps the failure a single thread meets first, and skips only what comes after it', () => {
    const queue = new JobQueue(createQueue([0, 1, 2, 3, 4].map(() => ({ engine: 'cfn' as const, cost: 1 }))));
    expect(queue.firstFailure()).toBe(5);
    queue.failed(3);
    queue.failed(4);
    expect(queue.firstFailure()).toBe(3);
    expect([queue.skips(1), queue.skips(3), queue.skips(4)]).toEqual([false, false, true]);
    queue.failed(1);
    expect(queue.firstFailure()).toBe(1);
    queue.halt();
    expect(queue.skips(0)).toBe(true);
    expect(queue.take('cfn')).toBe(0);
  });

  it.each([
    [['synth', 'a.yaml'], { blueprints: 1, engines: ['cfn', 'tf'] }],
    [['synth', 'a.yaml', 'b.yaml', '--target', 'cfn', '--out', 'x.yaml'], { blueprints: 2, engines: ['cfn'] }],
    [['--quiet', 'synth', '--target=tf', 'a.yaml', '--watch', 'b.yaml', '--out=o'], { blueprints: 2, engines: ['tf'] }],
    [['synth', '--validate', 'a.yaml', '--target', 'both'], { blueprints: 1, engines: ['cfn', 'tf'] }],
    [['synth', 'a.yaml', '--help'], undefined],
    [['synth', '--target', 'cfn'], undefined],
    [['synth', 'a.yaml', '--target', 'hcl'], undefined],
    [['validate', 'a.yaml'], undefined],
    [['diff', 'synth', 'a.yaml'], undefined],
  ])('reads %j before yargs as %j, to start the workers early', (args, expected) => {
    expect(synthShape(args)).toEqual(expected);
  });

  it.each([
    ['a spec error', new SpecError([{ file: 'a.yaml', line: 3, column: 1, field: 'level', message: 'is wrong', fix: 'fix it' }]), SpecError],
    ['an AWS limit', new AwsLimitError('too many resources', 'use fewer'), AwsLimitError],
    ['a CLI error', new CliError('validation found 1 error(s)', 3), CliError],
    ['an internal error', new TypeError('x is undefined'), Error],
  ])('brings %s from a worker as the class the CLI reports it by', (_name, error, kind) => {
    const revived = reviveError(structuredClone(serializeError(error)));
    expect(revived).toBeInstanceOf(kind);
    expect(revived.message).toBe(error.message);
    expect(revived).toMatchObject({ ...(error instanceof AwsLimitError ? { fix: error.fix } : {}), ...(error instanceof CliError ? { exitCode: error.exitCode } : {}) });
    if (kind === Error) expect(revived.stack).toBe(error.stack);
  });
});

describe('synth on the pool and on one thread', () => {
  const work = mkdtempSync(join(tmpdir(), 'tierup-pool-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes the same bytes and prints the same lines for every example', () => {
    // Three workers: two threads share each engine's jobs.
    const runs = ['3', '0'].map((workers) => {
      const out = join(work, `examples-${workers}`);
      const run = synth(EXAMPLES, out, workers);
      expect(run).toMatchObject({ status: 0, stderr: '' });
      return { stdout: run.stdout, files: filesUnder(out) };
    });
    expect(runs[0].stdout).toMatch(/^tf .*shop-7-multi-region/m);
    expect(Object.keys(runs[0].files).length).toBeGreaterThan(EXAMPLES.length * 4);
    expect(runs[0]).toEqual(runs[1]);
  }, 180_000);

  it('reports the first failure in blueprint order, exits as a single thread does and writes nothing', () => {
    // Two blueprints CloudFormation refuses (over 500 resources): the first named is the smaller, so the
    // pool, which starts the costliest job first, meets the second one's failure first.
    const blueprints = join(work, 'blueprints');
    mkdirSync(blueprints, { recursive: true });
    const shop5 = readFileSync(join(ROOT, 'blueprints/shop-5-sharded.yaml'), 'utf8');
    const tooLarge = (name: string, shards: number) => {
      const file = join(blueprints, `${name}.yaml`);
      writeFileSync(file, shop5.replace('name: shop', `name: ${name}`).replace('count: 4,', `count: ${shards},`));
      return file;
    };
    const specs = ['blueprints/shop-1-single-server.yaml', tooLarge('first', 40), 'blueprints/shop-4-fleet.yaml', tooLarge('second', 60)];
    // One worker, so that the CloudFormation jobs are taken in cost order by one thread.
    const runs = ['1', '0'].map((workers) => {
      const out = join(work, `failing-${workers}`);
      mkdirSync(join(out, 'shop-1-single-server', 'cdk.out'), { recursive: true });
      writeFileSync(join(out, 'shop-1-single-server', 'cdk.out', 'manifest.json'), 'previous');
      const run = synth(specs, out, workers);
      return { ...run, files: filesUnder(out), folders: readdirSync(out) };
    });
    expect(runs[1].status).toBe(1);
    expect(runs[1].stderr).toMatch(/^tierup: CloudFormation stack first-production-us-east-1 would declare \d+ resources/);
    expect(runs[1].files).toEqual({ 'shop-1-single-server/cdk.out/manifest.json': 'previous' });
    expect(runs[1].folders).toEqual(['shop-1-single-server']);
    expect(runs[0]).toEqual(runs[1]);
  }, 180_000);

  it('reports a bad blueprint among good ones as a single thread does', () => {
    const bad = join(work, 'bad.yaml');
    writeFileSync(bad, 'name: shop\nlevel: 1\nenvironment: stage\n');
    const runs = ['1', '0'].map((workers) => {
      const out = join(work, `bad-${workers}`);
      const run = synth(['blueprints/shop-4-fleet.yaml', bad, 'blueprints/shop-2-separate-db.yaml'], out, workers);
      return { ...run, written: existsSync(out) };
    });
    expect(runs[1]).toMatchObject({ status: 1, written: false });
    expect(runs[1].stderr).toMatch(/bad\.yaml:3:14: error `environment`/);
    expect(runs[0]).toEqual(runs[1]);
  }, 60_000);
});
