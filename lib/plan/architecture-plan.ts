import type { AwsRegion, Level, LevelName } from '../spec';
import type { InstanceArchitecture } from './instance-architecture';

// The resolved plan: every default applied, every count expanded, every stable id chosen.
// Renderers read it and decide nothing; a plan has no optional fields (absent parts are null).
//
// `id` fields are CloudFormation construct ids and `tfName` fields are Terraform resource names.
// Both are contract (DESIGN.md §5.1): fixed literals or derived from user-given names, never
// from list positions. Changing one replaces a deployed resource.

/** Deployment environment. */
export type Environment = 'production' | 'staging' | 'development';

/** What happens to a data store when it leaves the template. */
export type RemovalPolicy = 'retain' | 'snapshot' | 'destroy';

/** The whole resolved architecture of one blueprint. */
export interface ArchitecturePlan {
  readonly name: string;
  readonly level: Level;
  readonly levelName: LevelName;
  readonly environment: Environment;
  /** Tags on every resource, tierup's own included. */
  readonly tags: Readonly<Record<string, string>>;
  /** SSM Parameter Store prefix under which the app finds its endpoints, e.g. /tierup/shop/production. */
  readonly parameterPrefix: string;
  /** The primary region's stack first, then one per further region (level 7). */
  readonly regions: readonly RegionPlan[];
  readonly network: NetworkPlan;
  /** Levels 1-3: one instance serving web and app. */
  readonly server: ServerPlan | null;
  /**
   * Level 2 and up: level 1's data volume, which left the stack when the data moved to RDS and is
   * kept in the account (CloudFormation: DeletionPolicy Retain; Terraform: a `removed` block).
   */
  readonly retiredDataVolume: DataVolumePlan | null;
  /** Level 4 and up: the default app's fleet behind the load balancer. */
  readonly fleet: FleetPlan | null;
  /** Level 4 and up. */
  readonly loadBalancer: LoadBalancerPlan | null;
  /** Level 4 and up, unless `cdn.enabled` is false. */
  readonly cdn: CdnPlan | null;
  /** Level 2 and up: the primary (shard 0 when sharded), its replicas and proxy. */
  readonly database: DatabasePlan | null;
  /** Level 5 and up with `database.shards`: shards 1..n-1 and the shard map. */
  readonly shards: ShardsPlan | null;
  /** Level 3 and up. */
  readonly cache: CachePlan | null;
  /** Level 5 and up: the app's queues (services' queues live in their ServicePlan). */
  readonly queues: readonly QueuePlan[];
  /** Level 6 and up, ordered by name so that list order in the blueprint changes nothing. */
  readonly services: readonly ServicePlan[];
  /** Level 6 and up: one SNS topic per published event. */
  readonly events: readonly EventPlan[];
  /** Level 7. */
  readonly multiRegion: MultiRegionPlan | null;
  readonly terraform: TerraformPlan;
  readonly retention: RetentionPlan;
}

/** One region and the stack that holds it. */
export interface RegionPlan {
  readonly region: AwsRegion;
  /** Stack name from name, environment and region only, so a level change never renames a stack. */
  readonly stackName: string;
  readonly primary: boolean;
  /** Terraform provider alias for this region (level 7); null for the default provider. */
  readonly providerAlias: string | null;
}

/** How deleted or replaced data stores are treated, and how they are protected. */
export interface RetentionPlan {
  readonly deletionProtection: boolean;
  /** RDS instances: snapshot in production, so a removal still leaves the data. */
  readonly database: RemovalPolicy;
  /** Other data stores (volumes, buckets, queues, caches' final snapshot). */
  readonly dataStores: RemovalPolicy;
  /** Terraform `lifecycle { prevent_destroy }` on stateful resources. */
  readonly preventDestroy: boolean;
}

/** The VPC: public, private and isolated subnets in every zone, laid out identically at every level. */
export interface NetworkPlan {
  readonly id: 'Network';
  readonly tfName: 'network';
  readonly cidr: string;
  readonly maxAzs: number;
  /** 0 below level 4 (nothing runs in the private subnets yet), then the resolved count. */
  readonly natGateways: number;
  /** Subnet prefix lengths; fixed per VPC size so subnets keep their CIDRs when the level changes. */
  readonly subnetMasks: { readonly public: number; readonly private: number; readonly isolated: number };
}

/** The single server of levels 1-3. */
export interface ServerPlan {
  readonly id: 'Server';
  readonly tfName: 'server';
  readonly instanceType: string;
  /** Decides the machine image (Amazon Linux 2023 for arm64 or x86_64). */
  readonly architecture: InstanceArchitecture;
  readonly port: number;
  /** Requests per second one instance serves; used by capacity and advice, not by AWS. */
  readonly rpsPerInstance: number;
  readonly rootVolumeGb: number;
  /** Level 1 only: the database lives on this volume; retained when removed at level 2. */
  readonly dataVolume: DataVolumePlan | null;
}

