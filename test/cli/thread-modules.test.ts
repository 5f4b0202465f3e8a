import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHILD_TMPDIR, CLI } from './run-cli';

// Each thread of `tierup synth` loads only what it renders with (docs/performance.md, issue 24): the
// CloudFormation worker gets plans as data, so it never loads the blueprint's reader (zod, yaml, lib/spec's
// schemas, create-plan), yargs or the commands, nor cdktf; a Terraform thread never loads aws-cdk-lib.

const ROOT = join(__dirname, '../..');
const DIST = join(ROOT, 'dist');

/** Loaded by every thread before anything else: appends each module file the thread loads to `<dir>/<threadId>.txt`. */
const TRACE = `
const Module = require('node:module');
const { appendFileSync } = require('node:fs');
const { threadId } = require('node:worker_threads');
const file = require('node:path').join(process.env.TIERUP_TEST_TRACE_DIR, threadId + '.txt');
const load = Module.prototype.load;
Module.prototype.load = function (filename) {
  appendFileSync(file, filename + '\\n');
  return load.apply(this, arguments);
};
`;

/** What a renderer thread must not load: the blueprint's reader and the CLI's command line. */
const READER_AND_CLI = [
  /\/node_modules\/zod\//, /\/node_modules\/yaml\//, /\/node_modules\/yargs\//,
  /\/dist\/lib\/spec\/[^/]*-schema\.js$/, /\/dist\/lib\/spec\/(index|load-blueprint)\.js$/, /\/dist\/lib\/spec\/rules\//,
  /\/dist\/lib\/plan\/(index|create-plan)\.js$/, /\/dist\/lib\/cli\/commands\//,
];
const CDK = [/\/node_modules\/aws-cdk-lib\//, /\/node_modules\/cdk-nag\//];
const CDKTF = [/\/node_modules\/cdktf\//, /\/node_modules\/@cdktf\//];
/** cdktf's dependencies that synthesis never calls, loaded on first use (lib/render/tf/deferred-cdktf-modules.ts). */
const CDKTF_UNUSED = [/\/node_modules\/cdktf\/node_modules\/(archiver|semver|lodash)\//];

const work = mkdtempSync(join(tmpdir(), 'tierup-thread-modules-'));
const preload = join(work, 'trace.js');
writeFileSync(preload, TRACE);
afterAll(() => rmSync(work, { recursive: true, force: true }));

let runs = 0;
/** Runs node with the trace preloaded (worker threads inherit it); returns the modules each thread loaded, by thread id. */
function traced(args: readonly string[], env: NodeJS.ProcessEnv = {}): Map<number, string[]> {
  const dir = join(work, `run-${(runs += 1)}`);
  mkdirSync(dir);
  const out = join(dir, 'out');
  const run = spawnSync(process.execPath, ['-r', preload, ...args.map((arg) => arg.replace('$OUT', out))], {
    cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true', TMPDIR: CHILD_TMPDIR, TIERUP_TEST_TRACE_DIR: dir, ...env },
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const threads = new Map<number, string[]>();
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.txt'))) {
    threads.set(Number(name.replace('.txt', '')), readFileSync(join(dir, name), 'utf8').trim().split('\n'));
  }
  return threads;
}

/** The modules among `loaded` that match any of `patterns`. */
const matching = (loaded: readonly string[], patterns: readonly RegExp[]) => loaded.filter((file) => patterns.some((pattern) => pattern.test(file)));

describe('what each thread of tierup synth loads', () => {
  it('the CloudFormation worker loads aws-cdk-lib, and neither the blueprint reader, the command line nor cdktf', () => {
    const threads = traced([CLI, 'synth', 'blueprints/shop-4-fleet.yaml', '--target', 'both', '--out', '$OUT', '--quiet'], { TIERUP_WORKERS: '1' });
    expect([...threads.keys()].sort()).toEqual([0, 1]);
    const worker = threads.get(1)!;
    expect(matching(worker, CDK).length).toBeGreaterThan(100);
    expect(matching(worker, [...READER_AND_CLI, ...CDKTF])).toEqual([]);

    // The main thread reads the blueprint and renders Terraform: cdktf, never aws-cdk-lib.
    const main = threads.get(0)!;
    expect(matching(main, [/\/node_modules\/zod\//, ...CDKTF]).length).toBeGreaterThan(50);
    expect(matching(main, [...CDK, ...CDKTF_UNUSED])).toEqual([]);
  });

  it('tierup --help loads neither the blueprint reader nor an engine', () => {
    const loaded = traced([CLI, '--help']).get(0)!;
    expect(matching(loaded, [/\/node_modules\/yargs\//]).length).toBeGreaterThan(0);
    expect(matching(loaded, [/\/node_modules\/zod\//, /\/node_modules\/yaml\//, /\/dist\/lib\/spec\/[^/]*-schema\.js$/, /\/dist\/lib\/plan\/(index|create-plan)\.js$/, ...CDK, ...CDKTF])).toEqual([]);
  });

  it.each([
    ['CloudFormation', 'lib/render/cfn/synthesize.js', CDK, CDKTF],
    ['CloudFormation', 'lib/render/cfn/index.js', CDK, CDKTF],
    ['Terraform', 'lib/render/tf/synthesize.js', CDKTF, CDK],
    ['Terraform', 'lib/render/tf/index.js', CDKTF, [...CDK, ...CDKTF_UNUSED]],
  ])('the %s renderer (%s) loads its engine and nothing of the blueprint reader or the other engine', (_engine, entry, own, other) => {
    expect(existsSync(join(DIST, entry))).toBe(true);
    const threads = traced(['-e', `require(${JSON.stringify(join(DIST, entry))})`]);
    const loaded = threads.get(0)!;
    expect(matching(loaded, own).length).toBeGreaterThan(20);
    expect(matching(loaded, [...READER_AND_CLI, ...other])).toEqual([]);
  });
});
