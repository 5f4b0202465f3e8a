import type { AwsRegion } from '../../spec';
import { defaultMaxConnections, maxConnectionsSource } from '../capacity/database-connections';
import { queriesPerSecondOf } from '../capacity/model-capacity';
import type { DatabasePlan } from '../data-plan';
import type { AlarmPlan, MetricPlan } from './monitoring-plan';
import { chunks, combined, MATH_EXPRESSION_ID, METRICS_PER_ALARM, runSignal } from './combined-signal';
import { nextLevel } from './next-step';
import { capacityThreshold, formatNumber, gibToBytes, percentOf, round2 } from './thresholds';
import { type AlarmOwner, description, literal, metric, namedAlarm, type WatchContext } from './watch-context';

// Levels 2+: every RDS primary (the app's database, each shard, each service's), its read replicas and proxy in the
// primary region, and its cross-region replicas in theirs. RDS metrics:
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-metrics.html; thresholds of the pages follow AWS's
// recommended alarms: https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Best_Practice_Recommended_Alarms_AWS_Services.html

/** Primaries alike (one, or shards 1..n-1), with the owner their alarms are named after and the section that sizes them. */
export interface WatchedDatabase {
  /** The primaries: one database, or the shards beyond shard 0, which share its class, engine and storage. */
  readonly databases: readonly DatabasePlan[];
  readonly owner: AlarmOwner;
  /** `database` or `services[orders].database`. */
  readonly field: string;
  readonly label: string;
}

/** Every primary of the plan: the app's (shard 0 when sharded), shards 1..n-1 as one group, each service's. */
export function watchedDatabases(context: Pick<WatchContext, 'plan'>): WatchedDatabase[] {
  const { plan } = context;
  const shards = plan.shards?.shards ?? [];
  return [
    ...(plan.database ? [{
      databases: [plan.database], owner: { id: 'Database', tfName: 'database', name: 'database', tier: 'database' },
      field: 'database', label: shards.length > 0 ? 'shard 0 (the app\'s database)' : 'the database',
    }] : []),
    ...(shards.length > 0 ? [{
      databases: shards.map((shard) => shard.database), owner: { id: 'Shards', tfName: 'shards', name: 'shards', tier: 'shards' },
      field: 'database', label: shards.length === 1 ? 'shard 1' : `the busiest of shards 1-${shards.length}`,
    }] : []),
    ...plan.services.flatMap((service) => (service.database ? [{
      databases: [service.database],
      owner: { id: `${service.id}Database`, tfName: service.database.tfName, name: `service-${service.name}-database`, tier: `service-${service.name}` },
      field: `services[${service.name}].database`, label: `service ${service.name}'s database`,
    }] : [])),
  ];
}

/** Primaries, replicas and proxies in the primary region; cross-region replicas in their own. */
export function databaseAlarms(context: WatchContext): AlarmPlan[] {
  const groups = watchedDatabases(context);
  if (context.region === context.primaryRegion) return groups.flatMap((watched) => primaryAlarms(context, watched));
  return groups.flatMap((watched) => regionalReplicaAlarms(context, watched,
    watched.databases.flatMap((database) => database.regionalReplicas.filter((replica) => replica.region === context.region).map((replica) => replica.identifier))));
}

/** What lifts a database's ceiling at this level. */
function databaseStep(context: WatchContext, watched: WatchedDatabase): string {
  const { level } = context.plan;
  const klass = `a larger ${watched.field}.instanceClass (${watched.databases[0].instanceClass} now)`;
  const cache = switchedOffCache(context, watched);
  if (watched.field.startsWith('services[')) return `Next: ${klass} or ${watched.field}.readReplicas for reads`;
  if (level === 2 || level === 3) return `Next: ${nextLevel(level)}, ${cache ? `${cache}, ` : ''}or ${klass}`;
  if (level === 4) return `Next: more database.readReplicas when reads dominate, ${cache ? `${cache}, ` : ''}${klass} for writes, or ${nextLevel(4)}`;
  return `Next: ${klass}, more database.readReplicas for reads${cache ? `, ${cache}` : ''}, or more database.shards.count for writes`;
}

