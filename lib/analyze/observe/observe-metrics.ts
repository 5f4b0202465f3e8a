import type { ArchitecturePlan, CachePlan, DatabasePlan, FleetPlan, MetricPlan, QueuePlan } from '../../plan';
import type { AwsRegion } from '../../spec';
import type { ObservationCatalogue, ObservedSeries, ObservedSignal, SeriesSource, SeriesUnit, TierKind, UnqueriedSignal } from './observed-series';
import { plannedMetrics, resolveMetric, type WantedDimension, type WantedMetric } from './planned-metrics';

// The load and saturation signals per tier (OBSERVABILITY.md's table), built from the plan alone: metrics the
// plan's monitoring section defines are taken as they are, the few more the analysis needs are added here with
// literal dimensions or the plan's own stack outputs. Namespaces, names, dimensions and statistics are AWS's:
// https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-metrics.html
// https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.Redis.html (per node: CacheClusterId)
// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html
// https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-metrics.html
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/programming-cloudwatch-metrics.html (us-east-1, Region=Global)

/** What a signal reads as, in labels. */
export const SIGNAL_TEXT = {
  'requests': 'requests/s',
  'requests-per-instance': 'requests/s per instance',
  'instances': 'instances in service',
  'cpu': 'CPU %',
  'connections': 'connections',
  'free-storage': 'free storage (bytes)',
  'replica-lag': 'replica lag (s)',
  'hit-rate': 'hit rate %',
  'engine-cpu': 'busiest node engine CPU %',
  'memory': 'fullest node memory %',
  'queue-age': 'oldest message age (s)',
  'backlog': 'visible messages',
  'dead-letters': 'dead-letter messages',
} as const satisfies Record<ObservedSignal, string>;

/**
 * A counted metric as a rate: metric math's PERIOD() gives each datapoint's period, so the export needs no period;
 * SUM([...]) and MAX([...]) of an array of series give a series (of one series, a single number: not used so).
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/using-metric-math.html#metric-math-syntax
 */
const PER_SECOND = 'm1 / PERIOD(m1)';

/** One tier in one region, as the catalogue walks it. */
interface TierScope {
  readonly tier: string;
  readonly kind: TierKind;
  readonly region: AwsRegion;
  readonly primary: boolean;
}

/** The series `observe` reads for a blueprint, and the signals it cannot query yet (with the reason). */
export function observationCatalogue(plan: ArchitecturePlan): ObservationCatalogue {
  const builder = new CatalogueBuilder(plan);
  // Every primary: the app's (shard 0), the other shards', the services'. Their replicas of other regions live there.
  const databases: [string, DatabasePlan][] = [
    ...(plan.database ? [['database', plan.database] as [string, DatabasePlan]] : []),
    ...(plan.shards?.shards ?? []).map((shard): [string, DatabasePlan] => [`shard-${shard.index}`, shard.database]),
    ...plan.services.flatMap((service) => (service.database ? [[`service-${service.name}-database`, service.database] as [string, DatabasePlan]] : [])),
  ];
  for (const { region, primary } of plan.regions) {
    if (primary && plan.server) builder.server({ tier: 'server', kind: 'server', region, primary });
    const fleets: [string, FleetPlan][] = [
      ...(plan.fleet && plan.loadBalancer ? [['app', plan.fleet] as [string, FleetPlan]] : []),
      ...(plan.loadBalancer ? plan.services.map((service): [string, FleetPlan] => [`service-${service.name}`, service.fleet]) : []),
    ];
    for (const [tier, fleet] of fleets) builder.fleet({ tier, kind: 'fleet', region, primary }, fleet);
    for (const [tier, database] of databases) {
      if (primary) builder.database({ tier, kind: 'database', region, primary }, database);
      for (const replica of database.regionalReplicas.filter((candidate) => candidate.region === region)) {
        builder.replica({ tier, kind: 'replica', region, primary }, replica.identifier, replica.tfName);
      }
    }
    const caches: [string, CachePlan | null][] = [['cache', plan.cache], ...plan.services.map((service): [string, CachePlan | null] => [`service-${service.name}-cache`, service.cache])];
    for (const [tier, cache] of caches) if (cache) builder.cache({ tier, kind: 'cache', region, primary }, cache);
    const queues: [string, QueuePlan][] = [
      ...plan.queues.map((queue): [string, QueuePlan] => [`queue-${queue.name}`, queue]),
      ...plan.services.flatMap((service) => service.queues.map((queue): [string, QueuePlan] => [`service-${service.name}-queue-${queue.name}`, queue])),
    ];
    for (const [tier, queue] of queues) builder.queue({ tier, kind: 'queue', region, primary }, queue);
    if (primary && plan.cdn) builder.cdn({ tier: 'cdn', kind: 'cdn', region: 'us-east-1', primary }, plan.cdn.tfName, region);
  }
  return builder.result();
}

