import { serverCeilingRps } from '../capacity/model-capacity';
import { CAPACITY_FIGURES } from '../capacity/capacity-figures';
import type { AlarmPlan, DimensionPlan } from './monitoring-plan';
import { AGENT_METRICS, AGENT_NAMESPACE } from './agent-metrics';
import { MATH_EXPRESSION_ID } from './combined-signal';
import { customNamespace, SERVER_LOG_METRICS } from './log-groups';
import { nextLevel } from './next-step';
import { capacityThreshold, formatNumber, percentOf } from './thresholds';
import { type AlarmOwner, description, literal, metric, namedAlarm, reference, type WatchContext } from './watch-context';

// Levels 1-3: the single server. No load balancer counts its requests, so its access log does (metric filters);
// CPU, memory and, at level 1, the data volume say how full it is; status checks and 5xx responses page.

const SERVER: AlarmOwner = { id: 'Server', tfName: 'server', name: 'server', tier: 'server' };

/** The server's capacity signals and pages, in the primary region. */
export function serverAlarms(context: WatchContext): AlarmPlan[] {
  const { plan, headroom } = context;
  const server = plan.server;
  if (!server || context.region !== context.primaryRegion) return [];
  const instance = reference(plan, 'InstanceId', { kind: 'server', key: server.tfName, region: context.region }, 'instance-id', 'Server');
  const ceiling = serverCeilingRps(server, plan.level);
  const shared = plan.level === 1 ? `, ${CAPACITY_FIGURES.sharedServerShare * 100}% of rpsPerInstance ${formatNumber(server.rpsPerInstance)}: the database shares the machine` : '';
  const grow = plan.level === 1
    ? `Next: ${nextLevel(1)} (its ceiling doubles), or a larger app.instanceType`
    : `Next: a larger app.instanceType (${server.instanceType} now), then ${nextLevel(3)}`;
  const advise = `run \`${context.advise}\``;
  const requests = capacityThreshold(ceiling * 60, headroom, 'requests a minute', `${formatNumber(ceiling)} rps × 60${shared}`);
  const cpu = capacityThreshold(100, headroom, '% CPU', 'the whole machine');
  const memory = capacityThreshold(100, headroom, '% of memory', 'the whole machine');
  const alarms: AlarmPlan[] = [
    namedAlarm(context, SERVER, {
      kind: 'capacity', signal: 'requests',
      description: description(context,
        `the server answered more than ${formatNumber(requests.threshold)} requests a minute (${formatNumber(requests.threshold / 60)} rps) for 15 minutes`,
        `That is ${percentOf(headroom)}% of its ceiling of ${formatNumber(ceiling)} rps (rpsPerInstance ${formatNumber(server.rpsPerInstance)}${plan.level === 1 ? ', half of it for the app' : ''}), the level's bottleneck; past it requests queue and time out`,
        `${grow}; ${advise}`),
      source: { kind: 'metric', metric: metric(context, customNamespace(plan), SERVER_LOG_METRICS.requests, 'Sum', 60, []) },
      comparison: 'GreaterThanOrEqualToThreshold', ...requests, evaluationPeriods: 15, datapointsToAlarm: 15, treatMissingData: 'notBreaching',
    }),
    namedAlarm(context, SERVER, {
      kind: 'capacity', signal: 'cpu',
      description: description(context,
        `the server's CPU stayed above ${formatNumber(cpu.threshold)}% for 15 minutes`,
        `rpsPerInstance ${formatNumber(server.rpsPerInstance)} assumes the CPU has room left; at ${percentOf(headroom)}% the headroom is used up${plan.level === 1 ? ' (the database runs on the same CPU)' : ''}`,
        `${grow}; ${advise}`),
      source: { kind: 'metric', metric: metric(context, 'AWS/EC2', 'CPUUtilization', 'Average', 300, [instance]) },
      comparison: 'GreaterThanOrEqualToThreshold', ...cpu, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing',
    }),
    namedAlarm(context, SERVER, {
      kind: 'capacity', signal: 'memory',
      description: description(context,
        `the server used more than ${formatNumber(memory.threshold)}% of its memory for 15 minutes (CloudWatch agent)`,
        `Past it the kernel swaps or kills processes${plan.level === 1 ? ', the database first' : ''}`,
        `${grow}; ${advise}`),
      source: { kind: 'metric', metric: metric(context, AGENT_NAMESPACE, AGENT_METRICS.memory, 'Average', 300, [instance]) },
      comparison: 'GreaterThanOrEqualToThreshold', ...memory, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing',
    }),
    namedAlarm(context, SERVER, {
      kind: 'page', signal: 'status-check',
      description: description(context,
        'the server failed its EC2 status checks for 2 minutes',
        'Level 1-3 has one server: while it fails, the application is down (EC2 auto-recovery handles failures of the host, not of the instance)',
        'Open the EC2 console\'s status checks and the system log of the instance (tierup explain names it); reboot it, or stop and start it to move it to another host'),
      source: { kind: 'metric', metric: metric(context, 'AWS/EC2', 'StatusCheckFailed', 'Maximum', 60, [instance]) },
      comparison: 'GreaterThanOrEqualToThreshold', threshold: 1, thresholdSource: 'any failed status check (AWS recommended alarms: StatusCheckFailed)',
      evaluationPeriods: 2, datapointsToAlarm: 2, treatMissingData: 'breaching',
    }),
    namedAlarm(context, SERVER, {
      kind: 'page', signal: 'error-rate',
      description: description(context,
        'more than 1% of the server\'s responses were 5xx errors for 5 minutes (its access log)',
        'The app fails requests: a bad release, a full disk, or a dependency that stopped answering',
        `Read the app's log group (${plan.parameterPrefix}/app) and the web server's error log (${plan.parameterPrefix}/web/error)`),
      source: {
        kind: 'math', id: MATH_EXPRESSION_ID, expression: '100 * FILL(m1, 0) / m2', label: '5xx % of requests', periodSeconds: 60,
        metrics: {
          m1: metric(context, customNamespace(plan), SERVER_LOG_METRICS.errors, 'Sum', 60, []),
          m2: metric(context, customNamespace(plan), SERVER_LOG_METRICS.requests, 'Sum', 60, []),
        },
      },
      comparison: 'GreaterThanThreshold', threshold: 1, thresholdSource: '1% of requests answered with a 5xx',
      evaluationPeriods: 5, datapointsToAlarm: 5, treatMissingData: 'notBreaching',
    }),
  ];
  if (server.dataVolume && server.localDatabase) alarms.push(dataVolumeAlarm(context, instance, server.dataVolume.sizeGb, server.localDatabase.mountPoint));
  return alarms;
}

