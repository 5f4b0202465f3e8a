import { createPlan, DEFAULT_ENGINE_VERSIONS, type DatabasePlan } from '../../lib/plan';
import { parseBlueprint } from '../../lib/spec';
import { cacheVersionInStandardSupport } from '../../lib/spec/data/cache-engine-versions';
import { versionLifecycle } from '../../lib/spec/engine-lifecycle';

// Defaults that cannot rot: a database's default version is a major (RDS creates its current minor and upgrades
// it), the same for the app's primary, its shards and every service's database.

const planOf = (database: string, service = '{ engine: postgres }') => createPlan(parseBlueprint([
  'name: shop',
  'level: microservices',
  `database: { ${database}, shards: { count: 2, strategy: hash, key: user_id } }`,
  'services:',
  `  - { name: orders, pathPattern: "/orders/*", database: ${service} }`,
  '',
].join('\n'), 'shop.yaml').spec);

const versions = (database: DatabasePlan) => ({ engineVersion: database.engineVersion, engineMajorVersion: database.engineMajorVersion });

describe('database engine versions in the plan', () => {
  it.each([
    ['postgres', { engineVersion: '17', engineMajorVersion: '17' }],
    ['mysql', { engineVersion: '8.4', engineMajorVersion: '8.4' }],
  ] as const)('default to the major alone for %s: primary, shards and services', (engine, expected) => {
    const plan = planOf(`engine: ${engine}`, `{ engine: ${engine} }`);
    const databases = [plan.database!, ...plan.shards!.shards.map((shard) => shard.database), plan.services[0].database!];
    expect(databases.map(versions)).toEqual(Array(databases.length).fill(expected));
  });

  it('keep a written minor as written, with its major beside it', () => {
    const plan = planOf('engine: mysql, engineVersion: "8.4.7"', '{ engine: postgres, engineVersion: "16.11" }');
    expect([plan.database!, plan.shards!.shards[0].database, plan.services[0].database!].map(versions)).toEqual([
      { engineVersion: '8.4.7', engineMajorVersion: '8.4' },
      { engineVersion: '8.4.7', engineMajorVersion: '8.4' },
      { engineVersion: '16.11', engineMajorVersion: '16' },
    ]);
  });

  it.each(['postgres', 'mysql'] as const)('default %s to a major RDS creates, in standard support on 2026-12-06', (engine) => {
    expect(versionLifecycle(engine, DEFAULT_ENGINE_VERSIONS[engine], '2026-12-06')).toMatchObject({ retired: null, extendedSupport: null });
    expect(DEFAULT_ENGINE_VERSIONS[engine]).toBe(versionLifecycle(engine, DEFAULT_ENGINE_VERSIONS[engine], '2026-12-06')!.major.major);
  });

  it.each(['redis', 'valkey'] as const)('pin %s to a version ElastiCache keeps in standard support on 2026-12-06', (engine) => {
    expect(cacheVersionInStandardSupport(engine, DEFAULT_ENGINE_VERSIONS[engine], '2026-12-06')).toBe(true);
  });
});
