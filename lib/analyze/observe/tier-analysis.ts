import type { ArchitecturePlan, CachePlan, DatabasePlan, FleetPlan, QueuePlan } from '../../plan';
import type { AwsRegion } from '../../spec';
import { CAPACITY_FIGURES } from '../data/capacity-figures';
// The same max_connections the database alarms fire against (one figure, from the plan's capacity model).
import { defaultMaxConnections } from '../../plan/capacity/database-connections';
import type { ObservationCatalogue, ObservedSeries, ObservedSignal, SeriesUnit, TierKind } from './observed-series';
import { divideSeries, linearFit, lowOf, medianOf, pairsOf, peakOf, type Point, valueAt } from './series-stats';

// What the datapoints say per tier: each signal's peak, typical (median) and low level, and the sentences that
// matter at this level (connections against max_connections, replica lag against the 1 s the guides warn at,
// a fleet at its maximum size, messages in a dead-letter queue), and the requests an instance serves at its CPU.

/** One signal over the window. */
export interface SignalSummary {
  readonly id: string;
  readonly signal: ObservedSignal;
  readonly subject: string;
  readonly label: string;
  readonly unit: SeriesUnit;
  readonly peak: number;
  /** ISO 8601, UTC. */
  readonly peakAt: string;
  /** The median over the window. */
  readonly typical: number;
  readonly low: number;
  readonly datapoints: number;
}

/** One tier in one region, as measured. */
export interface TierObservation {
  readonly tier: string;
  readonly region: AwsRegion;
  readonly kind: TierKind;
  readonly signals: readonly SignalSummary[];
  /** What the figures mean at this level, one sentence each. */
  readonly findings: readonly string[];
}

/** Requests per second one instance serves, measured against its CPU, beside what the blueprint declares. */
export interface InstanceRate {
  readonly tier: string;
  readonly region: AwsRegion;
  /** What the model counts one instance for: `rpsPerInstance` (half of it at level 1, beside the database). */
  readonly declared: number;
  /** The CPU the rate is read at: the fleet's `targetCpuPercent`, or a fleet's default for the single server. */
  readonly cpuTarget: number;
  /** Requests per second per instance at the load's peak, and the CPU then (null when CPU was not measured). */
  readonly peakRps: number;
  readonly cpuAtPeak: number | null;
  /** What an instance serves at `cpuTarget`, extrapolated from the datapoints; null when CPU cannot tell. */
  readonly atTarget: number | null;
  /** `fit`: a least-squares line of CPU against requests; `ratio`: in proportion at the peak. */
  readonly method: 'fit' | 'ratio' | null;
}

/** The CPU a single server's rate is read at: `app.scaling.targetCpuPercent`'s default, what a fleet of it would hold. */
export const SERVER_CPU_TARGET = 60;
/** Below this CPU at the peak, requests tell too little about what an instance could serve. */
const MIN_CPU_PERCENT = 10;
/** At or above this CPU an instance is saturated: its datapoints say nothing about the rate at the target. */
const SATURATED_CPU_PERCENT = 90;
/** The replica lag the scaling guides warn at (OBSERVABILITY.md). */
const REPLICA_LAG_WARN_SECONDS = 1;

/** Every tier the catalogue reads, with what its datapoints say. */
export function observeTiers(plan: ArchitecturePlan, catalogue: ObservationCatalogue, data: ReadonlyMap<string, readonly Point[]>): TierObservation[] {
  const tiers = new Map<string, ObservedSeries[]>();
  for (const series of catalogue.series) {
    const key = `${series.region}/${series.tier}`;
    tiers.set(key, [...(tiers.get(key) ?? []), series]);
  }
  return [...tiers.values()].map((members) => {
    const [{ tier, region, tierKind }] = members;
    const signals = members.flatMap((series) => {
      const points = data.get(series.id);
      return points ? [summarize(series, points)] : [];
    });
    const kind = tierKind === 'replica' ? 'database' : tierKind;
    return { tier, region, kind, signals, findings: findingsOf(plan, tier, signals) };
  }).filter((tier) => tier.signals.length > 0);
}

