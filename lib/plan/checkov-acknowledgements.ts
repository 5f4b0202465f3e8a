import type { ArchitecturePlan } from './architecture-plan';

/** The engines checkov scans: CloudFormation templates and Terraform (the HCL `synth --hcl` writes). */
export type CheckovEngine = 'cloudformation' | 'terraform';

/**
 * What an acknowledgement applies to, by plan concept. Each renderer maps a concept to its own resources
 * (lib/render/cfn/checkov-skips.ts, lib/render/tf/hcl-checkov-skips.ts); a concept names a kind of resource,
 * so resources added later (alarms, topics, keys, log groups) are covered by the concept of their kind.
 */
export type CheckovTarget =
  | 'server instance' | 'server web ingress' | 'http listener' | 'load balancer' | 'load balancer cloudfront ingress' | 'target group'
  | 'distribution' | 'access-log bucket' | 'access-log ownership' | 'access-log lifecycle' | 'static-assets bucket' | 'bucket'
  | 'database primary' | 'read replica' | 'cross-region replica' | 'secret' | 'origin secret' | 'log group' | 'flow log group' | 'queue' | 'topic'
  | 'cache' | 'data volume' | 'fleet' | 'setting parameter' | 'vpc' | 'zone lookup' | 'attached security group'
  | 'aws-cdk-lib function' | 'server permissions';

/** Why tierup accepts one checkov check failing on one kind of resource. */
export interface CheckovAcknowledgement {
  /** checkov's check ids (`CKV_AWS_27`); one entry may answer several checks that ask the same thing. */
  readonly checks: readonly string[];
  /** What the check asks, in words (for docs/security.md). */
  readonly asks: string;
  /** The engines whose checkov check fails here: a check may exist for one engine only, or fail in one only. */
  readonly engines: readonly CheckovEngine[];
  readonly targets: readonly CheckovTarget[];
  /** The reason a security reviewer reads: written into the skip (CloudFormation metadata, Terraform comment). */
  readonly reason: string;
  /** Whether the blueprint makes the acknowledgement needed (a domain gives the listener HTTPS, ...). */
  readonly when: (plan: ArchitecturePlan) => boolean;
}

const always = (): boolean => true;
const withoutDomain = (plan: ArchitecturePlan): boolean => plan.domain === null;
const outsideProduction = (plan: ArchitecturePlan): boolean => plan.environment !== 'production';
// checkov's CKV_AWS_338 asks for a year (365 days) or more.
const keepsLogsUnderAYear = (plan: ArchitecturePlan): boolean => plan.monitoring.regions.some((region) => region.logGroups.some((group) => group.retentionDays < 365));
const DEFAULT_CERTIFICATE = 'Without `domain` viewers use the default *.cloudfront.net certificate, whose minimum protocol CloudFront fixes itself (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html); with a domain the distribution uses its ACM certificate with TLSv1.2_2021.';
const NO_WEB_ACL = 'A web ACL\'s rules depend on the app and cost per request; tierup attaches none by default (the load balancer admits CloudFront only when the CDN is on). Attach one when the team has chosen its rules.';
const RDS_METRICS = 'tierup watches RDS with CloudWatch\'s standard metrics, which its alarms read; Enhanced Monitoring\'s OS metrics cost per instance and need a monitoring role, and Performance Insights is not offered on every instance class a blueprint may choose.';
const BOTH: readonly CheckovEngine[] = ['cloudformation', 'terraform'];
const CFN: readonly CheckovEngine[] = ['cloudformation'];
const TF: readonly CheckovEngine[] = ['terraform'];

/**
 * Every checkov check tierup acknowledges rather than meets, as data, for both engines: each renderer writes
 * the entries that apply to a blueprint as checkov's own skip form on the resources of their targets
 * (CloudFormation `Metadata.checkov.skip`, Terraform `#checkov:skip=` comments:
 * https://www.checkov.io/2.Basics/Suppressing%20and%20Skipping%20Policies.html), and docs/security.md lists
 * them (a test keeps the two in sync). Checks not listed here pass, or fail the test suite.
 */
