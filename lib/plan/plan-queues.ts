import type { QueueSpec } from '../spec';
import type { QueuePlan } from './architecture-plan';
import { FIXED_SIZES } from './environment-defaults';
import { instanceArchitecture } from './instance-architecture';
import { backlogExpression } from './worker-scaling';
import { pascalCase, snakeCase } from './naming';

/** Where a queue belongs: the app's queues have bare ids; a service's carry its name. */
export interface QueueScope {
  readonly idPrefix: string;
  readonly tfPrefix: string;
  readonly physicalPrefix: string;
  /** SSM prefix of the queue URL parameters (`<prefix>/<name>/url`). */
  readonly parameterPrefix: string;
}

/** An SQS queue, its dead-letter queue and its workers, named from the queue's own name. */
export function planQueue(queue: QueueSpec, scope: QueueScope, subscribesTo: string | null = null): QueuePlan {
  const suffix = queue.fifo ? '.fifo' : '';
  const id = `${scope.idPrefix}Queue${pascalCase(queue.name)}`;
  const tfName = `${scope.tfPrefix}queue_${snakeCase(queue.name)}`;
  return {
    id,
    tfName,
    name: queue.name,
    queueName: `${scope.physicalPrefix}-${queue.name}${suffix}`,
    deadLetterQueueName: `${scope.physicalPrefix}-${queue.name}-dlq${suffix}`,
    fifo: queue.fifo,
    maxReceiveCount: queue.maxReceiveCount,
    visibilityTimeoutSeconds: queue.visibilityTimeoutSeconds,
    retentionDays: FIXED_SIZES.queueRetentionDays,
    worker: queue.worker
      ? {
          id: `${scope.idPrefix}Workers${pascalCase(queue.name)}`,
          tfName: `${scope.tfPrefix}workers_${snakeCase(queue.name)}`,
          instanceType: queue.worker.instanceType,
          architecture: instanceArchitecture(queue.worker.instanceType),
          min: queue.worker.min,
          max: queue.worker.max,
          backlogPerInstance: queue.worker.backlogPerInstance,
          backlogExpression: backlogExpression(queue.worker.backlogPerInstance),
        }
      : null,
    urlParameterName: `${scope.parameterPrefix}/${queue.name}/url`,
    subscribesTo,
  };
}

/** Queues sorted by name, so reordering them in the blueprint changes nothing. */
export function planQueues(queues: readonly QueueSpec[], scope: QueueScope): QueuePlan[] {
  return queues.toSorted((a, b) => a.name.localeCompare(b.name)).map((queue) => planQueue(queue, scope));
}