/** The encrypted EBS volume that holds level 1's data. */
export interface DataVolumePlan {
  readonly id: 'DataVolume';
  readonly tfName: 'data_volume';
  readonly sizeGb: number;
  readonly deviceName: string;
}

/** An Auto Scaling fleet from a launch template (the app's or a service's). */
export interface FleetPlan {
  readonly id: string;
  readonly tfName: string;
  /** "app" for the default app, else the service name. */
  readonly name: string;
  readonly instanceType: string;
  /** Decides the machine image (Amazon Linux 2023 for arm64 or x86_64). */
  readonly architecture: InstanceArchitecture;
  /** Encrypted root volume of each instance. */
  readonly rootVolumeGb: number;
  readonly port: number;
  readonly healthCheckPath: string;
  readonly rpsPerInstance: number;
  readonly min: number;
  readonly max: number;
  readonly desired: number;
  readonly targetCpuPercent: number;
  /** ALBRequestCountPerTarget target, or null for CPU tracking only. */
  readonly requestsPerTarget: number | null;
  readonly warmupSeconds: number;
  /** Scale in slowly: target tracking only scales out; this removes one instance at a time. */
  readonly scaleIn: ScaleInPlan;
  readonly scaleOutCooldownSeconds: number;
  readonly schedules: readonly SchedulePlan[];
}

/**
 * The playbook's "scale out fast, in slowly": when average CPU stays below `cpuBelowPercent` for
 * `evaluationMinutes`, remove one instance, then wait `cooldownSeconds` before the next.
 */
export interface ScaleInPlan {
  readonly cpuBelowPercent: number;
  readonly evaluationMinutes: number;
  readonly cooldownSeconds: number;
}

/** A scheduled scaling action. */
export interface SchedulePlan {
  readonly id: string;
  readonly tfName: string;
  readonly name: string;
  readonly cron: string;
  readonly min: number | null;
  readonly max: number | null;
  readonly desired: number | null;
}

/** The Application Load Balancer in front of every fleet. */
export interface LoadBalancerPlan {
  readonly id: 'LoadBalancer';
  readonly tfName: 'load_balancer';
  /** True when CloudFront is in front: the ALB accepts only CloudFront's origin-facing addresses. */
  readonly cloudFrontOnly: boolean;
}

/** CloudFront with an optional S3 static-assets origin. */
export interface CdnPlan {
  readonly id: 'Cdn';
  readonly tfName: 'cdn';
  readonly priceClass: 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';
  /** Static assets at /static/* from S3 through origin access control; null when off. */
  readonly staticAssets: StaticAssetsPlan | null;
}

/** The S3 bucket of static assets. */
export interface StaticAssetsPlan {
  readonly id: 'StaticAssets';
  readonly tfName: 'static_assets';
  readonly pathPattern: '/static/*';
  /** Level 7: one replica bucket per further region, each the target of a replication rule of this bucket. */
  readonly replicas: readonly StaticAssetsReplicaPlan[];
}

/** A further region's copy of the static assets, filled by S3 replication from the primary bucket. */
export interface StaticAssetsReplicaPlan {
  readonly region: AwsRegion;
  /** Construct id in the region's stack (CloudFormation). */
  readonly id: 'StaticAssetsReplica';
  /** Terraform name, e.g. `static_assets_replica_eu_west_1`. */
  readonly tfName: string;
  /**
   * The bucket name without its last part, the account id (`shop-production-static-eu-west-1`): the
   * primary's replication rule names the bucket before the regional stack exists, so the name is fixed.
   * At most 50 characters, so that `-<12-digit account>` stays within S3's 63.
   */
  readonly bucketNamePrefix: string;
  /** The replication rule's priority, unique per rule, from the region's place in `regions`. */
  readonly rulePriority: number;
}

/** An RDS primary with its replicas and optional proxy. */
export interface DatabasePlan {
  readonly id: string;
  readonly tfName: string;
  /** RDS DBInstanceIdentifier, set from the first level so cross-region replicas can name it. */
  readonly identifier: string;
  readonly engine: 'postgres' | 'mysql';
  readonly engineVersion: string;
  readonly instanceClass: string;
  readonly storageGb: number;
  readonly port: number;
  readonly multiAz: boolean;
  readonly backupRetentionDays: number;
  readonly masterUsername: string;
  readonly replicas: readonly ReplicaPlan[];
  readonly proxy: ProxyPlan | null;
  /** Cross-region replicas (level 7), one per further region. */
  readonly regionalReplicas: readonly RegionalReplicaPlan[];
}

