import { z } from 'zod';
import { type Level, LEVEL_NAME_LIST, type LevelName, LEVELS, levelOf } from './levels';
import { AWS_REGIONS } from './regions';
import { nameSchema } from './names';
import { overridesSpecSchema } from './overrides-schema';
import { appRuntimeFields } from './app-runtime-schema';
import { DEFAULT_DATA_VOLUME_GIB, GP3_SIZE_GIB } from './data/ebs-volume-limits';
import { existingNetworkFields } from './existing-vpc-schema';

// Field names are the public contract of DESIGN.md §2: add fields, rename none.
// Every field carries a one-line `.meta({ description })` with its unit and default ("Default: …"): the
// JSON Schema, editor help and the README's spec reference are generated from it, so they cannot drift.

const instanceTypeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { message: 'is not an EC2 instance type like t3.small or m7g.large' });

/** A scheduled scaling action: pre-provision a known peak. */
export const scheduleSpecSchema = z.strictObject({
  name: nameSchema('schedule name', 40).meta({ description: 'Name of the action (lower-case, at most 40 characters), unique within its fleet. Required.' }),
  cron: z.string().meta({ description: 'When the action runs: a five-field cron expression evaluated in UTC (no time zone is applied), e.g. "30 8 * * MON-FRI" for 08:30 UTC on weekdays. Required.' }),
  min: z.number().int().min(0).max(1000).optional().meta({ description: 'Minimum instances from this time on. Default: unchanged.' }),
  max: z.number().int().min(0).max(1000).optional().meta({ description: 'Maximum instances from this time on. Default: unchanged.' }),
  desired: z.number().int().min(0).max(1000).optional().meta({ description: 'Desired instances at this time. Default: unchanged.' }),
});
export type ScheduleSpec = z.infer<typeof scheduleSpecSchema>;

/** How a fleet scales (level 4 and up). */
export const scalingSpecSchema = z.strictObject({
  min: z.number().int().min(0).max(1000).optional().meta({ description: 'Fewest instances. Default: 2 in production (redundancy), 1 in staging and development.' }),
  max: z.number().int().min(1).max(1000).optional().meta({ description: 'Most instances, a ceiling against runaway cost. Default: 10 in production, 4 in staging and development.' }),
  targetCpuPercent: z.number().int().min(10).max(95).default(60).meta({ description: 'Target-tracking CPU utilisation, in percent (10-95). Default: 60.' }),
  requestsPerTarget: z.number().int().min(1).max(1_000_000).optional().meta({ description: 'Target-tracking requests per instance per MINUTE (ALBRequestCountPerTarget): about rpsPerInstance × 60, so it agrees with what an instance serves (validate warns when it does not). Default: no request tracking.' }),
  warmupSeconds: z.number().int().min(0).max(3600).default(300).meta({ description: 'Seconds a new instance needs before its metrics count (0-3600). Default: 300.' }),
  scaleInCooldownSeconds: z.number().int().min(0).max(3600).default(900).meta({ description: 'Seconds between two scale-in steps of one instance each (scale in slowly; target tracking only scales out). Default: 900.' }),
  scaleOutCooldownSeconds: z.number().int().min(0).max(3600).default(300).meta({ description: 'Seconds of the group\'s default cooldown: pacing for scheduled and manual changes (target tracking waits for warm-up instead). Default: 300.' }),
  schedules: z.array(scheduleSpecSchema).max(50).default([]).meta({ description: 'Scheduled actions for known peaks and quiet hours, in UTC, at most 50. Default: [] (none).' }),
});
export type ScalingSpec = z.infer<typeof scalingSpecSchema>;

