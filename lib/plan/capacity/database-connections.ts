import type { DatabasePlan } from '../data-plan';

// RDS's default max_connections per instance class, from the default parameter groups' formulas and the classes'
// memory. The connection alarms fire at this ceiling ÷ (1 + headroom).

/**
 * Memory of an RDS instance class, in GiB, by family kind and size: burstable classes by size, general-purpose (m)
 * classes 4 GiB per vCPU and memory-optimized (r) classes 8 GiB per vCPU, vCPUs by size.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Summary.html
 */
const BURSTABLE_MEMORY_GIB: Readonly<Record<string, number>> = { micro: 1, small: 2, medium: 4, large: 8, xlarge: 16, '2xlarge': 32 };
const VCPUS_BY_SIZE: Readonly<Record<string, number>> = {
  large: 2, xlarge: 4, '2xlarge': 8, '4xlarge': 16, '8xlarge': 32, '12xlarge': 48, '16xlarge': 64, '24xlarge': 96, '32xlarge': 128, '48xlarge': 192,
};
const GIB_PER_VCPU: Readonly<Record<string, number>> = { m: 4, r: 8 };

/**
 * The share of a class's nominal memory that `DBInstanceClassMemory` holds. RDS keeps part of the memory for the
 * operating system and its own processes, so the parameter is less than the nominal figure; AWS does not publish it.
 * `SHOW max_connections` on default PostgreSQL parameter groups (db.t2.small 198, db.t2.medium 413, db.t2.large
 * 856, db.r4.large 1660) puts it at 88-97% of nominal; tierup assumes 90%, so on most classes the connection alarm
 * fires a little early rather than late.
 */
export const CLASS_MEMORY_SHARE = 0.9;

/** Nominal memory of an RDS class in GiB (`db.t4g.medium` → 4), or null for a class the table does not know. */
export function classMemoryGib(instanceClass: string): number | null {
  const match = /^db\.([a-z]+)\d+[a-z]*\.([a-z0-9]+)$/.exec(instanceClass);
  if (!match) return null;
  const [, kind, size] = match;
  if (kind === 't') return BURSTABLE_MEMORY_GIB[size] ?? null;
  const perVcpu = GIB_PER_VCPU[kind];
  const vcpus = VCPUS_BY_SIZE[size];
  return perVcpu === undefined || vcpus === undefined ? null : perVcpu * vcpus;
}

/**
 * The default `max_connections` of a database's engine and class, or null when the class's memory is unknown.
 * PostgreSQL: `LEAST({DBInstanceClassMemory/9531392}, 5000)`; MySQL: `{DBInstanceClassMemory/12582880}`.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.MaxConnections
 */
export function defaultMaxConnections(database: Pick<DatabasePlan, 'engine' | 'instanceClass'>): number | null {
  const gib = classMemoryGib(database.instanceClass);
  if (gib === null) return null;
  const classMemory = gib * 1024 ** 3 * CLASS_MEMORY_SHARE;
  return database.engine === 'postgres' ? Math.min(Math.floor(classMemory / 9_531_392), 5000) : Math.floor(classMemory / 12_582_880);
}

/** How {@link defaultMaxConnections} got its figure, for alarm thresholds' sources. */
export function maxConnectionsSource(database: Pick<DatabasePlan, 'engine' | 'instanceClass'>): string {
  const gib = classMemoryGib(database.instanceClass);
  const formula = database.engine === 'postgres' ? 'LEAST(DBInstanceClassMemory/9531392, 5000)' : 'DBInstanceClassMemory/12582880';
  return `${database.instanceClass}'s default max_connections ${defaultMaxConnections(database)} = ${formula}, ` +
    `DBInstanceClassMemory taken as ${CLASS_MEMORY_SHARE * 100}% of its ${gib} GiB`;
}
