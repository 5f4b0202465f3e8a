import type { ArchitecturePlan } from '../../plan';
import type { LevelName } from '../../spec';
import { advise } from '../advise';
import { headroomOf, modelCapacity, type Workload } from '../capacity';
import { BASELINE_RPS_PER_INSTANCE } from '../data/advice-rules';
import { CAPACITY_FIGURES } from '../data/capacity-figures';
import { type Contradiction, contradictions } from './contradictions';
import type { MetricData } from './metric-export';
import type { ObservationCatalogue, UnqueriedSignal } from './observed-series';
import { medianOf, peakOf, periodOf, type Point, sumSeries } from './series-stats';
import { databaseOf, fleetOf, type InstanceRate, instanceRates, observeTiers, round2, type TierObservation } from './tier-analysis';

// `tierup observe <spec> <metrics.json>...`: the measured load against the level's modeled ceiling (the same
// `modelCapacity` that `tierup capacity` runs), the figures the data contradicts, and `advise` on the measured peak.

/** The level's load: requests per second reaching the app, summed over fleets and regions. */
export interface LoadSummary {
  /** `load-balancer`: the fleets' target groups; `access-log`: the server's own count; `cdn`: CloudFront's viewer requests. */
  readonly source: 'load-balancer' | 'access-log' | 'cdn';
  readonly peakRps: number;
  readonly peakAt: string;
  /** The median over the window. */
  readonly typicalRps: number;
}

/** The level's ceilings against the measured peak. */
export interface HeadroomSummary {
  /** The workload the model divides by: the model's defaults (CloudWatch cannot tell reads from writes). */
  readonly workload: Workload;
  readonly ceilingRps: number;
  readonly bottleneck: string;
  /** (ceiling − peak) ÷ peak, as `capacity --rps` gives it; negative when the peak passed the ceiling. */
  readonly headroom: number;
  /** Where the capacity alarms fire: ceiling ÷ (1 + the alerts' headroom). */
  readonly warningRps: number;
  readonly tiers: readonly { readonly tier: string; readonly maxRps: number; readonly headroom: number }[];
  /** The same model with the measured rpsPerInstance; null when none was measured. */
  readonly measured: { readonly ceilingRps: number; readonly bottleneck: string; readonly headroom: number } | null;
}

/** `advise` on the measured peak, and what it means for this blueprint. */
export interface AdviceSummary {
  readonly input: {
    readonly rps: number;
    readonly readRatio: number;
    readonly readRatioSource: 'model-default';
    readonly dataGb: number;
    readonly dataGbSource: 'measured' | 'allocated';
    readonly regions: number;
    readonly teams: number;
    readonly rpsPerInstance: number;
    readonly rpsPerInstanceSource: 'measured' | 'blueprint';
    readonly headroom: number;
  };
  /**
   * `climb`: the advised level is above this one. `resize`: the peak passed this level's warning line (ceiling ÷
   * (1 + headroom)) but a level no higher carries it once sized as advise says. `stay`: this level carries it.
   * `none`: no level does within the sizing limits.
   */
  readonly verdict: 'climb' | 'resize' | 'stay' | 'none';
  readonly level: number | null;
  readonly levelName: LevelName | null;
  readonly ceilingRps: number | null;
  readonly reasons: readonly string[];
}

/** The output of `tierup observe <spec> <metrics.json>... --json`. */
export interface ObserveReport {
  readonly blueprint: { readonly name: string; readonly level: number; readonly levelName: LevelName; readonly environment: string };
  readonly window: { readonly first: string; readonly last: string; readonly periodSeconds: number | null };
  readonly load: LoadSummary | null;
  readonly tiers: readonly TierObservation[];
  readonly instanceRates: readonly InstanceRate[];
  readonly headroom: HeadroomSummary | null;
  readonly contradictions: readonly Contradiction[];
  readonly advice: AdviceSummary | null;
  /** Signals the query could not ask for (the plan names no output for a deploy-time dimension yet). */
  readonly unqueried: readonly UnqueriedSignal[];
  /** Queried series the exports hold no datapoint of. */
  readonly missing: readonly { readonly id: string; readonly label: string }[];
  readonly warnings: readonly string[];
}

/** The report, and the load over time (for `--plot`). */
export interface ObserveAnalysis {
  readonly report: ObserveReport;
  readonly load: readonly Point[];
}

