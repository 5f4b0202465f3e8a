import type { ArchitecturePlan } from '../architecture-plan';
import type { OriginProofPlan, ServerTlsPlan } from '../compute-plan';
import type { LocalDatabasePlan } from './local-database';
import type { BootTier } from './required-settings';
import type { RuntimePlan } from './runtime-plan';


/** What one tier's boot script is made from. */
export interface TierBoot {
  readonly kind: BootTier['kind'];
  /** e.g. "server", "fleet app", "workers emails of service orders". */
  readonly description: string;
  readonly blueprint: string;
  readonly level: number;
  /** SSM prefix of the tier's settings. */
  readonly prefix: string;
  /** Port the app answers on, or null for a worker that runs its own image or AMI (no port to probe). */
  readonly port: number | null;
  readonly healthCheckPath: string;
  readonly runtime: RuntimePlan;
  /** Level 1's server only. */
  readonly localDatabase: LocalDatabasePlan | null;
  /** Level 1's server only: the size of the data volume the database lives on, in GiB. */
  readonly dataVolumeGb: number | null;
  /** The server with a domain: HTTPS in front of the app; null for every other tier. */
  readonly tls: ServerTlsPlan | null;
  /** The server behind CloudFront: only requests with the secret header; null otherwise. */
  readonly originProof: OriginProofPlan | null;
}

/** Finds the tier in the plan and gathers what its boot script needs. */
export function tierBoot(plan: Omit<ArchitecturePlan, 'wiring' | 'monitoring'>, tier: BootTier): TierBoot {
  const common = { kind: tier.kind, blueprint: plan.name, level: plan.level, tls: null, originProof: null, dataVolumeGb: null };
  if (tier.kind === 'server') {
    const server = required(plan.server, 'server');
    return { ...common, description: 'server', prefix: plan.parameterPrefix, port: server.port, healthCheckPath: server.healthCheckPath, runtime: server.runtime, localDatabase: server.localDatabase, dataVolumeGb: server.dataVolume?.sizeGb ?? null, tls: server.tls, originProof: server.originProof };
  }
  const service = tier.service === null ? null : required(plan.services.find((candidate) => candidate.name === tier.service), `service ${tier.service}`);
  const prefix = service ? service.parameterPrefix : plan.parameterPrefix;
  const of = service ? ` of service ${service.name}` : '';
  if (tier.kind === 'fleet') {
    const fleet = required(service ? service.fleet : plan.fleet, 'fleet');
    return { ...common, description: `fleet ${fleet.name}`, prefix, port: fleet.port, healthCheckPath: fleet.healthCheckPath, runtime: fleet.runtime, localDatabase: null };
  }
  const queue = required((service ? service.queues : plan.queues).find((candidate) => candidate.name === tier.queue), `queue ${tier.queue}`);
  const worker = required(queue.worker, `workers of ${tier.queue}`);
  // A worker running the probe answers on its app's port and health path, locally only (workers take no traffic).
  const app = required(service ? service.fleet : plan.fleet, 'fleet');
  const probe = worker.runtime.app === 'probe';
  return {
    ...common, description: `workers ${queue.name}${of}`, prefix, port: probe ? app.port : null, healthCheckPath: app.healthCheckPath, runtime: worker.runtime, localDatabase: null,
  };
}

function required<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new Error(`tierup: the plan has no ${what} to boot`);
  return value;
}

/** The boot tier of a compute tier of the wiring graph, by its kind and key (its Terraform name in the plan); null for any other node. */
export function bootTierOf(plan: Omit<ArchitecturePlan, 'wiring' | 'monitoring'>, ref: { readonly kind: string; readonly key: string }): BootTier | null {
  if (ref.kind === 'server') return plan.server?.tfName === ref.key ? { kind: 'server' } : null;
  const owners = [{ service: null, fleet: plan.fleet, queues: plan.queues }, ...plan.services.map((service) => ({ service: service.name, fleet: service.fleet, queues: service.queues }))];
  for (const owner of owners) {
    if (ref.kind === 'fleet' && owner.fleet?.tfName === ref.key) return { kind: 'fleet', service: owner.service };
    const queue = owner.queues.find((candidate) => candidate.worker?.tfName === ref.key);
    if (ref.kind === 'worker' && queue) return { kind: 'worker', service: owner.service, queue: queue.name };
  }
  return null;
}
