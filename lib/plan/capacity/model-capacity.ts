import type { ArchitecturePlan } from '../architecture-plan';
import type { FleetPlan, ServerPlan } from '../compute-plan';
import type { DatabasePlan } from '../data-plan';
import { CACHE_HIT_RATIO, CACHE_OPERATIONS_PER_SECOND, CAPACITY_FIGURES, DATABASE_QUERIES_PER_SECOND } from './capacity-figures';

// The capacity model: each tier's ceiling in requests per second, from the blueprint's figures and the constants of
// capacity-figures.ts. `tierup capacity` and `advise` print it; the monitoring plan's capacity alarms fire at these
// ceilings ÷ (1 + headroom). One model, read by all three.

/** What the model reads of a plan: the tiers that carry load (a plan with or without its derived sections). */
export type CapacityPlan = Pick<ArchitecturePlan, 'level' | 'regions' | 'server' | 'fleet' | 'services' | 'database' | 'shards' | 'cache' | 'multiRegion'>;

/** The workload the model assumes when nobody gives one: `tierup capacity`'s defaults. */
export const DEFAULT_WORKLOAD: Workload = { readRatio: CAPACITY_FIGURES.readRatio, queriesPerRequest: CAPACITY_FIGURES.queriesPerRequest };

/** The workload shape the model divides capacity by. */
export interface Workload {
  /** Share of requests that only read, 0..1. */
  readonly readRatio: number;
  readonly queriesPerRequest: number;
}

/** One tier's ceiling in requests per second (null when the tier carries none of this workload). */
export interface TierCapacity {
  readonly tier: string;
  readonly maxRps: number | null;
  readonly notes: readonly string[];
}

/** The output of `tierup capacity --json`; headroom = (capacity − load) / load, present when a load is given. */
export interface CapacityReport {
  readonly maxRps: number;
  readonly bottleneck: string;
  readonly tiers: readonly TierCapacity[];
  readonly headroom?: number;
}

/** Modeled ceiling of each tier of a plan, the lowest of which is the plan's ceiling. */
export function modelCapacity(plan: CapacityPlan, workload: Workload, loadRps?: number): CapacityReport {
  const tiers = [...computeTiers(plan), ...databaseTiers(plan, workload), ...cacheTiers(plan, workload)];
  const loaded = tiers.filter((tier): tier is TierCapacity & { maxRps: number } => tier.maxRps !== null);
  const weakest = loaded.reduce((low, tier) => (tier.maxRps < low.maxRps ? tier : low));
  return {
    maxRps: weakest.maxRps,
    bottleneck: weakest.tier,
    tiers,
    ...(loadRps === undefined ? {} : { headroom: headroomOf(weakest.maxRps, loadRps) }),
  };
}

/** (capacity − load) / load, to two decimals. */
export function headroomOf(capacityRps: number, loadRps: number): number {
  return Math.round(((capacityRps - loadRps) / loadRps) * 100) / 100;
}

/** Regions that serve traffic: all of them when active-active, else the primary alone. */
export function servingRegions(plan: CapacityPlan): number {
  return plan.multiRegion?.mode === 'active-active' ? plan.regions.length : 1;
}

/**
 * The single server's ceiling: its rpsPerInstance, of which level 1 leaves the app a share (the database runs beside
 * it). Unrounded: `capacity` prints it floored, alarms keep the fraction (a 1-rps server still has a ceiling).
 */
export function serverCeilingRps(server: Pick<ServerPlan, 'rpsPerInstance'>, level: CapacityPlan['level']): number {
  return server.rpsPerInstance * (level === 1 ? CAPACITY_FIGURES.sharedServerShare : 1);
}

/** One fleet's ceiling in one region: every instance of its maximum at rpsPerInstance. */
export function fleetCeilingRps(fleet: Pick<FleetPlan, 'max' | 'rpsPerInstance'>): number {
  return fleet.max * fleet.rpsPerInstance;
}

function computeTiers(plan: CapacityPlan): TierCapacity[] {
  if (plan.server) {
    const shared = plan.level === 1;
    return [{
      tier: 'server',
      maxRps: Math.floor(serverCeilingRps(plan.server, plan.level)),
      notes: [`one ${plan.server.instanceType} at ${plan.server.rpsPerInstance} rps` +
        (shared ? `, ${CAPACITY_FIGURES.sharedServerShare * 100}% of it left to the app: the database runs on the same machine` : '')],
    }];
  }
  const regions = servingRegions(plan);
  const fleets = [...(plan.fleet ? [plan.fleet] : []), ...plan.services.map((service) => service.fleet)];
  const atMax = fleets.reduce((sum, fleet) => sum + fleetCeilingRps(fleet), 0) * regions;
  const atMin = fleets.reduce((sum, fleet) => sum + fleet.min * fleet.rpsPerInstance, 0) * regions;
  const notes = fleets.map((fleet) => `${fleet.name}: ${fleet.instanceType} × ${fleet.min}-${fleet.max} at ${fleet.rpsPerInstance} rps = ${fleet.min * fleet.rpsPerInstance}-${fleet.max * fleet.rpsPerInstance} rps`);
  notes.push(`${atMin} rps at minimum size before scaling out; instances take minutes to start and warm up`);
  if (fleets.length > 1) notes.push('services serve their own paths: the sum assumes traffic splits as their fleets are sized');
  if (regions > 1) notes.push(`${regions} active regions serve traffic`);
  return [
    { tier: 'app', maxRps: atMax, notes },
    { tier: 'load-balancer', maxRps: CAPACITY_FIGURES.loadBalancerRps * regions,
      notes: ['the ALB scales by itself; announce sudden surges beyond this to AWS (LCU reservation)'] },
  ];
}

