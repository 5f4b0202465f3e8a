import { join } from 'node:path';
import { awaitedStores, createPlan } from '../../lib/plan';
import { loadBlueprint, parseBlueprint } from '../../lib/spec';

// What the plan decides so that both engines' output deploys the first time (issue 21).

const planOf = (yaml: string) => createPlan(parseBlueprint(yaml, 'test.yaml').spec);

describe('cache access control', () => {
  it.each(['redis', 'valkey'] as const)('%s: a Redis OSS-engine user group, its default user off without a password, the app user on IAM', (engine) => {
    expect(planOf(`name: shop\nlevel: 3\ncache: { engine: ${engine} }\n`).cache!.accessControl).toEqual({
      userGroupEngine: 'redis',
      userGroupId: 'shop-prod-cache',
      defaultUser: { userId: 'shop-prod-cache-default', userName: 'default', accessString: 'off -@all', authentication: 'no-password-required' },
      appUser: { userId: 'shop-prod-cache-app', userName: 'shop-prod-cache-app', accessString: 'on ~* +@all', authentication: 'iam' },
    });
  });

  it('names a service cache\'s group and users after its replication group', () => {
    const plan = planOf('name: shop\nlevel: 6\nservices: [{ name: search, pathPattern: "/search/*", cache: { engine: valkey } }]\n');
    expect(plan.services[0].cache!.accessControl).toMatchObject({ userGroupId: 'shop-prod-s-search', appUser: { userId: 'shop-prod-s-search-app' } });
  });
});

describe('replica keys (level 7)', () => {
  const seven = 'name: shop\nlevel: 7\nregions: [us-east-1, eu-west-1, ap-southeast-2]\nmultiRegion: { mode: active-active, domainName: shop.example.com, hostedZoneName: example.com }\n';

  it('gives each further region the key of its cross-region replicas: KMS\'s default policy, rotated', () => {
    expect(planOf(seven).regions.map((region) => region.replicaKey)).toEqual([
      null,
      {
        id: 'Key', tfName: 'regional_replicas_key_eu_west_1', region: 'eu-west-1', description: 'Encrypts the cross-region read replicas in eu-west-1',
        rotation: true, policy: { principal: 'account-root', actions: ['kms:*'] },
      },
      expect.objectContaining({ tfName: 'regional_replicas_key_ap_southeast_2', region: 'ap-southeast-2' }),
    ]);
  });

  it.each([1, 4, 6])('has none at level %i', (level) => {
    expect(planOf(`name: shop\nlevel: ${level}\n`).regions.map((region) => region.replicaKey)).toEqual([null]);
  });
});

describe('awaitedStores', () => {
  const plan = createPlan(loadBlueprint(join(__dirname, '..', '..', 'blueprints', 'shop-7-multi-region.yaml')).spec);
  const tier = (key: string, region: string) => plan.wiring.tiers.find((candidate) => candidate.ref.key === key && candidate.ref.region === region)!;

  it('names the stores of its own region whose addresses a tier is told, once each, in a stable order', () => {
    expect(awaitedStores(tier('service_orders_fleet', 'eu-west-1'))).toEqual([{ kind: 'regional-replica', key: 'service_orders_database_replica_eu_west_1', region: 'eu-west-1' }]);
    expect(awaitedStores(tier('fleet', 'us-east-1')).map((ref) => `${ref.kind}:${ref.key}`)).toEqual([
      'cache:cache', 'database:database', 'database:shard_1', 'database:shard_2', 'database:shard_3',
      'proxy:database_proxy', 'proxy:shard_1_proxy', 'proxy:shard_2_proxy', 'proxy:shard_3_proxy',
    ]);
    expect(awaitedStores(tier('fleet', 'eu-west-1')).map((ref) => ref.key)).toEqual(['cache', 'database_replica_eu_west_1', 'shard_1_replica_eu_west_1', 'shard_2_replica_eu_west_1', 'shard_3_replica_eu_west_1']);
  });
});