/** The rate per instance of the server and of every fleet, where the export has the requests to tell it. */
export function instanceRates(plan: ArchitecturePlan, catalogue: ObservationCatalogue, data: ReadonlyMap<string, readonly Point[]>): InstanceRate[] {
  const rates: InstanceRate[] = [];
  const find = (series: ObservedSeries, signal: ObservedSignal) =>
    catalogue.series.find((candidate) => candidate.tier === series.tier && candidate.region === series.region && candidate.signal === signal);
  for (const requests of catalogue.series.filter((series) => series.signal === 'requests' && (series.tierKind === 'fleet' || series.tierKind === 'server'))) {
    const fleet = requests.tierKind === 'fleet' ? fleetOf(plan, requests.tier) : null;
    let perInstance: readonly Point[] | undefined;
    if (fleet) {
      const direct = find(requests, 'requests-per-instance');
      const instances = find(requests, 'instances');
      perInstance = (direct && data.get(direct.id))
        ?? (instances && data.get(instances.id) && data.get(requests.id) ? divideSeries(data.get(requests.id)!, data.get(instances.id)!) : undefined);
    } else {
      perInstance = data.get(requests.id);
    }
    if (!perInstance || perInstance.length === 0) continue;
    const cpuSeries = find(requests, 'cpu');
    const cpu = cpuSeries ? data.get(cpuSeries.id) : undefined;
    const cpuTarget = fleet ? fleet.targetCpuPercent : SERVER_CPU_TARGET;
    const declared = fleet ? fleet.rpsPerInstance : plan.server!.rpsPerInstance * (plan.level === 1 ? CAPACITY_FIGURES.sharedServerShare : 1);
    rates.push({ tier: requests.tier, region: requests.region, declared, cpuTarget, ...rateAtTarget(perInstance, cpu, cpuTarget) });
  }
  return rates;
}

/**
 * Extrapolates requests per instance to the target CPU: a least-squares line through the (requests, CPU) pairs
 * when the load varied, else in proportion at the busiest datapoint. Datapoints at a saturated CPU are left out:
 * past it, requests queue instead of raising CPU, and the line would bend.
 */
export function rateAtTarget(perInstance: readonly Point[], cpu: readonly Point[] | undefined, cpuTarget: number):
  Pick<InstanceRate, 'peakRps' | 'cpuAtPeak' | 'atTarget' | 'method'> {
  const peak = peakOf(perInstance);
  const cpuAtPeak = cpu ? valueAt(cpu, peak.t) : null;
  const measured = { peakRps: round2(peak.v), cpuAtPeak: cpuAtPeak === null ? null : round2(cpuAtPeak) };
  const pairs = (cpu ? pairsOf(perInstance, cpu) : []).filter(([, c]) => c < SATURATED_CPU_PERCENT);
  if (pairs.length === 0 || Math.max(...pairs.map(([, c]) => c)) < MIN_CPU_PERCENT) return { ...measured, atTarget: null, method: null };
  const rates = pairs.map(([rate]) => rate);
  const varied = pairs.length >= 3 && Math.max(...rates) >= 1.2 * Math.min(...rates);
  const fit = varied ? linearFit(pairs) : null;
  if (fit && fit.slope > 0) return { ...measured, atTarget: round2((cpuTarget - fit.intercept) / fit.slope), method: 'fit' };
  const [busiestRate, busiestCpu] = pairs.reduce((high, pair) => (pair[1] > high[1] ? pair : high));
  return { ...measured, atTarget: round2((busiestRate * cpuTarget) / busiestCpu), method: 'ratio' };
}

/** The fleet a tier name stands for: `app` or `service-<name>`. */
export function fleetOf(plan: ArchitecturePlan, tier: string): FleetPlan | null {
  if (tier === 'app') return plan.fleet;
  return plan.services.find((service) => `service-${service.name}` === tier)?.fleet ?? null;
}