/** A read replica in the primary's region. */
export interface ReplicaPlan {
  readonly id: string;
  readonly tfName: string;
  readonly identifier: string;
}

/** A read replica in another region, encrypted with a key of that region. */
export interface RegionalReplicaPlan {
  readonly id: string;
  readonly tfName: string;
  readonly identifier: string;
  readonly region: AwsRegion;
}

/** RDS Proxy for connection pooling. */
export interface ProxyPlan {
  readonly id: string;
  readonly tfName: string;
  readonly name: string;
}

/** Shards beyond shard 0, and the map the routing layer reads. */
export interface ShardsPlan {
  readonly strategy: 'hash' | 'range' | 'directory' | 'geo';
  readonly key: string;
  /** Shards 1..n-1; shard 0 is `ArchitecturePlan.database`. */
  readonly shards: readonly ShardPlan[];
  /** The map published in SSM Parameter Store, endpoints excluded (they are published per shard). */
  readonly map: ShardMap;
  /** SSM parameter holding the map. */
  readonly mapParameterName: string;
}

/** One shard: a primary with its own replicas and proxy. */
export interface ShardPlan {
  readonly index: number;
  readonly database: DatabasePlan;
}

/** The routing layer's view of the shards; documented in the README. */
export type ShardMap =
  | { readonly version: 1; readonly strategy: 'hash'; readonly key: string; readonly shardCount: number; readonly endpointsPrefix: string;
      readonly ring: { readonly hash: 'fnv1a-32-fmix32'; readonly virtualNodes: number; readonly nodes: readonly string[] } }
  | { readonly version: 1; readonly strategy: 'range'; readonly key: string; readonly shardCount: number; readonly endpointsPrefix: string;
      readonly ranges: readonly { readonly shard: number; readonly from: number; readonly to: number | null }[] }
  | { readonly version: 1; readonly strategy: 'directory'; readonly key: string; readonly shardCount: number; readonly endpointsPrefix: string;
      readonly directory: { readonly shard: 0; readonly table: string; readonly cacheKeyPrefix: string } }
  | { readonly version: 1; readonly strategy: 'geo'; readonly key: string; readonly shardCount: number; readonly endpointsPrefix: string;
      readonly geo: Readonly<Record<string, number>>; readonly defaultShard: number };

/** An ElastiCache replication group. */
export interface CachePlan {
  readonly id: string;
  readonly tfName: string;
  /** ReplicationGroupId: at most 40 characters. */
  readonly replicationGroupId: string;
  readonly engine: 'redis' | 'valkey';
  readonly engineVersion: string;
  readonly nodeType: string;
  readonly replicas: number;
  /** True exactly when there is a replica to fail over to. */
  readonly automaticFailover: boolean;
  readonly multiAz: boolean;
  readonly strategy: 'cache-aside' | 'write-through' | 'write-behind';
  readonly ttlSeconds: number;
  readonly port: 6379;
  /**
   * The global datastore this cache belongs to (level 7 with `multiRegion.globalCache`, the app's cache
   * only): the primary region's cache creates it, each further region's cache joins it.
   */
  readonly globalDatastore: GlobalCachePlan | null;
}

/** An SQS queue with its dead-letter queue and optional workers. */
export interface QueuePlan {
  readonly id: string;
  readonly tfName: string;
  readonly name: string;
  /** Physical queue name (with .fifo for FIFO queues). */
  readonly queueName: string;
  readonly deadLetterQueueName: string;
  readonly fifo: boolean;
  readonly maxReceiveCount: number;
  readonly visibilityTimeoutSeconds: number;
  readonly retentionDays: number;
  readonly worker: WorkerPlan | null;
  /** SSM parameter holding the queue URL, for the app and workers to find it. */
  readonly urlParameterName: string;
  /** Set for queues that receive an SNS event. */
  readonly subscribesTo: string | null;
}

/** Workers consuming a queue, scaled on backlog per instance, from zero. */
export interface WorkerPlan {
  readonly id: string;
  readonly tfName: string;
  readonly instanceType: string;
  /** Decides the machine image (Amazon Linux 2023 for arm64 or x86_64). */
  readonly architecture: InstanceArchitecture;
  readonly min: number;
  readonly max: number;
  readonly backlogPerInstance: number;
}

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

/** An SNS topic for one event, fanned out to its subscribers' inbox queues. */
export interface EventPlan {
  readonly name: string;
  readonly id: string;
  readonly tfName: string;
  readonly topicName: string;
  /** SSM parameter holding the topic ARN, for publishers to find it. */
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

/** Terraform-only settings. */
export interface TerraformPlan {
  readonly awsProviderVersion: string;
  readonly backend: { readonly bucket: string; readonly key: string; readonly region: string; readonly dynamodbTable: string | null } | null;
}
