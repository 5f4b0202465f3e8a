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
  /**
   * Decides the machine image (Amazon Linux 2023 for arm64 or x86_64), and a change of it replaces the server in both
   * engines: EC2 changes an instance's type only within its image's architecture
   * (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resize-limitations.html). CloudFormation replaces it through
   * its new ImageId; Terraform, which ignores Amazon Linux image updates, through a `terraform_data` holding this value
   * that the instance's `replace_triggered_by` names.
   */
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
  /** Who reaches it: anyone (plain HTTP on its Elastic IP, or HTTPS on the domain), or CloudFront only (a domain with a CDN). */
  readonly viewers: 'internet' | 'cloudfront';
  /** Ports it admits viewers on: 80 and 443 from the internet, or 443 from CloudFront. */
  readonly publicPorts: readonly number[];
  /** With a domain: HTTPS in front of the app, with a certificate the server obtains itself; null without one. */
  readonly tls: ServerTlsPlan | null;
  /** Behind CloudFront: requests without the distribution's secret header are refused (403); null otherwise. */
  readonly originProof: OriginProofPlan | null;
}

/**
 * HTTPS on the single server: ACM certificates cannot be installed on an instance, so the server obtains one
 * from Let's Encrypt by a DNS-01 challenge in the hosted zone (no inbound port needed), renews it itself, and a
 * reverse proxy on 443 forwards to the app's port.
 * https://docs.aws.amazon.com/acm/latest/userguide/acm-services.html (ACM integrates with CloudFront and ELB, not EC2)
 */
export interface ServerTlsPlan {
  /** The name the certificate covers: the domain's `originName`. */
  readonly domainName: string;
  readonly hostedZone: string;
  /** The TXT record the challenge writes; the server's role may change only this name. */
  readonly challengeRecordName: string;
  /** Port 80 redirects to HTTPS (only when viewers reach the server directly). */
  readonly redirectHttp: boolean;
}

/** The encrypted EBS volume that holds level 1's data. */
export interface DataVolumePlan {
  readonly id: 'DataVolume';
  readonly tfName: 'data_volume';
  readonly sizeGb: number;
  readonly deviceName: string;
  /**
   * Detaching it (the 1 → 2 climb, a replaced server) stops the server first, so the database on it is shut down and
   * the filesystem unmounted before EC2 detaches it; detaching a mounted volume can leave it `busy` or its filesystem
   * damaged (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-detaching-volume.html). Terraform's attachment says so
   * (`stop_instance_before_detaching`); CloudFormation's instance `Volumes` has no such setting, so the migrations
   * `diff` prints stop the database and unmount the volume by hand before the deploy.
   */
  readonly stopInstanceBeforeDetaching: true;
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
  /**
   * Auto Scaling group metrics the group publishes to CloudWatch (1-minute granularity), so alarms can compare
   * in-service instances with the maximum. Off by default in AWS.
   * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-metrics.html
   */
  readonly groupMetrics: readonly string[];
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
  /** Auto Scaling group metrics the workers' group publishes (see {@link FleetPlan.groupMetrics}). */
  readonly groupMetrics: readonly string[];
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
  /** The listeners: one that serves (HTTP 80 without a domain, HTTPS 443 with one), and HTTP 80 redirecting to it when viewers reach the load balancer directly over HTTPS. */
  readonly listeners: readonly ListenerPlan[];
  /**
   * Behind CloudFront: the serving listener's default action is a 403, and each rule (the app's at
   * {@link appRulePriority}, each service's) also requires the distribution's secret header; null without a CDN.
   */
  readonly originProof: OriginProofPlan | null;
  /** Priority of the app's rule when the origin proof is on: after every service's. */
  readonly appRulePriority: number;
  /**
   * Level 7 with the origin proof: Route 53 health checks cannot send a header, so the health path is forwarded
   * without one (at this priority, before every other rule); null otherwise.
   */
  readonly healthCheckRule: { readonly path: string; readonly priority: number } | null;
}

/** One listener of the load balancer. */
export interface ListenerPlan {
  readonly id: 'Http' | 'Https';
  readonly tfName: 'http' | 'https';
  readonly port: 80 | 443;
  readonly protocol: 'HTTP' | 'HTTPS';
  /** `serve`: the app's and services' rules; `redirect-to-https`: a 301 to the same URL on 443. */
  readonly action: 'serve' | 'redirect-to-https';
  /** HTTPS: ACM's certificate for the domain's `originName` in the load balancer's region; null for HTTP. */
  readonly certificate: CertificatePlan | null;
}

