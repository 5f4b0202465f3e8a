import { createPlan, type ArchitecturePlan } from '../plan';
import { LEVEL_NAMES, LEVELS, type Level, type LevelName } from '../spec/levels';
import { parseBlueprint } from '../spec/load-blueprint';
import { type StarterSizing, starterBlueprint } from '../spec/starter-blueprint';
import { DEFAULT_DATA_VOLUME_GIB } from '../spec/data/ebs-volume-limits';
import { type CapacityReport, modelCapacity, type Workload } from './capacity';
import { CACHE_HIT_RATIO, CAPACITY_FIGURES } from './data/capacity-figures';
import {
  ADVICE_REGIONS, CACHE_LADDER, DATABASE_LADDER, FLEET_INSTANCE_TYPE, LARGEST_SINGLE_DATABASE, READ_HEAVY_RATIO,
  REGIONS_FOR_MULTI_REGION, SERVER_LADDER, SIZING_LIMITS, TEAMS_FOR_MICROSERVICES,
} from './data/advice-rules';

/** The load `tierup advise` sizes for. */
export interface AdviceInput {
  readonly rps: number;
  readonly readRatio: number;
  readonly dataGb: number;
  /** Database writes per second; derived from rps, read ratio and queries per request when absent. */
  readonly writesPerSecond?: number;
  readonly regions: number;
  readonly teams: number;
  readonly queriesPerRequest: number;
  readonly headroom: number;
  readonly rpsPerInstance: number;
  /** Name of the emitted blueprint. */
  readonly name: string;
  /** The emitted blueprint's `$schema` reference (the CLI's: the shipped schema relative to the file); none when absent. */
  readonly schemaReference?: string;
}

/** The advice: the lowest level that carries the load, why, and a starter blueprint sized for it. */
export interface Advice {
  readonly level: Level;
  readonly levelName: LevelName;
  readonly reasons: readonly string[];
  readonly blueprint: string;
  readonly capacity: CapacityReport;
}

type Sizing = { -readonly [K in keyof StarterSizing]: StarterSizing[K] };
type Attempt = { readonly ok: true; readonly sizing: Sizing; readonly plan: ArchitecturePlan; readonly report: CapacityReport }
  | { readonly ok: false; readonly reason: string };

/** Tries each level from the lowest the structure allows and keeps the first whose modeled capacity has the headroom. */
export function advise(input: AdviceInput): Advice | { readonly level: null; readonly reasons: readonly string[] } {
  const readQueries = input.rps * input.readRatio * input.queriesPerRequest;
  const writeQueries = input.writesPerSecond ?? input.rps * (1 - input.readRatio) * input.queriesPerRequest;
  const workload: Workload = { readRatio: readQueries / (readQueries + writeQueries), queriesPerRequest: (readQueries + writeQueries) / input.rps };
  const { minimum, reasons } = structuralMinimum(input, writeQueries);
  for (const level of LEVELS.filter((candidate) => candidate >= minimum)) {
    const attempt = sizeLevel(level, input, workload, writeQueries);
    if (!attempt.ok) {
      reasons.push(`level ${level} (${LEVEL_NAMES[level]}) falls short: ${attempt.reason}`);
      continue;
    }
    reasons.push(...describeSizing(level, attempt, input, readQueries, writeQueries));
    return { level, levelName: LEVEL_NAMES[level], reasons, blueprint: blueprintFor(level, attempt.sizing, input), capacity: attempt.report };
  }
  return { level: null, reasons };
}

/** Levels that the shape of the load forces, whatever the capacity: regions, teams, write and data volume. */
function structuralMinimum(input: AdviceInput, writeQueries: number): { minimum: Level; reasons: string[] } {
  const triggers: { level: Level; reason: string }[] = [];
  if (input.regions >= REGIONS_FOR_MULTI_REGION) {
    triggers.push({ level: 7, reason: `users in ${input.regions} regions: latency to distant users and regional failover call for multi-region (level 7)` });
  }
  if (input.teams >= TEAMS_FOR_MICROSERVICES) {
    triggers.push({ level: 6, reason: `${input.teams} teams (≥ ${TEAMS_FOR_MICROSERVICES}) must deploy and scale on their own: microservices (level 6)` });
  }
  if (writeQueries > CAPACITY_FIGURES.writesPerSecondPerPrimary) {
    triggers.push({ level: 5, reason: `${Math.round(writeQueries)} writes/s is beyond ~${CAPACITY_FIGURES.writesPerSecondPerPrimary} per primary: shards (level 5)` });
  }
  if (input.dataGb > CAPACITY_FIGURES.dataGbPerPrimary) {
    triggers.push({ level: 5, reason: `${input.dataGb} GB of data is beyond ~${CAPACITY_FIGURES.dataGbPerPrimary} GB per primary: shards (level 5)` });
  }
  const minimum = triggers.reduce<Level>((low, trigger) => (trigger.level > low ? trigger.level : low), 1);
  return { minimum, reasons: triggers.map((trigger) => trigger.reason) };
}

