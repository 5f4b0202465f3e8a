import type { ArchitecturePlan } from '../../plan';
import type { AwsRegion } from '../../spec';
import { CACHE_HIT_RATIO, CAPACITY_FIGURES } from '../data/capacity-figures';
import { cacheOf, fleetOf, type InstanceRate, type TierObservation } from './tier-analysis';

// The blueprint's figures (and the model's assumptions) that the measurements contradict: each a small check from
// one measured figure to a verdict, with the numbers and the field to change.

/** A figure the data contradicts. */
export interface Contradiction {
  readonly tier: string;
  readonly region: AwsRegion;
  /** The blueprint field or model figure: `rpsPerInstance`, `requestsPerTarget`, `cache hit rate`. */
  readonly figure: string;
  readonly declared: number;
  readonly measured: number;
  /** What it means and what to do, with both numbers. */
  readonly message: string;
}

/** A measured rate this far from the declared one (either way) contradicts it. */
export const RATE_TOLERANCE = 0.2;
/** A cache hit rate this many points from the model's contradicts it. */
export const HIT_RATE_TOLERANCE_POINTS = 5;

/** Every contradiction between the blueprint (and the capacity model) and what was measured. */
export function contradictions(plan: ArchitecturePlan, rates: readonly InstanceRate[], tiers: readonly TierObservation[]): Contradiction[] {
  return [
    ...rates.flatMap((rate) => rateContradictions(plan, rate)),
    ...tiers.flatMap((tier) => pinnedFleetContradiction(plan, tier, rates)),
    ...tiers.flatMap((tier) => hitRateContradiction(plan, tier)),
  ];
}

/**
 * Without the fleet's CPU, its scaling still tells: a fleet at its maximum size at its typical load, serving far
 * less than the model gives it, is held there by a requests-per-target below what rpsPerInstance says an
 * instance serves (ALBRequestCountPerTarget is a sum per minute).
 */
function pinnedFleetContradiction(plan: ArchitecturePlan, tier: TierObservation, rates: readonly InstanceRate[]): Contradiction[] {
  const fleet = tier.kind === 'fleet' ? fleetOf(plan, tier.tier) : null;
  const instances = tier.signals.find((signal) => signal.signal === 'instances');
  const requests = tier.signals.find((signal) => signal.signal === 'requests');
  const measuredRate = rates.some((rate) => rate.tier === tier.tier && rate.region === tier.region && rate.atTarget !== null);
  if (!fleet?.requestsPerTarget || !instances || !requests || measuredRate) return [];
  const held = fleet.requestsPerTarget / 60;
  const ceiling = fleet.max * fleet.rpsPerInstance;
  const pinned = instances.typical >= fleet.max - 0.5 && requests.typical < ceiling / 2 && held < fleet.rpsPerInstance * (1 - RATE_TOLERANCE);
  if (!pinned) return [];
  const perMinute = Math.round((requests.typical / fleet.max) * 60);
  return [{
    tier: tier.tier, region: tier.region, figure: 'requestsPerTarget', declared: fleet.requestsPerTarget, measured: perMinute,
    message: `the fleet sat at its maximum of ${fleet.max} instances at its typical load of ${round(requests.typical)} rps ` +
      `(${Math.round((requests.typical / ceiling) * 100)}% of the ${ceiling} rps the model gives it): each instance took ~${perMinute} requests a minute ` +
      `against requestsPerTarget ${fleet.requestsPerTarget} (${round(held)} rps), where rpsPerInstance says one serves ${fleet.rpsPerInstance}; ` +
      `set ${fieldOf(tier.tier, 'scaling.requestsPerTarget')} ≈ ${fleet.rpsPerInstance * 60} (rpsPerInstance × 60), or let the fleet's CPU be measured to read the real rate`,
  }];
}

