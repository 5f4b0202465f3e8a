import type { ArchitecturePlan } from '../architecture-plan';

/**
 * What a blueprint runs that it probably does not mean to, for `tierup validate` to warn about: workers
 * without an image or AMI run the built-in probe, which never receives messages, so their backlog
 * scaling is off and the queue only fills.
 */
export function runtimeWarnings(plan: ArchitecturePlan): string[] {
  const owners = [
    { where: '', queues: plan.queues },
    ...plan.services.map((service) => ({ where: ` of service ${service.name}`, queues: service.queues })),
  ];
  return owners.flatMap(({ where, queues }) => queues.flatMap((queue) => (queue.worker && queue.worker.runtime.app === 'probe'
    ? [`queue ${queue.name}${where}: its workers name no image or ami, so they run the built-in probe, process no messages and do not scale on the backlog; set worker.image (or worker.ami) to process them`]
    : [])));
}
