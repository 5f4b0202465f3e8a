import fc from 'fast-check';
import { createPlan, type ArchitecturePlan, type DatabasePlan } from '../../lib/plan';
import { LEVELS, parseBlueprint, starterBlueprint, type Level } from '../../lib/spec';

const planOf = (yaml: string) => createPlan(parseBlueprint(yaml, 'test.yaml').spec);
const starterPlan = (level: Level, environment: 'production' | 'development' = 'production') =>
  createPlan(parseBlueprint(starterBlueprint({ name: 'shop', level, environment }), 'starter.yaml').spec);

describe('what each level contains', () => {
  const parts = (plan: ArchitecturePlan) => ({
    server: plan.server !== null,
    dataVolume: plan.server?.dataVolume != null,
    fleet: plan.fleet !== null,
    loadBalancer: plan.loadBalancer !== null,
    cdn: plan.cdn !== null,
    database: plan.database !== null,
    replicas: (plan.database?.replicas.length ?? 0) > 0,
    shards: plan.shards !== null,
    cache: plan.cache !== null,
    queues: plan.queues.length > 0,
    services: plan.services.length > 0,
    regions: plan.regions.length,
    multiRegion: plan.multiRegion !== null,
  });

  it.each([
    [1, { server: true, dataVolume: true, fleet: false, loadBalancer: false, cdn: false, database: false, replicas: false, shards: false, cache: false, queues: false, services: false, regions: 1, multiRegion: false }],
    [2, { server: true, dataVolume: false, fleet: false, loadBalancer: false, cdn: false, database: true, replicas: false, shards: false, cache: false, queues: false, services: false, regions: 1, multiRegion: false }],
    [3, { server: true, dataVolume: false, fleet: false, loadBalancer: false, cdn: false, database: true, replicas: false, shards: false, cache: true, queues: false, services: false, regions: 1, multiRegion: false }],
    [4, { server: false, dataVolume: false, fleet: true, loadBalancer: true, cdn: true, database: true, replicas: true, shards: false, cache: true, queues: false, services: false, regions: 1, multiRegion: false }],
    [5, { server: false, dataVolume: false, fleet: true, loadBalancer: true, cdn: true, database: true, replicas: true, shards: true, cache: true, queues: true, services: false, regions: 1, multiRegion: false }],
    [6, { server: false, dataVolume: false, fleet: true, loadBalancer: true, cdn: true, database: true, replicas: true, shards: true, cache: true, queues: true, services: true, regions: 1, multiRegion: false }],
    [7, { server: false, dataVolume: false, fleet: true, loadBalancer: true, cdn: true, database: true, replicas: true, shards: true, cache: true, queues: true, services: true, regions: 2, multiRegion: true }],
  ] as const)('level %i', (level, expected) => {
    expect(parts(starterPlan(level))).toEqual(expected);
  });

  it('brings in a section with its defaults when the blueprint leaves it out', () => {
    const plan = planOf('name: shop\nlevel: cache\n');
    expect(plan.database).toMatchObject({ engine: 'postgres', engineVersion: '17', engineMajorVersion: '17', port: 5432, storageGb: 20 });
    expect(plan.cache).toMatchObject({ engine: 'redis', strategy: 'cache-aside', ttlSeconds: 300 });
  });

  it('turns the CDN off when asked, and then opens the load balancer to the world', () => {
    const plan = planOf('name: shop\nlevel: fleet\ncdn: { enabled: false }\n');
    expect(plan.cdn).toBeNull();
    expect(plan.loadBalancer?.cloudFrontOnly).toBe(false);
  });

  it('has no NAT gateway before level 4, where nothing runs in the private subnets (two from level 4 in production)', () => {
    expect(LEVELS.map((level) => starterPlan(level).network.natGateways)).toEqual([0, 0, 0, 2, 2, 2, 2]);
  });

  it('keeps the subnet layout of the VPC the same at every level', () => {
    const layouts = LEVELS.map((level) => starterPlan(level).network.subnetMasks);
    expect(new Set(layouts.map((l) => JSON.stringify(l))).size).toBe(1);
  });
});