class CatalogueBuilder {
  private readonly planned: readonly MetricPlan[];
  private readonly series: ObservedSeries[] = [];
  private readonly unqueried: UnqueriedSignal[] = [];

  constructor(private readonly plan: ArchitecturePlan) {
    this.planned = plannedMetrics(plan);
  }

  server(scope: TierScope): void {
    const server = this.plan.server!;
    const requests = this.accessLogRequests(scope.region);
    if (requests) this.add(scope, 'requests', 'rps', scope.tier, { kind: 'math', expression: PER_SECOND, metrics: { m1: requests } }, 'plan');
    else this.skip(scope, 'requests', 'the plan counts no requests for the server (no metric filter on a web-access log group)');
    this.single(scope, 'cpu', 'percent', scope.tier, {
      namespace: 'AWS/EC2', metricName: 'CPUUtilization', statistic: 'Average', region: scope.region,
      dimensions: [{ name: 'InstanceId', resource: { kind: 'server', key: server.tfName, region: scope.region }, attribute: 'instance-id' }],
    });
  }

  fleet(scope: TierScope, fleet: FleetPlan): void {
    const loadBalancer = this.plan.loadBalancer!;
    const dimensions: WantedDimension[] = [
      { name: 'LoadBalancer', resource: { kind: 'load-balancer', key: loadBalancer.tfName, region: scope.region }, attribute: 'load-balancer-full-name' },
      { name: 'TargetGroup', resource: { kind: 'target-group', key: fleet.tfName, region: scope.region }, attribute: 'target-group-full-name' },
    ];
    const alb = (metricName: string, statistic: MetricPlan['statistic']): WantedMetric =>
      ({ namespace: 'AWS/ApplicationELB', metricName, statistic, region: scope.region, dimensions });
    this.rate(scope, 'requests', scope.tier, alb('RequestCount', 'Sum'));
    // RequestCountPerTarget: "The only valid statistic is Sum", the average over the group's targets.
    this.rate(scope, 'requests-per-instance', scope.tier, alb('RequestCountPerTarget', 'Sum'));
    this.single(scope, 'instances', 'count', scope.tier, alb('HealthyHostCount', 'Average'));
    this.single(scope, 'cpu', 'percent', scope.tier, {
      namespace: 'AWS/EC2', metricName: 'CPUUtilization', statistic: 'Average', region: scope.region,
      dimensions: [{ name: 'AutoScalingGroupName', resource: { kind: 'fleet', key: fleet.tfName, region: scope.region }, attribute: 'auto-scaling-group-name' }],
    });
  }

  database(scope: TierScope, database: DatabasePlan): void {
    const rds = (identifier: string, metricName: string, statistic: MetricPlan['statistic']): WantedMetric => ({
      namespace: 'AWS/RDS', metricName, statistic, region: scope.region, dimensions: [{ name: 'DBInstanceIdentifier', literal: identifier }],
    });
    this.single(scope, 'cpu', 'percent', database.identifier, rds(database.identifier, 'CPUUtilization', 'Average'));
    this.single(scope, 'connections', 'count', database.identifier, rds(database.identifier, 'DatabaseConnections', 'Maximum'));
    this.single(scope, 'free-storage', 'bytes', database.identifier, rds(database.identifier, 'FreeStorageSpace', 'Minimum'));
    for (const replica of database.replicas) this.replica({ ...scope, kind: 'replica' }, replica.identifier, replica.tfName);
  }

