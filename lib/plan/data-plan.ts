import type { AwsRegion } from '../spec';
import type { WorkerPlan } from './compute-plan';
import type { GlobalCachePlan } from './service-plan';

// Plans of what holds data: databases and their replicas, shards, caches, queues.

/** An RDS primary with its replicas and optional proxy. */
export interface DatabasePlan {
  readonly id: string;
  readonly tfName: string;
  /** RDS DBInstanceIdentifier, set from the first level so cross-region replicas can name it. */
  readonly identifier: string;
  readonly engine: 'postgres' | 'mysql';
  /**
   * As written, or the default major (`17`, `8.4`): what the CloudFormation target creates. For a major alone RDS
   * creates the major's default minor (a template with `EngineVersion: "13"` created 13.3:
   * https://github.com/aws-cloudformation/cloudformation-coverage-roadmap/issues/1003; CloudFormation's drift check
   * reads it as a prefix since https://github.com/aws-cloudformation/aws-cloudformation-resource-providers-rds/pull/390)
   * and automatic minor upgrades keep it current; a written minor is created as written, while RDS still creates it.
   */
  readonly engineVersion: string;
  /**
   * The major alone (`17`, `8.4`): what the Terraform target pins, so that automatic minor upgrades never
   * make Terraform plan a downgrade, and what the parameter-group family is made of. The provider treats it as a
   * prefix of the running version (aws_db_instance `engine_version`: "If auto_minor_version_upgrade is enabled,
   * you can provide a prefix of the version such as 8.0 (for 8.0.36)"; https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/db_instance).
   */
  readonly engineMajorVersion: string;
  readonly instanceClass: string;
  readonly storageGb: number;
  /**
   * The volume type of the primary and of every replica, same-region and cross-region, named on each: aws-cdk-lib's
   * read replica defaults to gp2, whose baseline is 3 IOPS per GiB (300 at 100 GiB) against gp3's 3,000, so the
   * replicas that carry the reads would throttle first; RDS's own default for a replica has changed over time
   * (gp2, now gp3: https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstanceReadReplica.html).
   * A change of type is an in-place storage modification (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIOPS.StorageTypes.html).
   * gp3 below 400 GiB (PostgreSQL and MySQL) takes no Iops or throughput, and RDS refuses them there; a gp3 read
   * replica given MaxAllocatedStorage without a size fails at create in CloudFormation (aws/aws-cdk#26803), so replicas
   * name the type alone and take their size from the source.
   */
  readonly storageType: 'gp3';
  readonly port: number;
  readonly multiAz: boolean;
  readonly backupRetentionDays: number;
  readonly masterUsername: string;
  /** The database the app uses on the instance, told as `database/name`: `<name>db` (a service's `<name><service>db`), or `existingName`. */
  readonly databaseName: string;
  /**
   * Whether RDS creates {@link databaseName} with the instance (`DBName` / `db_name`). False for an instance a tierup
   * deployed without one (`existingName`): RDS names a database only at creation, so adding the name would replace it.
   */
  readonly createsDatabase: boolean;
  /** IAM database authentication, on the primary and its replicas: enabled, so roles can be given `rds-db:connect` later. */
  readonly iamAuthentication: boolean;
  /** The engine's logs exported to CloudWatch Logs, by the primary and its same-region replicas. */
  readonly logExports: readonly string[];
  /** The certificate authority of the server certificate clients verify (RDS's default RSA 2048 CA). */
  readonly caCertificate: string;
  /** Where the master password lives and how it is rotated. */
  readonly credentials: CredentialsPlan;
  readonly replicas: readonly ReplicaPlan[];
  readonly proxy: ProxyPlan | null;
  /** Cross-region replicas (level 7), one per further region. */
  readonly regionalReplicas: readonly RegionalReplicaPlan[];
}

/**
 * The master password: generated into a Secrets Manager secret that tierup owns (never RDS-managed,
 * since RDS refuses read replicas of a primary whose password it manages), rotated by AWS's published
 * single-user rotation function for the engine, deployed from the Serverless Application Repository.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations
 */
export interface CredentialsPlan {
  readonly rotationDays: number;
  /** The function that rotates it, shared by every database of the engine in a stack. */
  readonly rotator: RotatorPlan;
  /**
   * The further regions the secret is replicated into (level 7): those of its cross-region replicas, whose
   * tiers read their credentials in their own region, so they keep them when the primary region fails. The
   * primary rotates and each replica follows; each is encrypted with its own region's `aws/secretsmanager` key.
   * https://docs.aws.amazon.com/secretsmanager/latest/userguide/replicate-secrets.html
   */
  readonly replicaRegions: readonly AwsRegion[];
}

/**
 * One rotation function per engine and stack (a single-user function rotates any secret whose rotation
 * names it): one per database would add a function and a security group to each, and a sharded blueprint
 * would pass CloudFormation's 500 resources per stack.
 */
export interface RotatorPlan {
  readonly id: 'PostgresRotator' | 'MysqlRotator';
  readonly tfName: 'postgres_rotator' | 'mysql_rotator';
  /** Physical name of the function where the renderer names it (Terraform); at most 64 characters. */
  readonly functionName: string;
  /** The Serverless Application Repository application that rotates this engine's secrets. */
  readonly application: { readonly id: string; readonly semanticVersion: string };
  /** Characters left out of every generated password, the first one and each rotated one. */
  readonly excludeCharacters: string;
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

/**
 * Level 7: the customer-managed KMS key of a further region that encrypts its cross-region read replicas, the same
 * in both engines. RDS re-encrypts an encrypted source's cross-region replica with a key of the replica's region
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html); one whose policy and rotation
 * the plan decides, rather than the AWS-managed `aws/rds`, whose policy nobody can change.
 */
export interface ReplicaKeyPlan {
  /** Under the regional stack's `RegionalReplicas` construct. */
  readonly id: 'Key';
  readonly tfName: string;
  readonly region: AwsRegion;
  readonly description: string;
  /** Automatic yearly rotation of the key material. */
  readonly rotation: true;
  /**
   * Its key policy: KMS's default one, which gives the account (its root principal) `kms:*`, so IAM policies
   * decide who uses the key (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html).
   */
  readonly policy: { readonly principal: 'account-root'; readonly actions: readonly ['kms:*'] };
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
  /** Who may connect, as Terraform's role-based access control renders it (CloudFormation sends an AUTH token: docs/terraform.md). */
  readonly accessControl: CacheAccessControlPlan;
}

/**
 * The user group of a cache and its two users: the required `default` user, switched off, and the app's user,
 * authenticated with IAM (user id = user name, as IAM authentication requires). Group and users are of the Redis OSS
 * engine for Valkey caches too: a Valkey-engine group admits only users who authenticate with a password or IAM,
 * so it would refuse the passwordless `default` user, while a Valkey cache accepts a Redis OSS-engine group
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html).
 */
export interface CacheAccessControlPlan {
  readonly userGroupEngine: 'redis';
  readonly userGroupId: string;
  readonly defaultUser: CacheUserPlan;
  readonly appUser: CacheUserPlan;
}

/** One ElastiCache user. */
export interface CacheUserPlan {
  readonly userId: string;
  readonly userName: string;
  /** `off -@all` disables the user; `on ~* +@all` may run every command on every key. */
  readonly accessString: string;
  readonly authentication: 'no-password-required' | 'iam';
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
