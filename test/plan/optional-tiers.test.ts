import { parse, stringify } from 'yaml';
import { createPlan } from '../../lib/plan';
import { parseBlueprint, starterBlueprint, type Level } from '../../lib/spec';

// Levels do only what a team wants (issue 22): `cache.enabled: false` keeps a level-3+ blueprint without the cache its
// level adds, and `app.dataVolumeGb` sizes level 1's data volume.

const planOf = (yaml: string) => createPlan(parseBlueprint(yaml, 'test.yaml').spec);

/** A starter blueprint of the level with `cache: { enabled: false }` in place of its cache section. */
function withoutCache(level: Level): string {
  const document = parse(starterBlueprint({ name: 'shop', level })) as Record<string, unknown>;
  return stringify({ ...document, cache: { enabled: false } });
}

describe('cache.enabled: false', () => {
  it.each([3, 4, 5, 6, 7] as const)('level %i plans no cache: nothing reaches one, nothing is told of one or may use one', (level) => {
    const plan = planOf(withoutCache(level));
    expect(plan.level).toBe(level);
    expect(plan.cache).toBeNull();
    const cacheRefs = (refs: readonly { kind: string; key: string }[]) => refs.filter((ref) => ref.kind.startsWith('cache') && ref.key === 'cache');
    expect(cacheRefs(plan.wiring.edges.flatMap((edge) => [edge.from, edge.to]))).toEqual([]);
    expect(plan.wiring.settings.filter((setting) => setting.name.includes('/cache/'))).toEqual([]);
    expect(cacheRefs(plan.wiring.tiers.flatMap((tier) => tier.permissions.map((permission) => permission.resource)))).toEqual([]);
    // The same blueprint with its cache has each of them, so the checks above can fail.
    const withCache = planOf(starterBlueprint({ name: 'shop', level }));
    expect(withCache.cache).not.toBeNull();
    expect(withCache.wiring.settings.some((setting) => setting.name.includes('/cache/'))).toBe(true);
    expect(withCache.wiring.edges.some((edge) => edge.to.kind === 'cache')).toBe(true);
  });

  it('leaves a service\'s own cache alone', () => {
    const document = parse(withoutCache(6)) as { services: Record<string, unknown>[] };
    document.services = [{ name: 'orders', pathPattern: '/orders/*', cache: { nodeType: 'cache.t4g.small' } }];
    const plan = planOf(stringify(document));
    expect(plan.cache).toBeNull();
    expect(plan.services.map((service) => service.cache?.replicationGroupId)).toEqual(['shop-prod-s-orders']);
  });

  it('is the default the other way round: true brings the level\'s cache', () => {
    expect(planOf('name: shop\nlevel: 3\ncache: { enabled: true }\n').cache).toMatchObject({ id: 'Cache', engine: 'redis' });
  });
});

describe('app.dataVolumeGb', () => {
  it.each([
    ['name: shop\nlevel: 1\n', 20],
    ['name: shop\nlevel: 1\napp: { dataVolumeGb: 1 }\n', 1],
    ['name: shop\nlevel: 1\napp: { dataVolumeGb: 500 }\n', 500],
    ['name: shop\nlevel: 1\napp: { dataVolumeGb: 65536 }\n', 65536],
  ])('%j gives a data volume of %i GiB', (yaml, sizeGb) => {
    expect(planOf(yaml).server?.dataVolume?.sizeGb).toBe(sizeGb);
  });
});
