import { z } from 'zod';
import { type Level, LEVEL_NAME_LIST, type LevelName, LEVELS, levelOf } from './levels';
import { AWS_REGIONS } from './regions';
import { nameSchema } from './names';
import { appRuntimeFields } from './app-runtime-schema';

// Field names are the public contract of DESIGN.md §2: add fields, rename none.

const instanceTypeSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, { message: 'is not an EC2 instance type like t3.small or m7g.large' });

/** A scheduled scaling action: pre-provision a known peak. */
export const scheduleSpecSchema = z.strictObject({
  /** Name of the action, unique within its fleet. */
  name: nameSchema('schedule name', 40),
  /** Five-field cron expression in UTC, e.g. "30 8 * * MON-FRI". */
  cron: z.string(),
  /** Minimum capacity from this time on. @default - unchanged */
  min: z.number().int().min(0).max(1000).optional(),
  /** Maximum capacity from this time on. @default - unchanged */
  max: z.number().int().min(0).max(1000).optional(),
  /** Desired capacity at this time. @default - unchanged */
  desired: z.number().int().min(0).max(1000).optional(),
});
export type ScheduleSpec = z.infer<typeof scheduleSpecSchema>;

/** How a fleet scales (level 4 and up). */
export const scalingSpecSchema = z.strictObject({
  /** Fewest instances. @default - 2 in production (redundancy), 1 otherwise */
  min: z.number().int().min(0).max(1000).optional(),
  /** Most instances, a ceiling against runaway cost. @default - 10 in production, 4 otherwise */
  max: z.number().int().min(1).max(1000).optional(),
  /** Target-tracking CPU utilisation in percent. @default 60 */
  targetCpuPercent: z.number().int().min(10).max(95).default(60),
  /** Target-tracking requests per instance per minute (ALBRequestCountPerTarget). @default - no request tracking */
  requestsPerTarget: z.number().int().min(1).max(1_000_000).optional(),
  /** Seconds a new instance needs before its metrics count. @default 300 */
  warmupSeconds: z.number().int().min(0).max(3600).default(300),
  /** Seconds between two scale-in steps of one instance each (scale in slowly; target tracking only scales out). @default 900 */
  scaleInCooldownSeconds: z.number().int().min(0).max(3600).default(900),
  /** The group's default cooldown: pacing for scheduled and manual changes (target tracking waits for warm-up instead). @default 300 */
  scaleOutCooldownSeconds: z.number().int().min(0).max(3600).default(300),
  /** Scheduled actions for known peaks. @default [] */
  schedules: z.array(scheduleSpecSchema).max(50).default([]),
});
export type ScalingSpec = z.infer<typeof scalingSpecSchema>;

/** The web/app tier: one server up to level 3, a fleet from level 4. */
export const appSpecSchema = z.strictObject({
  /** EC2 instance type. @default - t3.small in production, t3.micro otherwise */
  instanceType: instanceTypeSchema.optional(),
  /** Port the application listens on. @default 8080 */
  port: z.number().int().min(1).max(65535).default(8080),
  /** Path the load balancer probes. @default "/health" */
  healthCheckPath: z.string().regex(/^\/[^\s]*$/, { message: 'must be a URL path starting with "/"' }).default('/health'),
  /** Requests per second one instance serves at its target utilisation; used by capacity and advice, not by AWS. @default 200 */
  rpsPerInstance: z.number().min(1).max(1_000_000).default(200),
  /** Auto Scaling (level 4 and up). @default - see scaling fields */
  scaling: scalingSpecSchema.optional(),
  ...appRuntimeFields,
});
export type AppSpec = z.infer<typeof appSpecSchema>;

/** How a sharded database splits its data (level 5 and up). */
export const shardsSpecSchema = z.strictObject({
  /** Number of shards, shard 0 being the level-4 primary. */
  count: z.number().int().min(2).max(64),
  /** How keys map to shards. @default "hash" */
  strategy: z.enum(['hash', 'range', 'directory', 'geo']).default('hash'),
  /** The shard key column, e.g. user_id or tenant_id. @default "id" */
  key: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { message: 'must be a column name like user_id' }).default('id'),
  /** For `range`: the ascending lower bounds of shards 1..count-1 (shard 0 starts at the lowest key). @default - evenly spread over 0..2^32 */
  boundaries: z.array(z.number().int().min(0)).optional(),
  /** For `geo`: which shard serves each region or country code. @default - regions assigned round-robin */
  geo: z.record(z.string(), z.number().int().min(0)).optional(),
  /** Virtual nodes per shard on the consistent-hashing ring of `hash`. @default 64 */
  virtualNodes: z.number().int().min(1).max(1024).default(64),
});
export type ShardsSpec = z.infer<typeof shardsSpecSchema>;

