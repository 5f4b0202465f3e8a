import { defaultMaxConnections } from '../capacity/database-connections';
import { fleetCeilingRps, serverCeilingRps } from '../capacity/model-capacity';
import type { MetricPlan, MetricStatistic } from './monitoring-plan';
import { AGENT_METRICS, AGENT_NAMESPACE } from './agent-metrics';
import { cacheNodeIds, expectedHitRatePercent, watchedCaches } from './cache-alarms';
import { watchedDatabases } from './database-alarms';
import type { CachePlan, DatabasePlan } from '../data-plan';
import { groupDimension, loadBalancerDimension, targetGroupDimension, type WatchedFleet, watchedFleets } from './fleet-alarms';
import { SHARD_SKEW_LIMIT } from './global-alarms';
import { customNamespace, SERVER_LOG_METRICS } from './log-groups';
import { watchedQueues, type WatchedQueue } from './queue-alarms';
import { formatNumber, warningLine } from './thresholds';
import { literal, metric, reference, type WatchContext } from './watch-context';

// The dashboard's columns, one per tier: what fills each (its load or saturation against the model's ceiling and the
// warning line, its errors and latency), before the layout places them.

/** A graph before it is placed on the grid. */
export interface GraphSpec {
  readonly title: string;
  readonly region?: string;
  readonly metrics: readonly { readonly id: string; readonly label: string; readonly metric: MetricPlan; readonly visible: boolean }[];
  readonly expressions: readonly { readonly id: string; readonly label: string; readonly expression: string }[];
  readonly annotations: readonly { readonly label: string; readonly value: number }[];
  readonly stat: MetricStatistic;
  readonly periodSeconds: number;
}

/** A column: a heading and its graphs, top to bottom. */
export interface ColumnSpec {
  readonly markdown: string;
  readonly graphs: readonly GraphSpec[];
}

/** The ceiling and warning line of a graph, as labelled horizontal lines. */
export function ceilingLines(context: WatchContext, ceiling: number, unit: string): GraphSpec['annotations'] {
  return [
    { label: `ceiling ${formatNumber(ceiling)} ${unit}`, value: ceiling },
    { label: `warning ${formatNumber(warningLine(ceiling, context.headroom))} ${unit} (headroom ${formatNumber(context.headroom * 100)}%)`, value: warningLine(ceiling, context.headroom) },
  ];
}

/** One graph of plain metrics, each visible. */
function graph(title: string, lines: readonly { label: string; metric: MetricPlan }[], annotations: GraphSpec['annotations'] = []): GraphSpec {
  const first = lines[0].metric;
  return {
    title, metrics: lines.map((line, index) => ({ id: `m${index + 1}`, label: line.label, metric: line.metric, visible: true })),
    expressions: [], annotations, stat: first.statistic, periodSeconds: first.periodSeconds,
  };
}

/** Every tier's column in this region, in ladder order. */
export function tierColumns(context: WatchContext): ColumnSpec[] {
  const { plan, region, primaryRegion } = context;
  const primary = region === primaryRegion;
  const columns: ColumnSpec[] = [];
  if (plan.server && primary) columns.push(serverColumn(context));
  const fleets = watchedFleets(context);
  const app = fleets.find((watched) => watched.owner.tier === 'app');
  if (app) columns.push({ markdown: fleetHeading(app), graphs: fleetGraphs(context, app) });
  const databases = watchedDatabases(context);
  const appDatabase = databases.find((watched) => watched.owner.tier === 'database');
  if (appDatabase && primary) columns.push({ markdown: databaseHeading(appDatabase.databases[0]), graphs: databaseGraphs(context, appDatabase.databases) });
  const shards = databases.find((watched) => watched.owner.tier === 'shards');
  if (shards && primary && appDatabase) {
    const all = [...appDatabase.databases, ...shards.databases];
    columns.push({
      markdown: `## Shards\n${all.length} primaries of ${all[0].instanceClass}, ${plan.shards?.strategy} on ${plan.shards?.key}; the skew line is ${SHARD_SKEW_LIMIT}× the average`,
      graphs: [shardSkewGraph(context, all), ...databaseGraphs(context, shards.databases).slice(1)],
    });
  }
  const cache = watchedCaches(context).find((watched) => watched.owner.tier === 'cache');
  if (cache) columns.push({ markdown: `## Cache\n${cache.cache.engine} ${cache.cache.nodeType}, ${1 + cache.cache.replicas} node(s), ${cache.cache.strategy}`, graphs: cacheGraphs(context, cache.cache) });
  const queues = watchedQueues(context).filter((watched) => watched.owner.tier.startsWith('queue-'));
  if (queues.length > 0) columns.push({ markdown: `## Queues\n${queues.map((watched) => watched.queue.name).join(', ')}`, graphs: queueGraphs(context, queues) });
  for (const service of plan.services) {
    const watched = fleets.find((candidate) => candidate.owner.tier === `service-${service.name}`);
    if (!watched) continue;
    const own = databases.filter((candidate) => candidate.owner.tier === watched.owner.tier).flatMap((candidate) => candidate.databases);
    const serviceCache = watchedCaches(context).find((candidate) => candidate.owner.tier === watched.owner.tier);
    const serviceQueues = watchedQueues(context).filter((candidate) => candidate.owner.tier === watched.owner.tier);
    columns.push({
      markdown: `${fleetHeading(watched)}${own.length && primary ? `; database ${own[0].instanceClass}` : ''}${serviceCache ? `; cache ${serviceCache.cache.nodeType}` : ''}`,
      graphs: [
        ...fleetGraphs(context, watched).slice(0, 2),
        ...(own.length && primary ? databaseGraphs(context, own).slice(0, 1) : []),
        ...(serviceCache ? cacheGraphs(context, serviceCache.cache).slice(0, 1) : []),
        ...(serviceQueues.length ? queueGraphs(context, serviceQueues).slice(0, 1) : []),
      ],
    });
  }
  return columns;
}

