import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import type { ArchitecturePlan, FleetPlan, LoadBalancerPlan, RegionPlan } from '../../plan';
import { AccessLogs } from './access-logs';
import { AppConfig } from './app-config';
import { Cache } from './cache';
import { Events } from './events';
import type { Domain } from './domain';
import { Fleet } from './fleet';
import { LoadBalancer } from './load-balancer';
import { Network } from './network';
import type { OriginProof } from './origin-proof';
import { Monitoring, type MonitoringProps } from './monitoring';
import type { Placement } from './placement';
import { QueueWorker } from './queue-worker';
import { ReplicaKey } from './replica-key';
import { Service } from './services';

/** Props of {@link RegionalTier}. */
export interface RegionalTierProps {
  readonly plan: ArchitecturePlan & { readonly fleet: FleetPlan; readonly loadBalancer: LoadBalancerPlan };
  readonly region: RegionPlan;
  readonly provider: TerraformProvider;
  /** `_<provider alias>`: every Terraform name of the region ends with it. */
  readonly regionSuffix: string;
  /** The domain: the region's load balancer serves HTTPS with a certificate of its own region for the origin name. */
  readonly domain: Domain | null;
  /** The primary region's origin secret: one configuration holds every region, so its value is passed, not replicated. */
  readonly originProof: OriginProof | null;
}

/**
 * Level 7, one per further region, under that region's aliased provider: what the CloudFormation target
 * puts in the region's own stack (network, load balancer, the app's fleet, cache and queues, and its
 * settings in the region's SSM, each service's fleet, cache and queues, and the region's event topics delivering to
 * the region's inboxes). The cross-region database replicas are added by each Database.
 */
export class RegionalTier extends Construct {
  public readonly network: Network;
  /** The bucket of this region's load balancer access logs (and its static-assets replica's server access logs). */
  public readonly accessLogs: AccessLogs;
  /** The region's aliased provider, for resources of the region created outside the tier (static-asset replicas). */
  public readonly provider: TerraformProvider;
  public readonly loadBalancer: LoadBalancer;
  public readonly fleet: Fleet;
  public readonly queues: readonly QueueWorker[];
  public readonly cache: Cache | null;
  public readonly services: readonly Service[];
  /** This region's event topics, delivering to this region's inboxes; null without events. */
  public readonly events: Events | null;
  /** The region's app settings. */
  public readonly appConfig: AppConfig;
  /** Where the region's data replicas go, reachable from every app tier of the region, the services' included. */
  public readonly placement: Placement;
  /** The key of the region's cross-region read replicas (the plan's), or null without one. */
  public readonly replicaKey: ReplicaKey | null;

  constructor(scope: Construct, id: string, props: RegionalTierProps) {
    super(scope, id);
    const { plan, provider, regionSuffix, region } = props;
    this.provider = provider;
    const { retention, tags } = plan;
    this.network = new Network(this, plan.network.id, { plan: plan.network, regionSuffix, provider, existing: region.existingVpc });
    const base = {
      provider, region: region.region, network: this.network, clients: [], wiring: plan.wiring,
      boot: { plan, region, service: null },
    };
    this.accessLogs = new AccessLogs(this, 'AccessLogs', { tfName: `access_logs${regionSuffix}`, region: region.region, provider, retention });
    this.loadBalancer = new LoadBalancer(this, plan.loadBalancer.id, {
      plan: plan.loadBalancer, regionSuffix, placement: base, retention, accessLogs: this.accessLogs, domain: props.domain, originProof: props.originProof,
    });
    this.fleet = new Fleet(this, plan.fleet.id, {
      plan: plan.fleet, regionSuffix, placement: base, loadBalancer: this.loadBalancer, route: { kind: 'default' }, tags,
    });
    this.queues = plan.queues.map((queue) => new QueueWorker(this, queue.id, {
      plan: queue, regionSuffix, placement: { ...base, clients: [this.fleet.tier] }, retention, tags,
    }));
    const listener = this.fleet.listener;
    this.services = listener
      ? plan.services.map((service) => new Service(this, service.id, {
          plan: service, regionSuffix, primaryRegion: false, placement: base, loadBalancer: this.loadBalancer, listener, retention, tags, regions: {},
        }))
      : [];
    const regionEvents = plan.events.filter((event) => event.regions.includes(region.region));
    this.events = regionEvents.length > 0 && this.services.length > 0 ? new Events(this, 'Events', {
      plans: regionEvents,
      deliveries: plan.wiring.deliveries.filter((delivery) => delivery.topic.region === region.region),
      queues: this.services.flatMap((service) => service.queues),
      regionSuffix,
      provider,
    }) : null;
    const appTiers = [this.fleet.tier, ...this.queues.flatMap((queue) => (queue.workers ? [queue.workers.tier] : []))];
    this.placement = { ...base, clients: [...appTiers, ...this.services.flatMap((service) => service.tiers)] };
    this.cache = plan.cache && new Cache(this, plan.cache.id, {
      plan: plan.cache, regionSuffix, placement: { ...base, clients: appTiers }, retention, joinsGlobalDatastore: true,
    });
    this.replicaKey = region.replicaKey && new ReplicaKey(this, 'ReplicaKey', { plan: region.replicaKey, provider, retention });

    // Its settings are published, and its tiers granted, once every value they name exists (BlueprintStack).
    this.appConfig = new AppConfig(this, 'AppConfig', { prefix: plan.parameterPrefix, tfName: `app_config${regionSuffix}`, provider });
  }

  /** What the region watches, under its provider: created by BlueprintStack once every watched resource exists. */
  public watch(props: Omit<MonitoringProps, 'provider'>): Monitoring {
    return new Monitoring(this, 'Monitoring', { ...props, provider: this.provider });
  }
}