/** The web/app tier: one server up to level 3, a fleet from level 4. */
export const appSpecSchema = z.strictObject({
  instanceType: instanceTypeSchema.optional().meta({ description: 'EC2 instance type, lower-case, e.g. m7g.large. Default: t3.small in production and staging, t3.micro in development.' }),
  port: z.number().int().min(1).max(65535).default(8080).meta({ description: 'TCP port the application listens on; at levels 1-3 not 80 or 443 (nginx fronts the app there) nor, at level 1, the database\'s port. Default: 8080.' }),
  healthCheckPath: z.string().regex(/^\/[^\s]*$/, { message: 'must be a URL path starting with "/"' }).default('/health').meta({ description: 'URL path the load balancer (or the server\'s probe) checks for HTTP 200. Default: "/health".' }),
  rpsPerInstance: z.number().min(1).max(1_000_000).default(200).meta({ description: 'Requests per second one instance serves at its target CPU; used by capacity and advice, not by AWS. It does not follow instanceType, because what a request costs depends on your app far more than on the instance: measure it with a load test. Default: 200.' }),
  scaling: scalingSpecSchema.optional().meta({ description: 'Auto Scaling of the fleet (level 4 and up). Default: the defaults of its fields.' }),
  // EBS grows a volume in place (ModifyVolume) and never shrinks one: `tierup diff` refuses a smaller size.
  dataVolumeGb: z.number().int().min(GP3_SIZE_GIB.min).max(GP3_SIZE_GIB.max, { message: `is more than a gp3 volume holds (${GP3_SIZE_GIB.max} GiB, 64 TiB)` }).default(DEFAULT_DATA_VOLUME_GIB).meta({ description: `Size of the data volume that holds the level-1 database, in GiB (${GP3_SIZE_GIB.min}-${GP3_SIZE_GIB.max}, gp3); level 1 only. It can grow in place (the server is stopped and started, and its boot grows the filesystem) and never shrink. Default: ${DEFAULT_DATA_VOLUME_GIB}.` }),
  ...appRuntimeFields,
});
export type AppSpec = z.infer<typeof appSpecSchema>;

/** How a sharded database splits its data (level 5 and up). */
export const shardsSpecSchema = z.strictObject({
  count: z.number().int().min(2).max(64).meta({ description: 'Number of shards (2-64), shard 0 being the level-4 primary. Required.' }),
  strategy: z.enum(['hash', 'range', 'directory', 'geo']).default('hash').meta({ description: 'How keys map to shards. Default: "hash".' }),
  key: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'must be a column name like user_id' }).default('id').meta({ description: 'The shard key column, e.g. user_id or tenant_id. Default: "id".' }),
  boundaries: z.array(z.number().int().min(0)).optional().meta({ description: 'For `range`: the ascending lower bounds (integers) of shards 1..count-1; shard 0 starts at the lowest key. Default: evenly spread over 0..2^32.' }),
  geo: z.record(z.string(), z.number().int().min(0)).optional().meta({ description: 'For `geo`: the shard index serving each region or country code. Default: regions assigned round-robin.' }),
  virtualNodes: z.number().int().min(1).max(1024).default(64).meta({ description: 'Virtual nodes per shard on the consistent-hashing ring of `hash` (1-1024). Default: 64.' }),
});
export type ShardsSpec = z.infer<typeof shardsSpecSchema>;

/** A relational database on RDS (level 2 and up). */
export const databaseSpecSchema = z.strictObject({
  engine: z.enum(['postgres', 'mysql']).default('postgres').meta({ description: 'Database engine: postgres or mysql. Default: "postgres".' }),
  engineVersion: z.string().regex(/^\d+(\.\d+){0,2}$/, { message: 'must be a version like 17 or 17.6' }).optional().meta({ description: 'Engine version: a major ("17", "8.4"), which RDS creates at its current minor and keeps upgraded, or a major and minor ("17.6", "8.4.7"), created as written while RDS still creates it (validate refuses one it no longer creates). Default: 17 for postgres, 8.4 for mysql.' }),
  instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, { message: 'is not an RDS instance class like db.t4g.medium' }).optional().meta({ description: 'RDS instance class. Default: db.t4g.medium in production, db.t4g.small in staging, db.t4g.micro in development.' }),
  storageGb: z.number().int().min(20).max(65536).default(20).meta({ description: 'Allocated storage, in GB (20-65536). Default: 20.' }),
  multiAz: z.boolean().optional().meta({ description: 'A standby in a second Availability Zone. Default: true in production, false in staging and development.' }),
  backupRetentionDays: z.number().int().min(1).max(35).optional().meta({ description: 'Days of automated backups (1-35). Default: 7 in production, 3 in staging, 1 in development.' }),
  readReplicas: z.number().int().min(0).max(15, { message: 'RDS allows at most 15 read replicas per primary' }).default(0).meta({ description: 'Read replicas (level 4 and up), at most 15. Default: 0.' }),
  proxy: z.boolean().default(false).meta({ description: 'RDS Proxy for connection pooling (level 4 and up). Default: false.' }),
  shards: shardsSpecSchema.optional().meta({ description: 'Sharding (level 5 and up). Default: one primary, no shards.' }),
  existingName: z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,62}$/, { message: 'must be a database name: a letter, then up to 62 letters, digits or underscores' }).optional().meta({ description: 'Only for a database deployed by a tierup that did not name it (README, upgrade notes): the database the app uses on it, e.g. postgres. The app is told this name and the instances keep no DBName, which RDS cannot add without replacing them. Default: none: tierup names the database after the blueprint (shopdb; a service\'s shopordersdb) and RDS creates it with the instance.' }),
});
export type DatabaseSpec = z.infer<typeof databaseSpecSchema>;

