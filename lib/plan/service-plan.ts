import type { AwsRegion } from '../spec';
import type { FleetPlan } from './compute-plan';
import type { CachePlan, DatabasePlan, QueuePlan } from './data-plan';

// Plans of levels 6 and 7: services, events and the routing between regions.

/** A microservice: its own fleet and path rule, and its own data where given. */
export interface ServicePlan {
  readonly name: string;
  /** Construct id of its nested stack (CloudFormation) and module-like scope (Terraform). */
  readonly id: string;
  readonly tfName: string;
  readonly pathPattern: string;
  /** SSM prefix of the service's own settings (its database, cache, queues): `<app prefix>/services/<name>`. */
  readonly parameterPrefix: string;
  /** ALB listener rule priority, derived from the name so reordering services changes nothing. */
  readonly listenerPriority: number;
  readonly fleet: FleetPlan;
  readonly database: DatabasePlan | null;
  readonly cache: CachePlan | null;
  /** Its own queues, then one inbox queue per subscribed event. */
  readonly queues: readonly QueuePlan[];
  readonly publishes: readonly string[];
  readonly subscribes: readonly string[];
}

/**
 * One event: an SNS topic in every region its services run in, each fanned out to the inbox queues of that region's
 * subscribers (`wiring.deliveries`). A region's publishers publish to its own topic, so events keep flowing in a
 * region that has lost the primary one.
 */
export interface EventPlan {
  readonly name: string;
  /** Construct id of the topic, the same in every region's stack (each stack holds one topic per event). */
  readonly id: string;
  /** Terraform name of the primary region's topic; a further region's adds the region's suffix, as its queues' do. */
  readonly tfName: string;
  /** The topic's name, the same in every region (SNS topic names are unique per account and region). */
  readonly topicName: string;
  /** The regions with a topic of this event, the primary first. */
  readonly regions: readonly AwsRegion[];
  /** SSM parameter holding the topic ARN in each region, for publishers to find it. */
  readonly arnParameterName: string;
  readonly publishers: readonly string[];
  readonly subscribers: readonly string[];
}

/** Route 53 routing between regions. */
export interface MultiRegionPlan {
  readonly mode: 'active-passive' | 'active-active';
  readonly domainName: string;
  readonly hostedZoneName: string;
  /** The name CloudFront uses as its origin; Route 53 resolves it to a healthy region. */
  readonly originDomainName: string;
  /**
   * The name the regions' health-checked records carry (`routed.<originDomainName>`). With a CDN the origin name
   * is a simple alias to it (`domain.originRecord`): failover and latency records cannot share a name and type
   * with a simple record, and the origin name has been a simple record since the first level with a domain.
   */
  readonly routedName: string;
  readonly healthCheckPath: string;
  /** The app cache as an ElastiCache global datastore (`multiRegion.globalCache`), or null. */
  readonly globalCache: GlobalCachePlan | null;
  /** One Route 53 record per region that takes traffic, each created by its region's stack. */
  readonly records: readonly RegionRecordPlan[];
}

/**
 * An ElastiCache global datastore: the primary region's app cache is its PRIMARY member, each further
 * region's app cache joins as a SECONDARY by naming `globalReplicationGroupId`.
 */
export interface GlobalCachePlan {
  readonly id: 'GlobalDatastore';
  readonly tfName: 'cache_global_datastore';
  /** What tierup chooses; ElastiCache puts the primary region's prefix before it. */
  readonly idSuffix: string;
  /** The full id, `<region prefix>-<suffix>` (e.g. `ldgnf-shop-prod-cache`), which secondaries name. */
  readonly globalReplicationGroupId: string;
}

/** A region's health check and record for `originDomainName`. */
export interface RegionRecordPlan {
  readonly region: AwsRegion;
  /** Route 53 SetIdentifier: the region, unique per name. */
  readonly setIdentifier: string;
  /**
   * Failover role (active-passive): the primary region is PRIMARY, the first further region SECONDARY
   * (Route 53 allows one of each per name); null for latency records (active-active).
   */
  readonly failover: 'PRIMARY' | 'SECONDARY' | null;
}