/**
 * Level 1: the data volume fills. `app.dataVolumeGb` grows it in place (the boot grows the filesystem after a stop and
 * start); level 2 moves the data to RDS, whose storage grows on its own terms.
 */
function dataVolumeAlarm(context: WatchContext, instance: DimensionPlan, sizeGb: number, mountPoint: string): AlarmPlan {
  const disk = capacityThreshold(100, context.headroom, '% of the data volume', `${sizeGb} GiB at ${mountPoint}`);
  return namedAlarm(context, SERVER, {
    kind: 'capacity', signal: 'data-disk',
    description: description(context,
      `the data volume (${mountPoint}, ${sizeGb} GiB) is more than ${formatNumber(disk.threshold)}% full`,
      'At level 1 the database lives on this volume: when it is full, writes fail',
      `Next: a larger app.dataVolumeGb (${sizeGb} now) grows the volume in place, with one stop and start of the server; or ${nextLevel(1)}, whose storage is database.storageGb; run \`${context.advise}\``),
    source: {
      kind: 'metric',
      metric: metric(context, AGENT_NAMESPACE, AGENT_METRICS.disk, 'Maximum', 300,
        [instance, literal('path', mountPoint), literal('fstype', AGENT_METRICS.dataVolumeFileSystem)]),
    },
    comparison: 'GreaterThanOrEqualToThreshold', ...disk, evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'missing',
  });
}