/** An ElastiCache replication group (level 3 and up). */
export const cacheSpecSchema = z.strictObject({
  enabled: z.boolean().default(true).meta({ description: 'Set false for no cache at level 3 and up (the level then adds none; the other cache fields and multiRegion.globalCache must be left out). Default: true.' }),
  engine: z.enum(['redis', 'valkey']).default('redis').meta({ description: 'Cache engine: redis or valkey. Default: "redis".' }),
  nodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, { message: 'is not an ElastiCache node type like cache.t4g.small' }).optional().meta({ description: 'ElastiCache node type. Default: cache.t4g.small in production, cache.t4g.micro in staging and development.' }),
  replicas: z.number().int().min(0).max(5).optional().meta({ description: 'Replicas of the primary node (0-5); with one or more, failover is automatic. Default: 1 in production, 0 in staging and development.' }),
  strategy: z.enum(['cache-aside', 'write-through', 'write-behind']).default('cache-aside').meta({ description: 'How the app keeps cache and database consistent. Default: "cache-aside".' }),
  ttlSeconds: z.number().int().min(1).max(30 * 24 * 3600).default(300).meta({ description: 'Time to live of cached entries, in seconds (1 to 30 days); always set one. Default: 300.' }),
});
export type CacheSpec = z.infer<typeof cacheSpecSchema>;

/** CloudFront in front of the load balancer (level 4 and up). */
export const cdnSpecSchema = z.strictObject({
  enabled: z.boolean().default(true).meta({ description: 'Set false to serve straight from the load balancer. Default: true.' }),
  priceClass: z.union([z.literal(100), z.literal(200), z.literal('all'), z.literal('All')]).transform((value) => (value === 'All' ? 'all' : value)).default(100).meta({ description: 'CloudFront price class: 100 (North America and Europe), 200 (adds Asia, Africa, Middle East), all (every edge location; All also works). Default: 100.' }),
  staticAssets: z.boolean().default(true).meta({ description: 'An S3 bucket for static assets behind the distribution, served at /static/*. Default: true.' }),
  requireOriginSecret: z.boolean().default(true).meta({ description: 'The origin refuses (403) requests without the secret header. Set false for one deploy when a stack deployed before tierup had the header gets it: CloudFront then sends it everywhere before the origin starts requiring it (README, upgrade notes). Default: true.' }),
  originSecretVersion: z.number().int().min(1).max(1_000_000).default(1).meta({ description: 'Version of the secret header CloudFront sends the origin to prove the request came through this distribution; raise it by one to rotate the secret (the previous version stays accepted, so no request is refused while CloudFront deploys the change). Default: 1.' }),
});
export type CdnSpec = z.infer<typeof cdnSpecSchema>;

/** Workers that consume a queue, scaled on backlog per instance. */
export const workerSpecSchema = z.strictObject({
  instanceType: instanceTypeSchema.default('t3.small').meta({ description: 'EC2 instance type of the workers. Default: "t3.small".' }),
  min: z.number().int().min(0).max(1000).default(0).meta({ description: 'Fewest workers; 0 lets the group scale to zero when the queue is empty. Default: 0.' }),
  max: z.number().int().min(1).max(1000).default(10).meta({ description: 'Most workers. Default: 10.' }),
  backlogPerInstance: z.number().int().min(1).max(1_000_000).default(100).meta({ description: 'Visible messages one worker should have waiting at most; the group scales on backlog per instance. Default: 100.' }),
  ...appRuntimeFields,
});
export type WorkerSpec = z.infer<typeof workerSpecSchema>;

