import { GROUP_METRICS } from './plan-compute';
import type { QueueSpec, WorkerSpec } from '../spec';
import type { QueuePlan, WorkerPlan } from './architecture-plan';
import { FIXED_SIZES } from './environment-defaults';
import { planRuntime } from './boot/runtime-plan';
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
    worker: queue.worker ? planWorker(queue.worker, scope, queue.name) : null,
    urlParameterName: `${scope.parameterPrefix}/${queue.name}/url`,
    subscribesTo,
  };
}

/** Queues sorted by name, so reordering them in the blueprint changes nothing. */
export function planQueues(queues: readonly QueueSpec[], scope: QueueScope): QueuePlan[] {
  return queues.toSorted((a, b) => a.name.localeCompare(b.name)).map((queue) => planQueue(queue, scope));
}

function planWorker(worker: WorkerSpec, scope: QueueScope, queueName: string): WorkerPlan {
  const runtime = planRuntime(worker, instanceArchitecture(worker.instanceType));
  return {
    id: `${scope.idPrefix}Workers${pascalCase(queueName)}`,
    tfName: `${scope.tfPrefix}workers_${snakeCase(queueName)}`,
    instanceType: worker.instanceType,
    architecture: instanceArchitecture(worker.instanceType),
    min: worker.min,
    max: worker.max,
    backlogPerInstance: worker.backlogPerInstance,
    backlogExpression: backlogExpression(worker.backlogPerInstance),
    runtime,
    // The probe never receives messages, so its backlog would only grow: no scaling on it.
    backlogScaling: runtime.app !== 'probe',
    groupMetrics: GROUP_METRICS,
  };
}
