import type { ArchitecturePlan } from '../architecture-plan';
import type { FleetPlan } from '../compute-plan';
import type { QueuePlan } from '../data-plan';
import { fleetCeilingRps } from '../capacity/model-capacity';
import { formatNumber } from './thresholds';

// What `validate` warns about a blueprint's watching: a production blueprint that tells nobody, and scaling targets
// that contradict the capacity model the alarms come from (an instance that serves 200 rps tracked at 17).

/** One warning, located by its blueprint field. */
export interface WatchFinding {
  readonly rule: 'alerts-missing' | 'requests-per-target-contradicts-model' | 'backlog-outlives-retention' | 'climb-signal-partial';
  readonly severity: 'warning';
  readonly message: string;
  readonly fix: string;
  readonly path: readonly (string | number)[];
}

/**
 * Request tracking agrees with the model when an instance is asked to take what it serves: ALBRequestCountPerTarget
 * is a per-minute count per instance (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html),
 * rpsPerInstance a per-second rate at the target CPU, so requestsPerTarget ≈ rpsPerInstance × 60. Below half of it
 * the fleet reaches its maximum long before the ceiling `capacity` promises; above 120% instances run past what they
 * serve before the fleet grows.
 */
export const REQUEST_TRACKING_BAND = { below: 0.5, above: 1.2 } as const;

/** Every warning about what the blueprint watches and how its scaling agrees with the model. */
export function watchFindings(plan: ArchitecturePlan): WatchFinding[] {
  return [...alertsFindings(plan), ...climbFindings(plan), ...plan.services.flatMap((service) => trackingFindings(service.fleet, ['services'])),
    ...(plan.fleet ? trackingFindings(plan.fleet, ['app', 'scaling', 'requestsPerTarget']) : []),
    ...[...plan.queues, ...plan.services.flatMap((service) => service.queues)].flatMap((queue) => backlogFindings(queue, plan.queues.includes(queue)))];
}

function alertsFindings(plan: ArchitecturePlan): WatchFinding[] {
  const { alerts } = plan.monitoring;
  if (plan.environment !== 'production' || alerts.emails.length > 0 || alerts.slack !== null || alerts.existingTopicArn !== null) return [];
  return [{
    rule: 'alerts-missing', severity: 'warning', path: ['alerts'],
    message: `production blueprint tells nobody when it nears its ceiling or breaks: its ${plan.monitoring.regions.reduce((sum, region) => sum + region.alarms.length, 0)} alarms notify topics without subscribers`,
    fix: 'add `alerts: { emails: [ops@example.com] }` (or `slack: { workspaceId, channelId }`, or an existing `topicArn`)',
  }];
}

/** A region with more capacity alarms than one composite alarm may name: its climb signal covers the first 100. */
function climbFindings(plan: ArchitecturePlan): WatchFinding[] {
  return plan.monitoring.regions.flatMap((region) => {
    const capacity = region.alarms.filter((alarm) => alarm.kind === 'capacity').length;
    if (!region.climb || capacity <= region.climb.members.length) return [];
    return [{
      rule: 'climb-signal-partial', severity: 'warning', path: ['services'],
      message: `${region.region} has ${capacity} capacity alarms and a composite alarm names at most ${region.climb.members.length}: its climb signal ${region.climb.alarmName} leaves ${capacity - region.climb.members.length} out (they still notify the capacity topic themselves)`,
      fix: 'split services that scale on their own into a blueprint of their own, or accept the partial climb signal',
    }];
  });
}

/** A fleet whose request target holds instances far below (or above) what rpsPerInstance says they serve. */
function trackingFindings(fleet: FleetPlan, path: readonly (string | number)[]): WatchFinding[] {
  if (fleet.requestsPerTarget === null) return [];
  const tracked = fleet.requestsPerTarget / 60;
  const share = tracked / fleet.rpsPerInstance;
  if (share >= REQUEST_TRACKING_BAND.below && share <= REQUEST_TRACKING_BAND.above) return [];
  const where = fleet.name === 'app' ? 'app.scaling.requestsPerTarget' : `service ${fleet.name}'s scaling.requestsPerTarget`;
  const agreeing = fleet.rpsPerInstance * 60;
  const consequence = share < REQUEST_TRACKING_BAND.below
    ? `request tracking adds instances once each takes ${Math.round(share * 100)}% of what it serves, so the fleet reaches its max of ${fleet.max} near ${formatNumber(Math.round(fleet.max * tracked))} rps while \`capacity\` promises ${formatNumber(fleetCeilingRps(fleet))} rps`
    : `instances take ${Math.round(share * 100)}% of what they serve before request tracking adds one: they slow down before the fleet grows`;
  return [{
    rule: 'requests-per-target-contradicts-model', severity: 'warning', path,
    message: `${where} ${formatNumber(fleet.requestsPerTarget)} a minute is ${formatNumber(tracked)} rps per instance, but rpsPerInstance says an instance serves ${formatNumber(fleet.rpsPerInstance)}: ${consequence}`,
    fix: `set requestsPerTarget to ${formatNumber(agreeing)} (rpsPerInstance ${formatNumber(fleet.rpsPerInstance)} × 60: ALBRequestCountPerTarget counts a minute), remove it to track CPU alone, or set rpsPerInstance to what a load test measured`,
  }];
}

/**
 * Workers that keep `backlogPerInstance` messages each, at up to the visibility timeout per message (the time a
 * worker may hold one), may reach the last only after the queue has deleted it (retention).
 */
function backlogFindings(queue: QueuePlan, appQueue: boolean): WatchFinding[] {
  const { worker } = queue;
  if (!worker) return [];
  const worstWaitSeconds = worker.backlogPerInstance * queue.visibilityTimeoutSeconds;
  const retentionSeconds = queue.retentionDays * 86_400;
  if (worstWaitSeconds <= retentionSeconds) return [];
  return [{
    rule: 'backlog-outlives-retention', severity: 'warning', path: appQueue ? ['queues'] : ['services'],
    message: `queue ${queue.name}: backlogPerInstance ${formatNumber(worker.backlogPerInstance)} × visibilityTimeoutSeconds ${queue.visibilityTimeoutSeconds} is ${formatNumber(worstWaitSeconds / 86_400)} days of work a worker may hold waiting, beyond the ${queue.retentionDays} days SQS keeps a message: at its scaling target the last messages can expire unprocessed`,
    fix: `lower backlogPerInstance to at most ${formatNumber(Math.floor(retentionSeconds / Math.max(queue.visibilityTimeoutSeconds, 1)))} or shorten visibilityTimeoutSeconds to how long one message really takes`,
  }];
}
