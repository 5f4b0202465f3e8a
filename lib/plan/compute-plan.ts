import type { AwsRegion } from '../spec';
import type { LocalDatabasePlan } from './boot/local-database';
import type { RuntimePlan } from './boot/runtime-plan';
import type { InstanceArchitecture } from './instance-architecture';

// Plans of what serves requests: the server, fleets and workers, the load balancer and the CDN.

/** The single server of levels 1-3. */
export interface ServerPlan {
  readonly id: 'Server';
  readonly tfName: 'server';
  readonly instanceType: string;
  /** Decides the machine image (Amazon Linux 2023 for arm64 or x86_64). */
  readonly architecture: InstanceArchitecture;
  readonly port: number;
  /** Path the boot script probes before the server counts as ready. */
  readonly healthCheckPath: string;
  /** Requests per second one instance serves; used by capacity and advice, not by AWS. */
  readonly rpsPerInstance: number;
  readonly rootVolumeGb: number;
  /** Level 1 only: the database lives on this volume; retained when removed at level 2. */
  readonly dataVolume: DataVolumePlan | null;
  /** Level 1 only: the engine the server runs on the data volume (`database.engine`). */
  readonly localDatabase: LocalDatabasePlan | null;
  /** What the server runs: the blueprint's image or AMI, or the built-in probe. */
  readonly runtime: RuntimePlan;
}

/** The encrypted EBS volume that holds level 1's data. */
export interface DataVolumePlan {
  readonly id: 'DataVolume';
  readonly tfName: 'data_volume';
  readonly sizeGb: number;
  readonly deviceName: string;
  /** Daily snapshots by Data Lifecycle Manager, of the volumes carrying this tag. */
  readonly snapshots: DataVolumeSnapshotsPlan;
}

/** A Data Lifecycle Manager policy: one snapshot a day of the tagged volume, the last `retainCount` kept. */
export interface DataVolumeSnapshotsPlan {
  readonly id: 'DataVolumeSnapshots';
  readonly tfName: 'data_volume_snapshots';
  /** Tag key and value that select this blueprint's data volume (and no other blueprint's). */
  readonly tagKey: 'tierup:snapshots';
  readonly tagValue: string;
  /** UTC time of day, HH:MM. */
  readonly timeUtc: string;
  readonly retainCount: number;
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
  /** HTTP codes the target group counts healthy: 200 only, so a health path that redirects (to a login page) fails. */
  readonly healthyHttpCodes: string;
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
  /** What the fleet's instances run; a new image or AMI rolls through the fleet as a release. */
  readonly runtime: RuntimePlan;
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
  /** Metric math of the backlog-per-instance target tracking (m1 visible messages, m2 in-service workers). */
  readonly backlogExpression: string;
  /** What the workers run; the built-in probe never touches messages. */
  readonly runtime: RuntimePlan;
  /** Backlog scaling only for workers that process messages (an image or an AMI), never for the probe. */
  readonly backlogScaling: boolean;
}

/** The Application Load Balancer in front of every fleet. */
export interface LoadBalancerPlan {
  readonly id: 'LoadBalancer';
  readonly tfName: 'load_balancer';
  /** True when CloudFront is in front: the ALB accepts only CloudFront's origin-facing addresses. */
  readonly cloudFrontOnly: boolean;
  /** ELB deletion protection: on where data stores are protected (production). */
  readonly deletionProtection: boolean;
  /**
   * Level 7: Route 53's health checkers are admitted by a security group of their own. An AWS-managed
   * prefix list counts as its maximum entries against a group's 60 inbound rules (CloudFront's
   * origin-facing list 55, Route 53's health checkers 25), so the two cannot share one group.
   * https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-prefix-lists.html
   */
  readonly healthCheckerGroup: boolean;
}

/** CloudFront with an optional S3 static-assets origin. */
export interface CdnPlan {
  readonly id: 'Cdn';
  readonly tfName: 'cdn';
  readonly priceClass: 'PriceClass_100' | 'PriceClass_200' | 'PriceClass_All';
  /** CloudFront compresses responses (gzip and Brotli) on every behaviour, the app's included. */
  readonly compress: boolean;
  /** Static assets at /static/* from S3 through origin access control; null when off. */
  readonly staticAssets: StaticAssetsPlan | null;
}

/** The S3 bucket of static assets. */
export interface StaticAssetsPlan {
  readonly id: 'StaticAssets';
  readonly tfName: 'static_assets';
  readonly pathPattern: '/static/*';
  /**
   * Name of the Terraform target's origin access control (`shop-prod-static-assets`): unique per account,
   * as CloudFront requires, so two blueprints share one. (aws-cdk-lib derives a unique one itself.)
   * https://docs.aws.amazon.com/cloudfront/latest/APIReference/API_OriginAccessControlConfig.html
   */
  readonly originAccessControlName: string;
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
