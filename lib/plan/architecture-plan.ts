import type { AwsRegion, Level, LevelName } from '../spec';
import type { CdnPlan, DataVolumePlan, DomainPlan, FleetPlan, LoadBalancerPlan, ServerPlan } from './compute-plan';
import type { CachePlan, DatabasePlan, QueuePlan, ReplicaKeyPlan, ShardsPlan } from './data-plan';
import type { EventPlan, MultiRegionPlan, ServicePlan } from './service-plan';
import type { WiringPlan } from './wiring/wiring-graph';
import type { OverridePlan } from './override-plan';
import type { MonitoringPlan } from './monitoring/monitoring-plan';

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
  /** Level 4 and up, and every level with a domain, unless `cdn.enabled` is false. */
  readonly cdn: CdnPlan | null;
  /** The blueprint's own domain over HTTPS (`domain`, or level 7's `multiRegion.domainName`); null without one. */
  readonly domain: DomainPlan | null;
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
  /** Who reaches whom on which port, who may do what, and which settings each tier is told (lib/plan/wiring). */
  readonly wiring: WiringPlan;
  /** What each region watches (alarms from the capacity model, topics, logs, dashboards) and whom it tells (lib/plan/monitoring). */
  readonly monitoring: MonitoringPlan;
  /** The blueprint's overrides, applied by each renderer after it has built everything else. */
  readonly overrides: readonly OverridePlan[];
}

/** One region and the stack that holds it. */
export interface RegionPlan {
  readonly region: AwsRegion;
  /** Stack name from name, environment and region only, so a level change never renames a stack. */
  readonly stackName: string;
  readonly primary: boolean;
  /** Terraform provider alias for this region (level 7); null for the default provider. */
  readonly providerAlias: string | null;
  /** A further region's key of its cross-region read replicas (level 7); null in the primary region and below level 7. */
  readonly replicaKey: ReplicaKeyPlan | null;
  /** The team's VPC in this region (`network.vpcId`, `network.regions`); null when tierup creates the region's VPC. */
  readonly existingVpc: ExistingVpcPlan | null;
}

/**
 * The team's own VPC in one region, by the ids and zones the blueprint gives (no lookup at synth time). tierup
 * creates no VPC, subnet, route table, NAT gateway or flow log in it: only its security groups, its own
 * resources in the subnets below and, when `secretsEndpoint` says so, the Secrets Manager endpoint.
 */
export interface ExistingVpcPlan {
  readonly vpcId: string;
  /** The zones every tier spreads over, in the order of the public subnets (the server runs in the first). */
  readonly zones: readonly string[];
  /** Subnet ids per tier, one per zone in `zones` order; empty for a tier the blueprint leaves out (the level uses none). */
  readonly subnets: { readonly public: readonly string[]; readonly private: readonly string[]; readonly isolated: readonly string[] };
  /**
   * tierup's Secrets Manager interface endpoint in the isolated subnets (`secretsManagerEndpoint: create`), with
   * private DNS, admitting HTTPS from the VPC's block; null without a database or when the team's own serves them.
   */
  readonly secretsEndpoint: { readonly serviceName: string; readonly admittedCidr: string } | null;
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

/**
 * The VPC: public, private and isolated subnets in every zone, laid out identically at every level. In the team's
 * own VPC (each region's `existingVpc`) tierup lays out nothing: `natGateways` is 0, `maxAzs` the zones given,
 * and `cidr` and `subnetMasks` describe nothing deployed.
 */
export interface NetworkPlan {
  readonly id: 'Network';
  readonly tfName: 'network';
  readonly cidr: string;
  readonly maxAzs: number;
  /** 0 below level 4 (nothing runs in the private subnets yet), then the resolved count. */
  readonly natGateways: number;
  /** Subnet prefix lengths; fixed per VPC size so subnets keep their CIDRs when the level changes. */
  readonly subnetMasks: { readonly public: number; readonly private: number; readonly isolated: number };
  /**
   * A Secrets Manager interface endpoint in the isolated subnets, when the blueprint has a database: the
   * password rotation functions run there, with no route out. https://docs.aws.amazon.com/secretsmanager/latest/userguide/vpc-endpoint-overview.html
   * In the team's VPC only with `secretsManagerEndpoint: create` (see ExistingVpcPlan).
   */
  readonly secretsEndpoint: boolean;
}

/** Terraform-only settings. */
export interface TerraformPlan {
  readonly awsProviderVersion: string;
  /** An S3 backend, locked with S3's own lock file (`use_lockfile`); null for local state. */
  readonly backend: { readonly bucket: string; readonly key: string; readonly region: string } | null;
}

// The parts, one file per concern; re-exported here so the plan stays one import.
export type { ServerPlan, ServerTlsPlan, ListenerPlan, CertificatePlan, DomainPlan, DomainRecordPlan, OriginProofPlan, OriginSecretPlan, DataVolumePlan, DataVolumeSnapshotsPlan, FleetPlan, ScaleInPlan, SchedulePlan, WorkerPlan, LoadBalancerPlan, CdnPlan, StaticAssetsPlan, StaticAssetsReplicaPlan } from './compute-plan';
export type { DatabasePlan, CredentialsPlan, RotatorPlan, ReplicaPlan, RegionalReplicaPlan, ProxyPlan, ShardsPlan, ShardPlan, ShardMap, CachePlan, CacheAccessControlPlan, CacheUserPlan, QueuePlan, ReplicaKeyPlan } from './data-plan';
export type { ServicePlan, EventPlan, MultiRegionPlan, GlobalCachePlan, RegionRecordPlan } from './service-plan';