function databaseTiers(plan: CapacityPlan, workload: Workload): TierCapacity[] {
  const { database } = plan;
  if (!database) return [];
  const classQps = queriesPerSecondOf(database);
  if (classQps === null) {
    return [{ tier: 'database', maxRps: null, notes: [`no capacity figure for ${database.instanceClass}; add it to DATABASE_QUERIES_PER_SECOND`] }];
  }
  const shards = 1 + (plan.shards?.shards.length ?? 0);
  const { queriesPerRequest: qpr } = workload;
  const missRatio = plan.cache ? 1 - CACHE_HIT_RATIO[plan.cache.strategy] : 1;
  const writeQueries = (1 - workload.readRatio) * qpr;
  const readQueries = workload.readRatio * qpr * missRatio;
  const writeCeiling = Math.min(classQps / CAPACITY_FIGURES.writeCost, CAPACITY_FIGURES.writesPerSecondPerPrimary) * shards;
  const shardNote = shards > 1 ? [`${shards} shards multiply writes (and reads) ×${shards}`] : [];
  const cacheNote = plan.cache
    ? [`the cache answers ${CACHE_HIT_RATIO[plan.cache.strategy] * 100}% of reads (${plan.cache.strategy})`]
    : plan.level >= 3 ? [noCacheNote(workload.readRatio * qpr)] : [];
  const proxyNote = database.proxy ? ['RDS Proxy pools connections: many app instances share the primary\'s connection limit (no extra queries/s)'] : [];
  const classNote = `${database.instanceClass}: ~${classQps} queries/s, writes cost ×${CAPACITY_FIGURES.writeCost}, at most ${CAPACITY_FIGURES.writesPerSecondPerPrimary} writes/s per primary`;
  const replicas = database.replicas.length + (servingRegions(plan) > 1 ? database.regionalReplicas.length : 0);
  if (replicas === 0) {
    // Reads and writes share the primary's budget.
    const perRequest = writeQueries * CAPACITY_FIGURES.writeCost + readQueries;
    const shared = (classQps * shards) / perRequest;
    const writesOnly = writeQueries > 0 ? writeCeiling / writeQueries : Infinity;
    return [{ tier: 'database', maxRps: Math.floor(Math.min(shared, writesOnly)), notes: [classNote, 'reads and writes share the primary', ...shardNote, ...cacheNote, ...proxyNote] }];
  }
  return [
    { tier: 'database-writes', maxRps: writeQueries > 0 ? Math.floor(writeCeiling / writeQueries) : null, notes: [classNote, ...shardNote, ...proxyNote] },
    {
      tier: 'database-reads',
      maxRps: readQueries > 0 ? Math.floor((classQps * replicas * shards) / readQueries) : null,
      notes: [`${replicas} read replica(s) per primary serve reads, ×${replicas}`, ...shardNote, ...cacheNote],
    },
  ];
}

/**
 * Level 3 and up with `cache.enabled: false`: no hit ratio is counted, every read reaches the database; what a cache
 * would take off it, at the cache-aside hit ratio a default cache has.
 */
function noCacheNote(readQueriesPerRequest: number): string {
  const hitRatio = CACHE_HIT_RATIO['cache-aside'];
  const lift = Math.round((1 / (1 - hitRatio)) * 10) / 10;
  return `no cache (cache.enabled: false): all ${round(readQueriesPerRequest)} reads per request reach the database; ` +
    `a cache would lift the database reads: at ${hitRatio * 100}% hits (cache-aside) it would take ${lift}× fewer of them`;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

function cacheTiers(plan: CapacityPlan, workload: Workload): TierCapacity[] {
  const { cache } = plan;
  if (!cache) return [];
  const nodeOps = CACHE_OPERATIONS_PER_SECOND[cache.nodeType];
  if (nodeOps === undefined) return [{ tier: 'cache', maxRps: null, notes: [`no capacity figure for ${cache.nodeType}; add it to CACHE_OPERATIONS_PER_SECOND`] }];
  const nodes = 1 + cache.replicas;
  const writesTouchCache = cache.strategy !== 'cache-aside';
  const opsPerRequest = workload.queriesPerRequest * (workload.readRatio + (writesTouchCache ? 1 - workload.readRatio : 0));
  const regions = servingRegions(plan);
  return [{
    tier: 'cache',
    maxRps: opsPerRequest > 0 ? Math.floor((nodeOps * nodes * regions) / opsPerRequest) : null,
    notes: [`${cache.nodeType}: ~${nodeOps} ops/s per node, ${nodes} node(s) serve reads`, `hit ratio ${CACHE_HIT_RATIO[cache.strategy] * 100}% (${cache.strategy})`],
  }];
}

/** Sustainable queries per second of a database's class, or null when the model has no figure for it. */
export function queriesPerSecondOf(database: Pick<DatabasePlan, 'instanceClass'>): number | null {
  return DATABASE_QUERIES_PER_SECOND[database.instanceClass] ?? null;
}
