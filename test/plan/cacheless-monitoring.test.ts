import { readFileSync } from 'node:fs';
import {
  agentMetrics, type AlarmPlan, type ArchitecturePlan, createPlan, DEFAULT_WORKLOAD, type DashboardPlan, type MetricPlan, modelCapacity,
} from '../../lib/plan';
import { parseBlueprint } from '../../lib/spec';

// Monitoring follows the tiers a blueprint keeps (issue 22): with `cache.enabled: false` nothing watches, draws or
// climbs on the level's cache, and the database's advice says that turning the cache back on takes reads off it;
// level 1's data-volume alarm watches the volume the agent reports at the size `app.dataVolumeGb` gives it.

const example = (file: string) => readFileSync(`blueprints/${file}.yaml`, 'utf8');
/** The example with its cache section replaced by `cache: { enabled: false }`. */
const withoutCache = (file: string) => example(file).replace(/^cache:\n(?: {2}.*\n)+/m, 'cache: { enabled: false }\n');
const planOf = (yaml: string): ArchitecturePlan => createPlan(parseBlueprint(yaml, 'test.yaml').spec);

const metricsOf = (alarm: AlarmPlan): MetricPlan[] => (alarm.source.kind === 'metric' ? [alarm.source.metric] : Object.values(alarm.source.metrics));
const widgetMetrics = (dashboard: DashboardPlan): MetricPlan[] => dashboard.widgets.flatMap((widget) => (widget.kind === 'graph' ? widget.metrics.map((entry) => entry.metric) : []));
const dashboards = (plan: ArchitecturePlan): DashboardPlan[] => [...plan.monitoring.regions.map((region) => region.dashboard), ...(plan.monitoring.globalDashboard ? [plan.monitoring.globalDashboard] : [])];
/** Every ElastiCache node an alarm or a dashboard of the plan reads. */
function watchedCacheNodes(plan: ArchitecturePlan): string[] {
  const metrics = [
    ...plan.monitoring.regions.flatMap((region) => region.alarms.flatMap(metricsOf)),
    ...dashboards(plan).flatMap(widgetMetrics),
  ].filter((metric) => metric.namespace === 'AWS/ElastiCache');
  return [...new Set(metrics.flatMap((metric) => metric.dimensions.flatMap((dimension) => (dimension.value.kind === 'literal' ? [dimension.value.value] : []))))].toSorted();
}
/** The tiers the climb signal's description lists with their ceilings ("per tier, rps: server 100, database 1,234"). */
function climbTiers(plan: ArchitecturePlan): string[] {
  const climb = plan.monitoring.regions[0].climb;
  const list = /per tier, rps: ([^)]*)\)/.exec(climb?.description ?? '')?.[1] ?? '';
  return list.split(', ').map((entry) => entry.replace(/ [\d,.]+$/, ''));
}