/** An SQS queue with its dead-letter queue (level 5 and up). */
export const queueSpecSchema = z.strictObject({
  name: nameSchema('queue name', 30).meta({ description: 'Queue name (lower-case, at most 30 characters), unique in the blueprint; it names the queue\'s construct, so never rename it. Required.' }),
  fifo: z.boolean().default(false).meta({ description: 'First-in-first-out with exactly-once processing. Default: false.' }),
  maxReceiveCount: z.number().int().min(1).max(1000).default(5).meta({ description: 'Receives before a message is parked in the dead-letter queue. Default: 5.' }),
  visibilityTimeoutSeconds: z.number().int().min(0).max(43200).default(30).meta({ description: 'Seconds a received message stays hidden from other consumers (0-43200). Default: 30.' }),
  worker: workerSpecSchema.optional().meta({ description: 'Workers that consume the queue. Default: no workers.' }),
});
export type QueueSpec = z.infer<typeof queueSpecSchema>;

/** A microservice with its own fleet behind an ALB path rule (level 6 and up). */
export const serviceSpecSchema = appSpecSchema.omit({ dataVolumeGb: true }).extend({
  name: nameSchema('service name', 16).meta({ description: 'Service name (lower-case, at most 16 characters), unique in the blueprint; it names the service\'s stack and constructs, so never rename it. Required.' }),
  pathPattern: z.string().regex(/^\/[A-Za-z0-9_\-.*?/]*$/, { message: 'must be a path pattern like "/orders/*"' }).meta({ description: 'ALB path pattern routed to this service, e.g. "/orders/*"; not a path the CDN serves itself (/static/* with static assets). Required.' }),
  database: databaseSpecSchema.omit({ shards: true }).optional().meta({ description: 'A database of its own (the database fields without shards). Default: none.' }),
  cache: cacheSpecSchema.omit({ enabled: true }).optional().meta({ description: 'A cache of its own (the cache fields, without enabled). Default: none.' }),
  queues: z.array(queueSpecSchema).default([]).meta({ description: 'Queues of its own, each an object like { name: jobs } with the queue fields (not a plain name). Default: [].' }),
  publishes: z.array(nameSchema('event name', 30)).default([]).meta({ description: 'Events this service publishes (names); each becomes an SNS topic. Default: [].' }),
  subscribes: z.array(nameSchema('event name', 30)).default([]).meta({ description: 'Events this service consumes (names); each becomes an SQS queue subscribed to the event\'s topic. Default: [].' }),
});
export type ServiceSpec = z.infer<typeof serviceSpecSchema>;

const dnsNameSchema = z.string().regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, { message: 'must be a DNS name like shop.example.com' });
const zoneNameSchema = z.string().regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)*[a-z]{2,63}$/, { message: 'must be a DNS zone like example.com' });

const hostedZoneIdSchema = z.string().regex(/^Z[A-Z0-9]{1,31}$/, { message: 'must be a Route 53 hosted zone id like Z0123456789ABCDEFGHIJ' });

/** The application's own name on the web, served over HTTPS (every level). */
export const domainSpecSchema = z.strictObject({
  name: dnsNameSchema.meta({ description: 'The name viewers use, e.g. shop.example.com; tierup creates its certificates and alias records. Required.' }),
  hostedZone: zoneNameSchema.meta({ description: 'The public Route 53 hosted zone that holds name, e.g. example.com; it must exist in the account. Required.' }),
  hostedZoneId: hostedZoneIdSchema.optional().meta({ description: 'The hosted zone\'s id (Z…), which certificate validation needs; CloudFormation looks it up by name at deploy time when it is left out, Terraform always reads it by name. Default: looked up.' }),
});
export type DomainSpec = z.infer<typeof domainSpecSchema>;

/** Routing between regions (level 7). */
export const multiRegionSpecSchema = z.strictObject({
  mode: z.enum(['active-passive', 'active-active']).default('active-passive').meta({ description: 'active-passive: the primary serves, the others stand by; active-active: every region serves reads. Default: "active-passive".' }),
  domainName: dnsNameSchema.meta({ description: 'The application\'s DNS name, e.g. shop.example.com; the same as domain.name when both are given (domain is then optional at level 7). Required.' }),
  hostedZoneName: zoneNameSchema.meta({ description: 'The public Route 53 hosted zone that holds domainName, e.g. example.com; the same as domain.hostedZone when both are given. Required.' }),
  hostedZoneId: hostedZoneIdSchema.optional().meta({ description: 'The hosted zone\'s id (Z…), as domain.hostedZoneId: certificate validation needs it, and CloudFormation looks it up by name at deploy time when it is left out. Default: looked up.' }),
  globalCache: z.boolean().default(false).meta({ description: 'An ElastiCache global datastore across the regions (needs an M, R or C7gn node type, large or bigger). Default: false.' }),
});
export type MultiRegionSpec = z.infer<typeof multiRegionSpecSchema>;