/**
 * The level's own cache when the blueprint turned it off (`cache.enabled: false` at level 3 and up): every read then
 * reaches the app's database, and the model's ceiling for it counts no hit ratio. Null for a service's database (a
 * service's cache is its own choice, not its level's) and wherever the level's cache runs or none is due.
 */
function switchedOffCache(context: WatchContext, watched: WatchedDatabase): string | null {
  if (watched.field !== 'database' || context.plan.level < 3 || context.plan.cache) return null;
  return 'the level\'s cache (remove `cache.enabled: false`) to take repeated reads off it';
}

/** The identifiers a run of an alarm covers, for its description: "shop-prod-db" or "shop-prod-shard-1 … -3". */
function covering(identifiers: readonly string[]): string {
  return identifiers.length === 1 ? identifiers[0] : `${identifiers[0]} … ${identifiers.at(-1)}`;
}

function primaryAlarms(context: WatchContext, watched: WatchedDatabase): AlarmPlan[] {
  const { headroom } = context;
  const { owner, label } = watched;
  const [first] = watched.databases;
  const rds = (identifier: string, metricName: string, statistic: 'Average' | 'Maximum' | 'Minimum', periodSeconds: number) =>
    metric(context, 'AWS/RDS', metricName, statistic, periodSeconds, [literal('DBInstanceIdentifier', identifier)]);
  const qps = queriesPerSecondOf(first);
  const step = `${databaseStep(context, watched)}; run \`${context.advise}\``;
  const cpu = capacityThreshold(100, headroom, '% CPU', qps === null ? first.instanceClass : `${first.instanceClass}, ~${formatNumber(qps)} queries/s in the capacity model`);
  const storageBytes = gibToBytes(first.storageGb);
  const storage = capacityThreshold(100, headroom, '% of allocated storage', `${first.storageGb} GB`);
  const maxConnections = defaultMaxConnections(first);
  const alarms: AlarmPlan[] = [];
  chunks(watched.databases).forEach((run, index) => {
    const ids = run.map((database) => database.identifier);
    const numbered = (signal: string) => runSignal(signal, index, index * METRICS_PER_ALARM + 1, index * METRICS_PER_ALARM + run.length);
    const each = (metricName: string, statistic: 'Average' | 'Maximum' | 'Minimum', periodSeconds: number) => ids.map((id) => rds(id, metricName, statistic, periodSeconds));
    const who = `${label} (${covering(ids)})`;
    alarms.push(
      namedAlarm(context, owner, {
        kind: 'capacity', signal: numbered('cpu'),
        description: description(context,
          `${who}: CPU stayed above ${formatNumber(cpu.threshold)}% for 15 minutes`,
          `The capacity model gives ${first.instanceClass} ~${qps === null ? '?' : formatNumber(qps)} queries/s at full CPU; at ${percentOf(headroom)}% the headroom is used up and queries slow down`,
          step),
        source: combined(each('CPUUtilization', 'Average', 300), 'MAX', 'CPU %, busiest'),
        comparison: 'GreaterThanOrEqualToThreshold', ...cpu, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing',
      }),
      namedAlarm(context, owner, {
        kind: 'page', signal: numbered('cpu-saturated'),
        description: description(context,
          `${who}: CPU stayed above 90% for 5 minutes`,
          'Queries queue behind each other: requests slow down and time out',
          `Find the expensive queries (Performance Insights, the slow query log). ${step}`),
        source: combined(each('CPUUtilization', 'Average', 60), 'MAX', 'CPU %, busiest'),
        comparison: 'GreaterThanThreshold', threshold: 90, thresholdSource: '90% for 5 minutes (AWS recommended alarms: CPUUtilization)',
        evaluationPeriods: 5, datapointsToAlarm: 5, treatMissingData: 'missing',
      }),
      namedAlarm(context, owner, {
        kind: 'capacity', signal: numbered('storage'),
        description: description(context,
          `${who}: more than ${formatNumber(storage.threshold)}% of its ${first.storageGb} GB is used`,
          'When the storage is full the database stops taking writes',
          `Raise ${watched.field}.storageGb (RDS grows storage in place); beyond ~2 TB a primary is the playbook's trigger for more shards`),
        source: combined(each('FreeStorageSpace', 'Minimum', 300), 'MIN', 'storage used, %', `100 - 100 * X / ${storageBytes}`),
        comparison: 'GreaterThanOrEqualToThreshold', ...storage, evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'missing',
      }),
      namedAlarm(context, owner, {
        kind: 'page', signal: numbered('free-storage'),
        description: description(context,
          `${who}: less than 10% of its ${first.storageGb} GB is free`,
          'Writes fail when it is full; RDS then stops the instance to protect it',
          `Raise ${watched.field}.storageGb and deploy now, or delete data you no longer need`),
        source: combined(each('FreeStorageSpace', 'Minimum', 300), 'MIN', 'free storage, bytes'),
        comparison: 'LessThanThreshold', threshold: round2(storageBytes * 0.1), thresholdSource: `10% of ${first.storageGb} GB, in bytes (AWS recommended alarms: FreeStorageSpace)`,
        evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'missing',
      }),
    );
    if (maxConnections === null) return;
    const connections = capacityThreshold(maxConnections, headroom, 'connections', maxConnectionsSource(first));
    const connect = first.proxy ? 'RDS Proxy pools the app\'s connections; a larger class allows it more' : `level 4's database.proxy (RDS Proxy) pools connections; a larger ${watched.field}.instanceClass allows more`;
    alarms.push(
      namedAlarm(context, owner, {
        kind: 'capacity', signal: numbered('connections'),
        description: description(context,
          `${who}: more than ${formatNumber(connections.threshold)} connections for 15 minutes`,
          `That is ${percentOf(headroom)}% of the default max_connections of ${formatNumber(maxConnections)}; past it new connections are refused`,
          `Next: ${connect}; run \`${context.advise}\``),
        source: combined(each('DatabaseConnections', 'Maximum', 300), 'MAX', 'connections, busiest'),
        comparison: 'GreaterThanOrEqualToThreshold', ...connections, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing',
      }),
      namedAlarm(context, owner, {
        kind: 'page', signal: numbered('connections-saturated'),
        description: description(context,
          `${who}: more than 90% of its ${formatNumber(maxConnections)} connections for 5 minutes`,
          'New connections are about to be refused: requests that need the database fail',
          `Look for connection leaks (idle sessions in pg_stat_activity or SHOW PROCESSLIST); ${connect}`),
        source: combined(each('DatabaseConnections', 'Maximum', 60), 'MAX', 'connections, busiest'),
        comparison: 'GreaterThanThreshold', threshold: round2(maxConnections * 0.9), thresholdSource: `90% of ${maxConnectionsSource(first)}`,
        evaluationPeriods: 5, datapointsToAlarm: 5, treatMissingData: 'missing',
      }),
    );
  });
  alarms.push(...replicaAlarms(context, watched));
  alarms.push(...proxyAlarms(context, watched));
  return alarms;
}