/** Reads the measured series against the plan and the capacity model. */
export function analyzeObservations(plan: ArchitecturePlan, catalogue: ObservationCatalogue, data: MetricData): ObserveAnalysis {
  const tiers = observeTiers(plan, catalogue, data.series);
  const rates = instanceRates(plan, catalogue, data.series);
  const { source, points: load } = loadOf(catalogue, data.series);
  const summary = load.length > 0 && source ? loadSummary(source, load) : null;
  const all = [...data.series.values()];
  const times = all.flatMap((points) => [points[0].t, points.at(-1)!.t]);
  const headroom = summary ? headroomSummary(plan, rates, summary.peakRps) : null;
  return {
    report: {
      blueprint: { name: plan.name, level: plan.level, levelName: plan.levelName, environment: plan.environment },
      window: { first: new Date(Math.min(...times)).toISOString(), last: new Date(Math.max(...times)).toISOString(), periodSeconds: periodOf(all) },
      load: summary,
      tiers,
      instanceRates: rates,
      headroom,
      contradictions: contradictions(plan, rates, tiers),
      advice: summary && headroom ? adviceOn(plan, rates, tiers, summary.peakRps, headroom) : null,
      unqueried: catalogue.unqueried,
      missing: catalogue.series.filter((series) => !data.series.has(series.id)).map((series) => ({ id: series.id, label: series.label })),
      warnings: data.warnings,
    },
    load,
  };
}

/** The model's workload: `capacity`'s defaults. */
export const MODEL_WORKLOAD: Workload = { readRatio: CAPACITY_FIGURES.readRatio, queriesPerRequest: CAPACITY_FIGURES.queriesPerRequest };

function loadOf(catalogue: ObservationCatalogue, data: ReadonlyMap<string, readonly Point[]>): { source: LoadSummary['source'] | null; points: Point[] } {
  const measured = (kind: 'fleet' | 'server' | 'cdn') => catalogue.series
    .filter((series) => series.signal === 'requests' && series.tierKind === kind && data.has(series.id)).map((series) => data.get(series.id)!);
  for (const [kind, source] of [['fleet', 'load-balancer'], ['server', 'access-log'], ['cdn', 'cdn']] as const) {
    const series = measured(kind);
    if (series.length > 0) return { source, points: sumSeries(series) };
  }
  return { source: null, points: [] };
}

function loadSummary(source: LoadSummary['source'], load: readonly Point[]): LoadSummary {
  const peak = peakOf(load);
  return { source, peakRps: round2(peak.v), peakAt: new Date(peak.t).toISOString(), typicalRps: round2(medianOf(load)) };
}

function headroomSummary(plan: ArchitecturePlan, rates: readonly InstanceRate[], peakRps: number): HeadroomSummary {
  const report = modelCapacity(plan, MODEL_WORKLOAD, peakRps);
  const measuredPlan = withMeasuredRates(plan, rates);
  const measured = measuredPlan ? modelCapacity(measuredPlan, MODEL_WORKLOAD, peakRps) : null;
  return {
    workload: MODEL_WORKLOAD,
    ceilingRps: report.maxRps,
    bottleneck: report.bottleneck,
    headroom: report.headroom!,
    warningRps: Math.round(report.maxRps / (1 + plan.monitoring.alerts.headroom)),
    tiers: report.tiers.flatMap((tier) => (tier.maxRps === null ? [] : [{ tier: tier.tier, maxRps: tier.maxRps, headroom: headroomOf(tier.maxRps, peakRps) }])),
    measured: measured ? { ceilingRps: measured.maxRps, bottleneck: measured.bottleneck, headroom: measured.headroom! } : null,
  };
}