  replica(scope: TierScope, identifier: string, key: string): void {
    const rds = (metricName: string, statistic: MetricPlan['statistic']): WantedMetric => ({
      namespace: 'AWS/RDS', metricName, statistic, region: scope.region, dimensions: [{ name: 'DBInstanceIdentifier', literal: identifier }],
    });
    this.single(scope, 'replica-lag', 'seconds', identifier, rds('ReplicaLag', 'Maximum'), key);
    this.single(scope, 'cpu', 'percent', identifier, rds('CPUUtilization', 'Average'), key);
  }

  cache(scope: TierScope, cache: CachePlan): void {
    // Metrics are per node: a replication group's nodes are <group>-001, -002, ... (primary and replicas).
    const nodes = Array.from({ length: 1 + cache.replicas }, (_, index) => `${cache.replicationGroupId}-${String(index + 1).padStart(3, '0')}`);
    const perNode = (metricName: string, statistic: MetricPlan['statistic'], prefix: string): Record<string, WantedMetric> =>
      Object.fromEntries(nodes.map((node, index) => [`${prefix}${index + 1}`, {
        namespace: 'AWS/ElastiCache', metricName, statistic, region: scope.region, dimensions: [{ name: 'CacheClusterId', literal: node }],
      }]));
    const hits = perNode('CacheHits', 'Sum', 'h');
    const misses = perNode('CacheMisses', 'Sum', 'x');
    const sum = (keys: string[]): string => (keys.length === 1 ? keys[0] : `SUM([${keys.join(', ')}])`);
    // MAX of one series would be a single number; of an array of series, a series.
    const busiest = (keys: string[]): string => (keys.length === 1 ? keys[0] : `MAX([${keys.join(', ')}])`);
    this.math(scope, 'hit-rate', 'percent', `100 * ${sum(Object.keys(hits))} / (${sum(Object.keys(hits))} + ${sum(Object.keys(misses))})`, { ...hits, ...misses });
    const cpu = perNode('EngineCPUUtilization', 'Average', 'c');
    this.math(scope, 'engine-cpu', 'percent', busiest(Object.keys(cpu)), cpu);
    const memory = perNode('DatabaseMemoryUsagePercentage', 'Average', 'u');
    this.math(scope, 'memory', 'percent', busiest(Object.keys(memory)), memory);
  }

  queue(scope: TierScope, queue: QueuePlan): void {
    const sqs = (queueName: string, metricName: string): WantedMetric => ({
      namespace: 'AWS/SQS', metricName, statistic: 'Maximum', region: scope.region, dimensions: [{ name: 'QueueName', literal: queueName }],
    });
    this.single(scope, 'queue-age', 'seconds', queue.queueName, sqs(queue.queueName, 'ApproximateAgeOfOldestMessage'));
    this.single(scope, 'backlog', 'count', queue.queueName, sqs(queue.queueName, 'ApproximateNumberOfMessagesVisible'));
    this.single(scope, 'dead-letters', 'count', queue.deadLetterQueueName, sqs(queue.deadLetterQueueName, 'ApproximateNumberOfMessagesVisible'));
    if (queue.worker) {
      this.single(scope, 'instances', 'count', queue.queueName, {
        namespace: 'AWS/AutoScaling', metricName: 'GroupInServiceInstances', statistic: 'Average', region: scope.region,
        dimensions: [{ name: 'AutoScalingGroupName', resource: { kind: 'worker', key: queue.worker.tfName, region: scope.region }, attribute: 'auto-scaling-group-name' }],
      });
    }
  }