function rateContradictions(plan: ArchitecturePlan, rate: InstanceRate): Contradiction[] {
  if (rate.atTarget === null) return [];
  const found: Contradiction[] = [];
  const measured = Math.round(rate.atTarget);
  const shared = plan.level === 1 && rate.tier === 'server';
  const field = fieldOf(rate.tier, 'rpsPerInstance');
  if (far(rate.atTarget, rate.declared, RATE_TOLERANCE)) {
    // At level 1 the model counts half the server for the app: the blueprint's figure is the whole server's.
    const share = shared ? CAPACITY_FIGURES.sharedServerShare : 1;
    const declaredField = Math.round(rate.declared / share);
    const measuredField = Math.round(rate.atTarget / share);
    found.push({
      tier: rate.tier, region: rate.region, figure: 'rpsPerInstance', declared: declaredField, measured: measuredField,
      message: `rpsPerInstance measured ${measuredField}, not ${declaredField}: an instance serves ~${measured} rps at ${rate.cpuTarget}% CPU` +
        `${shared ? ' beside its database (the model gives the app half the server)' : ''}; set ${field}: ${measuredField}` +
        ` (the capacity and every threshold derived from it ${measuredField < declaredField ? 'are too high' : 'are too low'})`,
    });
  }
  const fleet = fleetOf(plan, rate.tier);
  if (fleet?.requestsPerTarget) {
    // ALBRequestCountPerTarget is a sum per minute: the fleet holds each instance at requestsPerTarget ÷ 60 rps.
    const held = fleet.requestsPerTarget / 60;
    if (far(held, rate.atTarget, RATE_TOLERANCE)) {
      const suggested = Math.round(rate.atTarget * 60);
      found.push({
        tier: rate.tier, region: rate.region, figure: 'requestsPerTarget', declared: fleet.requestsPerTarget, measured: suggested,
        message: `requestsPerTarget ${fleet.requestsPerTarget} a minute holds each instance at ${round(held)} rps, but one serves ~${measured} rps at its ` +
          `${rate.cpuTarget}% CPU target: the fleet ${held < rate.atTarget ? `scales out ${round(rate.atTarget / held)}× too early and reaches its maximum near ${Math.round(held * fleet.max)} rps` : 'scales out only once instances are past their CPU target'}; ` +
          `set ${fieldOf(rate.tier, 'scaling.requestsPerTarget')} ≈ ${suggested}`,
      });
    }
  }
  return found;
}

function hitRateContradiction(plan: ArchitecturePlan, tier: TierObservation): Contradiction[] {
  const cache = tier.kind === 'cache' ? cacheOf(plan, tier.tier) : null;
  const hitRate = tier.signals.find((signal) => signal.signal === 'hit-rate');
  if (!cache || !hitRate) return [];
  const model = CACHE_HIT_RATIO[cache.strategy] * 100;
  const measured = Math.round(hitRate.typical * 10) / 10;
  if (Math.abs(measured - model) <= HIT_RATE_TOLERANCE_POINTS) return [];
  const worse = measured < model;
  return [{
    tier: tier.tier, region: tier.region, figure: 'cache hit rate', declared: model, measured,
    message: `hit rate ${measured}% (median), the model assumes ${model}% for ${cache.strategy}: ` + (worse
      ? `the database takes ${round((100 - measured) / (100 - model))}× the reads the model counts, so its ceiling is lower; look at the TTL (ttlSeconds ${cache.ttlSeconds}), evictions and which keys miss`
      : 'the database takes fewer reads than the model counts, so its ceiling is higher than `capacity` says'),
  }];
}

/** The blueprint field of a tier: `app.rpsPerInstance` (the server's too), or the service's in `services`. */
function fieldOf(tier: string, field: string): string {
  return tier === 'app' || tier === 'server' ? `app.${field}` : `services (${tier.slice('service-'.length)}).${field}`;
}

function far(a: number, b: number, tolerance: number): boolean {
  return Math.abs(a - b) > tolerance * b;
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