describe.each(['shop-3-cache', 'shop-4-fleet', 'shop-5-sharded', 'shop-6-microservices', 'shop-7-multi-region'])('%s with cache.enabled: false', (file) => {
  const on = planOf(example(file));
  const off = planOf(withoutCache(file));
  const appNodes = (plan: ArchitecturePlan) => watchedCacheNodes(plan).filter((node) => node.startsWith(`${on.cache!.replicationGroupId}-`));

  it('has no cache alarm in any region, and the example with its cache has them', () => {
    const cacheAlarms = (plan: ArchitecturePlan) => plan.monitoring.regions.flatMap((region) => region.alarms).filter((alarm) => alarm.tier === 'cache').map((alarm) => alarm.signal);
    expect(cacheAlarms(off)).toEqual([]);
    expect(cacheAlarms(on)).toEqual(expect.arrayContaining(['engine-cpu', 'memory', 'engine-cpu-saturated', 'miss-rate', 'evictions']));
  });

  it('reads no node of the level\'s cache in alarms or dashboards, and draws no cache column', () => {
    expect(appNodes(off)).toEqual([]);
    expect(appNodes(on).length).toBeGreaterThan(0);
    const cacheColumns = (plan: ArchitecturePlan) => dashboards(plan).flatMap((dashboard) => dashboard.widgets)
      .filter((widget) => widget.kind === 'text' && widget.markdown.startsWith('## Cache'));
    expect(cacheColumns(off)).toEqual([]);
    expect(cacheColumns(on).length).toBeGreaterThan(0);
  });

  it('climbs on no cache: the climb signal lists no cache tier, and its database ceiling counts every read', () => {
    expect(climbTiers(on)).toContain('cache');
    expect(climbTiers(off)).not.toContain('cache');
    expect(modelCapacity(off, DEFAULT_WORKLOAD).bottleneck).not.toBe('cache');
    expect(off.monitoring.regions[0].climb?.description).toContain(`bottleneck: ${modelCapacity(off, DEFAULT_WORKLOAD).bottleneck}`);
    const readsCeiling = (plan: ArchitecturePlan) => modelCapacity(plan, DEFAULT_WORKLOAD).tiers.find((tier) => tier.tier === 'database' || tier.tier === 'database-reads')!.maxRps!;
    expect(readsCeiling(off)).toBeLessThan(readsCeiling(on));
  });

  it('tells the capacity alarms of the app\'s database (and its shards) that the level\'s cache would take reads off it', () => {
    const advice = (plan: ArchitecturePlan) => plan.monitoring.regions[0].alarms
      .filter((alarm) => ['database', 'shards'].includes(alarm.tier) && alarm.kind === 'capacity' && /^(cpu|replica-cpu)$/.test(alarm.signal))
      .map((alarm) => alarm.description.includes('remove `cache.enabled: false`'));
    expect(advice(off).length).toBeGreaterThan(0);
    expect(advice(off).every(Boolean)).toBe(true);
    expect(advice(on).some(Boolean)).toBe(false);
  });
});

describe('cache.enabled: false and the caches it does not turn off', () => {
  it('keeps watching a service\'s own cache (shop-6\'s search), and leaves its database\'s advice as it was', () => {
    const off = planOf(withoutCache('shop-6-microservices'));
    const search = off.services.find((service) => service.name === 'search')!.cache!;
    expect(watchedCacheNodes(off)).toEqual([`${search.replicationGroupId}-001`, `${search.replicationGroupId}-002`]);
    const orders = off.monitoring.regions[0].alarms.filter((alarm) => alarm.tier === 'service-orders' && alarm.signal === 'cpu');
    expect(orders.map((alarm) => alarm.description.includes('cache.enabled'))).toEqual([false]);
  });
});

describe('level 1\'s data volume, as app.dataVolumeGb sizes it', () => {
  const plan = planOf('name: shop\nlevel: 1\napp: { dataVolumeGb: 500 }\n');
  const alarm = plan.monitoring.regions[0].alarms.find((candidate) => candidate.signal === 'data-disk')!;

  it('is the disk the agent reports and the alarm reads: its mount point, as xfs', () => {
    const disk = metricsOf(alarm)[0];
    const dimension = (name: string) => disk.dimensions.find((candidate) => candidate.name === name)?.value;
    expect(agentMetrics(plan, { kind: 'server' }).diskPaths).toEqual(['/', plan.server!.localDatabase!.mountPoint]);
    expect([disk.metricName, dimension('path'), dimension('fstype')]).toEqual([
      'disk_used_percent', { kind: 'literal', value: plan.server!.localDatabase!.mountPoint }, { kind: 'literal', value: 'xfs' },
    ]);
  });

  it('names its size in GiB and says that app.dataVolumeGb grows it before level 2 is needed', () => {
    expect(alarm.description).toContain('(/var/lib/pgsql, 500 GiB)');
    expect(alarm.description).toContain('Next: a larger app.dataVolumeGb (500 now) grows the volume in place, with one stop and start of the server; or level 2');
    expect(alarm.thresholdSource).toContain('500 GiB at /var/lib/pgsql');
  });
});