  cdn(scope: TierScope, key: string, homeRegion: AwsRegion): void {
    this.rate(scope, 'requests', scope.tier, {
      namespace: 'AWS/CloudFront', metricName: 'Requests', statistic: 'Sum', region: 'us-east-1',
      dimensions: [{ name: 'DistributionId', resource: { kind: 'cdn', key, region: homeRegion }, attribute: 'distribution-id' }, { name: 'Region', literal: 'Global' }],
    });
  }

  result(): ObservationCatalogue {
    const seen = new Set<string>();
    for (const series of this.series) {
      if (seen.has(series.id)) throw new Error(`observe: two series share the query id ${series.id}`);
      seen.add(series.id);
    }
    return { series: this.series, unqueried: this.unqueried };
  }

  /** The access-log request count the plan's metric filter publishes in a region (levels 1-3), if any. */
  private accessLogRequests(region: AwsRegion): MetricPlan | null {
    const watched = this.plan.monitoring.regions.find((candidate) => candidate.region === region);
    const accessLogs = new Set(watched?.logGroups.filter((group) => group.content === 'web-access').map((group) => group.name));
    const filter = watched?.metricFilters.find((candidate) => accessLogs.has(candidate.logGroupName));
    return filter ? { namespace: filter.metricNamespace, metricName: filter.metricName, dimensions: [], statistic: 'Sum', periodSeconds: 60, region } : null;
  }

  private single(scope: TierScope, signal: ObservedSignal, unit: SeriesUnit, subject: string, wanted: WantedMetric, key?: string): void {
    const resolved = resolveMetric(this.planned, wanted);
    if (!resolved.ok) return this.skip(scope, signal, resolved.reason);
    this.add(scope, signal, unit, subject, { kind: 'metric', metric: resolved.metric }, resolved.origin, key);
  }

  private rate(scope: TierScope, signal: ObservedSignal, subject: string, wanted: WantedMetric): void {
    const resolved = resolveMetric(this.planned, wanted);
    if (!resolved.ok) return this.skip(scope, signal, resolved.reason);
    this.add(scope, signal, 'rps', subject, { kind: 'math', expression: PER_SECOND, metrics: { m1: resolved.metric } }, resolved.origin);
  }

  private math(scope: TierScope, signal: ObservedSignal, unit: SeriesUnit, expression: string, wanted: Record<string, WantedMetric>): void {
    const metrics: Record<string, MetricPlan> = {};
    let origin: 'plan' | 'observe' = 'plan';
    for (const [key, metric] of Object.entries(wanted)) {
      const resolved = resolveMetric(this.planned, metric);
      if (!resolved.ok) return this.skip(scope, signal, resolved.reason);
      metrics[key] = resolved.metric;
      if (resolved.origin === 'observe') origin = 'observe';
    }
    this.add(scope, signal, unit, scope.tier, { kind: 'math', expression, metrics }, origin);
  }

  private add(scope: TierScope, signal: ObservedSignal, unit: SeriesUnit, subject: string, source: SeriesSource, origin: 'plan' | 'observe', key?: string): void {
    const regionPart = scope.primary ? '' : `${scope.region} `;
    const subjectPart = subject === scope.tier ? '' : ` ${subject}`;
    this.series.push({
      id: seriesId(scope, signal, key),
      tier: scope.tier,
      tierKind: scope.kind,
      region: scope.region,
      signal,
      unit,
      label: `${regionPart}${scope.tier}${subjectPart} · ${SIGNAL_TEXT[signal]}`,
      subject,
      source,
      origin,
    });
  }

  private skip(scope: TierScope, signal: ObservedSignal, reason: string): void {
    this.unqueried.push({ tier: scope.tier, region: scope.region, signal, reason });
  }
}

/** `app_requests`, `eu_west_1_app_cpu`, `database_replica_1_replica_lag`: readable, and `^[a-z][a-zA-Z0-9_]*$`. */
function seriesId(scope: TierScope, signal: ObservedSignal, key?: string): string {
  const region = scope.primary || scope.kind === 'cdn' ? '' : `${scope.region}_`;
  return `${region}${key ?? scope.tier}_${signal}`.replace(/[^a-zA-Z0-9]+/g, '_').toLowerCase();
}