/** Sizes a level by growing whichever tier the model names as the bottleneck until the load fits or nothing can grow. */
function sizeLevel(level: Level, input: AdviceInput, workload: Workload, writeQueries: number): Attempt {
  const need = input.rps * (1 + input.headroom);
  if (level === 1 && input.dataGb > SIZING_LIMITS.singleServerDataGb) {
    return { ok: false, reason: `${input.dataGb} GB of data does not fit the single server's largest data volume, ${SIZING_LIMITS.singleServerDataGb} GiB` };
  }
  if (level < 5 && input.dataGb > CAPACITY_FIGURES.dataGbPerPrimary) return { ok: false, reason: `${input.dataGb} GB of data is beyond one primary` };
  const shards = level >= 5
    ? Math.max(2, Math.ceil((writeQueries * (1 + input.headroom)) / CAPACITY_FIGURES.writesPerSecondPerPrimary),
        Math.ceil((input.dataGb * (1 + input.headroom)) / CAPACITY_FIGURES.dataGbPerPrimary))
    : 1;
  const fleetMax = Math.max(2, Math.ceil(need / input.rpsPerInstance));
  if (level >= 4 && fleetMax > SIZING_LIMITS.fleetMax) return { ok: false, reason: `the fleet would need more than ${SIZING_LIMITS.fleetMax} instances` };
  const sizing: Sizing = level >= 4
    ? { instanceType: FLEET_INSTANCE_TYPE, rpsPerInstance: input.rpsPerInstance, scalingMin: 2, scalingMax: fleetMax }
    : { instanceType: SERVER_LADDER[0].instanceType, rpsPerInstance: input.rpsPerInstance * SERVER_LADDER[0].rpsFactor };
  // Level 1's data volume holds the data with the headroom (written out when the default is too small); it grows in place later.
  const dataVolumeGb = Math.ceil(input.dataGb * (1 + input.headroom));
  if (level === 1 && dataVolumeGb > DEFAULT_DATA_VOLUME_GIB) sizing.dataVolumeGb = dataVolumeGb;
  if (level >= 2) {
    Object.assign(sizing, { dbInstanceClass: DATABASE_LADDER[0], storageGb: Math.max(20, Math.ceil((input.dataGb * (1 + input.headroom)) / shards)) });
  }
  if (level >= 4) sizing.readReplicas = 0;
  if (level >= 5) sizing.shards = Math.min(shards, SIZING_LIMITS.shards);
  if (level >= 3) Object.assign(sizing, { cacheNodeType: CACHE_LADDER[0], cacheReplicas: 1 });
  const readHeavy = workload.readRatio >= READ_HEAVY_RATIO * (1 - workload.readRatio);
  for (let step = 0; step < 500; step += 1) {
    const plan = planOf(level, sizing, input);
    const report = modelCapacity(plan, workload, input.rps);
    if (report.maxRps >= need) return { ok: true, sizing, plan, report };
    const failure = grow(report.bottleneck, level, sizing, input, readHeavy);
    if (failure) return { ok: false, reason: `${failure}: ${report.bottleneck} tops out at ${report.maxRps} rps, ${input.rps} rps needs ${Math.ceil(need)} with ${input.headroom * 100}% headroom` };
  }
  return { ok: false, reason: 'no sizing converged' };
}

