import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ArchitecturePlan, BootTier } from '../../lib/plan';
import { cleanUpRuns, freePort, runBoot } from './boot-harness';
import { type RunningPostgres, startPostgres } from './data-services';
import { examplePlan, parametersFor } from './fixtures';
import { usePrivateTmpdir } from './private-tmpdir';
import { tfScripts } from './rendered-scripts';

usePrivateTmpdir();

// The settings contract of README "How the app finds its endpoints": an app that connects the way the README
// shows, with the keys it documents, logs in to a real PostgreSQL at level 1 (the server's own database) and at
// level 2 (RDS, here a PostgreSQL whose user and password the stand-in secret holds), and on a server climbed in
// place from 1 to 2. The boot scripts run as rendered (Terraform's; the engines' differ only in how they signal).

/** The README's sample of an app connecting to its database, run as written with app.env as its environment. */
const README_SAMPLE = (() => {
  const readme = readFileSync(join(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## How the app finds its endpoints'));
  const sample = /```bash\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  if (!sample.includes('TIERUP_DATABASE_PASSWORD')) throw new Error('README "How the app finds its endpoints" has no bash sample connecting with TIERUP_DATABASE_PASSWORD');
  return sample;
})();

/** app.env as the app's environment: `KEY=value` lines, taken literally (as Docker's --env-file and the probe read them). */
function appEnvironment(root: string): Record<string, string> {
  const lines = readFileSync(join(root, 'etc/tierup/app.env'), 'utf8').split('\n').filter((line) => line.includes('='));
  return Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]));
}

/** Runs the README's sample as the app would: only app.env in its environment (and a PATH). */
function appConnects(root: string): { status: number | null; stdout: string; stderr: string } {
  // stdin from /dev/null: bash reads ~/.bashrc when stdin is a socket, as if run by a remote shell.
  const done = spawnSync('bash', ['-c', README_SAMPLE], { encoding: 'utf8', timeout: 30_000, stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', ...appEnvironment(root) } });
  return { status: done.status, stdout: done.stdout.trim(), stderr: done.stderr };
}

const server: BootTier = { kind: 'server' };
const VOLUME_ID = 'vol-0123456789abcdef0';

/** An example's plan with the app on a free port (the probe the boot starts listens there). */
async function planOf(name: string): Promise<ArchitecturePlan> {
  const port = await freePort();
  return examplePlan(name, (spec) => { spec.app.port = port; });
}

function serverScript(plan: ArchitecturePlan): string {
  const found = tfScripts(plan).filter((script) => script.tier === 'server');
  if (found.length !== 1) throw new Error(`${found.length} server scripts`);
  return found[0].text;
}

let postgres: RunningPostgres;
const volumes: string[] = [];
beforeAll(async () => { postgres = await startPostgres({ passwords: true }); });
afterAll(() => {
  cleanUpRuns();
  postgres?.stop();
  for (const volume of volumes) rmSync(volume, { recursive: true, force: true });
});

/** Boots the level-1 server on a fresh volume; its data directory holds the pg_hba.conf the database init edits. */
async function bootLevel1(): Promise<{ root: string; volume: string; run: ReturnType<typeof runBoot> }> {
  const plan = await planOf('shop-1-single-server');
  const volume = mkdtempSync(join(tmpdir(), 'tierup-volume-'));
  volumes.push(volume);
  const run = runBoot(serverScript(plan), {
    parameters: parametersFor(plan, server, { database: 0, cache: 0 }),
    volume: { id: VOLUME_ID, dir: volume },
    postgres: { socketDir: postgres.socketDir, port: postgres.port },
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  writeFileSync(join(volume, 'data/pg_hba.conf'), '');
  return { root: run.root, volume, run };
}

/** A level-2 database as RDS would hold it: the plan's database, owned by a master user whose password only the secret knows. */
function level2Database(plan: ArchitecturePlan): { username: string; password: string } {
  const database = plan.database!;
  const password = `rds-${Math.random().toString(36).slice(2)}`;
  postgres.sql(`DROP DATABASE IF EXISTS ${database.databaseName}`);
  postgres.sql(`DROP ROLE IF EXISTS ${database.masterUsername}`);
  postgres.sql(`CREATE ROLE ${database.masterUsername} LOGIN PASSWORD '${password}'`);
  postgres.sql(`CREATE DATABASE ${database.databaseName} OWNER ${database.masterUsername}`);
  return { username: database.masterUsername, password };
}

/** The level-2 server's settings and its master secret, as the stack publishes them, with RDS at the test's PostgreSQL. */
function level2Boot(plan: ArchitecturePlan, credentials: { username: string; password: string }) {
  const parameters = parametersFor(plan, server, { database: postgres.port, cache: 0 });
  const secretArn = parameters[`${plan.parameterPrefix}/database/secret-arn`];
  return { parameters, secrets: { [secretArn]: JSON.stringify({ engine: 'postgres', host: '127.0.0.1', port: postgres.port, ...credentials }) } };
}

describe('the app following the README logs in to its database with the documented keys', () => {
  afterEach(() => cleanUpRuns());

  it('at level 1: the server\'s own PostgreSQL, its database and user created by the boot', async () => {
    const { root, volume, run } = await bootLevel1();
    // The boot's database init, run for real against the test's PostgreSQL (runuser stand-in).
    const init = run.exec('bash', [join(root, 'usr/local/sbin/tierup-database-init')]);
    expect(init.stderr).toBe('');
    expect(init.status).toBe(0);
    // On EC2 the engine listens on 5432; here the test's PostgreSQL listens elsewhere, so the server's own settings say where.
    const localEnv = join(root, 'etc/tierup/local.env');
    writeFileSync(localEnv, readFileSync(localEnv, 'utf8').replace(/^TIERUP_DATABASE_PORT=5432$/m, `TIERUP_DATABASE_PORT=${postgres.port}`));
    expect(run.exec(join(root, 'usr/local/sbin/tierup-settings'), ['--refresh']).status).toBe(0);

    const env = appEnvironment(root);
    expect(env).toMatchObject({
      TIERUP_DATABASE_ENDPOINT: '127.0.0.1', TIERUP_DATABASE_NAME: 'app', TIERUP_DATABASE_USERNAME: 'app',
      TIERUP_DATABASE_PASSWORD: readFileSync(join(volume, 'tierup-app-password'), 'utf8').trim(),
    });
    expect(appConnects(root)).toEqual({ status: 0, stdout: 'app|app', stderr: '' });
  });

  it('at level 2: RDS, its database named by the plan, the user and password read from the master secret', async () => {
    const plan = await planOf('shop-2-separate-db');
    const credentials = level2Database(plan);
    const run = runBoot(serverScript(plan), level2Boot(plan, credentials));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(appEnvironment(run.root)).toMatchObject({
      TIERUP_DATABASE_ENDPOINT: '127.0.0.1', TIERUP_DATABASE_PORT: String(postgres.port), TIERUP_DATABASE_NAME: 'shopdb',
      TIERUP_DATABASE_USERNAME: credentials.username, TIERUP_DATABASE_PASSWORD: credentials.password,
    });
    expect(appConnects(run.root)).toEqual({ status: 0, stdout: `${credentials.username}|shopdb`, stderr: '' });

    // A rotation reaches the app at the next refresh, which restarts it.
    const rotated = `rotated-${Math.random().toString(36).slice(2)}`;
    postgres.sql(`ALTER ROLE ${credentials.username} PASSWORD '${rotated}'`);
    writeFileSync(join(run.state, 'secrets.tsv'), Object.entries(level2Boot(plan, { ...credentials, password: rotated }).secrets).map(([name, value]) => `${name}\t${value}\n`).join(''));
    expect(run.exec(join(run.root, 'usr/local/sbin/tierup-settings'), ['--refresh']).status).toBe(0);
    expect(appEnvironment(run.root).TIERUP_DATABASE_PASSWORD).toBe(rotated);
    expect(run.log('systemctl')).toContain('try-restart tierup-app.service');
    expect(appConnects(run.root)).toEqual({ status: 0, stdout: `${credentials.username}|shopdb`, stderr: '' });
  });

  it('on a server climbed in place from level 1 to 2: the level-1 local.env no longer feeds its user and password', async () => {
    const level1 = await bootLevel1();
    level1.run.stop();
    const { root } = level1;
    const local = readFileSync(join(root, 'etc/tierup/local.env'), 'utf8');
    expect(local).toContain('TIERUP_DATABASE_USERNAME=app\n');
    const plan = await planOf('shop-2-separate-db');
    const credentials = level2Database(plan);
    const run = runBoot(serverScript(plan), { ...level2Boot(plan, credentials), root });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const env = appEnvironment(root);
    expect(env).toMatchObject({ TIERUP_DATABASE_NAME: 'shopdb', TIERUP_DATABASE_USERNAME: credentials.username, TIERUP_DATABASE_PASSWORD: credentials.password });
    expect(readFileSync(join(root, 'etc/tierup/app.env'), 'utf8')).not.toContain(/^TIERUP_DATABASE_PASSWORD=(.*)$/m.exec(local)![1]);
    expect(appConnects(root)).toEqual({ status: 0, stdout: `${credentials.username}|shopdb`, stderr: '' });
  });

  it('waits for the master secret as for a setting, and fails readiness when it never reads', async () => {
    const plan = await planOf('shop-2-separate-db');
    const { parameters } = level2Boot(plan, { username: 'tierup', password: 'unused' });
    const run = runBoot(serverScript(plan), { parameters, secrets: { [parameters[`${plan.parameterPrefix}/database/secret-arn`]]: '' }, settingsWaitSeconds: 1 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/still missing after 1 s under \/tierup\/shop\/production: the database credentials/);
    expect(run.log('systemctl')).not.toContain('tierup-app.service');
  });
});
