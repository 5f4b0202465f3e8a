import type { AwsRegion, DatabaseSpec } from '../spec';
import { majorOf } from '../spec/data/engine-versions';
import type { DatabasePlan, Environment, RegionalReplicaPlan } from './architecture-plan';
import { pascalCase } from './naming';
import { DATABASE_PORTS, DEFAULT_ENGINE_VERSIONS, ENVIRONMENT_DEFAULTS, FIXED_SIZES, PASSWORD_EXCLUDED_CHARACTERS, ROTATION_APPLICATIONS } from './environment-defaults';

/** Ids and physical names of one primary: "Database"/"database" for the app, derived for shards and services. */
export interface DatabaseIds {
  readonly id: string;
  readonly tfName: string;
  readonly identifier: string;
  /** The database created in it ({@link databaseNameOf}); the app's and every shard's are the same. */
  readonly databaseName: string;
}

/**
 * The database RDS creates with an instance: the blueprint's name (and the service's) without hyphens, then `db`.
 * Valid for both engines' DBName, whose rules meet in "1 to 63 letters or digits, beginning with a letter, not a
 * word the engine reserves" (MySQL: 1-64 letters or numbers; PostgreSQL: a letter, then letters, underscores or
 * digits, 1-63): names are lower-case letters, digits and hyphens from a letter, at most 16 + 16 characters, and no
 * reserved word of either engine ends in `db`.
 * https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html (DBName)
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-rds-dbinstance.html#cfn-rds-dbinstance-dbname
 */
export function databaseNameOf(blueprintName: string, service: string | null = null): string {
  return `${blueprintName}${service ?? ''}db`.replace(/-/g, '');
}

/**
 * Every log each engine can export on RDS (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Concepts.PostgreSQL.html,
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.MySQL.LogFileSize.html).
 */
const DATABASE_LOG_EXPORTS = {
  postgres: ['postgresql', 'upgrade'],
  mysql: ['error', 'general', 'slowquery'],
} as const satisfies Record<DatabaseSpec['engine'], readonly string[]>;

/** What the level enables for a database. */
export interface DatabaseOptions {
  readonly replicasAllowed: boolean;
  readonly otherRegions: readonly AwsRegion[];
  /** The blueprint's physical-name prefix (`shop-prod`), for what its databases share. */
  readonly physicalPrefix: string;
}

/** An RDS primary with every default resolved, its replicas and proxy expanded. */
export function planDatabase(
  database: Omit<DatabaseSpec, 'shards'>,
  environment: Environment,
  ids: DatabaseIds,
  options: DatabaseOptions,
): DatabasePlan {
  const defaults = ENVIRONMENT_DEFAULTS[environment];
  const replicaCount = options.replicasAllowed ? database.readReplicas : 0;
  const engineVersion = database.engineVersion ?? DEFAULT_ENGINE_VERSIONS[database.engine];
  return {
    ...ids,
    engine: database.engine,
    engineVersion,
    engineMajorVersion: majorOf(database.engine, engineVersion),
    instanceClass: database.instanceClass ?? defaults.dbInstanceClass,
    storageGb: database.storageGb,
    storageType: 'gp3',
    port: DATABASE_PORTS[database.engine],
    multiAz: database.multiAz ?? defaults.multiAz,
    backupRetentionDays: database.backupRetentionDays ?? defaults.backupRetentionDays,
    masterUsername: FIXED_SIZES.databaseMasterUsername,
    databaseName: database.existingName ?? ids.databaseName,
    createsDatabase: database.existingName === undefined,
    iamAuthentication: true,
    logExports: DATABASE_LOG_EXPORTS[database.engine],
    caCertificate: 'rds-ca-rsa2048-g1',
    credentials: {
      rotationDays: FIXED_SIZES.databaseRotationDays,
      rotator: {
        id: database.engine === 'postgres' ? 'PostgresRotator' : 'MysqlRotator',
        tfName: database.engine === 'postgres' ? 'postgres_rotator' : 'mysql_rotator',
        functionName: `${options.physicalPrefix}-${database.engine}-rotation`,
        application: ROTATION_APPLICATIONS[database.engine],
        excludeCharacters: PASSWORD_EXCLUDED_CHARACTERS,
      },
      replicaRegions: options.otherRegions,
    },
    // Replicas are numbered 1..n: a count, not a user list, so the numbering is stable.
    replicas: Array.from({ length: replicaCount }, (_, index) => ({
      id: `${ids.id}Replica${index + 1}`,
      tfName: `${ids.tfName}_replica_${index + 1}`,
      identifier: `${ids.identifier}-replica-${index + 1}`,
    })),
    proxy: options.replicasAllowed && database.proxy
      ? { id: `${ids.id}Proxy`, tfName: `${ids.tfName}_proxy`, name: `${ids.identifier}-proxy` }
      : null,
    regionalReplicas: options.otherRegions.map((region): RegionalReplicaPlan => ({
      // Unique across the regional stack, where app, shard and service replicas sit side by side.
      id: `${pascalCase(ids.tfName)}Replica${regionSuffix(region)}`,
      tfName: `${ids.tfName}_replica_${region.replace(/-/g, '_')}`,
      identifier: `${ids.identifier}-${region}`,
      region,
    })),
  };
}

/** "eu-west-1" → "EuWest1". */
export function regionSuffix(region: string): string {
  return region.split('-').map((part) => part[0].toUpperCase() + part.slice(1)).join('');
}