describe('environment-dependent defaults', () => {
  it.each([
    ['production', { multiAz: true, backup: 7, protection: true, removal: 'snapshot', nat: 2, min: 2, cacheReplicas: 1, instanceClass: 'db.t4g.medium' }],
    ['staging', { multiAz: false, backup: 3, protection: false, removal: 'snapshot', nat: 1, min: 1, cacheReplicas: 0, instanceClass: 'db.t4g.small' }],
    ['development', { multiAz: false, backup: 1, protection: false, removal: 'destroy', nat: 1, min: 1, cacheReplicas: 0, instanceClass: 'db.t4g.micro' }],
  ] as const)('%s', (environment, expected) => {
    const plan = planOf(`name: shop\nlevel: fleet\nenvironment: ${environment}\n`);
    expect({
      multiAz: plan.database!.multiAz,
      backup: plan.database!.backupRetentionDays,
      protection: plan.retention.deletionProtection,
      removal: plan.retention.database,
      nat: plan.network.natGateways,
      min: plan.fleet!.min,
      cacheReplicas: plan.cache!.replicas,
      instanceClass: plan.database!.instanceClass,
    }).toEqual(expected);
  });

  it('lets the blueprint override every one of them', () => {
    const plan = planOf('name: shop\nlevel: fleet\nenvironment: development\ndatabase: { multiAz: true, backupRetentionDays: 14, instanceClass: db.r6g.large }\n');
    expect(plan.database).toMatchObject({ multiAz: true, backupRetentionDays: 14, instanceClass: 'db.r6g.large' });
  });

  it('fails over the cache exactly when it has a replica', () => {
    expect(planOf('name: s\nlevel: 3\ncache: { replicas: 0 }\n').cache).toMatchObject({ automaticFailover: false, multiAz: false });
    expect(planOf('name: s\nlevel: 3\ncache: { replicas: 2 }\n').cache).toMatchObject({ automaticFailover: true, multiAz: true });
  });
});

describe('stable ids', () => {
  it('names the app database, replicas, shards and proxy from fixed literals and counts', () => {
    const plan = planOf('name: shop\nlevel: 5\ndatabase: { readReplicas: 2, proxy: true, shards: { count: 3 } }\n');
    expect(plan.database).toMatchObject({ id: 'Database', tfName: 'database', identifier: 'shop-prod-db' });
    expect(plan.database!.replicas.map((r) => [r.id, r.tfName, r.identifier])).toEqual([
      ['DatabaseReplica1', 'database_replica_1', 'shop-prod-db-replica-1'],
      ['DatabaseReplica2', 'database_replica_2', 'shop-prod-db-replica-2'],
    ]);
    expect(plan.shards!.shards.map((s) => [s.index, s.database.id, s.database.tfName, s.database.proxy?.tfName])).toEqual([
      [1, 'Shard1', 'shard_1', 'shard_1_proxy'],
      [2, 'Shard2', 'shard_2', 'shard_2_proxy'],
    ]);
  });

  it('names queues and services from their names, so reordering the lists changes nothing', () => {
    const services = ['  - { name: orders, pathPattern: "/orders/*", publishes: [paid] }', '  - { name: billing, pathPattern: "/billing/*", subscribes: [paid] }'];
    const queues = ['  - { name: emails }', '  - { name: reports, fifo: true }'];
    const yaml = (s: string[], q: string[]) => `name: shop\nlevel: 6\nqueues:\n${q.join('\n')}\nservices:\n${s.join('\n')}\n`;
    expect(planOf(yaml(services, queues))).toEqual(planOf(yaml(services.toReversed(), queues.toReversed())));
    const plan = planOf(yaml(services, queues));
    expect(plan.queues.map((q) => [q.id, q.tfName, q.queueName])).toEqual([
      ['QueueEmails', 'queue_emails', 'shop-prod-emails'],
      ['QueueReports', 'queue_reports', 'shop-prod-reports.fifo'],
    ]);
    expect(plan.services.map((s) => s.id)).toEqual(['ServiceBilling', 'ServiceOrders']);
    expect(plan.services[0].queues.map((q) => [q.tfName, q.subscribesTo])).toEqual([['service_billing_queue_on_paid', 'paid']]);
  });

  it('keeps the stack name when the level changes', () => {
    expect(new Set(LEVELS.map((level) => starterPlan(level).regions[0].stackName))).toEqual(new Set(['shop-production-us-east-1']));
  });
});

// ---- properties over generated blueprints ----

const serviceNames = fc.uniqueArray(fc.constantFrom('orders', 'billing', 'search', 'users', 'cart', 'auth', 'feed'), { maxLength: 5 });
const queueNames = fc.uniqueArray(fc.constantFrom('emails', 'reports', 'thumbs', 'exports', 'webhooks'), { maxLength: 4 });

