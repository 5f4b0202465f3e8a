import type { DatabasePlan } from '../../plan';

/**
 * Memory of RDS instance classes, GiB, for the classes the capacity model knows.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Summary.html
 */
const CLASS_MEMORY_GIB: Readonly<Record<string, number>> = {
  'db.t4g.micro': 1, 'db.t4g.small': 2, 'db.t4g.medium': 4, 'db.t4g.large': 8, 'db.t4g.xlarge': 16,
  'db.t3.micro': 1, 'db.t3.small': 2, 'db.t3.medium': 4, 'db.t3.large': 8,
  'db.m6g.large': 8, 'db.m6g.xlarge': 16, 'db.m6g.2xlarge': 32, 'db.m6g.4xlarge': 64,
  'db.r6g.large': 16, 'db.r6g.xlarge': 32, 'db.r6g.2xlarge': 64, 'db.r6g.4xlarge': 128,
};

/**
 * The default `max_connections` of an RDS instance, from its class's memory: PostgreSQL
 * `LEAST({DBInstanceClassMemory/9531392}, 5000)`, MySQL `{DBInstanceClassMemory/12582880}`.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html#RDS_Limits.MaxConnections
 * DBInstanceClassMemory is the class's memory less what the OS and RDS keep, so the real figure is a little lower
 * (a 4 GiB class shows about 410, not 450): an upper bound. Null for a class without a memory figure.
 */
export function defaultMaxConnections(database: Pick<DatabasePlan, 'engine' | 'instanceClass'>): number | null {
  const gib = CLASS_MEMORY_GIB[database.instanceClass];
  if (gib === undefined) return null;
  const bytes = gib * 1024 ** 3;
  return database.engine === 'postgres' ? Math.min(Math.floor(bytes / 9_531_392), 5000) : Math.floor(bytes / 12_582_880);
}
