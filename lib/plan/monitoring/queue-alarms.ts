import type { QueuePlan } from '../data-plan';
import type { AlarmPlan } from './monitoring-plan';
import { MATH_EXPRESSION_ID } from './combined-signal';
import { capacityThreshold, formatNumber, percentOf } from './thresholds';
import { type AlarmOwner, description, literal, metric, namedAlarm, reference, type WatchContext } from './watch-context';

// Levels 5+: every queue (the app's, each service's, the events' inboxes) in every region that runs it. The workers'
// ceiling is backlogPerInstance × worker.max: what they are sized to drain. Any message in a dead-letter queue pages.
// SQS metrics: https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-available-cloudwatch-metrics.html

/** A queue with the owner its alarms are named after and the blueprint section that sizes it. */
export interface WatchedQueue {
  readonly queue: QueuePlan;
  readonly owner: AlarmOwner;
  /** `queues[emails]` or `services[orders].queues[jobs]`. */
  readonly field: string;
  readonly label: string;
  /** The workers' group outputs: `WorkersEmails`, `ServiceOrdersWorkersJobs`. */
  readonly outputOwner: string;
}

/** How long the oldest message may wait before the queue pages: an hour of work not done. */
export const OLDEST_MESSAGE_SECONDS = 3600;

/** The app's queues, then each service's (its own and its events' inboxes). */
export function watchedQueues(context: Pick<WatchContext, 'plan'>): WatchedQueue[] {
  const { plan } = context;
  return [
    ...plan.queues.map((queue) => ({
      queue, owner: { id: queue.id, tfName: queue.tfName, name: `queue-${queue.name}`, tier: `queue-${queue.name}` },
      field: `queues[${queue.name}]`, label: `queue ${queue.name}`, outputOwner: queue.worker?.id ?? queue.id,
    })),
    ...plan.services.flatMap((service) => service.queues.map((queue) => ({
      queue,
      owner: { id: `${service.id}${queue.id}`, tfName: queue.tfName, name: `service-${service.name}-queue-${queue.name}`, tier: `service-${service.name}` },
      field: `services[${service.name}].queues[${queue.name}]`, label: `service ${service.name}'s queue ${queue.name}`,
      outputOwner: `${service.id}${queue.worker?.id ?? queue.id}`,
    }))),
  ];
}

/** Every queue's signals where it runs: the primary region, and every further region of a fleet (level 7). */
export function queueAlarms(context: WatchContext): AlarmPlan[] {
  const runsHere = context.region === context.primaryRegion || context.plan.fleet !== null;
  return runsHere ? watchedQueues(context).flatMap((watched) => oneQueueAlarms(context, watched)) : [];
}

function oneQueueAlarms(context: WatchContext, watched: WatchedQueue): AlarmPlan[] {
  const { queue, owner, field, label } = watched;
  const sqs = (queueName: string, metricName: string) => metric(context, 'AWS/SQS', metricName, 'Maximum', 300, [literal('QueueName', queueName)]);
  const alarms: AlarmPlan[] = [
    namedAlarm(context, owner, {
      kind: 'page', signal: 'oldest-message',
      description: description(context,
        `the oldest message in ${label} (${queue.queueName}) has waited more than an hour`,
        `Its work is not being done: no consumer runs, or every attempt fails before the dead-letter queue takes it; SQS deletes messages after ${queue.retentionDays} days`,
        `Check the workers' log group and their in-service count${queue.worker && !queue.worker.backlogScaling ? `; these workers run the built-in probe and process nothing: set ${field}.worker.image` : ''}`),
      source: { kind: 'metric', metric: sqs(queue.queueName, 'ApproximateAgeOfOldestMessage') },
      comparison: 'GreaterThanThreshold', threshold: OLDEST_MESSAGE_SECONDS, thresholdSource: `${OLDEST_MESSAGE_SECONDS} s: an hour of waiting work`,
      evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'notBreaching',
    }),
    namedAlarm(context, owner, {
      kind: 'page', signal: 'dead-letters',
      description: description(context,
        `a message reached ${label}'s dead-letter queue (${queue.deadLetterQueueName})`,
        `It failed ${queue.maxReceiveCount} times: that work is not done, and nothing retries it`,
        'Read the workers\' log group for the failure, fix it, then move the messages back with the SQS console\'s dead-letter queue redrive'),
      source: { kind: 'metric', metric: sqs(queue.deadLetterQueueName, 'ApproximateNumberOfMessagesVisible') },
      comparison: 'GreaterThanOrEqualToThreshold', threshold: 1, thresholdSource: 'any message in the dead-letter queue',
      evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'notBreaching',
    }),
  ];
  const { worker } = queue;
  if (!worker) return alarms;
  const ceiling = worker.backlogPerInstance * worker.max;
  const origin = `backlogPerInstance ${formatNumber(worker.backlogPerInstance)} × worker.max ${worker.max}`;
  const backlog = capacityThreshold(ceiling, context.headroom, 'visible messages', origin);
  const grow = `Next: raise ${field}.worker.max (${worker.max} now) or a larger ${field}.worker.instanceType (${worker.instanceType}); run \`${context.advise}\``;
  alarms.push(namedAlarm(context, owner, {
    kind: 'capacity', signal: 'backlog',
    description: description(context,
      `${label} (${queue.queueName}) held more than ${formatNumber(backlog.threshold)} waiting messages for 15 minutes`,
      `Its workers are sized for ${formatNumber(ceiling)} (${origin}); at ${percentOf(context.headroom)}% of it the backlog grows faster than they drain it`,
      grow),
    source: { kind: 'metric', metric: sqs(queue.queueName, 'ApproximateNumberOfMessagesVisible') },
    comparison: 'GreaterThanOrEqualToThreshold', ...backlog, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'notBreaching',
  }));
  if (worker.backlogScaling) {
    const group = reference(context.plan, 'AutoScalingGroupName', { kind: 'worker', key: worker.tfName, region: context.region }, 'auto-scaling-group-name', watched.outputOwner);
    const size = capacityThreshold(100, context.headroom, '% of worker.max', `${worker.max} workers`);
    const sizing = (metricName: string) => metric(context, 'AWS/AutoScaling', metricName, 'Average', 300, [group]);
    alarms.push(namedAlarm(context, owner, {
      kind: 'capacity', signal: 'workers',
      description: description(context,
        `${label}'s workers ran ${formatNumber(size.threshold)}% or more of their worker.max of ${worker.max} for 15 minutes`,
        'Backlog scaling has little room left: at the maximum the backlog only grows',
        grow),
      source: {
        kind: 'math', id: MATH_EXPRESSION_ID, expression: '100 * m1 / m2', label: 'workers in service, % of the maximum', periodSeconds: 300,
        metrics: { m1: sizing('GroupInServiceInstances'), m2: sizing('GroupMaxSize') },
      },
      comparison: 'GreaterThanOrEqualToThreshold', ...size, evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'notBreaching',
    }));
  }
  return alarms;
}
