import { CACHE_HIT_RATIO, CACHE_OPERATIONS_PER_SECOND } from '../capacity/capacity-figures';
import type { CachePlan } from '../data-plan';
import type { AlarmPlan } from './monitoring-plan';
import { chunks, combined, MATH_EXPRESSION_ID, METRICS_PER_ALARM, runSignal } from './combined-signal';
import { capacityThreshold, formatNumber, round2 } from './thresholds';
import { type AlarmOwner, description, literal, metric, namedAlarm, type WatchContext } from './watch-context';

// Levels 3+: every ElastiCache replication group (the app's, each service's), in every region that runs it.
// ElastiCache publishes its host and engine metrics per node, whose CacheClusterId is the group's id with the
// node's number (`<replicationGroupId>-001`, `-002`…), not per group:
// https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheMetrics.WhichShouldIMonitor.html

/** A cache with the owner its alarms are named after and the blueprint section that sizes it. */
export interface WatchedCache {
  readonly cache: CachePlan;
  readonly owner: AlarmOwner;
  readonly field: string;
  readonly label: string;
}

/** The app's cache and every service's. */
export function watchedCaches(context: Pick<WatchContext, 'plan'>): WatchedCache[] {
  const { plan } = context;
  return [
    ...(plan.cache ? [{ cache: plan.cache, owner: { id: 'Cache', tfName: 'cache', name: 'cache', tier: 'cache' }, field: 'cache', label: 'the cache' }] : []),
    ...plan.services.flatMap((service) => (service.cache ? [{
      cache: service.cache,
      owner: { id: `${service.id}Cache`, tfName: service.cache.tfName, name: `service-${service.name}-cache`, tier: `service-${service.name}` },
      field: `services[${service.name}].cache`, label: `service ${service.name}'s cache`,
    }] : [])),
  ];
}

/** The node ids of a replication group without cluster mode: the primary and each replica, numbered from 001. */
export function cacheNodeIds(cache: Pick<CachePlan, 'replicationGroupId' | 'replicas'>): string[] {
  return Array.from({ length: 1 + cache.replicas }, (_, index) => `${cache.replicationGroupId}-${String(index + 1).padStart(3, '0')}`);
}

/** Every cache's signals where it runs (caches run in every region of a fleet): the worst node for each. */
export function cacheAlarms(context: WatchContext): AlarmPlan[] {
  const runsHere = context.region === context.primaryRegion || context.plan.fleet !== null;
  if (!runsHere) return [];
  return watchedCaches(context).flatMap((watched) => groupAlarms(context, watched));
}