/** The read replicas of the primaries in their region: lag against a second, stalls, CPU; ten replicas to an alarm. */
function replicaAlarms(context: WatchContext, watched: WatchedDatabase): AlarmPlan[] {
  const { headroom } = context;
  const { owner, label } = watched;
  const [first] = watched.databases;
  const replicas = watched.databases.flatMap((database) => database.replicas.map((replica) => replica.identifier));
  const perPrimary = first.replicas.length;
  const lag = capacityThreshold(1, headroom, 's', 'the most staleness reads should see: the scaling guides alert on replica lag over a second');
  const cpu = capacityThreshold(100, headroom, '% CPU', `${first.instanceClass}, as its primary`);
  return chunks(replicas).flatMap((run, index) => {
    const numbered = (signal: string) => runSignal(signal, index, index * METRICS_PER_ALARM + 1, index * METRICS_PER_ALARM + run.length);
    const each = (metricName: string, statistic: 'Average' | 'Maximum', periodSeconds: number) =>
      run.map((id) => metric(context, 'AWS/RDS', metricName, statistic, periodSeconds, [literal('DBInstanceIdentifier', id)]));
    const who = `${run.length === 1 ? 'read replica' : 'the most behind of the read replicas'} ${covering(run)} of ${label}`;
    return [
      namedAlarm(context, owner, {
        kind: 'capacity', signal: numbered('replica-lag'),
        description: description(context,
          `${who} lagged more than ${formatNumber(lag.threshold)} s behind for 5 minutes`,
          'Reads from it return stale data, and a replica that cannot keep up means writes outgrow what it replays',
          `Next: a larger ${watched.field}.instanceClass (replicas follow the primary's), or fewer writes per primary (${context.plan.level >= 5 ? 'more shards' : nextLevel(4)})`),
        source: combined(each('ReplicaLag', 'Maximum', 60), 'MAX', 'replica lag, s'),
        comparison: 'GreaterThanOrEqualToThreshold', ...lag, evaluationPeriods: 5, datapointsToAlarm: 5, treatMissingData: 'missing',
      }),
      namedAlarm(context, owner, {
        kind: 'page', signal: numbered('replica-stalled'),
        description: description(context,
          `${who} lagged more than 60 s behind for 10 minutes`,
          'Reads from it are minutes stale: users see old data',
          'Check the primary\'s write load and the replica\'s CPU and I/O; a replica that does not recover can be rebuilt'),
        source: combined(each('ReplicaLag', 'Maximum', 60), 'MAX', 'replica lag, s'),
        comparison: 'GreaterThanThreshold', threshold: 60, thresholdSource: '60 s for 10 minutes (AWS recommended alarms: ReplicaLag)',
        evaluationPeriods: 10, datapointsToAlarm: 10, treatMissingData: 'missing',
      }),
      namedAlarm(context, owner, {
        kind: 'capacity', signal: numbered('replica-cpu'),
        description: description(context,
          `${run.length === 1 ? 'read replica' : 'the busiest of the read replicas'} ${covering(run)} of ${label} kept its CPU above ${formatNumber(cpu.threshold)}% for 15 minutes`,
          `Replicas serve the reads: ${perPrimary} of ${first.instanceClass} per primary`,
          `Next: more ${watched.field}.readReplicas (${perPrimary} now, at most 15), a larger class, or ${switchedOffCache(context, watched) ?? 'a cache that answers more reads'}; run \`${context.advise}\``),
        source: combined(each('CPUUtilization', 'Average', 300), 'MAX', 'CPU %, busiest replica'),
        comparison: 'GreaterThanOrEqualToThreshold', ...cpu, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing',
      }),
    ];
  });
}

