import { readFileSync } from 'node:fs';
import { modelCapacity } from '../../lib/analyze/capacity';
import { costLines } from '../../lib/analyze/cost-lines';
import { summarizeCost } from '../../lib/analyze/cost-model';
import { DEFAULT_USAGE } from '../../lib/analyze/data/usage-defaults';
import { diagramGraph } from '../../lib/analyze/diagram-graph';
import { type ObservedSeries, observationCatalogue } from '../../lib/analyze/observe';
import { describePlan } from '../../lib/cli/describe-plan';
import { createPlan } from '../../lib/plan';
import { parseBlueprint } from '../../lib/spec';

// `cache.enabled: false` at level 3 and up, and `app.dataVolumeGb` at level 1: capacity, cost, explain and diagram
// follow the plan.

const workload = { readRatio: 0.9, queriesPerRequest: 3 };
const example = (file: string) => readFileSync(`blueprints/${file}.yaml`, 'utf8');
/** The example with its cache section replaced by `cache: { enabled: false }`. */
const withoutCache = (file: string) => example(file).replace(/^cache:\n(?: {2}.*\n)+/m, 'cache: { enabled: false }\n');
const planOf = (yaml: string) => createPlan(parseBlueprint(yaml, 'test.yaml').spec);

describe.each(['shop-3-cache', 'shop-4-fleet'])('%s without its cache', (file) => {
  const on = planOf(example(file));
  const off = planOf(withoutCache(file));

  it('is the example with no cache', () => {
    expect(on.cache).not.toBeNull();
    expect(off.cache).toBeNull();
  });

  it('capacity counts no cache hit ratio: no cache tier, every read reaches the database, and says what a cache would lift', () => {
    const report = modelCapacity(off, workload);
    expect(report.tiers.map((tier) => tier.tier)).not.toContain('cache');
    const notes = report.tiers.flatMap((tier) => tier.notes).join('\n');
    expect(notes).not.toMatch(/the cache answers/);
    expect(notes).toContain('no cache (cache.enabled: false): all 2.7 reads per request reach the database; a cache would lift the database reads: at 85% hits (cache-aside) it would take 6.7× fewer of them');
    expect(modelCapacity(on, workload).tiers.flatMap((tier) => tier.notes).join('\n')).not.toMatch(/no cache/);
  });

  it('costs no cache nodes and no AUTH token secret', () => {
    const lines = (plan: typeof on) => costLines(plan, DEFAULT_USAGE);
    expect(lines(on).some((line) => line.component === 'elasticache')).toBe(true);
    expect(lines(off).some((line) => line.component === 'elasticache')).toBe(false);
    const secrets = (plan: typeof on) => lines(plan).find((line) => line.component === 'secrets-manager' && /cache AUTH/.test(line.resource))?.quantity;
    expect(secrets(off)).toEqual({ min: 1, expected: 1, max: 1 });
    expect(secrets(on)).toEqual({ min: 2, expected: 2, max: 2 });
    expect(summarizeCost(lines(off)).monthly.expected).toBeLessThan(summarizeCost(lines(on)).monthly.expected);
  });

  it('observe queries no cache metric and lists no cache signal it could not query', () => {
    const namespaces = (series: ObservedSeries) => (series.source.kind === 'metric' ? [series.source.metric] : Object.values(series.source.metrics)).map((metric) => metric.namespace);
    const cacheSeries = (plan: typeof on) => observationCatalogue(plan).series
      .filter((series) => series.tierKind === 'cache' || namespaces(series).includes('AWS/ElastiCache')).map((series) => series.signal);
    expect(cacheSeries(off)).toEqual([]);
    expect(cacheSeries(on)).toEqual(['hit-rate', 'engine-cpu', 'memory']);
    expect(observationCatalogue(off).unqueried.filter((signal) => signal.tier === 'cache')).toEqual([]);
  });

  it('explain says there is no cache, and the diagram draws none', () => {
    expect(describePlan(off)).toMatch(/^cache: none \(cache\.enabled: false\): every read goes to the database$/m);
    expect(describePlan(on)).not.toMatch(/^cache: none/m);
    expect(diagramGraph(off).nodes.filter((node) => node.kind === 'cache')).toEqual([]);
    expect(diagramGraph(on).nodes.filter((node) => node.kind === 'cache')).toHaveLength(1);
  });
});

describe('the level-4 database without the cache', () => {
  it('carries every read on its replicas: 2 × 1200 q/s ÷ 2.7 reads per request', () => {
    const tiers = modelCapacity(planOf(withoutCache('shop-4-fleet')), workload).tiers;
    expect(tiers.find((tier) => tier.tier === 'database-reads')?.maxRps).toBe(888);
    // With the cache, 15% of the reads: 5925 rps (test/analyze/capacity.test.ts).
    expect(modelCapacity(planOf(example('shop-4-fleet')), workload).tiers.find((tier) => tier.tier === 'database-reads')?.maxRps).toBe(5925);
  });
});

describe('level 1 with app.dataVolumeGb: 500', () => {
  const plan = planOf(example('shop-1-single-server').replace('  rpsPerInstance: 200\n', '  rpsPerInstance: 200\n  dataVolumeGb: 500\n'));

  it('costs, explains and draws the volume at its size', () => {
    expect(costLines(plan, DEFAULT_USAGE).find((line) => /DataVolume/.test(line.resource))?.quantity).toEqual({ min: 500, expected: 500, max: 500 });
    expect(describePlan(plan)).toContain(', 500 GB encrypted data volume (retained)');
    expect(diagramGraph(plan).nodes.map((node) => node.label)).toContainEqual(expect.stringMatching(/^EBS data volume 500 GB/));
  });
});
