import { modelCapacity } from '../../lib/analyze/capacity';
import { examplePlan } from './plan-of';

const workload = { readRatio: 0.9, queriesPerRequest: 3 };

describe('tierup capacity', () => {
  it.each([
    [1, 100, 'server'],
    [2, 200, 'server'],
    [3, 200, 'server'],
    [4, 2000, 'app'],
    [5, 2000, 'app'],
    [6, 6000, 'app'],
  ])('shop-%i carries %i rps, bottleneck %s', (level, maxRps, bottleneck) => {
    expect(modelCapacity(examplePlan(level), workload)).toMatchObject({ maxRps, bottleneck });
  });

  it('models the level-4 database: replicas multiply reads, the cache divides them', () => {
    const tiers = modelCapacity(examplePlan(4), workload).tiers;
    // Writes: db.t4g.medium 1200 q/s ÷ 2 = 600 writes/s; 0.1 × 3 = 0.3 writes per request → 2000 rps.
    expect(tiers.find((t) => t.tier === 'database-writes')!.maxRps).toBe(2000);
    // Reads: 2 replicas × 1200 q/s; 0.9 × 3 × 15% misses = 0.405 reads per request → 5925 rps.
    expect(tiers.find((t) => t.tier === 'database-reads')!.maxRps).toBe(5925);
    // Cache: 2 nodes × 40000 ops/s; 0.9 × 3 = 2.7 ops per request → 29629 rps.
    expect(tiers.find((t) => t.tier === 'cache')!.maxRps).toBe(29629);
  });

  it('multiplies writes by shards', () => {
    const tiers = modelCapacity(examplePlan(5), workload).tiers;
    expect(tiers.find((t) => t.tier === 'database-writes')!.maxRps).toBe(4 * 2000);
  });

  it('reports headroom as (capacity − load) / load', () => {
    expect(modelCapacity(examplePlan(4), workload, 1600).headroom).toBe(0.25);
    expect(modelCapacity(examplePlan(4), workload, 4000).headroom).toBe(-0.5);
  });
});