function groupAlarms(context: WatchContext, watched: WatchedCache): AlarmPlan[] {
  const { headroom } = context;
  const { cache, owner, field, label } = watched;
  const nodes = cacheNodeIds(cache);
  const ops = CACHE_OPERATIONS_PER_SECOND[cache.nodeType];
  const hitRatio = CACHE_HIT_RATIO[cache.strategy];
  const grow = `Next: more ${field}.replicas for reads (${cache.replicas} now, at most 5) or a larger ${field}.nodeType (${cache.nodeType}); run \`${context.advise}\``;
  const cpu = capacityThreshold(100, headroom, '% engine CPU', ops === undefined ? cache.nodeType : `${cache.nodeType}, ~${formatNumber(ops)} operations/s a node in the capacity model`);
  const memory = capacityThreshold(100, headroom, '% of a node\'s memory', cache.nodeType);
  const missRate = capacityThreshold(round2((1 - hitRatio) * 100), headroom, '% of reads missed', `the model assumes ${cache.strategy} answers ${hitRatio * 100}% of reads`);
  const each = (run: readonly string[], metricName: string, statistic: 'Average' | 'Sum') =>
    run.map((node) => metric(context, 'AWS/ElastiCache', metricName, statistic, 300, [literal('CacheClusterId', node)]));
  const who = (run: readonly string[], busiest: string) => `${label}'s ${run.length === 1 ? `node ${run[0]}` : `${busiest} node of ${run.join(', ')}`}`;
  const alarms: AlarmPlan[] = [
    namedAlarm(context, owner, {
      kind: 'capacity', signal: 'engine-cpu',
      description: description(context,
        `${who(nodes, 'busiest')} kept its engine CPU above ${formatNumber(cpu.threshold)}% for 15 minutes`,
        `The engine runs commands on one thread: at 100% it is full${ops === undefined ? '' : ` (~${formatNumber(ops)} operations/s a node, ${nodes.length} node(s))`}`,
        grow),
      source: combined(each(nodes, 'EngineCPUUtilization', 'Average'), 'MAX', 'engine CPU %, busiest node'),
      comparison: 'GreaterThanOrEqualToThreshold', ...cpu, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing',
    }),
    namedAlarm(context, owner, {
      kind: 'capacity', signal: 'memory',
      description: description(context,
        `${who(nodes, 'fullest')} used more than ${formatNumber(memory.threshold)}% of its memory for 15 minutes`,
        'When it is full the engine evicts keys (or refuses writes): the hit rate falls and the database takes the reads',
        `Next: a larger ${field}.nodeType (${cache.nodeType} now), or a shorter ${field}.ttlSeconds (${cache.ttlSeconds}) if the cache holds what nobody reads`),
      source: combined(each(nodes, 'DatabaseMemoryUsagePercentage', 'Average'), 'MAX', 'memory %, fullest node'),
      comparison: 'GreaterThanOrEqualToThreshold', ...memory, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing',
    }),
    namedAlarm(context, owner, {
      kind: 'page', signal: 'engine-cpu-saturated',
      description: description(context,
        `${who(nodes, 'busiest')} kept its engine CPU above 90% for 15 minutes`,
        'Commands queue behind each other: every request that reads the cache slows down',
        `Find the slow commands (SLOWLOG). ${grow}`),
      source: combined(each(nodes, 'EngineCPUUtilization', 'Average'), 'MAX', 'engine CPU %, busiest node'),
      comparison: 'GreaterThanThreshold', threshold: 90, thresholdSource: '90% (AWS recommended alarms: EngineCPUUtilization)',
      evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing',
    }),
  ];
  // Two metrics a node: five nodes to an alarm.
  chunks(nodes, METRICS_PER_ALARM / 2).forEach((run, index) => {
    const numbered = (signal: string) => runSignal(signal, index, index * 5 + 1, index * 5 + run.length);
    const ids = (from: number) => run.map((_, position) => `m${from + position}`).join(', ');
    const pair = (first: string, firstStatistic: 'Average' | 'Sum', second: string, secondStatistic: 'Average' | 'Sum') => Object.fromEntries([
      ...each(run, first, firstStatistic).map((plan, position) => [`m${position + 1}`, plan] as const),
      ...each(run, second, secondStatistic).map((plan, position) => [`m${run.length + position + 1}`, plan] as const),
    ]);
    alarms.push(
      namedAlarm(context, owner, {
        kind: 'capacity', signal: numbered('miss-rate'),
        description: description(context,
          `${label} missed more than ${formatNumber(missRate.threshold)}% of reads for 15 minutes (${run.join(', ')})`,
          `The level's database ceiling assumes the cache answers ${hitRatio * 100}% of reads (${cache.strategy}); every miss is a database query`,
          `Check what the app caches; a longer ${field}.ttlSeconds (${cache.ttlSeconds} now) or write-through keeps entries warm; rerun \`tierup capacity\` with the measured hit rate`),
        source: {
          kind: 'math', id: MATH_EXPRESSION_ID, expression: `100 * SUM([${ids(run.length + 1)}]) / (SUM([${ids(1)}]) + SUM([${ids(run.length + 1)}]))`, label: 'reads missed, %', periodSeconds: 300,
          metrics: pair('CacheHits', 'Sum', 'CacheMisses', 'Sum'),
        },
        comparison: 'GreaterThanOrEqualToThreshold', ...missRate, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'notBreaching',
      }),
      namedAlarm(context, owner, {
        kind: 'page', signal: numbered('evictions'),
        description: description(context,
          `${label} evicted keys while a node had more than 80% of its memory in use, for 15 minutes (${run.join(', ')})`,
          'The cache is full: it drops entries the app still reads, and the database takes those reads',
          `Raise ${field}.nodeType (${cache.nodeType} now) and deploy; check that every key has a TTL`),
        source: {
          kind: 'math', id: MATH_EXPRESSION_ID, expression: `IF(MAX([${ids(1)}]) > 80 AND SUM([${ids(run.length + 1)}]) > 0, 1, 0)`, label: 'evicting while full', periodSeconds: 300,
          metrics: pair('DatabaseMemoryUsagePercentage', 'Average', 'Evictions', 'Sum'),
        },
        comparison: 'GreaterThanOrEqualToThreshold', threshold: 1, thresholdSource: 'evictions with memory above 80% (AWS recommended alarms: DatabaseMemoryUsagePercentage)',
        evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'notBreaching',
      }),
    );
  });
  return alarms;
}

/** The share of reads the model expects a cache to answer, in percent, for the dashboards. */
export function expectedHitRatePercent(cache: Pick<CachePlan, 'strategy'>): number {
  return CACHE_HIT_RATIO[cache.strategy] * 100;
}