/** Where Terraform keeps its state. */
export const terraformSpecSchema = z.strictObject({
  backend: z
    .strictObject({
      s3: z.strictObject({
        bucket: z.string().min(3).max(63).meta({ description: 'S3 bucket that holds the state file (it must exist). Required.' }),
        key: z.string().min(1).meta({ description: 'Path of the state file in the bucket, e.g. shop.tfstate. Required.' }),
        region: z.enum(AWS_REGIONS).meta({ description: 'Region of the bucket. Required.' }),
        /** @deprecated Terraform's S3 backend locks with a lock file (`use_lockfile`); `validate` warns. */
        dynamodbTable: z.string().min(3).max(255).optional().meta({ description: 'Deprecated and ignored: the S3 backend locks with a lock file in the bucket (use_lockfile); still accepted so existing blueprints load, and validate warns. Default: none.' }),
      }).meta({ description: 'The S3 backend settings. Required.' }),
    })
    .optional()
    .meta({ description: 'Where Terraform keeps its state: an S3 backend. Default: local state (terraform.tfstate beside cdk.tf.json).' }),
});
export type TerraformSpec = z.infer<typeof terraformSpecSchema>;

/** The VPC. */
export const networkSpecSchema = z.strictObject({
  cidr: z.string().default('10.0.0.0/16').meta({ description: 'IPv4 block of the VPC, /16 to /20; with vpcId, your VPC\'s block (the Secrets Manager endpoint tierup creates admits HTTPS from it). Default: "10.0.0.0/16".' }),
  maxAzs: z.number().int().min(2).max(3).default(2).meta({ description: 'Availability Zones to spread over (2-3); RDS needs two. Default: 2.' }),
  natGateways: z.number().int().min(1).max(3).optional().meta({ description: 'NAT gateways for the private subnets (level 4 and up, 1-3). Default: 2 in production, 1 in staging and development.' }),
  ...existingNetworkFields,
});
export type NetworkSpec = z.infer<typeof networkSpecSchema>;

/**
 * A Slack channel AWS Chatbot posts the alarms to. The workspace must be authorised once in the Chatbot console
 * before a configuration can name it. Patterns: https://docs.aws.amazon.com/chatbot/latest/APIReference/API_SlackChannelConfiguration.html
 */
export const slackAlertsSpecSchema = z.strictObject({
  workspaceId: z.string().regex(/^[0-9A-Z]{1,255}$/, { message: 'is not a Slack workspace id like T012AB3CDEF (the Chatbot console shows it once the workspace is authorised)' }).meta({ description: 'The Slack workspace (team) id, e.g. T012AB3CDEF, as the AWS Chatbot console shows it after the workspace is authorised there once. Required.' }),
  channelId: z.string().regex(/^[A-Za-z0-9]{1,255}$/, { message: 'is not a Slack channel id like C0123ABCDEF (Copy link on the channel: the id ends the URL)' }).meta({ description: 'The Slack channel id, e.g. C0123ABCDEF: the end of the channel\'s link (Copy link in Slack); invite @aws to a private channel. Required.' }),
});
export type SlackAlertsSpec = z.infer<typeof slackAlertsSpecSchema>;

/**
 * A standard SNS topic's ARN (names: 1-256 letters, digits, hyphens, underscores; https://docs.aws.amazon.com/sns/latest/api/API_CreateTopic.html).
 * FIFO topics (`.fifo`) deliver to SQS queues only, so they could not reach a person:
 * https://docs.aws.amazon.com/sns/latest/dg/fifo-message-delivery.html
 */
export const TOPIC_ARN_PATTERN = /^arn:aws:sns:([a-z]{2}(?:-[a-z]+)+-\d):(\d{12}):([A-Za-z0-9_-]{1,256})$/;