/** The plan with each measured rate as its fleet's (or server's) rpsPerInstance; null when nothing was measured. */
function withMeasuredRates(plan: ArchitecturePlan, rates: readonly InstanceRate[]): ArchitecturePlan | null {
  const measured = new Map<string, number>();
  // One figure per fleet: the most loaded region's (the one read at the highest CPU).
  for (const rate of rates.filter((candidate) => candidate.atTarget !== null).toSorted((a, b) => (b.cpuAtPeak ?? 0) - (a.cpuAtPeak ?? 0))) {
    if (!measured.has(rate.tier)) measured.set(rate.tier, Math.round(rate.atTarget! / (rate.declared / rpsPerInstanceOf(plan, rate.tier))));
  }
  if (measured.size === 0) return null;
  const fleet = (tier: string, current: NonNullable<ArchitecturePlan['fleet']>) => (measured.has(tier) ? { ...current, rpsPerInstance: measured.get(tier)! } : current);
  return {
    ...plan,
    server: plan.server && measured.has('server') ? { ...plan.server, rpsPerInstance: measured.get('server')! } : plan.server,
    fleet: plan.fleet ? fleet('app', plan.fleet) : null,
    services: plan.services.map((service) => ({ ...service, fleet: fleet(`service-${service.name}`, service.fleet) })),
  };
}

/** The blueprint's rpsPerInstance of a tier (the rate's `declared` is half of it on a level-1 server). */
function rpsPerInstanceOf(plan: ArchitecturePlan, tier: string): number {
  return tier === 'server' ? plan.server!.rpsPerInstance : fleetOf(plan, tier)!.rpsPerInstance;
}

function adviceOn(plan: ArchitecturePlan, rates: readonly InstanceRate[], tiers: readonly TierObservation[], peakRps: number, headroom: HeadroomSummary): AdviceSummary {
  const measuredPlan = withMeasuredRates(plan, rates);
  // advise sizes every instance by one rate: the server's, or the app fleet's.
  const measuredTier = plan.server ? 'server' : 'app';
  const measuredRate = measuredPlan && rates.some((rate) => rate.tier === measuredTier && rate.atTarget !== null)
    ? (measuredPlan.server ?? measuredPlan.fleet)?.rpsPerInstance : undefined;
  const blueprintRate = plan.server?.rpsPerInstance ?? plan.fleet?.rpsPerInstance ?? BASELINE_RPS_PER_INSTANCE;
  const rpsPerInstance = measuredRate ?? blueprintRate;
  const data = dataGbOf(plan, tiers);
  const input = {
    rps: peakRps,
    readRatio: MODEL_WORKLOAD.readRatio,
    readRatioSource: 'model-default' as const,
    dataGb: data.gb,
    dataGbSource: data.source,
    regions: plan.regions.length,
    // One team per service besides the app's: the structure the blueprint already has.
    teams: plan.services.length > 0 ? plan.services.length + 1 : 1,
    rpsPerInstance,
    rpsPerInstanceSource: measuredRate === undefined ? 'blueprint' as const : 'measured' as const,
    headroom: plan.monitoring.alerts.headroom,
  };
  const advice = advise({ ...input, queriesPerRequest: MODEL_WORKLOAD.queriesPerRequest, name: plan.name });
  if (advice.level === null) return { input, verdict: 'none', level: null, levelName: null, ceilingRps: null, reasons: advice.reasons };
  const verdict = advice.level > plan.level ? 'climb' : (headroom.measured ?? headroom).headroom < input.headroom ? 'resize' : 'stay';
  return { input, verdict, level: advice.level, levelName: advice.levelName, ceilingRps: advice.capacity.maxRps, reasons: advice.reasons };
}

/** Active data: the databases' allocated storage less their least free space, else what the blueprint allocates. */
function dataGbOf(plan: ArchitecturePlan, tiers: readonly TierObservation[]): { gb: number; source: 'measured' | 'allocated' } {
  const primaries = tiers.filter((tier) => tier.kind === 'database' && databaseOf(plan, tier.tier) && (tier.tier === 'database' || tier.tier.startsWith('shard-')));
  const used = primaries.flatMap((tier) => {
    const free = tier.signals.find((signal) => signal.signal === 'free-storage');
    return free ? [Math.max(0, databaseOf(plan, tier.tier)!.storageGb - free.low / 1024 ** 3)] : [];
  });
  if (used.length > 0) return { gb: Math.round(used.reduce((sum, gb) => sum + gb, 0) * 10) / 10, source: 'measured' };
  const allocated = [plan.database, ...(plan.shards?.shards.map((shard) => shard.database) ?? [])]
    .reduce((sum, database) => sum + (database?.storageGb ?? 0), 0);
  return { gb: allocated || (plan.server?.dataVolume?.sizeGb ?? 0), source: 'allocated' };
}
