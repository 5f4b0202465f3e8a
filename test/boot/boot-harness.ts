import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROBE_SOURCE } from '../../lib/plan';

/**
 * The stand-ins for what cannot run here: aws, systemctl, dnf, docker, the block device and filesystem tools, cfn-signal, certbot,
 * runuser, the CloudWatch agent's control script (nginx runs for real).
 */
const STAND_INS = join(__dirname, 'stand-ins');

/** What one boot run is given. */
export interface BootOptions {
  /** SSM parameters by full name. */
  readonly parameters: Readonly<Record<string, string>>;
  /** Parameters that appear only after this many reads of SSM (a replica or proxy created later). */
  readonly late?: { readonly afterReads: number; readonly parameters: Readonly<Record<string, string>> };
  /** The instance's filesystem root; a fresh one when omitted. */
  readonly root?: string;
  /** Level 1: the data volume, a directory standing in for the block device, its id and its size (20 GiB unless given). */
  readonly volume?: { readonly id: string; readonly dir: string; readonly sizeGb?: number };
  /** Port the container stand-in serves on (tiers that run an image). */
  readonly containerPort?: number;
  /** Bound of the settings wait, seconds. */
  readonly settingsWaitSeconds?: number;
  /**
   * Secrets Manager values by secret name or ARN. Every `…/secret-arn` parameter's secret holds
   * {@link STAND_IN_CREDENTIALS} unless given here.
   */
  readonly secrets?: Readonly<Record<string, string>>;
  /** A real PostgreSQL the `runuser -u postgres -- psql` stand-in reaches as its superuser (level 1's database init). */
  readonly postgres?: { readonly socketDir: string; readonly port: number };
  /** How many of certbot's first attempts fail. */
  readonly certbotFailures?: number;
  /** Packages whose install fails that many times before it succeeds. */
  readonly dnfFailures?: Readonly<Record<string, number>>;
  /** Where nginx listens instead of 443 and 80 (on 127.0.0.1). */
  readonly webPorts?: { readonly https: number; readonly http: number };
  /** Packages dnf cannot install (a repository outage). */
  readonly unavailablePackages?: readonly string[];
  /** The CloudWatch agent installs but fails to start. */
  readonly agentFails?: boolean;
}

/** What a boot run left: its exit status, output and the stand-ins' logs. */
export interface BootRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly root: string;
  readonly state: string;
  /**
   * A stand-in's log (aws, systemctl, dnf, docker, mkfs, xfs_growfs, mount, initdb, cfn-signal, certbot, pip, nginx,
   * amazon-cloudwatch-agent-ctl), '' when it was never called.
   */
  log(name: string): string;
  /** Runs a command on the booted "instance" (e.g. the settings refresh), with the boot's environment. */
  exec(command: string, args?: readonly string[]): { status: number | null; stdout: string; stderr: string };
  /** Stops whatever the run started in the background (the app). */
  stop(): void;
}

const runs: BootRun[] = [];

/** The master user and password of every database secret a run is not given (as the stacks' secrets hold them). */
export const STAND_IN_CREDENTIALS = { username: 'tierup', password: 'stand-in-master-password' } as const;

/** A secret for each `…/secret-arn` parameter, named by its value (the ARN), holding the master secret's JSON fields. */
function databaseSecrets(parameters: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(parameters).filter(([name]) => name.endsWith('/secret-arn'))
    .map(([, arn]) => [arn, JSON.stringify({ engine: 'postgres', host: '127.0.0.1', port: 5432, ...STAND_IN_CREDENTIALS })]));
}