/** An ACM certificate validated through DNS records in the blueprint's hosted zone. */
export interface CertificatePlan {
  readonly id: string;
  readonly tfName: string;
  readonly domainName: string;
}

/** The blueprint's own domain: `domain`, or at level 7 `multiRegion.domainName`. */
export interface DomainPlan {
  readonly name: string;
  readonly hostedZone: string;
  /** `domain.hostedZoneId`, or null: CloudFormation then looks the zone up by name at deploy time, Terraform always does. */
  readonly hostedZoneId: string | null;
  /** The name the origin answers to and holds a certificate for: `origin.<name>` behind CloudFront, else `name` itself. */
  readonly originName: string;
  /**
   * CloudFront's certificate for `name`. CloudFront reads certificates only from us-east-1:
   * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html
   * Null without a CDN.
   */
  readonly viewerCertificate: CertificatePlan | null;
  /** CloudFormation: the us-east-1 stack that holds the viewer certificate when the primary region is another; else null. */
  readonly certificateStack: { readonly stackName: string; readonly region: 'us-east-1' } | null;
  /**
   * `name` → the distribution (A and AAAA aliases), or without a CDN the load balancer or the server. Null at
   * level 7 without a CDN: viewers then use the health-checked origin name.
   */
  readonly viewerRecord: DomainRecordPlan | null;
  /**
   * `originName` → the server's Elastic IP (levels 1-3), the load balancer (4-6) or, at level 7, an alias to
   * multiRegion's health-checked records (`routedName`), behind a CDN. The same ids and the same simple record
   * at every level, so climbing only repoints it: Route 53 refuses failover records beside a simple record of
   * the same name and type, so level 7's records take a name of their own. Null without a CDN.
   * https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/resource-record-sets-choosing-alias-non-alias.html
   */
  readonly originRecord: DomainRecordPlan | null;
}

/** A Route 53 record tierup creates in the hosted zone. */
export interface DomainRecordPlan {
  readonly id: string;
  readonly tfName: string;
  readonly name: string;
  /** `routed`: level 7's origin record, an alias to multiRegion's health-checked records (`routedName`) in the same zone. */
  readonly target: 'cdn' | 'load-balancer' | 'server' | 'routed';
  /** A plain record's TTL (the server's address); alias records take their target's. Short, so a climb's change is seen soon. */
  readonly ttlSeconds: number;
}

/**
 * The proof that a request came through this blueprint's distribution: the origin-facing prefix list admits
 * every account's CloudFront, so CloudFront adds a secret header and the origin refuses requests without it.
 * Three versions are accepted at once: the one sent, the one before it (edges still sending it while a
 * rotation propagates) and the one after it, created a rotation early, so that when `cdn.originSecretVersion`
 * is raised by one every origin (each region's load balancer, the server) already accepts the new value,
 * whatever order the stacks deploy in. At most 5 condition values per rule: a service's path + 3 headers.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/restrict-access-to-load-balancer.html
 */
export interface OriginProofPlan {
  readonly headerName: 'X-Origin-Verify';
  /** The version CloudFront sends. */
  readonly current: OriginSecretPlan;
  /** The version before it, still accepted; null at version 1. */
  readonly previous: OriginSecretPlan | null;
  /** The version after it, already accepted, so the next rotation needs no ordering between stacks. */
  readonly next: OriginSecretPlan;
}

/** One version of the origin secret: a generated value in Secrets Manager. */
export interface OriginSecretPlan {
  readonly version: number;
  readonly id: string;
  readonly tfName: string;
  /** Its fixed name, unique per account (app and environment in it): the regional stacks and the server read it by name. */
  readonly name: string;
  /** Level 7: replicated into the further regions, whose load balancers read it there (CloudFormation). */
  readonly replicaRegions: readonly AwsRegion[];
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
  /** The secret header CloudFront sends (see {@link OriginProofPlan}). */
  readonly originProof: OriginProofPlan;
  /**
   * Whether the origin requires it (`cdn.requireOriginSecret`): false for the one deploy that brings the header
   * to a stack deployed without it, so every edge sends it before the load balancer refuses requests lacking it.
   */
  readonly requireOriginSecret: boolean;
  /** How CloudFront reaches the origin: HTTPS to the domain's origin name, else HTTP to the load balancer's own name. */
  readonly originProtocol: 'https' | 'http';
  /** The viewer names (`domain.name`) with the us-east-1 certificate; empty without a domain (CloudFront's own name and certificate). */
  readonly aliases: readonly string[];
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
