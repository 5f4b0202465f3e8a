import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { colourEnabled } from '../../lib/cli/colour';
import { CHILD_TMPDIR, CLI, runCli } from './run-cli';

const ROOT = join(__dirname, '../..');
const ESC = '\x1b[';
const SGR = /\x1b\[\d+(;\d+)*m/;

/** Runs the CLI on a pseudo-terminal (util-linux `script`), as a person at a terminal would; CI unset. */
function runOnTerminal(args: readonly string[], env: Record<string, string> = {}): string {
  const command = [process.execPath, CLI, ...args].map((part) => `'${part}'`).join(' ');
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, TERM: 'xterm', TMPDIR: CHILD_TMPDIR };
  delete childEnv.CI;
  delete childEnv.NO_COLOR;
  delete childEnv.FORCE_COLOR;
  Object.assign(childEnv, env);
  const run = spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: childEnv });
  if (run.error) throw run.error;
  return run.stdout;
}

const work = mkdtempSync(join(tmpdir(), 'tierup-output-'));
const mysql = join(work, 'mysql.yaml');
writeFileSync(mysql, require('node:fs').readFileSync(join(ROOT, 'blueprints/shop-2-separate-db.yaml'), 'utf8').replace('engine: postgres', 'engine: mysql'));

describe('colour', () => {
  it.each([
    [{ isTTY: true }, {}, true],
    [{ isTTY: false }, {}, false],
    [{ isTTY: true }, { NO_COLOR: '1' }, false],
    [{ isTTY: true }, { CI: 'true' }, false],
    [{ isTTY: true }, { TERM: 'dumb' }, false],
    [{ isTTY: false }, { FORCE_COLOR: '1' }, true],
    [{ isTTY: true }, { FORCE_COLOR: '1', NO_COLOR: '1' }, false],
  ])('stream %j with env %j → %s', (stream, env, expected) => {
    expect(colourEnabled(stream, env)).toBe(expected);
  });

  it('colours UNSAFE on a terminal, and nothing in a pipe or with NO_COLOR', () => {
    expect(runOnTerminal(['diff', 'blueprints/shop-2-separate-db.yaml', mysql])).toContain(`${ESC}31mUNSAFE`);
    expect(runOnTerminal(['diff', 'blueprints/shop-2-separate-db.yaml', mysql, '--target', 'cfn'], { NO_COLOR: '1' })).not.toMatch(SGR);
    expect(runCli(['diff', 'blueprints/shop-2-separate-db.yaml', mysql, '--target', 'cfn']).stdout).not.toContain(ESC);
  }, 60_000);
});

describe('progress', () => {
  it('diff shows its phases on a terminal, on stderr only; nothing in a pipe', () => {
    const terminal = runOnTerminal(['diff', 'blueprints/shop-1-single-server.yaml', 'blueprints/shop-2-separate-db.yaml']);
    expect(terminal).toMatch(/\[1\/3\] rendering blueprints\/shop-1-single-server\.yaml[\s\S]*\[3\/3\] comparing/);
    const piped = runCli(['diff', 'blueprints/shop-1-single-server.yaml', 'blueprints/shop-2-separate-db.yaml']);
    expect(piped.stderr).not.toMatch(/\[1\/3\]/);
  }, 60_000);

  it('validate --deep names the blueprint it checks on a terminal', () => {
    expect(runOnTerminal(['validate', '--deep', 'blueprints/shop-1-single-server.yaml'])).toMatch(/\[1\/1\] deep checks of blueprints\/shop-1-single-server\.yaml/);
  }, 90_000);
});

describe('diff --allow-replace', () => {
  it('says what it allowed, not "UNSAFE … rerun with --allow-replace"', () => {
    const run = runCli(['diff', 'blueprints/shop-2-separate-db.yaml', mysql, '--allow-replace']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^ALLOWED: 2 stateful resource\(s\) will be replaced or destroyed, as --allow-replace permits:$/m);
    expect(run.stdout).not.toMatch(/UNSAFE|rerun with --allow-replace/);
  }, 60_000);
});

describe('validate --json', () => {
  it('prints the blueprints it checked', () => {
    const run = runCli(['validate', '--json', 'blueprints/shop-1-single-server.yaml']);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: true,
      blueprints: [{ file: 'blueprints/shop-1-single-server.yaml', name: 'shop', level: 1, levelName: 'single-server', environment: 'production', accountFindings: [] }],
      problems: [],
    });
  });

  it('prints the problems as JSON on stdout and exits 1', () => {
    const bad = join(work, 'bad.yaml');
    writeFileSync(bad, 'name: shop\nlevel: 1\nenvironment: stage\n');
    const run = runCli(['validate', '--json', bad]);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({
      ok: false, blueprints: [],
      problems: [{ file: bad, line: 3, column: 14, field: 'environment', message: expect.stringMatching(/"stage" is not an accepted value/), fix: 'did you mean "staging"?' }],
    });
  });
});