/** Runs a rendered boot script under bash with the stand-ins first on PATH. */
export function runBoot(script: string, options: BootOptions): BootRun {
  const state = mkdtempSync(join(tmpdir(), 'tierup-boot-state-'));
  const root = options.root ?? mkdtempSync(join(tmpdir(), 'tierup-boot-root-'));
  writeFileSync(join(state, 'parameters.tsv'), tsv(options.parameters));
  if (options.late) {
    writeFileSync(join(state, 'late-parameters.tsv'), tsv(options.late.parameters));
    writeFileSync(join(state, 'late-after'), String(options.late.afterReads));
  }
  writeFileSync(join(state, 'container-app.py'), PROBE_SOURCE);
  if (options.volume) {
    const byId = join(root, 'dev/disk/by-id');
    mkdirSync(byId, { recursive: true });
    spawnSync('ln', ['-sfn', options.volume.dir, join(byId, `nvme-Amazon_Elastic_Block_Store_${options.volume.id.replace('-', '')}`)]);
    writeFileSync(join(options.volume.dir, '.device-bytes'), String((options.volume.sizeGb ?? 20) * 1024 ** 3));
  }
  writeFileSync(join(state, 'secrets.tsv'), tsv({ ...databaseSecrets({ ...options.parameters, ...options.late?.parameters }), ...options.secrets }));
  if (options.certbotFailures) writeFileSync(join(state, 'certbot-failures'), String(options.certbotFailures));
  if (options.unavailablePackages) writeFileSync(join(state, 'dnf-unavailable'), options.unavailablePackages.map((name) => `${name}\n`).join(''));
  if (options.agentFails) writeFileSync(join(state, 'agent-fails'), '');
  // cfn-signal comes with aws-cfn-bootstrap, which the dnf stand-in installs (or fails to, as many times as asked).
  writeFileSync(join(state, 'dnf-failures'), Object.entries(options.dnfFailures ?? {}).map(([name, count]) => `${name}\t${count}\n`).join(''));
  writeFileSync(join(state, 'boot.sh'), script);
  // nginx fronts every level 1-3 server: without given ports it listens on free ones, which the boot's readiness check uses too.
  const webPorts = options.webPorts ?? { https: freePortNow(), http: freePortNow() };
  const env = {
    ...process.env,
    PATH: `${STAND_INS}:${process.env.PATH ?? ''}`,
    TIERUP_ROOT: root,
    TIERUP_POLL_SECONDS: '0.2',
    TIERUP_SETTINGS_WAIT_SECONDS: String(options.settingsWaitSeconds ?? 20),
    TIERUP_CERTIFICATE_RETRY_SECONDS: '0',
    TIERUP_HTTPS_PORT: String(webPorts.https),
    TIERUP_HTTP_PORT: String(webPorts.http),
    STUB_HTTP_PORT: String(webPorts.http),
    STUB_STATE: state,
    STUB_STAND_INS: STAND_INS,
    STUB_CONTAINER_PORT: String(options.containerPort ?? 0),
    STUB_PGHOST: options.postgres?.socketDir ?? '',
    STUB_PGPORT: String(options.postgres?.port ?? 0),
  };
  const done = spawnSync('bash', [join(state, 'boot.sh')], { encoding: 'utf8', timeout: 60_000, env });
  const run: BootRun = {
    status: done.status,
    stdout: done.stdout,
    stderr: done.stderr,
    root,
    state,
    log: (name) => (existsSync(join(state, `${name}.log`)) ? readFileSync(join(state, `${name}.log`), 'utf8') : ''),
    exec: (command, args = []) => {
      const ran = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000, env });
      return { status: ran.status, stdout: ran.stdout, stderr: ran.stderr };
    },
    stop: () => {
      const pids = existsSync(join(state, 'pids')) ? readFileSync(join(state, 'pids'), 'utf8').split('\n').filter(Boolean) : [];
      for (const pid of pids) {
        try { process.kill(-Number(pid), 'SIGTERM'); } catch { continue; /* already gone */ }
        // Wait until it is gone, so that the next run may listen on the same port.
        for (let waited = 0; waited < 100 && alive(Number(pid)); waited++) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
      }
    },
  };
  runs.push(run);
  return run;
}

/** Stops every app the runs started and removes their directories. */
export function cleanUpRuns(): void {
  for (const run of runs.splice(0)) {
    run.stop();
    rmSync(run.state, { recursive: true, force: true });
    rmSync(run.root, { recursive: true, force: true });
  }
}

/** Whether the process still runs (a zombie nobody reaps does not count). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

function tsv(parameters: Readonly<Record<string, string>>): string {
  return Object.entries(parameters).map(([name, value]) => `${name}\t${value}\n`).join('');
}

/**
 * Ports the tests listen on are drawn below Linux's ephemeral range (32768-60999, net.ipv4.ip_local_port_range):
 * a port the kernel handed out as "free" for listening may be given to another process's outgoing connection (a
 * parallel test's database client) before nginx or the app binds it; a port outside that range is not.
 */
const TEST_PORTS = { from: 20000, to: 32000 } as const;

/** A script that prints a port in {@link TEST_PORTS} nothing listens on right now (it binds the port to check). */
const FIND_PORT = `const net = require('net');
function attempt(left) {
  const port = ${TEST_PORTS.from} + Math.floor(Math.random() * ${TEST_PORTS.to - TEST_PORTS.from});
  const server = net.createServer();
  server.once('error', () => { if (left > 0) attempt(left - 1); else process.exit(1); });
  server.listen(port, '127.0.0.1', () => server.close(() => console.log(port)));
}
attempt(50);`;

/** A TCP port nothing listens on right now, found synchronously (runBoot is synchronous). */
function freePortNow(): number {
  const found = spawnSync(process.execPath, ['-e', FIND_PORT], { encoding: 'utf8' });
  const port = Number(found.stdout.trim());
  if (!Number.isInteger(port) || port <= 0) throw new Error(`no free port: ${found.stderr}`);
  return port;
}

/** A TCP port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return freePortNow();
}

/** GETs a URL on this machine, returning status and body. */
export async function get(url: string): Promise<{ status: number; body: string }> {
  const response = await fetch(url);
  return { status: response.status, body: await response.text() };
}