function serverColumn(context: WatchContext): ColumnSpec {
  const server = context.plan.server!;
  const instance = reference(context.plan, 'InstanceId', { kind: 'server', key: server.tfName, region: context.region }, 'instance-id', 'Server');
  const agent = (metricName: string, extra = [] as ReturnType<typeof literal>[]) => metric(context, AGENT_NAMESPACE, metricName, 'Average', 300, [instance, ...extra]);
  const graphs: GraphSpec[] = [
    graph('Server CPU, %', [{ label: 'CPU', metric: metric(context, 'AWS/EC2', 'CPUUtilization', 'Average', 300, [instance]) }], ceilingLines(context, 100, '%')),
    graph('Server memory, %', [{ label: 'memory in use', metric: agent(AGENT_METRICS.memory) }], ceilingLines(context, 100, '%')),
  ];
  if (server.dataVolume && server.localDatabase) {
    graphs.push(graph(`Data volume (${server.localDatabase.mountPoint}), % full`, [{
      label: 'disk in use', metric: agent(AGENT_METRICS.disk, [literal('path', server.localDatabase.mountPoint), literal('fstype', AGENT_METRICS.dataVolumeFileSystem)]),
    }], ceilingLines(context, 100, '%')));
  }
  graphs.push(graph('Errors (5xx a minute, access log)', [{ label: '5xx', metric: metric(context, customNamespace(context.plan), SERVER_LOG_METRICS.errors, 'Sum', 60, []) }]));
  if (/^t\d/.test(server.instanceType)) {
    graphs.push(graph('CPU credits (burstable)', [
      { label: 'credit balance', metric: metric(context, 'AWS/EC2', 'CPUCreditBalance', 'Minimum', 300, [instance]) },
      { label: 'surplus credits (charged)', metric: metric(context, 'AWS/EC2', 'CPUSurplusCreditBalance', 'Maximum', 300, [instance]) },
    ]));
  }
  return {
    markdown: `## Server\n${server.instanceType}, ceiling ${formatNumber(serverCeilingRps(server, context.plan.level))} rps (rpsPerInstance ${formatNumber(server.rpsPerInstance)})`,
    graphs,
  };
}

function fleetHeading(watched: WatchedFleet): string {
  const { fleet } = watched;
  return `## ${watched.fleet.name === 'app' ? 'App fleet' : `Service ${fleet.name}`}\n${fleet.instanceType} × ${fleet.min}-${fleet.max} at ${formatNumber(fleet.rpsPerInstance)} rps, ceiling ${formatNumber(fleetCeilingRps(fleet))} rps`;
}

function fleetGraphs(context: WatchContext, watched: WatchedFleet): GraphSpec[] {
  const dims = [loadBalancerDimension(context), targetGroupDimension(context, watched)];
  const elb = (metricName: string, statistic: MetricStatistic) => metric(context, 'AWS/ApplicationELB', metricName, statistic, 60, dims);
  const group = groupDimension(context, watched);
  const perInstance = watched.fleet.rpsPerInstance * 60;
  return [
    graph('Requests a minute per instance', [{ label: 'RequestCountPerTarget', metric: elb('RequestCountPerTarget', 'Sum') }], ceilingLines(context, perInstance, 'a minute')),
    graph('Instances in service', [
      { label: 'in service', metric: metric(context, 'AWS/AutoScaling', 'GroupInServiceInstances', 'Average', 60, [group]) },
      { label: 'maximum', metric: metric(context, 'AWS/AutoScaling', 'GroupMaxSize', 'Average', 60, [group]) },
    ]),
    graph('Errors (5xx a minute)', [{ label: 'target 5xx', metric: elb('HTTPCode_Target_5XX_Count', 'Sum') }]),
    graph('Latency p99, s', [{ label: 'target response time', metric: elb('TargetResponseTime', 'p99') }]),
    graph('Memory, % (average instance)', [{ label: 'memory in use', metric: metric(context, AGENT_NAMESPACE, AGENT_METRICS.memory, 'Average', 300, [group]) }], ceilingLines(context, 100, '%')),
  ];
}

function databaseHeading(database: DatabasePlan): string {
  return `## Database\n${database.engine} ${database.instanceClass}, ${database.storageGb} GB, ${database.replicas.length} replica(s)${database.proxy ? ', RDS Proxy' : ''}`;
}

