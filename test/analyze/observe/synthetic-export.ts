import type { ArchitecturePlan } from '../../../lib/plan';
import type { ObservationCatalogue, ObservedSeries } from '../../../lib/analyze/observe/observed-series';
import type { RegionQuery } from '../../../lib/analyze/observe/metric-query';
import { databaseOf, fleetOf, SERVER_CPU_TARGET } from '../../../lib/analyze/observe/tier-analysis';

/** A world to record: the load over time and what the deployed tiers truly do under it. */
export interface LoadProfile {
  /** Requests per second reaching the app at a time (epoch ms). */
  readonly loadRps: (t: number) => number;
  /** What one instance truly serves at its CPU target (at level 1, beside its database). */
  readonly rpsPerInstance: number;
  /** CPU of an idle instance, percent. */
  readonly idleCpu?: number;
  /** The cache's true hit rate, percent. */
  readonly hitRate?: number;
  /** Free storage of each database, as a share of its allocated storage. */
  readonly freeStorageShare?: number;
  readonly replicaLagSeconds?: number;
  readonly deadLetters?: number;
}

/** A day-shaped load: `typical` most of the time, rising to `peak` once a day, on whole minutes. */
export function dailyLoad(typical: number, peak: number): (t: number) => number {
  return (t) => {
    const hour = (t / 3_600_000) % 24;
    const bump = Math.max(0, Math.cos(((hour - 18) / 24) * 2 * Math.PI)) ** 4;
    return Math.round((typical + (peak - typical) * bump) * 100) / 100;
  };
}

/**
 * What `aws cloudwatch get-metric-data --cli-input-json <query>` would print for a world: every returned query
 * of the call (metrics with ReturnData and expressions) gets a value per period from the profile, in the CLI's
 * JSON shape (`MetricDataResults` with ISO timestamps, `StatusCode: Complete`, ascending as `ScanBy` asks).
 */
export function synthesizeExport(plan: ArchitecturePlan, catalogue: ObservationCatalogue, call: RegionQuery, profile: LoadProfile): object {
  const { input } = call;
  const period = input.MetricDataQueries.flatMap((query) => ('MetricStat' in query ? [query.MetricStat.Period] : []))[0];
  const times: number[] = [];
  for (let t = Date.parse(input.StartTime); t < Date.parse(input.EndTime); t += period * 1000) times.push(t);
  const byId = new Map(catalogue.series.map((series) => [series.id, series]));
  const results = input.MetricDataQueries
    .filter((query) => !('ReturnData' in query) || query.ReturnData)
    .map((query) => {
      const series = byId.get(query.Id);
      if (!series) throw new Error(`synthetic export: ${query.Id} is not in the catalogue`);
      return {
        Id: query.Id,
        Label: query.Label,
        Timestamps: times.map((t) => new Date(t).toISOString().replace('.000Z', '+00:00')),
        Values: times.map((t) => Math.round(valueOf(plan, series, profile, t) * 1000) / 1000),
        StatusCode: 'Complete',
      };
    });
  return { MetricDataResults: results, Messages: [] };
}

function valueOf(plan: ArchitecturePlan, series: ObservedSeries, profile: LoadProfile, t: number): number {
  const load = profile.loadRps(t);
  const idle = profile.idleCpu ?? 5;
  const primary = series.region === plan.regions[0].region;
  switch (series.tierKind) {
    case 'server': {
      if (series.signal === 'requests') return load;
      return Math.min(100, idle + (SERVER_CPU_TARGET - idle) * (load / profile.rpsPerInstance));
    }
    case 'fleet': {
      const fleet = fleetOf(plan, series.tier)!;
      // The default app takes the load in the primary region; services and standby regions stay idle.
      const share = series.tier === 'app' && primary ? 1 : 0;
      const tierLoad = load * share;
      const held = fleet.requestsPerTarget ? fleet.requestsPerTarget / 60 : profile.rpsPerInstance;
      const instances = Math.min(fleet.max, Math.max(fleet.min, Math.ceil(tierLoad / held)));
      const perInstance = tierLoad / instances;
      if (series.signal === 'requests') return tierLoad;
      if (series.signal === 'requests-per-instance') return perInstance;
      if (series.signal === 'instances') return instances;
      return Math.min(100, idle + (fleet.targetCpuPercent - idle) * (perInstance / profile.rpsPerInstance));
    }
    case 'database':
    case 'replica': {
      const database = databaseOf(plan, series.tier);
      if (series.signal === 'cpu') return Math.min(95, 5 + load / 50);
      if (series.signal === 'connections') return 20 + load / 20;
      if (series.signal === 'free-storage') return (database?.storageGb ?? 100) * (profile.freeStorageShare ?? 0.6) * 1024 ** 3;
      return profile.replicaLagSeconds ?? 0.2;
    }
    case 'cache': {
      if (series.signal === 'hit-rate') return profile.hitRate ?? 85;
      return series.signal === 'engine-cpu' ? 12 : 40;
    }
    case 'queue':
      if (series.signal === 'queue-age') return 30;
      if (series.signal === 'backlog') return 50;
      if (series.signal === 'dead-letters') return profile.deadLetters ?? 0;
      return 1;
    case 'cdn':
      return load * 1.5;
  }
}