export const CHECKOV_ACKNOWLEDGEMENTS = {
  serverPublicAddress: {
    checks: ['CKV_AWS_88'], asks: 'EC2 instances have no public IP address', engines: BOTH, targets: ['server instance'], when: always,
    reason: 'Levels 1-3 serve the web from this one instance through its Elastic IP; its security group opens 80 and 443 only, there is no SSH or key pair (Session Manager is the way in), and level 4 moves the app behind a load balancer into private subnets.',
  },
  serverOpenToWeb: {
    checks: ['CKV_AWS_260'], asks: 'no security group admits 0.0.0.0/0 on port 80', engines: BOTH, targets: ['server web ingress'], when: always,
    reason: 'The level 1-3 server is the public entry point: HTTP is open so that it can answer (and, with a domain, redirect to HTTPS); no other port is open to the internet.',
  },
  cloudFrontPrefixListRule: {
    checks: ['CKV_AWS_260'], asks: 'no security group admits 0.0.0.0/0 on port 80', engines: TF, targets: ['load balancer cloudfront ingress'], when: always,
    reason: 'This rule admits CloudFront\'s origin-facing managed prefix list only (prefix_list_id), not 0.0.0.0/0; checkov\'s Terraform check reads a rule without cidr_ipv4 as open.',
  },
  httpListenerWithoutDomain: {
    checks: ['CKV_AWS_2', 'CKV_AWS_103'], asks: 'load balancer listeners use HTTPS with a TLS 1.2+ policy', engines: BOTH, targets: ['http listener'], when: withoutDomain,
    reason: 'Without `domain` there is no name to hold a certificate, so the load balancer listens on HTTP: it admits only CloudFront\'s origin-facing prefix list (and the origin proof header), viewers use HTTPS to CloudFront, and the hop stays on AWS\'s network. With a domain the listener is HTTPS (TLS 1.2+ policy) and HTTP redirects.',
  },
  httpRedirectWithoutDomain: {
    checks: ['CKV2_AWS_20'], asks: 'the load balancer redirects HTTP to HTTPS', engines: TF, targets: ['load balancer'], when: withoutDomain,
    reason: 'Without `domain` the load balancer has no certificate and serves HTTP to CloudFront only (see CKV_AWS_2); viewers are redirected to HTTPS by CloudFront.',
  },
  distributionDefaultCertificate: {
    checks: ['CKV_AWS_174'], asks: 'CloudFront uses TLS 1.2+ for viewers', engines: BOTH, targets: ['distribution'], when: withoutDomain,
    reason: DEFAULT_CERTIFICATE,
  },
  distributionCustomCertificate: {
    checks: ['CKV2_AWS_42'], asks: 'CloudFront uses a custom certificate', engines: TF, targets: ['distribution'], when: withoutDomain,
    reason: DEFAULT_CERTIFICATE,
  },
  webApplicationFirewall: {
    checks: ['CKV_AWS_68'], asks: 'CloudFront has a WAF web ACL', engines: BOTH, targets: ['distribution'], when: always,
    reason: NO_WEB_ACL,
  },
  webApplicationFirewallRules: {
    checks: ['CKV2_AWS_47', 'CKV2_AWS_28'], asks: 'CloudFront\'s web ACL has the Log4j rule set; public load balancers have a web ACL', engines: TF, targets: ['distribution', 'load balancer'], when: always,
    reason: NO_WEB_ACL,
  },
  distributionExtras: {
    checks: ['CKV2_AWS_32', 'CKV_AWS_305', 'CKV_AWS_310', 'CKV_AWS_374'], asks: 'CloudFront has a response headers policy, a default root object, origin failover and geo restriction', engines: TF, targets: ['distribution'], when: always,
    reason: 'These are the app\'s decisions, not the infrastructure\'s: security headers (a CSP) depend on the app\'s pages, `/` is answered by the app, not an object, level 7 fails over in DNS (Route 53 health checks), and where the app may be served is a business decision.',
  },
  distributionWithoutBucketOrigin: {
    checks: ['CKV2_AWS_46'], asks: 'CloudFront reaches S3 origins through origin access', engines: TF, targets: ['distribution'], when: (plan) => plan.cdn !== null && plan.cdn.staticAssets === null,
    reason: 'This distribution has no S3 origin (no static assets): the bucket checkov connects it to is the access-log bucket its standard logs go to. The static-assets origin, when there is one, uses origin access control.',
  },
  accessLogBucket: {
    checks: ['CKV_AWS_18', 'CKV_AWS_21'], asks: 'S3 buckets log access and keep versions', engines: BOTH, targets: ['access-log bucket'], when: always,
    reason: 'This bucket receives the load balancer\'s, CloudFront\'s and S3\'s access logs: it cannot log to itself, and its objects are written once by the delivery services and expired after a year by its lifecycle rule, so versions would only keep expired logs longer.',
  },
  accessLogAcls: {
    checks: ['CKV2_AWS_65'], asks: 'S3 bucket ACLs are disabled', engines: TF, targets: ['access-log ownership'], when: always,
    reason: 'CloudFront standard logging delivers logs with an ACL and needs ACLs enabled on its bucket (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html); the bucket still blocks all public access.',
  },
  accessLogMultipartUploads: {
    checks: ['CKV_AWS_300'], asks: 'S3 lifecycle rules abort incomplete multipart uploads', engines: TF, targets: ['access-log lifecycle'], when: always,
    reason: 'AWS\'s log delivery writes whole objects; no multipart upload is started in this bucket.',
  },
  bucketExtras: {
    checks: ['CKV_AWS_144', 'CKV_AWS_145', 'CKV2_AWS_62', 'CKV2_AWS_61'], asks: 'S3 buckets replicate across regions, use KMS keys, send event notifications and have lifecycle rules', engines: TF, targets: ['access-log bucket', 'static-assets bucket', 'bucket'], when: always,
    reason: 'Buckets use SSE-S3, the only encryption load balancer access logs support (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html); static assets are replicated to each region at level 7 and are the app\'s content (no expiry); no consumer needs events.',
  },
  replicaStorageEncrypted: {
    checks: ['CKV_AWS_16'], asks: 'RDS storage is encrypted', engines: CFN, targets: ['read replica'], when: always,
    reason: 'A read replica inherits storage encryption from its encrypted primary (cross-region ones use their region\'s RDS key); CloudFormation rejects StorageEncrypted on a replica. checkov\'s Terraform check does not test replicas.',
  },
  enhancedMonitoring: {
    checks: ['CKV_AWS_118'], asks: 'RDS has Enhanced Monitoring', engines: BOTH, targets: ['database primary', 'read replica'], when: always,
    reason: RDS_METRICS,
  },
  performanceInsights: {
    checks: ['CKV_AWS_353'], asks: 'RDS has Performance Insights', engines: TF, targets: ['database primary', 'read replica'], when: always,
    reason: RDS_METRICS,
  },
  replicaSingleAz: {
    checks: ['CKV_AWS_157'], asks: 'RDS instances are Multi-AZ', engines: BOTH, targets: ['read replica'], when: always,
    reason: 'Read replicas serve reads only: availability of writes comes from the primary (Multi-AZ in production), and a lost replica is rebuilt from the primary while the others serve.',
  },
  databaseSingleAzOutsideProduction: {
    checks: ['CKV_AWS_157'], asks: 'RDS instances are Multi-AZ', engines: BOTH, targets: ['database primary'], when: outsideProduction,
    reason: 'Multi-AZ doubles the instance cost; tierup turns it on in production only, and this blueprint\'s environment is not production.',
  },
  deletionProtectionOutsideProduction: {
    checks: ['CKV_AWS_293', 'CKV_AWS_150'], asks: 'databases and load balancers have deletion protection', engines: TF, targets: ['database primary', 'read replica', 'load balancer'], when: outsideProduction,
    reason: 'Deletion protection is on in production only, so staging and development stacks can be deleted.',
  },
  replicaExtras: {
    checks: ['CKV2_AWS_60', 'CKV_AWS_129'], asks: 'RDS copies tags to snapshots and exports its logs', engines: TF, targets: ['read replica', 'cross-region replica'], when: always,
    reason: 'Replicas take no snapshots of their own (backups are the primary\'s, which copies tags), and the primary and same-region replicas export the engine\'s logs; a cross-region replica\'s would be a second copy of the same statements.',
  },
  secretsAwsManagedKey: {
    checks: ['CKV_AWS_149'], asks: 'Secrets Manager secrets use a customer-managed KMS key', engines: BOTH, targets: ['secret', 'origin secret'], when: always,
    reason: 'Secrets use aws/secretsmanager, AWS\'s key for the service in each region; a customer key would need a replica key in every region a secret is copied to, and adds nothing against a reader who may already call GetSecretValue.',
  },
  originSecretRotation: {
    checks: ['CKV2_AWS_57'], asks: 'Secrets Manager secrets rotate automatically', engines: TF, targets: ['origin secret'], when: always,
    reason: 'Rotation is `cdn.originSecretVersion` (docs/security.md, the origin proof): an automatic rotation would change the value outside Terraform, where CloudFront\'s header and the load balancer\'s rules could not follow it.',
  },
  flowLogServiceKey: {
    checks: ['CKV_AWS_158'], asks: 'CloudWatch log groups use a KMS key', engines: BOTH, targets: ['flow log group'], when: always,
    reason: 'VPC flow log records are connection metadata (addresses, ports, protocol, packet and byte counts, accept or reject: https://docs.aws.amazon.com/vpc/latest/userguide/flow-log-records.html), never payload, and CloudWatch Logs encrypts them at rest with its own keys (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html). The log groups that may hold the app\'s data (the CloudWatch agent\'s) are encrypted with the region\'s monitoring key.',
  },
  logRetentionUnderAYear: {
    checks: ['CKV_AWS_338'], asks: 'CloudWatch log groups keep events for a year or more', engines: TF, targets: ['log group'], when: keepsLogsUnderAYear,
    reason: 'The CloudWatch agent\'s log groups (the app\'s, the web server\'s, the workers\') keep 90 days in production and 14 elsewhere: they serve debugging and the request counts of levels 1-3, whose metrics CloudWatch keeps for 15 months. The load balancer\'s and CloudFront\'s access logs stay a year in the access-log bucket, the VPC\'s flow logs a year. checkov\'s CloudFormation checks ask only for a retention, which every group has.',
  },
  queueSqsManagedKeys: {
    checks: ['CKV_AWS_27'], asks: 'SQS queues are encrypted', engines: CFN, targets: ['queue'], when: always,
    reason: 'Queues are encrypted with SQS-managed keys (SqsManagedSseEnabled), which SNS topics can deliver to; checkov\'s CloudFormation check counts only KmsMasterKeyId, its Terraform check counts both.',
  },
  customerKeys: {
    checks: ['CKV_AWS_189', 'CKV_AWS_191'], asks: 'EBS volumes and ElastiCache use customer-managed KMS keys', engines: TF, targets: ['data volume', 'cache'], when: always,
    reason: 'Both are encrypted at rest with AWS-managed keys (aws/ebs, ElastiCache\'s default key); a customer key adds a key policy and a monthly cost per key, and no protection from a principal already allowed to use the resource.',
  },
  cacheSingleNode: {
    checks: ['CKV2_AWS_50'], asks: 'Redis replication groups fail over automatically across zones', engines: TF, targets: ['cache'], when: (plan) => (plan.cache?.replicas ?? 1) === 0 || plan.services.some((service) => service.cache?.replicas === 0),
    reason: 'Multi-AZ failover needs a replica, and this blueprint sets no replicas for the cache: a cache loss costs misses served from the database, not data.',
  },
  serverEbsOptimized: {
    checks: ['CKV_AWS_135'], asks: 'EC2 instances are EBS-optimized', engines: TF, targets: ['server instance'], when: always,
    reason: 'Current-generation instance types are EBS-optimized by default (https://docs.aws.amazon.com/ebs/latest/userguide/ebs-optimized.html), and asking for it on a type that does not offer it fails to create the instance.',
  },
  fleetTags: {
    checks: ['CKV_AWS_153'], asks: 'Auto Scaling groups pass tags to their instances', engines: TF, targets: ['fleet'], when: always,
    reason: 'Instances and volumes are tagged by the launch template\'s tag specifications (the stack\'s tags and the tier\'s name), which is how Terraform tags what a group launches.',
  },
  settingsNotSecret: {
    checks: ['CKV2_AWS_34'], asks: 'SSM parameters are SecureString', engines: TF, targets: ['setting parameter'], when: always,
    reason: 'The app\'s settings are endpoints, ports, names and ARNs, not secrets: credentials live in Secrets Manager and the settings name their ARNs only.',
  },
  defaultSecurityGroup: {
    checks: ['CKV2_AWS_12'], asks: 'the VPC\'s default security group denies all traffic', engines: TF, targets: ['vpc'], when: always,
    reason: 'Nothing tierup creates uses the default security group: every instance, endpoint, database, proxy and cache has its own.',
  },
  attachedSecurityGroups: {
    checks: ['CKV2_AWS_5'], asks: 'security groups are attached to a resource', engines: TF, targets: ['attached security group'], when: always,
    reason: 'These groups are attached where checkov does not look: the RDS Proxy\'s vpc_security_group_ids and the rotation application\'s parameters (its function runs in them).',
  },
  targetGroupHttp: {
    checks: ['CKV_AWS_378'], asks: 'target groups use HTTPS', engines: TF, targets: ['target group'], when: always,
    reason: 'The load balancer reaches instances over HTTP inside the VPC, on a port their security group opens to the load balancer alone; TLS ends at the load balancer (and at CloudFront).',
  },
  zoneIdentity: {
    checks: ['CKV_AWS_394'], asks: 'availability-zone lookups pin zone ids', engines: TF, targets: ['zone lookup'], when: always,
    reason: 'The VPC spreads over the region\'s first available zones by name, as the CloudFormation stack does (Fn::GetAZs); no other account\'s zones are matched.',
  },
  cdkProviderFunctions: {
    checks: ['CKV_AWS_115', 'CKV_AWS_116', 'CKV_AWS_117'], asks: 'Lambda functions have reserved concurrency, a dead-letter queue and a VPC', engines: CFN, targets: ['aws-cdk-lib function'], when: always,
    reason: 'These are aws-cdk-lib\'s own custom-resource providers (lookups at deploy time, cross-region references): invoked by CloudFormation only, synchronously, with nothing to queue and no VPC resource to reach. Terraform reads the same values with data sources.',
  },
  dnsChangeAnyResource: {
    checks: ['CKV_AWS_355'], asks: 'no IAM policy allows "*" as a resource', engines: TF, targets: ['server permissions'], when: (plan) => plan.domain !== null,
    reason: 'route53:ListHostedZones and route53:GetChange support no resource-level permissions (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53.html); both are read-only, and the role\'s one write is limited to the certificate challenge record.',
  },
} as const satisfies Record<string, CheckovAcknowledgement>;

/** Names of {@link CHECKOV_ACKNOWLEDGEMENTS}. */
export type CheckovAcknowledgementName = keyof typeof CHECKOV_ACKNOWLEDGEMENTS;

/** One check acknowledged on one target in one engine, for the renderers to write as checkov's skip. */
export interface CheckovSkip {
  readonly name: CheckovAcknowledgementName;
  readonly check: string;
  readonly target: CheckovTarget;
  /** `[<name>] <reason>`: the name lets a reader (and the tests) find the entry back. */
  readonly comment: string;
}

/** The acknowledgements a blueprint needs in one engine, one entry per check and target. */
export function checkovSkips(plan: ArchitecturePlan, engine: CheckovEngine): readonly CheckovSkip[] {
  return (Object.entries(CHECKOV_ACKNOWLEDGEMENTS) as [CheckovAcknowledgementName, CheckovAcknowledgement][])
    .filter(([, entry]) => entry.engines.includes(engine) && entry.when(plan))
    .flatMap(([name, entry]) => entry.targets.flatMap((target) => entry.checks.map((check) => ({ name, check, target, comment: `[${name}] ${entry.reason}` }))));
}
