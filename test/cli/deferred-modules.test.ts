import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHILD_TMPDIR, CLI, filesUnder } from './run-cli';

// cdktf's dependencies that tierup's synthesis never calls (archiver, semver) load on first use
// (lib/render/tf/deferred-cdktf-modules.ts); TIERUP_DEFER_MODULES=0 loads them as cdktf requires them.

const ROOT = join(__dirname, '../..');
const TF_INDEX = join(ROOT, 'dist/lib/render/tf/index.js');
const EXAMPLES = readdirSync(join(ROOT, 'blueprints')).filter((file) => file.endsWith('.yaml')).map((file) => `blueprints/${file}`);

const work = mkdtempSync(join(tmpdir(), 'tierup-deferred-modules-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs node with `args` in the repository; returns stdout (the exit status must be 0). */
function node(args: readonly string[], env: NodeJS.ProcessEnv = {}): string {
  const run = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', env: { ...process.env, CI: 'true', TMPDIR: CHILD_TMPDIR, ...env } });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return run.stdout;
}

/** A script that loads the Terraform renderer, then prints what it deferred and which of cdktf's dependencies are loaded. */
const REPORT = `
const { DEFERRED_CDKTF_MODULES, deferCdktfModules } = require(${JSON.stringify(join(ROOT, 'dist/lib/render/tf/deferred-cdktf-modules.js'))});
require(${JSON.stringify(TF_INDEX)});
const loaded = (name) => Object.keys(require.cache).some((file) => file.includes('/cdktf/node_modules/' + name + '/') && require.cache[file].loaded && !file.endsWith('/' + name + '/index.js'));
const report = { deferred: DEFERRED_CDKTF_MODULES.map((file) => file.split('/node_modules/').at(-1)), archiverLoaded: loaded('archiver'), semverLoaded: loaded('semver') };
if (process.argv[1] === 'use') {
  const cdktf = require('node:path').dirname(require.resolve('cdktf/package.json'));
  const semver = require(require.resolve('semver', { paths: [cdktf + '/lib/validations'] }));
  const archiver = require(require.resolve('archiver', { paths: [cdktf + '/lib/private'] }));
  report.satisfies = semver.satisfies('1.5.7', '>=1.2.0') && !semver.satisfies('1.1.0', '>=1.2.0');
  report.archive = typeof archiver('zip', { zlib: { level: 9 } }).finalize;
  report.afterUse = { archiverLoaded: loaded('archiver'), semverLoaded: loaded('semver') };
}
report.otherRelease = deferCdktfModules({}, '0.20.0');
console.log(JSON.stringify(report));
`;

describe('cdktf modules loaded on first use', () => {
  it('writes the same Terraform (JSON and HCL) for every example with TIERUP_DEFER_MODULES on and off', () => {
    for (const hcl of [[], ['--hcl']]) {
      const outputs = ['1', '0'].map((setting) => {
        const out = join(work, `${setting}${hcl.join('')}`);
        const stdout = node([CLI, 'synth', ...EXAMPLES, '--target', 'tf', ...hcl, '--out', out], { TIERUP_DEFER_MODULES: setting });
        return { files: filesUnder(out), stdout: stdout.split(out).join('OUT') };
      });
      expect(Object.keys(outputs[0].files).length).toBeGreaterThan(EXAMPLES.length);
      expect(outputs[0]).toEqual(outputs[1]);
    }
  });

  it('defers archiver and semver, and each loads the real module when first used', () => {
    const report = JSON.parse(node(['-e', REPORT, 'use']));
    expect(report).toEqual({
      deferred: ['archiver/index.js', 'semver/index.js'],
      archiverLoaded: false,
      semverLoaded: false,
      satisfies: true,
      archive: 'function',
      afterUse: { archiverLoaded: true, semverLoaded: true },
      otherRelease: [],
    });
  });

  it('defers nothing with TIERUP_DEFER_MODULES=0', () => {
    const report = JSON.parse(node(['-e', REPORT], { TIERUP_DEFER_MODULES: '0' }));
    expect(report).toEqual({ deferred: [], archiverLoaded: true, semverLoaded: true, otherRelease: [] });
  });
});
