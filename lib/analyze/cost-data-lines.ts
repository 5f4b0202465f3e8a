import type { ArchitecturePlan, CachePlan, DatabasePlan } from '../plan';
import { type CostLine, fixed, gbMonth, hourly } from './cost-model';
import { GLOBAL_RATES, HOURS_PER_MONTH, RDS_VCPUS } from './data/prices';
import { BILLING_ASSUMPTIONS } from './data/usage-defaults';
import { cacheNodeHourly, isPricedRegion, rdsHourly, regionalRates } from './price-lookup';

/** RDS Proxy bills at least this many vCPUs (AWS RDS Proxy pricing). */
const PROXY_MINIMUM_VCPUS = 2;

/** Every RDS primary of the plan: the app's, the shards', the services'. */
export function allDatabases(plan: ArchitecturePlan): DatabasePlan[] {
  return [
    ...(plan.database ? [plan.database] : []),
    ...(plan.shards?.shards.map((shard) => shard.database) ?? []),
    ...plan.services.flatMap((service) => (service.database ? [service.database] : [])),
  ];
}

/** Every ElastiCache group of the primary region: the app's and the services'. */
export function allCaches(plan: ArchitecturePlan): CachePlan[] {
  return [...(plan.cache ? [plan.cache] : []), ...plan.services.flatMap((service) => (service.cache ? [service.cache] : []))];
}

/** Secrets Manager secrets: one per database primary (credentials) and one per cache (AUTH token). */
export function secretCount(plan: ArchitecturePlan): number {
  return allDatabases(plan).length + allCaches(plan).length;
}

/** Instances, storage and proxy of every database, with replicas in the primary's and in other regions. */
export function databaseLines(plan: ArchitecturePlan): CostLine[] {
  const home = plan.regions[0].region;
  return allDatabases(plan).flatMap((database) => {
    const { engine, instanceClass, storageGb } = database;
    const rates = regionalRates(home);
    const copies = database.multiAz ? 2 : 1;
    const deployment = database.multiAz ? 'Multi-AZ (primary + standby)' : 'single-AZ';
    const name = `${home} ${database.id} ${database.identifier}`;
    const lines: CostLine[] = [
      hourly('rds', `${name} ${instanceClass} ${engine} ${deployment}`, 'instance-hours', rdsHourly(home, engine, instanceClass), fixed(copies)),
      gbMonth('rds-storage', `${name} storage${database.multiAz ? ' ×2 (Multi-AZ)' : ''}`, rates?.rdsStorageGbMonth, storageGb * copies),
    ];
    const replicas = database.replicas.length;
    if (replicas > 0) {
      lines.push(hourly('rds', `${name} read replicas ×${replicas} ${instanceClass}`, 'instance-hours', rdsHourly(home, engine, instanceClass), fixed(replicas)));
      lines.push(gbMonth('rds-storage', `${name} read replicas' storage`, rates?.rdsStorageGbMonth, storageGb * replicas));
    }
    if (database.proxy) {
      const vcpus = RDS_VCPUS[instanceClass];
      const price = vcpus === undefined ? null : rates?.rdsProxyVcpuHourly ?? null;
      lines.push(hourly('rds-proxy', `${home} ${database.proxy.id} ${database.proxy.name} (${vcpus ?? '?'} vCPUs of ${instanceClass})`, 'vCPU-hours',
        price, fixed(Math.max(PROXY_MINIMUM_VCPUS, vcpus ?? 0))));
    }
    for (const replica of database.regionalReplicas) {
      const label = `${replica.region} ${replica.id} ${replica.identifier}`;
      lines.push(hourly('rds', `${label} cross-region replica ${instanceClass}`, 'instance-hours', rdsHourly(replica.region, engine, instanceClass), fixed(1)));
      lines.push(gbMonth('rds-storage', `${label} storage`, regionalRates(replica.region)?.rdsStorageGbMonth, storageGb));
    }
    return lines;
  });
}

/**
 * The password rotation functions, one per engine in the primary stack: each rotation of a secret calls its
 * function four times. Effectively free (a fraction of a cent a month), listed so the estimate shows it was counted.
 */
export function rotationLines(plan: ArchitecturePlan): CostLine[] {
  const home = plan.regions[0].region;
  const byFunction = new Map<string, DatabasePlan[]>();
  for (const database of allDatabases(plan)) {
    const key = database.credentials.rotator.functionName;
    byFunction.set(key, [...(byFunction.get(key) ?? []), database]);
  }
  const { rotationInvocationsPerRotation, rotationInvocationSeconds, rotationMemoryGb } = BILLING_ASSUMPTIONS;
  // One request plus its compute, at the assumed (upper-bound) duration and memory.
  const perInvocation = Math.round((GLOBAL_RATES.lambdaPerMillionRequests / 1_000_000 + rotationInvocationSeconds * rotationMemoryGb * GLOBAL_RATES.lambdaGbSecond) * 1e10) / 1e10;
  return [...byFunction.values()].map((databases) => {
    const { rotator } = databases[0].credentials;
    const days = [...new Set(databases.map((database) => database.credentials.rotationDays))].join('/');
    const rotations = databases.reduce((sum, database) => sum + HOURS_PER_MONTH / 24 / database.credentials.rotationDays, 0);
    return {
      component: 'lambda',
      resource: `${home} ${rotator.id} ${rotator.functionName}: ${databases.length} password${databases.length === 1 ? '' : 's'} every ${days} days (effectively free)`,
      unit: 'invocations',
      unitPrice: isPricedRegion(home) ? perInvocation : null,
      quantity: fixed(Math.round(rotations * rotationInvocationsPerRotation * 100) / 100),
    };
  });
}

/** Nodes of every cache (primary and replicas); at level 7 every cache runs again in each other region. */
export function cacheLines(plan: ArchitecturePlan, otherRegions: readonly string[]): CostLine[] {
  const home = plan.regions[0].region;
  const line = (cache: CachePlan, region: string): CostLine => {
    const nodes = 1 + cache.replicas;
    return hourly('elasticache', `${region} ${cache.id} ${cache.replicationGroupId} ${cache.engine} ${cache.nodeType} ×${nodes} nodes`,
      'node-hours', cacheNodeHourly(region, cache.engine, cache.nodeType), fixed(nodes));
  };
  return [
    ...allCaches(plan).map((cache) => line(cache, home)),
    ...otherRegions.flatMap((region) => allCaches(plan).map((cache) => line(cache, region))),
  ];
}
