import { snakeCase } from '../naming';
import { regionSuffix } from '../plan-database';
import type { AlarmPlan } from './monitoring-plan';
import { loadBalancerDimension } from './fleet-alarms';
import { capacityThreshold, formatNumber } from './thresholds';
import { type AlarmOwner, description, literal, metric, namedAlarm, reference, type WatchContext } from './watch-context';
import { watchedDatabases } from './database-alarms';
import { MATH_EXPRESSION_ID, METRICS_PER_ALARM } from './combined-signal';

// What spans tiers or regions: the CDN and Route 53's health checks (whose metrics live in us-east-1 only), the
// events' topics, how evenly the shards share the load, and whether the regions of an active-active blueprint can
// carry each other's load.

/** CloudFront and Route 53 publish their metrics in us-east-1 only. */
export const GLOBAL_METRICS_REGION = 'us-east-1';

/** The CDN's error rate and each routed region's health check: alarms of the us-east-1 stack. */
export function globalServiceAlarms(context: WatchContext): AlarmPlan[] {
  if (context.region !== GLOBAL_METRICS_REGION) return [];
  const { plan } = context;
  const alarms: AlarmPlan[] = [];
  if (plan.cdn) {
    // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/programming-cloudwatch-metrics.html (Region=Global)
    const distribution = reference(plan, 'DistributionId', { kind: 'cdn', key: plan.cdn.tfName, region: context.primaryRegion }, 'distribution-id', 'Cdn');
    alarms.push(namedAlarm(context, { id: 'Cdn', tfName: 'cdn', name: 'cdn', tier: 'cdn' }, {
      kind: 'page', signal: 'error-rate',
      description: description(context,
        'more than 1% of CloudFront\'s responses were 5xx errors for 5 minutes',
        `Viewers see errors: the origin (${plan.server ? 'the server' : 'the load balancer'}) fails or cannot be reached, or refuses CloudFront (the origin secret)`,
        'Check the origin\'s own error alarms in the primary region; if only CloudFront fails, check the origin secret and the origin\'s certificate'),
      source: { kind: 'metric', metric: metric(context, 'AWS/CloudFront', '5xxErrorRate', 'Average', 60, [distribution, literal('Region', 'Global')], GLOBAL_METRICS_REGION) },
      comparison: 'GreaterThanThreshold', threshold: 1, thresholdSource: '1% of responses (AWS recommended alarms: CloudFront 5xxErrorRate)',
      evaluationPeriods: 5, datapointsToAlarm: 5, treatMissingData: 'notBreaching',
    }));
  }
  // https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/monitoring-health-checks.html (us-east-1 only)
  for (const record of plan.multiRegion?.records ?? []) {
    const check = reference(plan, 'HealthCheckId', { kind: 'health-check', key: 'health_check', region: record.region }, 'health-check-id', '');
    alarms.push(namedAlarm(context, regionOwner(record.region), {
      kind: 'page', signal: 'health',
      description: description(context,
        `Route 53's health check of ${record.region} (${plan.multiRegion!.healthCheckPath} through its load balancer) failed for 2 minutes`,
        plan.multiRegion!.mode === 'active-passive'
          ? `Route 53 sends viewers to the ${record.failover === 'PRIMARY' ? 'standby region' : 'primary region only; the standby cannot take over'} while it fails`
          : 'Route 53 stops sending viewers there: the other regions carry its load',
        `Check ${record.region}'s fleet and load balancer alarms; the region's dashboard shows which tier fails`),
      source: { kind: 'metric', metric: metric(context, 'AWS/Route53', 'HealthCheckStatus', 'Minimum', 60, [check], GLOBAL_METRICS_REGION) },
      comparison: 'LessThanThreshold', threshold: 1, thresholdSource: 'the health check reports the region unhealthy (HealthCheckStatus 0)',
      evaluationPeriods: 2, datapointsToAlarm: 2, treatMissingData: 'breaching',
    }));
  }
  return alarms;
}

/** The owner of a region's own signals. */
export function regionOwner(region: string): AlarmOwner {
  return { id: `Region${regionSuffix(region)}`, tfName: `region_${snakeCase(region)}`, name: `region-${region}`, tier: `region-${region}` };
}

/**
 * Level 7 active-active: each region must be able to carry its share of a failed region's load, so its load is
 * watched against (n − 1) / n of its ceiling.
 */
