import type { ArchitecturePlan } from '../architecture-plan';
import type { InstanceArchitecture } from '../instance-architecture';
import type { RuntimePlan } from './runtime-plan';

/** A tier that runs code: where it is in the blueprint, its instance type's architecture and what it runs. */
interface RuntimeTier {
  readonly where: string;
  readonly instanceType: string;
  readonly architecture: InstanceArchitecture;
  readonly runtime: RuntimePlan;
}

/**
 * What a blueprint runs that it probably does not mean to, for `tierup validate` to warn about: workers
 * without an image or AMI run the built-in probe, which never receives messages, so their backlog
 * scaling is off and the queue only fills; and a container image on a Graviton (arm64) instance type
 * must be built for arm64, which nothing can check before the instance pulls it.
 */
export function runtimeWarnings(plan: ArchitecturePlan): string[] {
  const owners = [
    { where: '', queues: plan.queues },
    ...plan.services.map((service) => ({ where: ` of service ${service.name}`, queues: service.queues })),
  ];
  const probes = owners.flatMap(({ where, queues }) => queues.flatMap((queue) => (queue.worker && queue.worker.runtime.app === 'probe'
    ? [`queue ${queue.name}${where}: its workers name no image or ami, so they run the built-in probe, process no messages and do not scale on the backlog; set worker.image (or worker.ami) to process them`]
    : [])));
  const arm = runtimeTiers(plan).filter((tier) => tier.architecture === 'arm64' && tier.runtime.image !== null).map((tier) =>
    `${tier.where}: ${tier.instanceType} is a Graviton (arm64) type, so ${tier.runtime.image!.reference} must be built for linux/arm64 ` +
    '(or be a multi-architecture image), else the container stops with "exec format error"; build it for arm64, or pick an x86_64 type (t3, m7i, c7i)');
  return [...probes, ...arm];
}

function runtimeTiers(plan: ArchitecturePlan): RuntimeTier[] {
  const fleets = [
    ...(plan.server ? [{ where: 'app', ...plan.server }] : []),
    ...(plan.fleet ? [{ where: 'app', ...plan.fleet }] : []),
    ...plan.services.map((service) => ({ where: `service ${service.name}`, ...service.fleet })),
  ];
  const workers = [
    ...plan.queues.map((queue) => ({ where: `queue ${queue.name} worker`, worker: queue.worker })),
    ...plan.services.flatMap((service) => service.queues.map((queue) => ({ where: `queue ${queue.name} worker of service ${service.name}`, worker: queue.worker }))),
  ].flatMap(({ where, worker }) => (worker ? [{ where, ...worker }] : []));
  return [...fleets, ...workers].map(({ where, instanceType, architecture, runtime }) => ({ where, instanceType, architecture, runtime }));
}
