import { observationCatalogue } from '../../../lib/analyze/observe/observe-metrics';
import type { ObservedSeries } from '../../../lib/analyze/observe/observed-series';
import { examplePlan } from '../plan-of';
import { withFullWatch, withoutMetrics } from './watched-plan';

const signalsOf = (series: readonly ObservedSeries[]) => series.map((entry) => `${entry.region} ${entry.tier} ${entry.subject} ${entry.signal}`);

describe('the series observe reads, from the plan', () => {
  it.each([1, 2, 3, 4, 5, 6, 7])('level %i: ids are unique query ids and labels name the tier and the signal', (level) => {
    const { series } = observationCatalogue(withFullWatch(examplePlan(level)));
    expect(series.length).toBeGreaterThan(0);
    for (const entry of series) {
      expect(entry.id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
      expect(entry.label).toContain(entry.tier);
      expect(entry.label).toContain(' · ');
    }
    expect(new Set(series.map((entry) => entry.id)).size).toBe(series.length);
  });

  it('takes the plan\'s own metric where an alarm watches it (the server\'s CPU with its instance-id output)', () => {
    const plan = examplePlan(1);
    const cpu = observationCatalogue(plan).series.find((entry) => entry.id === 'server_cpu')!;
    const alarm = plan.monitoring.regions[0].alarms.find((candidate) => candidate.id === 'ServerCpuAlarm')!;
    expect(cpu.origin).toBe('plan');
    expect(cpu.source).toEqual({ kind: 'metric', metric: { ...(alarm.source.kind === 'metric' ? alarm.source.metric : null!), statistic: 'Average' } });
  });

  it('reuses the outputs of the plan\'s metrics for a load balancer metric the plan does not watch', () => {
    const plan = withoutMetrics(examplePlan(4), (metric) => metric.metricName === 'RequestCountPerTarget');
    const { series } = observationCatalogue(plan);
    const perInstance = series.find((entry) => entry.id === 'app_requests_per_instance')!;
    expect(perInstance.origin).toBe('observe');
    expect(perInstance.source).toEqual({
      kind: 'math', expression: 'm1 / PERIOD(m1)',
      metrics: {
        m1: {
          namespace: 'AWS/ApplicationELB', metricName: 'RequestCountPerTarget', statistic: 'Sum', periodSeconds: 60, region: 'us-east-1',
          dimensions: [
            { name: 'LoadBalancer', value: { kind: 'reference', resource: { kind: 'load-balancer', key: 'load_balancer', region: 'us-east-1' }, attribute: 'load-balancer-full-name', outputName: 'WatchLoadBalancerFullName' } },
            { name: 'TargetGroup', value: { kind: 'reference', resource: { kind: 'target-group', key: 'fleet', region: 'us-east-1' }, attribute: 'target-group-full-name', outputName: 'WatchAppTargetGroupFullName' } },
          ],
        },
      },
    });
    expect(series.find((entry) => entry.id === 'app_requests')!.origin).toBe('plan');
  });

  it('leaves out, with the reason, a signal whose deploy-time dimension the plan publishes no output for', () => {
    const { series, unqueried } = observationCatalogue(examplePlan(5));
    expect(series.map((entry) => entry.id)).not.toContain('queue_emails_instances');
    expect(unqueried).toEqual([{
      tier: 'queue-emails', region: 'us-east-1', signal: 'instances',
      reason: 'the plan publishes no stack output with the auto scaling group name of worker workers_emails (the AutoScalingGroupName dimension of AWS/AutoScaling GroupInServiceInstances)',
    }]);
  });

  it('reads what the monitoring plan watches: the fleet\'s CPU by its group, CloudFront in us-east-1, the server\'s access-log count', () => {
    const fleet = observationCatalogue(examplePlan(4));
    expect(fleet.unqueried).toEqual([]);
    expect(fleet.series.find((entry) => entry.id === 'app_cpu')!.source).toMatchObject({
      kind: 'metric', metric: { namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: [{ name: 'AutoScalingGroupName', value: { outputName: 'WatchAppAutoScalingGroupName' } }] },
    });
    expect(fleet.series.find((entry) => entry.id === 'cdn_requests')).toMatchObject({ region: 'us-east-1', tierKind: 'cdn' });
    const server = observationCatalogue(examplePlan(2));
    expect(server.series.find((entry) => entry.id === 'server_requests')!.source).toEqual({
      kind: 'math', expression: 'm1 / PERIOD(m1)',
      metrics: { m1: { namespace: 'tierup/shop/production', metricName: 'ServerRequests', dimensions: [], statistic: 'Sum', periodSeconds: 60, region: 'us-east-1' } },
    });
  });

  it('reads what a fuller monitoring plan adds: a worker group\'s instances, by the output the plan names for its group', () => {
    const workers = observationCatalogue(withFullWatch(examplePlan(5)));
    expect(workers.unqueried).toEqual([]);
    expect(workers.series.find((entry) => entry.id === 'queue_emails_instances')!.source).toMatchObject({
      kind: 'metric', metric: { namespace: 'AWS/AutoScaling', metricName: 'GroupInServiceInstances', dimensions: [{ name: 'AutoScalingGroupName', value: { outputName: 'WatchWorkersEmailsAutoScalingGroupName' } }] },
    });
  });

  it('takes a metric from a dashboard graph too, with its output, whatever statistic the graph draws', () => {
    const plan = examplePlan(4);
    const cpu = {
      namespace: 'AWS/EC2', metricName: 'CPUUtilization', statistic: 'Maximum' as const, periodSeconds: 300, region: 'us-east-1' as const,
      dimensions: [{ name: 'AutoScalingGroupName', value: { kind: 'reference' as const, resource: { kind: 'fleet' as const, key: 'fleet', region: 'us-east-1' as const }, attribute: 'auto-scaling-group-name' as const, outputName: 'DashboardFleetGroup' } }],
    };
    const [region] = plan.monitoring.regions;
    const graphed = {
      ...plan,
      monitoring: {
        ...plan.monitoring,
        regions: [{
          ...region,
          dashboard: {
            ...region.dashboard,
            widgets: [...region.dashboard.widgets, {
              kind: 'graph' as const, x: 0, y: 5, width: 12, height: 6, title: 'Fleet CPU', region: 'us-east-1' as const,
              metrics: [{ id: 'cpu', label: 'CPU', metric: cpu, visible: true }], expressions: [], annotations: [], stat: 'Maximum' as const, periodSeconds: 300,
            }],
          },
        }],
      },
    };
    const series = observationCatalogue(graphed).series.find((entry) => entry.id === 'app_cpu')!;
    expect(series.origin).toBe('plan');
    expect(series.source).toEqual({ kind: 'metric', metric: { ...cpu, statistic: 'Average' } });
  });

  it('level 4: the fleet, the primary and each replica, each cache node through one hit rate', () => {
    const { series } = observationCatalogue(withFullWatch(examplePlan(4)));
    expect(signalsOf(series)).toEqual([
      'us-east-1 app app requests', 'us-east-1 app app requests-per-instance', 'us-east-1 app app instances', 'us-east-1 app app cpu',
      'us-east-1 database shop-prod-db cpu', 'us-east-1 database shop-prod-db connections', 'us-east-1 database shop-prod-db free-storage',
      'us-east-1 database shop-prod-db-replica-1 replica-lag', 'us-east-1 database shop-prod-db-replica-1 cpu',
      'us-east-1 database shop-prod-db-replica-2 replica-lag', 'us-east-1 database shop-prod-db-replica-2 cpu',
      'us-east-1 cache cache hit-rate', 'us-east-1 cache cache engine-cpu', 'us-east-1 cache cache memory',
      'us-east-1 cdn cdn requests',
    ]);
    const hitRate = series.find((entry) => entry.id === 'cache_hit_rate')!.source;
    expect(hitRate.kind === 'math' && hitRate.expression).toBe('100 * SUM([h1, h2]) / (SUM([h1, h2]) + SUM([x1, x2]))');
    expect(hitRate.kind === 'math' && Object.values(hitRate.metrics).map((metric) => metric.dimensions[0].value))
      .toEqual(['shop-prod-cache-001', 'shop-prod-cache-002', 'shop-prod-cache-001', 'shop-prod-cache-002'].map((value) => ({ kind: 'literal', value })));
  });

  it('level 7: the further region reads its own fleet, cache, queues and cross-region replicas, under region-prefixed ids', () => {
    const { series } = observationCatalogue(withFullWatch(examplePlan(7)));
    const further = series.filter((entry) => entry.region === 'eu-west-1');
    expect(further.map((entry) => entry.id)).toEqual(expect.arrayContaining([
      'eu_west_1_app_requests', 'eu_west_1_app_cpu', 'eu_west_1_database_replica_eu_west_1_replica_lag', 'eu_west_1_cache_hit_rate',
      'eu_west_1_queue_emails_backlog', 'eu_west_1_queue_emails_instances', 'eu_west_1_service_orders_requests',
    ]));
    // Databases (primaries) live in the primary region only; their cross-region replicas in theirs.
    expect(further.filter((entry) => entry.signal === 'connections')).toEqual([]);
    expect(series.filter((entry) => entry.tier === 'shard-3' && entry.region === 'us-east-1').map((entry) => entry.signal))
      .toEqual(['cpu', 'connections', 'free-storage', 'replica-lag', 'cpu', 'replica-lag', 'cpu']);
  });
});