/** The primary a database tier name stands for: `database`, `shard-<n>` or `service-<name>-database`. */
export function databaseOf(plan: ArchitecturePlan, tier: string): DatabasePlan | null {
  if (tier === 'database') return plan.database;
  const shard = plan.shards?.shards.find((candidate) => `shard-${candidate.index}` === tier);
  if (shard) return shard.database;
  return plan.services.find((service) => `service-${service.name}-database` === tier)?.database ?? null;
}

/** The cache a tier name stands for: `cache` or `service-<name>-cache`. */
export function cacheOf(plan: ArchitecturePlan, tier: string): CachePlan | null {
  if (tier === 'cache') return plan.cache;
  return plan.services.find((service) => `service-${service.name}-cache` === tier)?.cache ?? null;
}

function queueOf(plan: ArchitecturePlan, tier: string): QueuePlan | null {
  return plan.queues.find((queue) => `queue-${queue.name}` === tier)
    ?? plan.services.flatMap((service) => service.queues.map((queue) => ({ queue, name: `service-${service.name}-queue-${queue.name}` })))
      .find((entry) => entry.name === tier)?.queue ?? null;
}

function summarize(series: ObservedSeries, points: readonly Point[]): SignalSummary {
  const peak = peakOf(points);
  return {
    id: series.id, signal: series.signal, subject: series.subject, label: series.label, unit: series.unit,
    peak: round2(peak.v), peakAt: new Date(peak.t).toISOString(), typical: round2(medianOf(points)), low: round2(lowOf(points).v), datapoints: points.length,
  };
}

function findingsOf(plan: ArchitecturePlan, tier: string, signals: readonly SignalSummary[]): string[] {
  const findings: string[] = [];
  const first = (signal: ObservedSignal) => signals.find((summary) => summary.signal === signal);
  const fleet = fleetOf(plan, tier);
  const instances = first('instances');
  if (fleet && instances && instances.peak >= fleet.max - 0.5) {
    findings.push(`reached its maximum of ${fleet.max} instances (scaling.max): past that, load only raises CPU and latency`);
  }
  const database = databaseOf(plan, tier);
  const connections = first('connections');
  if (database && connections) {
    const max = defaultMaxConnections(database);
    findings.push(max === null
      ? `peak ${round(connections.peak)} connections (no max_connections figure for ${database.instanceClass})`
      : `peak ${round(connections.peak)} connections of ≈${max} max_connections (${percent(connections.peak / max)}) on ${database.instanceClass}`);
  }
  const free = first('free-storage');
  if (database && free) {
    const freeGb = free.low / 1024 ** 3;
    findings.push(`${round(freeGb)} GB free at the least, of ${database.storageGb} GB (${percent(freeGb / database.storageGb)})`);
  }
  for (const lag of signals.filter((summary) => summary.signal === 'replica-lag')) {
    findings.push(`${lag.subject} lagged up to ${round(lag.peak)} s${lag.peak > REPLICA_LAG_WARN_SECONDS ? ` (over the ${REPLICA_LAG_WARN_SECONDS} s the scaling guides warn at: reads there may be stale)` : ''}`);
  }
  const queue = queueOf(plan, tier);
  const deadLetters = first('dead-letters');
  if (queue && deadLetters && deadLetters.peak > 0) {
    findings.push(`${round(deadLetters.peak)} message(s) reached ${queue.deadLetterQueueName}: read them, fix the cause, then redrive`);
  }
  const backlog = first('backlog');
  const workers = first('instances');
  if (queue?.worker && backlog && workers && workers.peak > 0) {
    findings.push(`backlog peaked at ${round(backlog.peak)} with up to ${round(workers.peak)} worker(s); they scale at ${queue.worker.backlogPerInstance} messages each, up to ${queue.worker.max}`);
  }
  return findings;
}

function round(value: number): number {
  return value >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
}

/** Two decimals: what the report keeps of a measurement, so its JSON stays stable and readable. */
export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}