function databaseGraphs(context: WatchContext, databases: readonly DatabasePlan[]): GraphSpec[] {
  const rds = (identifier: string, metricName: string, statistic: MetricStatistic, periodSeconds = 300) =>
    metric(context, 'AWS/RDS', metricName, statistic, periodSeconds, [literal('DBInstanceIdentifier', identifier)]);
  const connections = defaultMaxConnections(databases[0]);
  const replicas = databases.flatMap((database) => database.replicas.map((replica) => replica.identifier));
  const graphs: GraphSpec[] = [
    graph('Database CPU, %', databases.map((database) => ({ label: database.identifier, metric: rds(database.identifier, 'CPUUtilization', 'Average') })), ceilingLines(context, 100, '%')),
    graph('Connections', databases.map((database) => ({ label: database.identifier, metric: rds(database.identifier, 'DatabaseConnections', 'Maximum') })),
      connections === null ? [] : ceilingLines(context, connections, 'connections')),
    graph('Latency p90, s', databases.flatMap((database) => [
      { label: `${database.identifier} read`, metric: rds(database.identifier, 'ReadLatency', 'p90') },
      { label: `${database.identifier} write`, metric: rds(database.identifier, 'WriteLatency', 'p90') },
    ])),
  ];
  if (replicas.length > 0) {
    graphs.push(graph('Replica lag, s', replicas.map((identifier) => ({ label: identifier, metric: rds(identifier, 'ReplicaLag', 'Maximum', 60) })), ceilingLines(context, 1, 's')));
  }
  return graphs;
}

function shardSkewGraph(context: WatchContext, databases: readonly DatabasePlan[]): GraphSpec {
  const metrics = databases.map((database, index) => ({
    id: `m${index + 1}`, label: database.identifier, visible: false,
    metric: metric(context, 'AWS/RDS', 'CPUUtilization', 'Average', 300, [literal('DBInstanceIdentifier', database.identifier)]),
  }));
  const ids = metrics.map((line) => line.id).join(', ');
  return {
    title: 'Shard skew (busiest ÷ average CPU)', metrics, expressions: [{ id: 'e1', label: 'skew', expression: `MAX([${ids}]) / AVG([${ids}])` }],
    annotations: [{ label: `hot shard key above ${SHARD_SKEW_LIMIT}`, value: SHARD_SKEW_LIMIT }], stat: 'Average', periodSeconds: 300,
  };
}

function cacheGraphs(context: WatchContext, cache: CachePlan): GraphSpec[] {
  const nodes = cacheNodeIds(cache);
  const perNode = (metricName: string, statistic: MetricStatistic) =>
    nodes.map((node) => ({ label: node, metric: metric(context, 'AWS/ElastiCache', metricName, statistic, 300, [literal('CacheClusterId', node)]) }));
  const hit = expectedHitRatePercent(cache);
  return [
    graph('Cache engine CPU, %', perNode('EngineCPUUtilization', 'Average'), ceilingLines(context, 100, '%')),
    graph('Cache hit rate, %', perNode('CacheHitRate', 'Average'), [{ label: `the model assumes ${hit}%`, value: hit }]),
    graph('Cache memory, %', perNode('DatabaseMemoryUsagePercentage', 'Average'), ceilingLines(context, 100, '%')),
    graph('Evictions', perNode('Evictions', 'Sum')),
  ];
}

function queueGraphs(context: WatchContext, queues: readonly WatchedQueue[]): GraphSpec[] {
  const sqs = (queueName: string, metricName: string) => metric(context, 'AWS/SQS', metricName, 'Maximum', 300, [literal('QueueName', queueName)]);
  const sized = queues.filter((watched) => watched.queue.worker !== null);
  return [
    graph('Waiting messages', queues.map((watched) => ({ label: watched.queue.name, metric: sqs(watched.queue.queueName, 'ApproximateNumberOfMessagesVisible') })),
      sized.length === 1 ? ceilingLines(context, sized[0].queue.worker!.backlogPerInstance * sized[0].queue.worker!.max, 'messages') : []),
    graph('Oldest message, s', queues.map((watched) => ({ label: watched.queue.name, metric: sqs(watched.queue.queueName, 'ApproximateAgeOfOldestMessage') }))),
    graph('Dead letters', queues.map((watched) => ({ label: watched.queue.deadLetterQueueName, metric: sqs(watched.queue.deadLetterQueueName, 'ApproximateNumberOfMessagesVisible') }))),
  ];
}

/** The region's load in rps (the server's access log, or the load balancer's requests), for "load vs ceiling". */
export function regionLoad(context: WatchContext): MetricPlan | null {
  const { plan } = context;
  if (plan.server && context.region === context.primaryRegion) return metric(context, customNamespace(plan), SERVER_LOG_METRICS.requests, 'Sum', 60, []);
  if (plan.loadBalancer && plan.fleet) return metric(context, 'AWS/ApplicationELB', 'RequestCount', 'Sum', 60, [loadBalancerDimension(context)]);
  return null;
}