/** A relational database on RDS (level 2 and up). */
export const databaseSpecSchema = z.strictObject({
  /** Database engine. @default "postgres" */
  engine: z.enum(['postgres', 'mysql']).default('postgres'),
  /** Engine version. @default - 16.4 for postgres, 8.0.39 for mysql */
  engineVersion: z.string().regex(/^\d+(\.\d+){0,2}$/, { message: 'must be a version like 16.4' }).optional(),
  /** RDS instance class. @default - db.t4g.medium in production, db.t4g.micro otherwise */
  instanceClass: z.string().regex(/^db\.[a-z0-9]+\.[a-z0-9]+$/, { message: 'is not an RDS instance class like db.t4g.medium' }).optional(),
  /** Allocated storage in GB; RDS accepts 20 to 65536. @default 20 */
  storageGb: z.number().int().min(20).max(65536).default(20),
  /** Standby in a second Availability Zone. @default - true in production, false otherwise */
  multiAz: z.boolean().optional(),
  /** Days of automated backups. @default - 7 in production, 1 otherwise */
  backupRetentionDays: z.number().int().min(1).max(35).optional(),
  /** Read replicas (level 4 and up); RDS allows at most 15. @default 0 */
  readReplicas: z.number().int().min(0).max(15, { message: 'RDS allows at most 15 read replicas per primary' }).default(0),
  /** RDS Proxy for connection pooling (level 4 and up). @default false */
  proxy: z.boolean().default(false),
  /** Sharding (level 5 and up). @default - one primary, no shards */
  shards: shardsSpecSchema.optional(),
});
export type DatabaseSpec = z.infer<typeof databaseSpecSchema>;

/** An ElastiCache replication group (level 3 and up). */
export const cacheSpecSchema = z.strictObject({
  /** Cache engine. @default "redis" */
  engine: z.enum(['redis', 'valkey']).default('redis'),
  /** ElastiCache node type. @default - cache.t4g.small in production, cache.t4g.micro otherwise */
  nodeType: z.string().regex(/^cache\.[a-z0-9]+\.[a-z0-9]+$/, { message: 'is not an ElastiCache node type like cache.t4g.small' }).optional(),
  /** Replicas of the primary node (0-5); with one or more, failover is automatic. @default - 1 in production, 0 otherwise */
  replicas: z.number().int().min(0).max(5).optional(),
  /** How the app keeps cache and database consistent. @default "cache-aside" */
  strategy: z.enum(['cache-aside', 'write-through', 'write-behind']).default('cache-aside'),
  /** Time to live of cached entries; always set one. @default 300 */
  ttlSeconds: z.number().int().min(1).max(30 * 24 * 3600).default(300),
});
export type CacheSpec = z.infer<typeof cacheSpecSchema>;

/** CloudFront in front of the load balancer (level 4 and up). */
export const cdnSpecSchema = z.strictObject({
  /** Set false to serve straight from the load balancer. @default true */
  enabled: z.boolean().default(true),
  /** CloudFront price class: 100 (NA+EU), 200 (+Asia, Africa, Middle East), All. @default 100 */
  priceClass: z.union([z.literal(100), z.literal(200), z.literal('All')]).default(100),
  /** An S3 bucket for static assets behind the distribution, at /static/*. @default true */
  staticAssets: z.boolean().default(true),
});
export type CdnSpec = z.infer<typeof cdnSpecSchema>;

/** Workers that consume a queue, scaled on backlog per instance. */
export const workerSpecSchema = z.strictObject({
  /** EC2 instance type. @default "t3.small" */
  instanceType: instanceTypeSchema.default('t3.small'),
  /** Fewest workers; 0 lets the group scale to zero when the queue is empty. @default 0 */
  min: z.number().int().min(0).max(1000).default(0),
  /** Most workers. @default 10 */
  max: z.number().int().min(1).max(1000).default(10),
  /** Visible messages one worker should have waiting at most. @default 100 */
  backlogPerInstance: z.number().int().min(1).max(1_000_000).default(100),
  ...appRuntimeFields,
});
export type WorkerSpec = z.infer<typeof workerSpecSchema>;

/** An SQS queue with its dead-letter queue (level 5 and up). */
export const queueSpecSchema = z.strictObject({
  /** Queue name, unique in the blueprint; it names the queue's construct, so never rename it. */
  name: nameSchema('queue name', 30),
  /** First-in-first-out with exactly-once processing. @default false */
  fifo: z.boolean().default(false),
  /** Receives before a message is parked in the dead-letter queue. @default 5 */
  maxReceiveCount: z.number().int().min(1).max(1000).default(5),
  /** Seconds a received message stays hidden from other consumers. @default 30 */
  visibilityTimeoutSeconds: z.number().int().min(0).max(43200).default(30),
  /** Workers that consume it. @default - no workers */
  worker: workerSpecSchema.optional(),
});
export type QueueSpec = z.infer<typeof queueSpecSchema>;