export function failoverAlarms(context: WatchContext): AlarmPlan[] {
  const { plan } = context;
  const serving = plan.multiRegion?.mode === 'active-active' ? plan.regions.length : 0;
  if (serving < 2 || !plan.loadBalancer) return [];
  const ceiling = (context.regionCeilingRps * (serving - 1)) / serving;
  const load = capacityThreshold(ceiling * 60, context.headroom, 'requests a minute',
    `${formatNumber(context.regionCeilingRps)} rps this region carries × ${serving - 1}/${serving}: what it may serve while the others could still take it over if one fails, × 60`);
  return [namedAlarm(context, regionOwner(context.region), {
    kind: 'capacity', signal: 'failover-load',
    description: description(context,
      `${context.region} served more than ${formatNumber(load.threshold / 60)} rps for 15 minutes`,
      `With ${serving} regions active, losing one moves its load onto the other ${serving - 1}; above ${formatNumber(ceiling)} rps here they could not carry it`,
      `Next: raise the fleets' scaling.max in every region, or add a region; run \`${context.advise}\``),
    source: { kind: 'metric', metric: metric(context, 'AWS/ApplicationELB', 'RequestCount', 'Sum', 60, [loadBalancerDimension(context)]) },
    comparison: 'GreaterThanOrEqualToThreshold', ...load, evaluationPeriods: 15, datapointsToAlarm: 15, treatMissingData: 'notBreaching',
  })];
}

/** Levels 6+: an event topic that fails to deliver to a subscriber's inbox loses that event for it. */
export function eventAlarms(context: WatchContext): AlarmPlan[] {
  if (context.region !== context.primaryRegion) return [];
  return context.plan.events.map((event) => namedAlarm(context, { id: event.id, tfName: event.tfName, name: `event-${event.name}`, tier: `event-${event.name}` }, {
    kind: 'page', signal: 'failed-deliveries',
    description: description(context,
      `event topic ${event.topicName} failed to deliver a message in the last 5 minutes`,
      `Its subscribers (${event.subscribers.join(', ') || 'none'}) miss that ${event.name} event`,
      'Check the inbox queues\' policies and encryption keys: SNS must be allowed to send to them'),
    source: { kind: 'metric', metric: metric(context, 'AWS/SNS', 'NumberOfNotificationsFailed', 'Sum', 300, [literal('TopicName', event.topicName)]) },
    comparison: 'GreaterThanOrEqualToThreshold', threshold: 1, thresholdSource: 'any failed delivery (AWS recommended alarms: NumberOfNotificationsFailed)',
    evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'notBreaching',
  }));
}

/** The skew above which one shard takes so much more than the others that the shard key is hot. */
export const SHARD_SKEW_LIMIT = 1.5;

/** Levels 5+: the busiest shard's CPU against the shards' average; above 1.5 the shard key is hot (up to 10 shards: one alarm's metrics). */
export function shardSkewAlarms(context: WatchContext): AlarmPlan[] {
  const { plan } = context;
  if (!plan.shards || context.region !== context.primaryRegion) return [];
  const shards = watchedDatabases(context).filter((watched) => watched.owner.tier === 'database' || watched.owner.tier === 'shards').flatMap((watched) => watched.databases);
  if (shards.length > METRICS_PER_ALARM) return [];
  const metrics = Object.fromEntries(shards.map((database, index) => [
    `m${index + 1}`, metric(context, 'AWS/RDS', 'CPUUtilization', 'Average', 300, [literal('DBInstanceIdentifier', database.identifier)]),
  ]));
  const ids = Object.keys(metrics).join(', ');
  return [namedAlarm(context, { id: 'Shards', tfName: 'shards', name: 'shards', tier: 'shards' }, {
    kind: 'page', signal: 'skew',
    description: description(context,
      `the busiest of ${shards.length} shards ran more than ${SHARD_SKEW_LIMIT}× the shards' average CPU for 15 minutes`,
      `The ${plan.shards.strategy} strategy on ${plan.shards.key} sends one shard more than its share: it reaches its ceiling while the others idle, and the level's ceiling assumes an even spread`,
      `Look for a hot key (one tenant or user); with range or geo, move the boundaries; with hash, more database.shards.count spreads it (${shards.length} now)`),
    source: { kind: 'math', id: MATH_EXPRESSION_ID, expression: `MAX([${ids}]) / AVG([${ids}])`, label: 'busiest shard ÷ average', periodSeconds: 300, metrics },
    comparison: 'GreaterThanThreshold', threshold: SHARD_SKEW_LIMIT, thresholdSource: `the busiest shard's CPU at ${SHARD_SKEW_LIMIT}× the average`,
    evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing',
  })];
}
