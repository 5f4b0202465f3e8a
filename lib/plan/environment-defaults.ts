import type { Environment, RemovalPolicy } from './architecture-plan';

/** Defaults that depend on the environment: safe in production, cheap in development. */
export interface EnvironmentDefaults {
  readonly appInstanceType: string;
  readonly scalingMin: number;
  readonly scalingMax: number;
  readonly natGateways: number;
  readonly dbInstanceClass: string;
  readonly multiAz: boolean;
  readonly backupRetentionDays: number;
  readonly cacheNodeType: string;
  readonly cacheReplicas: number;
  readonly deletionProtection: boolean;
  readonly databaseRemoval: RemovalPolicy;
  readonly dataStoreRemoval: RemovalPolicy;
}

/** The table behind every environment-dependent default (documented in the README). */
export const ENVIRONMENT_DEFAULTS = {
  production: {
    appInstanceType: 't3.small',
    scalingMin: 2,
    scalingMax: 10,
    natGateways: 2,
    dbInstanceClass: 'db.t4g.medium',
    multiAz: true,
    backupRetentionDays: 7,
    cacheNodeType: 'cache.t4g.small',
    cacheReplicas: 1,
    deletionProtection: true,
    databaseRemoval: 'snapshot',
    dataStoreRemoval: 'retain',
  },
  staging: {
    appInstanceType: 't3.small',
    scalingMin: 1,
    scalingMax: 4,
    natGateways: 1,
    dbInstanceClass: 'db.t4g.small',
    multiAz: false,
    backupRetentionDays: 3,
    cacheNodeType: 'cache.t4g.micro',
    cacheReplicas: 0,
    deletionProtection: false,
    databaseRemoval: 'snapshot',
    dataStoreRemoval: 'retain',
  },
  development: {
    appInstanceType: 't3.micro',
    scalingMin: 1,
    scalingMax: 4,
    natGateways: 1,
    dbInstanceClass: 'db.t4g.micro',
    multiAz: false,
    backupRetentionDays: 1,
    cacheNodeType: 'cache.t4g.micro',
    cacheReplicas: 0,
    deletionProtection: false,
    databaseRemoval: 'destroy',
    dataStoreRemoval: 'destroy',
  },
} as const satisfies Record<Environment, EnvironmentDefaults>;

/**
 * Engine versions used when a blueprint names none. The databases' are majors: RDS creates the major's current
 * default minor and, with automatic minor version upgrades on, keeps it upgraded, so the default never names a
 * minor RDS has retired (lib/spec/data/rds-version-lifecycle.ts has the dates). PostgreSQL 17 has RDS standard
 * support until 2030-02-28, a year past 16; MySQL 8.4, until 2029-07-31, where 8.0 left it on 2026-07-31
 * (https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/MySQLReleaseNotes/mysql-release-calendar.html). ElastiCache takes
 * a major.minor, and AWS has announced no end of support for either (lib/spec/data/cache-engine-versions.ts).
 */
export const DEFAULT_ENGINE_VERSIONS = {
  postgres: '17',
  mysql: '8.4',
  redis: '7.1',
  valkey: '8.0',
} as const;

/** Database ports by engine. */
export const DATABASE_PORTS = { postgres: 5432, mysql: 3306 } as const;

/**
 * AWS's single-user rotation functions for RDS, as published in the Serverless Application Repository
 * (the versions aws-cdk-lib's `SecretRotationApplication` pins, so both engines deploy the same code).
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/reference_available-rotation-templates.html
 */
export const ROTATION_APPLICATIONS = {
  postgres: { id: 'arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSPostgreSQLRotationSingleUser', semanticVersion: '1.1.671' },
  mysql: { id: 'arn:aws:serverlessrepo:us-east-1:297356227824:applications/SecretsManagerRDSMySQLRotationSingleUser', semanticVersion: '1.1.671' },
} as const satisfies Record<'postgres' | 'mysql', { id: string; semanticVersion: string }>;

/**
 * Characters generated passwords leave out: RDS refuses `/`, `"`, `@` and spaces in a master password
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.Constraints); the rest
 * are aws-cdk-lib's `DatabaseSecret` defaults, kept so the first password and every rotated one look alike.
 */
export const PASSWORD_EXCLUDED_CHARACTERS = ' %+~`#$&*()|[]{}:;<>?!\'/@"\\';

/** Fixed sizes that the blueprint does not expose. */
export const FIXED_SIZES = {
  serverRootVolumeGb: 20,
  dataVolumeDevice: '/dev/sdf',
  queueRetentionDays: 4,
  databaseMasterUsername: 'tierup',
  // Secrets Manager rotates the master password this often.
  databaseRotationDays: 30,
} as const;
