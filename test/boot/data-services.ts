import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './boot-harness';

/**
 * Debian's and Ubuntu's PostgreSQL server binaries, of whichever major the distribution ships (15 on
 * Debian 12, 16 on Ubuntu 24.04, 17 on Debian 13): `apt-get install postgresql`, which `npm test` does.
 */
const POSTGRES_BIN = postgresBinaries();

function postgresBinaries(): string {
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root) ? readdirSync(root).filter((name) => /^\d+$/.test(name)).map(Number).toSorted((a, b) => b - a) : [];
  return join(root, String(majors[0] ?? 15), 'bin');
}

/** A data store the test started, and how to stop it. */
export interface RunningStore {
  readonly port: number;
  stop(): void;
}

/** A PostgreSQL the test started: its socket directory, where its `postgres` superuser logs in without a password. */
export interface RunningPostgres extends RunningStore {
  readonly socketDir: string;
  /** Runs SQL as the superuser; throws with PostgreSQL's message when it fails. */
  sql(statement: string): string;
}

/**
 * Starts a real PostgreSQL on a free port in a fresh data directory, as the `postgres` user when run as
 * root (PostgreSQL refuses to run as root). TCP logins need a password (scram-sha-256, as on RDS and the level-1
 * server) when `passwords` is set; otherwise every login is trusted. Throws, failing the test, when the binaries are missing.
 */
export async function startPostgres(options: { readonly passwords?: boolean } = {}): Promise<RunningPostgres> {
  for (const binary of ['initdb', 'pg_ctl']) {
    if (!existsSync(join(POSTGRES_BIN, binary))) throw new Error(`${POSTGRES_BIN}/${binary} is missing: apt-get install -y postgresql (npm test installs it: scripts/test-prerequisites.sh)`);
  }
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'tierup-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const id = spawnSync('id', ['-u', 'postgres'], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', 'postgres'], { encoding: 'utf8' });
    if (id.status !== 0) throw new Error('no postgres user to run PostgreSQL as: apt-get install -y postgresql (npm test installs it: scripts/test-prerequisites.sh)');
    chownSync(dir, Number(id.stdout.trim()), Number(gid.stdout.trim()));
  }
  const run = (args: string[]) => {
    const [command, ...rest] = asRoot ? ['runuser', '-u', 'postgres', '--', ...args] : args;
    const done = spawnSync(command, rest, { encoding: 'utf8', timeout: 60_000 });
    if (done.status !== 0) throw new Error(`${args.join(' ')} failed: ${done.stderr}${done.stdout}`);
  };
  const data = join(dir, 'data');
  run([join(POSTGRES_BIN, 'initdb'), '-D', data, '--auth-local=trust', `--auth-host=${options.passwords ? 'scram-sha-256' : 'trust'}`, '-U', 'postgres', '--no-sync']);
  run([join(POSTGRES_BIN, 'pg_ctl'), '-D', data, '-l', join(dir, 'log'), '-w', '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  return {
    port,
    socketDir: dir,
    sql: (statement) => {
      const done = spawnSync('psql', ['-h', dir, '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-v', 'ON_ERROR_STOP=1', '-qtAc', statement], { encoding: 'utf8', timeout: 30_000 });
      if (done.status !== 0) throw new Error(`psql failed: ${done.stderr}`);
      return done.stdout;
    },
    stop: () => {
      try { run([join(POSTGRES_BIN, 'pg_ctl'), '-D', data, '-m', 'immediate', '-w', 'stop']); } finally { rmSync(dir, { recursive: true, force: true }); }
    },
  };
}

/** Starts a real Redis (Debian's redis-server) on a free port, without persistence. Throws when it is missing. */
export async function startRedis(): Promise<RunningStore> {
  if (spawnSync('redis-server', ['--version']).status !== 0) throw new Error('redis-server is missing: apt-get install -y redis-server (npm test installs it: scripts/test-prerequisites.sh)');
  const port = await freePort();
  const child: ChildProcess = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await waitForPort(port);
  return { port, stop: () => { child.kill('SIGTERM'); } };
}

async function waitForPort(port: number): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => { socket.end(); resolve(true); });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listens on port ${port}`);
}
