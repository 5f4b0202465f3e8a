import { mkdtempSync, readFileSync, readlinkSync, writeFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ArchitecturePlan, type BootTier, CFN_BOOTSTRAP_ATTEMPTS } from '../../lib/plan';
import type { BlueprintSpec } from '../../lib/spec';
import { cleanUpRuns, freePort, get, runBoot } from './boot-harness';
import { type RunningStore, startPostgres, startRedis } from './data-services';
import { examplePlan, parametersFor } from './fixtures';
import { cfnScripts, type RenderedScript, tfScripts } from './rendered-scripts';
import { usePrivateTmpdir } from './private-tmpdir';

usePrivateTmpdir();

// Each target's boot script, as rendered, run under bash with stand-ins for aws, systemctl, dnf, docker,
// cfn-signal and the block device, against a real PostgreSQL and a real Redis.

let postgres: RunningStore;
let redis: RunningStore;
beforeAll(async () => {
  [postgres, redis] = await Promise.all([startPostgres(), startRedis()]);
});
afterAll(() => {
  cleanUpRuns();
  postgres?.stop();
  redis?.stop();
});
afterEach(() => cleanUpRuns());

const ENGINES = { cfn: cfnScripts, tf: tfScripts } as const;

const rendered = new Map<string, RenderedScript[]>();

/** The one boot script of `tier` in the primary region, rendered once per plan and engine (synthesis is the slow part). */
function scriptOf(plan: ArchitecturePlan, engine: keyof typeof ENGINES, tier: string): RenderedScript {
  const key = `${engine} ${JSON.stringify(plan)}`;
  if (!rendered.has(key)) rendered.set(key, ENGINES[engine](plan));
  const found = (rendered.get(key) ?? []).filter((script) => script.tier === tier && script.source.startsWith(plan.regions[0].stackName));
  if (found.length !== 1) throw new Error(`${engine}: ${found.length} boot scripts for ${tier}`);
  return found[0];
}

const planned = new Map<string, Promise<{ plan: ArchitecturePlan; port: number }>>();

/** An example's plan with the app on a free port, the same one for every test of that example and change. */
function planOnFreePort(name: string, change: (spec: BlueprintSpec) => void = () => undefined): Promise<{ plan: ArchitecturePlan; port: number }> {
  const key = `${name} ${change.toString()}`;
  if (!planned.has(key)) {
    planned.set(key, freePort().then((port) => ({ plan: examplePlan(name, (spec) => { spec.app.port = port; change(spec); }), port })));
  }
  return planned.get(key) as Promise<{ plan: ArchitecturePlan; port: number }>;
}

interface Report {
  blueprint: string; level: number; region: string;
  dataStores: Record<string, { reachable: boolean; port: number }>;
  queues: Record<string, { reachable: boolean; attributes: Record<string, string> }>;
}

const fleet: BootTier = { kind: 'fleet', service: null };