/** Each proxy's pool against the connections it may open; five proxies (ten metrics) to an alarm. */
function proxyAlarms(context: WatchContext, watched: WatchedDatabase): AlarmPlan[] {
  const proxies = watched.databases.flatMap((database) => (database.proxy ? [database.proxy.name] : []));
  const pool = capacityThreshold(100, context.headroom, '% of the connections the proxy may open', 'MaxDatabaseConnectionsAllowed');
  return chunks(proxies, METRICS_PER_ALARM / 2).map((run, index) => {
    const metrics: Record<string, MetricPlan> = {};
    run.forEach((name, position) => {
      metrics[`m${2 * position + 1}`] = metric(context, 'AWS/RDS', 'DatabaseConnections', 'Maximum', 300, [literal('ProxyName', name)]);
      metrics[`m${2 * position + 2}`] = metric(context, 'AWS/RDS', 'MaxDatabaseConnectionsAllowed', 'Average', 300, [literal('ProxyName', name)]);
    });
    const ratios = run.map((_, position) => `m${2 * position + 1} / m${2 * position + 2}`);
    // Proxies of alike primaries may open as many connections each: the busiest pool against the allowance.
    const expression = run.length === 1 ? `100 * ${ratios[0]}` : `100 * MAX([${run.map((_, p) => `m${2 * p + 1}`).join(', ')}]) / MIN([${run.map((_, p) => `m${2 * p + 2}`).join(', ')}])`;
    return namedAlarm(context, watched.owner, {
      kind: 'capacity', signal: runSignal('proxy-connections', index, index * 5 + 1, index * 5 + run.length),
      description: description(context,
        `RDS Proxy ${covering(run)} used more than ${formatNumber(pool.threshold)}% of the connections it may open to ${watched.label} for 15 minutes`,
        'When its pool is full, clients wait to borrow a connection and then time out',
        `Next: a larger ${watched.field}.instanceClass (max_connections grows with its memory); run \`${context.advise}\``),
      source: { kind: 'math', id: MATH_EXPRESSION_ID, expression, label: 'proxy connections, % of allowed', periodSeconds: 300, metrics },
      comparison: 'GreaterThanOrEqualToThreshold', ...pool, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing',
    });
  });
}