/** Grows the bottleneck tier by one step; returns why it cannot grow, or null when it did. */
function grow(bottleneck: string, level: Level, sizing: Sizing, input: AdviceInput, readHeavy: boolean): string | null {
  const nextDatabase = (): boolean => {
    const index = DATABASE_LADDER.indexOf(sizing.dbInstanceClass as (typeof DATABASE_LADDER)[number]);
    const top = level < 4 ? DATABASE_LADDER.indexOf(LARGEST_SINGLE_DATABASE) : DATABASE_LADDER.length - 1;
    if (index >= top) return false;
    sizing.dbInstanceClass = DATABASE_LADDER[index + 1];
    return true;
  };
  switch (bottleneck) {
    case 'server': {
      const index = SERVER_LADDER.findIndex((server) => server.instanceType === sizing.instanceType);
      if (index + 1 >= SERVER_LADDER.length) return `one server's ceiling (${sizing.instanceType}${level === 1 ? ', beside its database' : ''}): a fleet behind a load balancer (level 4) scales out`;
      sizing.instanceType = SERVER_LADDER[index + 1].instanceType;
      sizing.rpsPerInstance = input.rpsPerInstance * SERVER_LADDER[index + 1].rpsFactor;
      return null;
    }
    case 'app':
      if ((sizing.scalingMax ?? 0) >= SIZING_LIMITS.fleetMax) return 'the fleet is at its largest size';
      sizing.scalingMax = (sizing.scalingMax ?? 0) + 1;
      return null;
    case 'database':
      // One primary serves reads and writes: replicas first when reads dominate (playbook), else a bigger class.
      if (level >= 4) {
        if (readHeavy || !nextDatabase()) sizing.readReplicas = 1;
        return null;
      }
      if (nextDatabase()) return null;
      return level === 2
        ? `database reads and writes saturate one ${sizing.dbInstanceClass} primary: a cache takes repeated reads (level 3)`
        : `database saturates ${sizing.dbInstanceClass} behind the cache: read replicas (level 4) take the reads`;
    case 'database-reads':
      if ((sizing.readReplicas ?? 0) < SIZING_LIMITS.readReplicas) {
        sizing.readReplicas = (sizing.readReplicas ?? 0) + 1;
        return null;
      }
      return nextDatabase() ? null : `database reads saturate ${SIZING_LIMITS.readReplicas} replicas of ${sizing.dbInstanceClass}`;
    case 'database-writes':
      if (nextDatabase()) return null;
      if (level >= 5 && (sizing.shards ?? 0) < SIZING_LIMITS.shards) {
        sizing.shards = (sizing.shards ?? 0) + 1;
        return null;
      }
      return `database writes saturate one ${sizing.dbInstanceClass} primary: shards (level 5) split the writes`;
    case 'cache': {
      if ((sizing.cacheReplicas ?? 0) < SIZING_LIMITS.cacheReplicas) {
        sizing.cacheReplicas = (sizing.cacheReplicas ?? 0) + 1;
        return null;
      }
      const index = CACHE_LADDER.indexOf(sizing.cacheNodeType as (typeof CACHE_LADDER)[number]);
      if (index + 1 >= CACHE_LADDER.length) return `the cache saturates ${sizing.cacheNodeType} with ${SIZING_LIMITS.cacheReplicas} replicas`;
      Object.assign(sizing, { cacheNodeType: CACHE_LADDER[index + 1], cacheReplicas: 1 });
      return null;
    }
    default:
      return `the ${bottleneck} cannot grow`;
  }
}

function planOf(level: Level, sizing: Sizing, input: AdviceInput): ArchitecturePlan {
  return createPlan(parseBlueprint(blueprintFor(level, sizing, input), 'advice').spec);
}

function blueprintFor(level: Level, sizing: Sizing, input: AdviceInput): string {
  const regions = level === 7 ? ADVICE_REGIONS.slice(0, Math.max(REGIONS_FOR_MULTI_REGION, Math.min(input.regions, ADVICE_REGIONS.length))) : ['us-east-1'];
  return starterBlueprint({ name: input.name, level, regions, sizing, schemaReference: input.schemaReference });
}

function describeSizing(level: Level, attempt: Attempt & { ok: true }, input: AdviceInput, readQueries: number, writeQueries: number): string[] {
  const { plan, report, sizing } = attempt;
  const lines: string[] = [];
  if (plan.server) lines.push(`one ${plan.server.instanceType} at ~${report.tiers[0].maxRps} rps carries the app${level === 1 ? ' and its database' : ''}`);
  if (plan.server?.dataVolume && sizing.dataVolumeGb !== undefined) lines.push(`a ${plan.server.dataVolume.sizeGb} GiB data volume (app.dataVolumeGb) holds ${input.dataGb} GB of data with ${Math.round(input.headroom * 100)}% headroom; it grows in place`);
  if (plan.fleet) lines.push(`one server's ceiling is passed: a fleet of ${plan.fleet.instanceType} × ${plan.fleet.min}-${plan.fleet.max} at ${plan.fleet.rpsPerInstance} rps each`);
  if (plan.database) {
    const ratio = writeQueries > 0 ? Math.round(readQueries / writeQueries) : Infinity;
    const replicas = plan.database.replicas.length;
    lines.push(`database ${plan.database.instanceClass}${replicas > 0 ? ` with ${replicas} read replica(s): reads are ${ratio}× writes${ratio >= READ_HEAVY_RATIO ? ` (≥ ${READ_HEAVY_RATIO}×, read-heavy)` : ''}` : ''}`);
  }
  if (plan.cache) lines.push(`cache ${plan.cache.nodeType} with ${plan.cache.replicas} replica(s) answers ~${CACHE_HIT_RATIO[plan.cache.strategy] * 100}% of reads (${plan.cache.strategy})`);
  if (plan.shards) lines.push(`${sizing.shards} shards of ${plan.database?.storageGb} GB each (${plan.shards.strategy} on ${plan.shards.key})`);
  lines.push(`modeled ceiling ${report.maxRps} rps (bottleneck: ${report.bottleneck}), headroom ${Math.round((report.headroom ?? 0) * 100)}% over ${input.rps} rps`);
  return lines;
}