describe.each(['cfn', 'tf'] as const)('%s boot script', (engine) => {
  it('level 4 fleet: waits for its settings, starts the probe, which is healthy and reaches PostgreSQL and Redis; then signals', async () => {
    const { plan, port } = await planOnFreePort('shop-4-fleet');
    const run = runBoot(scriptOf(plan, engine, 'fleet app').text, { parameters: parametersFor(plan, fleet, { database: postgres.port, cache: redis.port }) });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect((await get(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    const report = JSON.parse((await get(`http://127.0.0.1:${port}/`)).body) as Report;
    expect(report).toMatchObject({ blueprint: 'shop', level: 4, region: 'us-east-1' });
    expect(report.dataStores.database).toMatchObject({ reachable: true, port: postgres.port });
    expect(report.dataStores['database-replica-0']).toMatchObject({ reachable: true });
    expect(report.dataStores.cache).toMatchObject({ reachable: true, port: redis.port });
    expect(run.log('systemctl')).toContain('enable --now tierup-settings.timer');
    expect(run.log('cfn-signal')).toBe(engine === 'cfn' ? "cfn-signal --exit-code 0 --stack shop-test-stack --resource " + scriptOf(plan, engine, 'fleet app').text.match(/--resource '(\w+)'/)?.[1] + ' --region us-east-1\n' : '');
  });

});

// The engines' scripts differ only in how they signal (boot-scripts.test.ts checks it), so each variant runs in one.
describe('boot script variants', () => {
  it('reports a store it cannot reach as unreachable', async () => {
    const engine = 'tf' as const;
    const { plan, port } = await planOnFreePort('shop-4-fleet');
    const closed = await freePort();
    const run = runBoot(scriptOf(plan, engine, 'fleet app').text, { parameters: parametersFor(plan, fleet, { database: postgres.port, cache: closed }) });
    expect(run.status).toBe(0);
    const report = JSON.parse((await get(`http://127.0.0.1:${port}/`)).body) as Report;
    expect(report.dataStores.cache).toMatchObject({ reachable: false, port: closed });
    expect(report.dataStores.database).toMatchObject({ reachable: true });
  });

  describe('CloudFormation\'s cfn-signal, installed with aws-cfn-bootstrap', () => {
    const installs = (log: string) => log.split('\n').filter((line) => line === 'dnf install -y aws-cfn-bootstrap').length;

    it('signals failure at once when the install fails, installing it again for the signal', async () => {
      const { plan } = await planOnFreePort('shop-4-fleet');
      const run = runBoot(scriptOf(plan, 'cfn', 'fleet app').text, {
        parameters: parametersFor(plan, fleet, { database: postgres.port, cache: redis.port }), dnfFailures: { 'aws-cfn-bootstrap': CFN_BOOTSTRAP_ATTEMPTS },
      });
      expect(run.status).not.toBe(0);
      expect(run.log('cfn-signal')).toMatch(/^cfn-signal --exit-code 1 --stack shop-test-stack --resource \w+ --region us-east-1\n$/);
      expect(installs(run.log('dnf'))).toBe(CFN_BOOTSTRAP_ATTEMPTS + 1);
      // The boot stopped before anything else: no settings read, no app.
      expect(run.log('aws')).toBe('');
      expect(run.log('systemctl')).not.toContain('tierup-app.service');
    });

    it('retries an install that fails once, and the boot goes on', async () => {
      const { plan } = await planOnFreePort('shop-4-fleet');
      const run = runBoot(scriptOf(plan, 'cfn', 'fleet app').text, {
        parameters: parametersFor(plan, fleet, { database: postgres.port, cache: redis.port }), dnfFailures: { 'aws-cfn-bootstrap': 1 },
      });
      expect(run.status).toBe(0);
      expect(installs(run.log('dnf'))).toBe(2);
      expect(run.log('cfn-signal')).toMatch(/^cfn-signal --exit-code 0 /);
    });

    it('stops at once, saying why, when no attempt installs it (nothing can signal then)', async () => {
      const { plan } = await planOnFreePort('shop-4-fleet');
      const run = runBoot(scriptOf(plan, 'cfn', 'fleet app').text, {
        parameters: parametersFor(plan, fleet, { database: postgres.port, cache: redis.port }), dnfFailures: { 'aws-cfn-bootstrap': 2 * CFN_BOOTSTRAP_ATTEMPTS },
      });
      expect(run.status).not.toBe(0);
      expect(run.log('cfn-signal')).toBe('');
      expect(run.stderr).toContain('stand-in failure of aws-cfn-bootstrap');
      expect(run.log('aws')).toBe('');
    });
  });

  it('does not start the app before every setting exists (a replica and the cache come later)', async () => {
    const engine = 'cfn' as const;
    const { plan } = await planOnFreePort('shop-4-fleet');
    const all = parametersFor(plan, fleet, { database: postgres.port, cache: redis.port });
    const laterNames = Object.keys(all).filter((name) => /reader-endpoints|\/cache\//.test(name));
    expect(laterNames.length).toBeGreaterThan(1);
    const now = Object.fromEntries(Object.entries(all).filter(([name]) => !laterNames.includes(name)));
    const later = Object.fromEntries(laterNames.map((name) => [name, all[name]]));
    const run = runBoot(scriptOf(plan, engine, 'fleet app').text, { parameters: now, late: { afterReads: 3, parameters: later } });
    expect(run.status).toBe(0);
    expect(Number(readFileSync(join(run.state, 'ssm-calls'), 'utf8'))).toBeGreaterThan(3);
    const atStart = readFileSync(join(run.state, 'app-env-at-start'), 'utf8');
    expect(atStart).toContain(`TIERUP_CACHE_PORT=${redis.port}\n`);
    expect(atStart).toContain('TIERUP_DATABASE_READER_ENDPOINTS=127.0.0.1\n');
  });

  it('fails readiness, never starting the app, when a setting never appears', async () => {
    const engine = 'cfn' as const;
    const { plan } = await planOnFreePort('shop-4-fleet');
    const all = parametersFor(plan, fleet, { database: postgres.port, cache: redis.port });
    const missing = Object.fromEntries(Object.entries(all).filter(([name]) => !name.endsWith('/database/proxy-endpoint') && !name.endsWith('/cache/endpoint')));
    const run = runBoot(scriptOf(plan, engine, 'fleet app').text, { parameters: missing, settingsWaitSeconds: 1 });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/still missing after 1 s under \/tierup\/shop\/production: .*cache\/endpoint/);
    expect(run.log('systemctl')).not.toContain('tierup-app.service');
    expect(run.log('cfn-signal')).toMatch(/^cfn-signal --exit-code 1 --stack shop-test-stack --resource \w+ --region us-east-1\n$/);
  });

  it('level 5 workers without an image run the probe, which reads queue attributes and never a message', async () => {
    const engine = 'tf' as const;
    const { plan, port } = await planOnFreePort('shop-5-sharded');
    const tier: BootTier = { kind: 'worker', service: null, queue: 'emails' };
    const run = runBoot(scriptOf(plan, engine, 'workers emails').text, { parameters: parametersFor(plan, tier, { database: postgres.port, cache: redis.port }) });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse((await get(`http://127.0.0.1:${port}/`)).body) as Report;
    expect(report.queues.emails).toMatchObject({ reachable: true, attributes: { ApproximateNumberOfMessages: '3' } });
    expect(report.dataStores['shard-0-writer-0']).toMatchObject({ reachable: true });
    expect(run.log('aws')).toContain('aws sqs get-queue-attributes');
    expect(run.log('aws')).not.toMatch(/receive-message|delete-message/);
  });

  it('runs a private ECR image under systemd: logs in, pulls, passes app.env and serves the port', async () => {
    const engine = 'cfn' as const;
    const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/web:1.4.2';
    const { plan, port } = await planOnFreePort('shop-4-fleet', (spec) => { spec.app.image = image; });
    const run = runBoot(scriptOf(plan, engine, 'fleet app').text, { parameters: parametersFor(plan, fleet, { database: postgres.port, cache: redis.port }), containerPort: port });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.log('dnf')).toContain('dnf install -y docker');
    expect(readFileSync(join(run.state, 'docker-login-password'), 'utf8')).toBe('ecr-token\n');
    expect(run.log('docker')).toContain('docker login --username AWS --password-stdin 123456789012.dkr.ecr.us-east-1.amazonaws.com');
    expect(run.log('docker')).toContain(`docker pull ${image}`);
    expect(run.log('docker')).toContain(`docker run --rm --name tierup-app --network host --env-file ${run.root}/etc/tierup/app.env ${image}`);
    expect(run.log('systemctl')).toContain('enable --now docker.service');
    expect((await get(`http://127.0.0.1:${port}/health`)).status).toBe(200);
    expect(readFileSync(join(run.root, 'etc/systemd/system/tierup-app.service'), 'utf8')).toContain('Restart=always');
  });
});

/** Level 1 picks its engine with `database.engine`, the only database field it takes. */
const ENGINE_CHOICES = {
  postgres: (spec: BlueprintSpec) => { spec.database = { ...spec.database, engine: 'postgres' } as BlueprintSpec['database']; },
  mysql: (spec: BlueprintSpec) => { spec.database = { ...spec.database, engine: 'mysql' } as BlueprintSpec['database']; },
} as const;

describe.each([
  ['cfn', 'postgres'], ['tf', 'postgres'], ['tf', 'mysql'],
] as const)('%s level 1 server with %s', (engine, databaseEngine) => {
  const server: BootTier = { kind: 'server' };
  const volumeId = 'vol-0123456789abcdef0';
  const home = databaseEngine === 'postgres' ? 'var/lib/pgsql' : 'var/lib/mysql';
  const withEngine = ENGINE_CHOICES[databaseEngine];

  it('formats the blank data volume once, keeps the database on it, and a second boot on the same volume keeps the data', async () => {
    const { plan, port } = await planOnFreePort(`shop-1-single-server`, withEngine);
    const script = scriptOf(plan, engine, 'server').text;
    const volume = mkdtempSync(join(tmpdir(), 'tierup-volume-'));
    try {
      const parameters = parametersFor(plan, server, { database: 0, cache: 0 });
      const first = runBoot(script, { parameters, volume: { id: volumeId, dir: volume } });
      expect(first.stderr).toBe('');
      expect(first.status).toBe(0);
      expect(first.log('mkfs')).toMatch(/^mkfs\.xfs -L tierup-data .*nvme-Amazon_Elastic_Block_Store_vol0123456789abcdef0\n$/);
      expect(readlinkSync(join(first.root, home))).toContain('nvme-Amazon_Elastic_Block_Store_vol0123456789abcdef0');
      expect(readFileSync(join(first.root, 'etc/fstab'), 'utf8')).toBe(`UUID=0b9f4c2e-1d7a-4f53-9a6e-3c1b2d4e5f60 /${home} xfs defaults,nofail 0 2\n`);
      expect(first.log('dnf')).toContain(databaseEngine === 'postgres' ? 'postgresql16-server' : 'mariadb105-server');
      expect(first.log('initdb')).toBe(databaseEngine === 'postgres' ? 'postgresql-setup --initdb\n' : '');
      const env = readFileSync(join(first.root, 'etc/tierup/app.env'), 'utf8');
      expect(env).toContain('TIERUP_DATABASE_ENDPOINT=127.0.0.1\n');
      expect(env).toContain(`TIERUP_DATABASE_ENGINE=${databaseEngine}\n`);
      expect((await get(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      const password = readFileSync(join(volume, 'tierup-app-password'), 'utf8');
      first.stop();

      // The app's data, written while the first instance ran.
      writeFileSync(join(volume, 'orders.table'), 'order 1\n');
      const second = runBoot(script, { parameters, volume: { id: volumeId, dir: volume } });
      expect(second.stderr).toBe('');
      expect(second.status).toBe(0);
      expect(second.log('mkfs')).toBe('');
      expect(second.log('initdb')).toBe('');
      expect(readFileSync(join(volume, 'orders.table'), 'utf8')).toBe('order 1\n');
      expect(readFileSync(join(volume, 'tierup-app-password'), 'utf8')).toBe(password);
      expect(readFileSync(join(second.root, 'etc/tierup/app.env'), 'utf8')).toContain(`TIERUP_DATABASE_PASSWORD=${password.trim()}\n`);
    } finally {
      rmSync(volume, { recursive: true, force: true });
    }
  });

  it('never formats a volume that already holds a filesystem', async () => {
    const { plan } = await planOnFreePort('shop-1-single-server', withEngine);
    const volume = mkdtempSync(join(tmpdir(), 'tierup-volume-'));
    try {
      writeFileSync(join(volume, '.fs-type'), 'xfs\n');
      writeFileSync(join(volume, '.fs-uuid'), '7d0c8f6e-2b4a-4e8b-8f1e-5a6b7c8d9e0f\n');
      writeFileSync(join(volume, 'restored-from-snapshot'), 'yes\n');
      // As after the level-2 deploy: SSM names the RDS endpoint, which wins over the server's own 127.0.0.1.
      const parameters = { ...parametersFor(plan, server, { database: 0, cache: 0 }), [`${plan.parameterPrefix}/database/endpoint`]: 'shop-prod-db.example.rds.amazonaws.com' };
      const run = runBoot(scriptOf(plan, engine, 'server').text, { parameters, volume: { id: volumeId, dir: volume } });
      expect(run.status).toBe(0);
      expect(run.log('mkfs')).toBe('');
      expect(existsSync(join(volume, 'restored-from-snapshot'))).toBe(true);
      const env = readFileSync(join(run.root, 'etc/tierup/app.env'), 'utf8');
      expect(env).toContain('TIERUP_DATABASE_ENDPOINT=shop-prod-db.example.rds.amazonaws.com\n');
      expect(env).not.toContain('TIERUP_DATABASE_ENDPOINT=127.0.0.1');
      expect(env).toContain(`TIERUP_DATABASE_ENGINE=${databaseEngine}\n`);
    } finally {
      rmSync(volume, { recursive: true, force: true });
    }
  });
});