/** Level 7: the cross-region replicas in their own region, where they serve its reads and are the failover copies. */
function regionalReplicaAlarms(context: WatchContext, watched: WatchedDatabase, identifiers: readonly string[]): AlarmPlan[] {
  const [first] = watched.databases;
  const cpu = capacityThreshold(100, context.headroom, '% CPU', `${first.instanceClass}, as its primary`);
  const region: AwsRegion = context.region;
  return chunks(identifiers).flatMap((run, index) => {
    const numbered = (signal: string) => runSignal(signal, index, index * METRICS_PER_ALARM + 1, index * METRICS_PER_ALARM + run.length);
    const each = (metricName: string, statistic: 'Average' | 'Maximum', periodSeconds: number) =>
      run.map((id) => metric(context, 'AWS/RDS', metricName, statistic, periodSeconds, [literal('DBInstanceIdentifier', id)]));
    return [
      namedAlarm(context, watched.owner, {
        kind: 'page', signal: numbered('replica-stalled'),
        description: description(context,
          `cross-region replica ${covering(run)} of ${watched.label} lagged more than 60 s behind for 10 minutes`,
          `Reads in ${region} are minutes stale, and a failover to this region would lose that much of the latest writes`,
          'Check the primary\'s write load and the link between the regions; a replica that does not recover can be rebuilt'),
        source: combined(each('ReplicaLag', 'Maximum', 60), 'MAX', 'replica lag, s'),
        comparison: 'GreaterThanThreshold', threshold: 60, thresholdSource: '60 s for 10 minutes (AWS recommended alarms: ReplicaLag)',
        evaluationPeriods: 10, datapointsToAlarm: 10, treatMissingData: 'missing',
      }),
      namedAlarm(context, watched.owner, {
        kind: 'capacity', signal: numbered('replica-cpu'),
        description: description(context,
          `cross-region replica ${covering(run)} of ${watched.label} kept its CPU above ${formatNumber(cpu.threshold)}% for 15 minutes`,
          `It serves ${region}'s reads alone`,
          `Next: a larger ${watched.field}.instanceClass (replicas follow the primary's); run \`${context.advise}\``),
        source: combined(each('CPUUtilization', 'Average', 300), 'MAX', 'CPU %, busiest replica'),
        comparison: 'GreaterThanOrEqualToThreshold', ...cpu, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing',
      }),
    ];
  });
}