/** A microservice with its own fleet behind an ALB path rule (level 6 and up). */
export const serviceSpecSchema = appSpecSchema.extend({
  /** Service name, unique in the blueprint; it names the service's stack and constructs, so never rename it. */
  name: nameSchema('service name', 16),
  /** ALB path pattern routed to this service, e.g. "/orders/*". */
  pathPattern: z.string().regex(/^\/[A-Za-z0-9_\-.*?/]*$/, { message: 'must be a path pattern like "/orders/*"' }),
  /** A database of its own. @default - none */
  database: databaseSpecSchema.omit({ shards: true }).optional(),
  /** A cache of its own. @default - none */
  cache: cacheSpecSchema.optional(),
  /** Queues of its own. @default [] */
  queues: z.array(queueSpecSchema).default([]),
  /** Events this service publishes; each becomes an SNS topic. @default [] */
  publishes: z.array(nameSchema('event name', 30)).default([]),
  /** Events this service consumes; each becomes an SQS queue subscribed to the event's topic. @default [] */
  subscribes: z.array(nameSchema('event name', 30)).default([]),
});
export type ServiceSpec = z.infer<typeof serviceSpecSchema>;

/** Routing between regions (level 7). */
export const multiRegionSpecSchema = z.strictObject({
  /** active-passive: the primary serves, the others stand by; active-active: every region serves reads. @default "active-passive" */
  mode: z.enum(['active-passive', 'active-active']).default('active-passive'),
  /** The application's DNS name, e.g. shop.example.com. */
  domainName: z.string().regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)+[a-z]{2,63}$/, { message: 'must be a DNS name like shop.example.com' }),
  /** The public hosted zone that holds domainName, e.g. example.com. */
  hostedZoneName: z.string().regex(/^(?=.{1,253}$)([a-z0-9-]{1,63}\.)*[a-z]{2,63}$/, { message: 'must be a DNS zone like example.com' }),
  /** An ElastiCache global datastore across the regions. @default false */
  globalCache: z.boolean().default(false),
});
export type MultiRegionSpec = z.infer<typeof multiRegionSpecSchema>;

/** Where Terraform keeps its state. */
export const terraformSpecSchema = z.strictObject({
  /** An S3 backend. @default - local state */
  backend: z
    .strictObject({
      s3: z.strictObject({
        bucket: z.string().min(3).max(63),
        key: z.string().min(1),
        region: z.enum(AWS_REGIONS),
        dynamodbTable: z.string().min(3).max(255).optional(),
      }),
    })
    .optional(),
});
export type TerraformSpec = z.infer<typeof terraformSpecSchema>;

/** The VPC. */
export const networkSpecSchema = z.strictObject({
  /** IPv4 block of the VPC, /16 to /20. @default "10.0.0.0/16" */
  cidr: z.string().default('10.0.0.0/16'),
  /** Availability Zones to spread over; RDS needs two. @default 2 */
  maxAzs: z.number().int().min(2).max(3).default(2),
  /** NAT gateways for the private subnets (level 4 and up). @default - 2 in production, 1 otherwise */
  natGateways: z.number().int().min(1).max(3).optional(),
});
export type NetworkSpec = z.infer<typeof networkSpecSchema>;

/** The blueprint, format version 1. */
export const blueprintSpecSchema = z.strictObject({
  /** Format version of this file. @default 1 */
  version: z.literal(1).default(1),
  /** Application name: it prefixes stack and physical names. */
  name: nameSchema('name', 16),
  /** The level reached, as a number or a name. */
  level: z
    .union([z.number().int().min(1).max(LEVELS.length), z.enum(LEVEL_NAME_LIST)])
    .transform((value) => levelOf(value as Level | LevelName)),
  /** Deployment environment; production turns on Multi-AZ, deletion protection and retained data. @default "production" */
  environment: z.enum(['production', 'staging', 'development']).default('production'),
  /** AWS regions, the first being primary; more than one only at level 7. @default ["us-east-1"] */
  regions: z.array(z.enum(AWS_REGIONS)).min(1).max(5).default(['us-east-1']),
  /** Tags on every resource; tierup adds tierup:app and tierup:environment, AWS allows 50 in all. @default {} */
  tags: z.record(z.string().min(1).max(128), z.string().max(256)).default({}),
  /** The VPC. @default - see network fields */
  network: networkSpecSchema.prefault({}),
  /** The web/app tier. @default - see app fields */
  app: appSpecSchema.prefault({}),
  /** Database (level 2 and up). @default - postgres with the defaults of its fields, from level 2 */
  database: databaseSpecSchema.optional(),
  /** Cache (level 3 and up). @default - redis with the defaults of its fields, from level 3 */
  cache: cacheSpecSchema.optional(),
  /** CDN (level 4 and up). @default - enabled from level 4 */
  cdn: cdnSpecSchema.optional(),
  /** Queues (level 5 and up). @default [] */
  queues: z.array(queueSpecSchema).optional(),
  /** Services (level 6 and up). @default [] */
  services: z.array(serviceSpecSchema).optional(),
  /** Multi-region routing (level 7, required there). */
  multiRegion: multiRegionSpecSchema.optional(),
  /** Terraform settings. @default - local state */
  terraform: terraformSpecSchema.prefault({}),
});

/** A blueprint as written (before defaults). */
export type BlueprintInput = z.input<typeof blueprintSpecSchema>;
/** A blueprint after zod parsing: literal defaults applied, level as a number. */
export type BlueprintSpec = z.infer<typeof blueprintSpecSchema>;