/** Who is told when the deployed blueprint nears its ceiling or breaks (every level). */
export const alertsSpecSchema = z.strictObject({
  emails: z.array(z.string().regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, { message: 'is not an e-mail address like ops@example.com' }).max(254)).max(10).default([]).meta({ description: 'E-mail addresses told of every alarm (at most 10); each must confirm the subscription from the message AWS sends. Default: [] (none).' }),
  slack: slackAlertsSpecSchema.optional().meta({ description: 'A Slack channel told through AWS Chatbot: { workspaceId, channelId }. Default: none.' }),
  topicArn: z.string().regex(TOPIC_ARN_PATTERN, { message: 'is not an SNS topic ARN like arn:aws:sns:us-east-1:123456789012:ops-alerts' }).optional().meta({ description: 'An SNS topic you already have (in one of `regions`), told of the alarms of its region besides tierup\'s own topics. Default: none.' }),
  headroom: z.number().min(0.05).max(3).default(0.3).meta({ description: 'The headroom capacity alarms keep: they fire at ceiling ÷ (1 + headroom), 77% of the ceiling at 0.3; advise sizes with the same figure (0.05-3). Default: 0.3.' }),
});
export type AlertsSpec = z.infer<typeof alertsSpecSchema>;

/** The blueprint, format version 1. */
export const blueprintSpecSchema = z.strictObject({
  version: z.literal(1).default(1).meta({ description: 'Format version of this file; only 1 exists. Default: 1.' }),
  name: nameSchema('name', 16).meta({ description: 'Application name (lower-case letters, digits and hyphens, at most 16 characters): it prefixes stack and physical names. Required.' }),
  level: z
    .union([z.number().int().min(1).max(LEVELS.length), z.enum(LEVEL_NAME_LIST)])
    .transform((value) => levelOf(value as Level | LevelName))
    .meta({ description: `The level reached, 1-7 or its name (${LEVEL_NAME_LIST.join(', ')}). Required.` }),
  environment: z.enum(['production', 'staging', 'development']).default('production').meta({ description: 'Deployment environment: production, staging or development; it sets sizes and retention (production turns on Multi-AZ, deletion protection and retained data). Default: "production".' }),
  regions: z.array(z.enum(AWS_REGIONS)).min(1).max(5).default(['us-east-1']).meta({ description: 'AWS regions, the first being primary; more than one only at level 7 (at most 5). Default: ["us-east-1"].' }),
  tags: z.record(z.string().min(1).max(128), z.string().max(256)).default({}).meta({ description: 'Tags on every resource (key: value), at most 48; tierup adds tierup:app and tierup:environment, AWS allows 50 in all. Default: {}.' }),
  network: networkSpecSchema.prefault({}).meta({ description: 'The VPC. Default: the defaults of its fields.' }),
  app: appSpecSchema.prefault({}).meta({ description: 'The web/app tier: one server up to level 3, a fleet from level 4. Default: the defaults of its fields.' }),
  database: databaseSpecSchema.optional().meta({ description: 'Database (level 2 and up). Default: postgres with the defaults of its fields, from level 2.' }),
  cache: cacheSpecSchema.optional().meta({ description: 'Cache (level 3 and up; `enabled: false` for none). Default: redis with the defaults of its fields, from level 3.' }),
  domain: domainSpecSchema.optional().meta({ description: 'Your own domain over HTTPS, at every level: certificates, alias records, and CloudFront in front from the first level. Default: none (level 7: multiRegion.domainName).' }),
  cdn: cdnSpecSchema.optional().meta({ description: 'CDN (level 4 and up, and at every level with a domain). Default: CloudFront with the defaults of its fields, from level 4 or from the first level with a domain.' }),
  queues: z.array(queueSpecSchema).optional().meta({ description: 'Queues (level 5 and up), each an object like { name: emails, worker: { max: 10 } }. Default: [].' }),
  services: z.array(serviceSpecSchema).optional().meta({ description: 'Services (level 6 and up), each an object with name, pathPattern and the app fields. Default: [].' }),
  multiRegion: multiRegionSpecSchema.optional().meta({ description: 'Multi-region routing (level 7, required there). Default: none.' }),
  alerts: alertsSpecSchema.optional().meta({ description: 'Who is told when the application nears its ceiling or breaks: e-mails, a Slack channel, an existing SNS topic. Default: none (tierup still creates the topics and alarms; validate warns in production).' }),
  terraform: terraformSpecSchema.prefault({}).meta({ description: 'Terraform settings. Default: local state.' }),
  overrides: overridesSpecSchema.optional().meta({ description: 'Changes to generated resources that no field covers, per engine, by tierup\'s stable names (construct paths, Terraform addresses). Default: [].' }),
});

/** A blueprint as written (before defaults). */
export type BlueprintInput = z.input<typeof blueprintSpecSchema>;
/** A blueprint after zod parsing: literal defaults applied, level as a number. */
export type BlueprintSpec = z.infer<typeof blueprintSpecSchema>;