const blueprintArbitrary = fc.record({
  level: fc.constantFrom<Level>(...LEVELS),
  environment: fc.constantFrom('production', 'staging', 'development'),
  min: fc.integer({ min: 0, max: 20 }),
  extra: fc.integer({ min: 0, max: 20 }),
  replicas: fc.integer({ min: 0, max: 15 }),
  shards: fc.integer({ min: 2, max: 16 }),
  services: serviceNames,
  queues: queueNames,
}).map((g) => {
  const lines = [`name: prop-test-app`, `level: ${g.level}`, `environment: ${g.environment}`];
  if (g.level === 7) lines.push('regions: [us-east-1, eu-west-1, ap-southeast-1]', 'multiRegion: { domainName: a.example.com, hostedZoneName: example.com }');
  if (g.level >= 4) lines.push(`app: { scaling: { min: ${g.min}, max: ${g.min + g.extra + 1} } }`);
  if (g.level >= 2) {
    const db = [`engine: postgres`, ...(g.level >= 4 ? [`readReplicas: ${g.replicas}`, 'proxy: true'] : []), ...(g.level >= 5 ? [`shards: { count: ${g.shards} }`] : [])];
    lines.push(`database: { ${db.join(', ')} }`);
  }
  if (g.level >= 5 && g.queues.length) lines.push('queues:', ...g.queues.map((q) => `  - { name: ${q}, worker: {} }`));
  if (g.level >= 6 && g.services.length) {
    lines.push('services:', ...g.services.map((s) => `  - { name: ${s}, pathPattern: "/${s}/*", database: {}, queues: [{ name: ${s}-jobs }] }`));
  }
  return lines.join('\n') + '\n';
});

function allDatabases(plan: ArchitecturePlan): DatabasePlan[] {
  return [plan.database, ...(plan.shards?.shards.map((s) => s.database) ?? []), ...plan.services.map((s) => s.database)]
    .filter((d): d is DatabasePlan => d !== null);
}

function allIds(plan: ArchitecturePlan): string[] {
  const dbs = allDatabases(plan);
  return [
    ...dbs.flatMap((d) => [d.tfName, ...d.replicas.map((r) => r.tfName), ...d.regionalReplicas.map((r) => r.tfName), ...(d.proxy ? [d.proxy.tfName] : [])]),
    ...plan.queues.map((q) => q.tfName),
    ...plan.services.flatMap((s) => [s.tfName, s.fleet.tfName, ...s.queues.map((q) => q.tfName)]),
    ...plan.events.map((e) => e.tfName),
  ];
}

describe('plan properties over generated blueprints', () => {
  it('every fleet has 0 ≤ min ≤ desired ≤ max', () => {
    fc.assert(fc.property(blueprintArbitrary, (yaml) => {
      const plan = planOf(yaml);
      for (const fleet of [plan.fleet, ...plan.services.map((s) => s.fleet)]) {
        if (!fleet) continue;
        expect(fleet.min).toBeLessThanOrEqual(fleet.desired);
        expect(fleet.desired).toBeLessThanOrEqual(fleet.max);
      }
    }), { numRuns: 150 });
  });

  it('every replica belongs to a primary, and there are at most 15 per primary', () => {
    fc.assert(fc.property(blueprintArbitrary, (yaml) => {
      for (const db of allDatabases(planOf(yaml))) {
        expect(db.replicas.length).toBeLessThanOrEqual(15);
        for (const replica of [...db.replicas, ...db.regionalReplicas]) expect(replica.identifier.startsWith(`${db.identifier}-`)).toBe(true);
      }
    }), { numRuns: 150 });
  });

  it('Terraform names are unique, and physical names fit AWS limits', () => {
    fc.assert(fc.property(blueprintArbitrary, (yaml) => {
      const plan = planOf(yaml);
      const ids = allIds(plan);
      expect(new Set(ids).size).toBe(ids.length);
      for (const db of allDatabases(plan)) for (const id of [db.identifier, ...db.replicas.map((r) => r.identifier)]) expect(id.length).toBeLessThanOrEqual(63);
      for (const cache of [plan.cache, ...plan.services.map((s) => s.cache)]) if (cache) expect(cache.replicationGroupId.length).toBeLessThanOrEqual(40);
      for (const queue of [...plan.queues, ...plan.services.flatMap((s) => s.queues)]) expect(queue.deadLetterQueueName.length).toBeLessThanOrEqual(80);
    }), { numRuns: 150 });
  });

  it('is deterministic: the same blueprint gives the same plan', () => {
    fc.assert(fc.property(blueprintArbitrary, (yaml) => {
      expect(JSON.stringify(planOf(yaml))).toBe(JSON.stringify(planOf(yaml)));
    }), { numRuns: 50 });
  });
});
