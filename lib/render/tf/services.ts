import { Construct } from 'constructs';
import type { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import type { AwsRegion } from '../../spec';
import type { RetentionPlan, ServicePlan } from '../../plan';
import { AppConfig } from './app-config';
import { Cache } from './cache';
import { Database } from './database';
import { Fleet } from './fleet';
import type { LoadBalancer } from './load-balancer';
import type { AppTier, Placement } from './placement';
import type { ReplicaRegion } from './replica-key';
import { QueueWorker } from './queue-worker';

/** Props of {@link Service}. */
export interface ServiceProps {
  readonly plan: ServicePlan;
  /** '' in the primary region, `_<provider alias>` in the others (level 7). */
  readonly regionSuffix: string;
  /**
   * False in a further region (level 7): there the service's database is a cross-region replica of the
   * primary region's, added by that Database, not a primary of its own.
   */
  readonly primaryRegion: boolean;
  /** The region's provider and network. */
  readonly placement: Omit<Placement, 'clients'>;
  readonly loadBalancer: LoadBalancer;
  readonly listener: LbListener;
  readonly retention: RetentionPlan;
  readonly tags: Readonly<Record<string, string>>;
  /** Placements of the further regions (level 7), where its database's cross-region replicas go. */
  readonly regions: Readonly<Partial<Record<AwsRegion, ReplicaRegion>>>;
}

/**
 * Level 6: a microservice with its own fleet behind a path rule on the shared listener, and its own
 * database, cache and queues when the plan gives them, with its settings under its own SSM prefix.
 */
export class Service extends Construct {
  public readonly fleet: Fleet;
  public readonly queues: readonly QueueWorker[];
  public readonly database: Database | null;
  public readonly cache: Cache | null;
  public readonly appConfig: AppConfig;
  /** The service's fleet as an app tier (publisher of its events). */
  public readonly tier: AppTier;
  /** Everything running the service's code: its fleet and its queues' workers. */
  public readonly tiers: readonly AppTier[];

  constructor(scope: Construct, id: string, props: ServiceProps) {
    super(scope, id);
    const { plan, retention, regionSuffix } = props;
    // A service's instances boot as its tiers, reading their own settings path.
    const placement = { ...props.placement, boot: { ...props.placement.boot, service: plan.name } };
    this.fleet = new Fleet(this, plan.fleet.id, {
      plan: plan.fleet,
      regionSuffix,
      placement: { ...placement, clients: [] },
      loadBalancer: props.loadBalancer,
      route: { kind: 'path', listener: props.listener, pathPattern: plan.pathPattern, priority: plan.listenerPriority },
      tags: props.tags,
    });
    this.tier = this.fleet.tier;
    const clients = { ...placement, clients: [this.fleet.tier] };
    this.queues = plan.queues.map((queue) => new QueueWorker(this, queue.id, {
      plan: queue, regionSuffix, placement: clients, retention, tags: props.tags,
    }));
    const dataClients = { ...placement, clients: [this.fleet.tier, ...this.queues.flatMap((queue) => (queue.workers ? [queue.workers.tier] : []))] };
    this.tiers = dataClients.clients;
    this.database = plan.database && props.primaryRegion ? new Database(this, plan.database.id, { plan: plan.database, placement: dataClients, retention, regions: props.regions }) : null;
    this.cache = plan.cache && new Cache(this, plan.cache.id, { plan: plan.cache, regionSuffix, placement: dataClients, retention });

    // Its settings are published, and its tiers granted, once every value they name exists (BlueprintStack).
    this.appConfig = new AppConfig(this, 'AppConfig', { prefix: plan.parameterPrefix, tfName: `${plan.tfName}_config${regionSuffix}`, provider: placement.provider });
  }
}
