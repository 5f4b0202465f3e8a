import { headroomOf } from '../../../lib/analyze/capacity';
import { readMetricExports } from '../../../lib/analyze/observe/metric-export';
import { metricQueries, queryWindow } from '../../../lib/analyze/observe/metric-query';
import { observationCatalogue } from '../../../lib/analyze/observe/observe-metrics';
import { analyzeObservations } from '../../../lib/analyze/observe/observe-report';
import { formatObserveReport } from '../../../lib/analyze/observe/observe-format';
import type { ArchitecturePlan } from '../../../lib/plan';
import { examplePlan } from '../plan-of';
import { dailyLoad, type LoadProfile, synthesizeExport } from './synthetic-export';
import { withFullWatch, withoutMetricFilters, withoutMetrics } from './watched-plan';

const END = new Date('2026-12-06T00:00:00Z');

/** `observe --query`, a recorded-shape export of a world, then `observe <exports>`: all from the plan. */
function roundTrip(plan: ArchitecturePlan, profile: LoadProfile, days = 14) {
  const catalogue = observationCatalogue(plan);
  const window = queryWindow(catalogue.series, days, END, END);
  const calls = metricQueries(catalogue.series, window, (reference) => `deployed-${reference.outputName}`);
  const files = calls.map((call) => ({ file: call.file, text: JSON.stringify(synthesizeExport(plan, catalogue, call, profile)) }));
  return analyzeObservations(plan, catalogue, readMetricExports(files, catalogue, 'shop.yaml')).report;
}

/** A plan whose fleet tracks `requestsPerTarget` requests a minute per instance. */
function tracking(plan: ArchitecturePlan, requestsPerTarget: number): ArchitecturePlan {
  return { ...plan, fleet: { ...plan.fleet!, requestsPerTarget } };
}

describe('observe round trip: query → recorded-shape export → analysis', () => {
  const fleet = withFullWatch(examplePlan(4));
  // shop-4 tracked 1000 requests a minute before `validate` caught it: 16.7 rps per instance of the 200 one serves.
  const heldLow = tracking(fleet, 1000);

  it('measures the load and computes the headroom with capacity\'s model', () => {
    const report = roundTrip(fleet, { loadRps: dailyLoad(600, 1500), rpsPerInstance: 200 });
    expect(report.load).toEqual({ source: 'load-balancer', peakRps: 1500, peakAt: '2026-11-22T18:00:00.000Z', typicalRps: 600 });
    expect(report.headroom).toMatchObject({ ceilingRps: 2000, bottleneck: 'app', headroom: headroomOf(2000, 1500), warningRps: 1538 });
    expect(report.headroom!.tiers.find((tier) => tier.tier === 'app')).toEqual({ tier: 'app', maxRps: 2000, headroom: 0.33 });
    expect(report.missing).toEqual([]);
    expect(report.unqueried).toEqual([]);
  });

  it('detects rpsPerInstance contradicted by the data, with the measured number, and the ceiling it implies', () => {
    const report = roundTrip(heldLow, { loadRps: dailyLoad(600, 1500), rpsPerInstance: 140 });
    expect(report.instanceRates).toEqual([{ tier: 'app', region: 'us-east-1', declared: 200, cpuTarget: 60, peakRps: 150, cpuAtPeak: 63.93, atTarget: 140, method: 'fit' }]);
    expect(report.contradictions.find((found) => found.figure === 'rpsPerInstance')).toEqual({
      tier: 'app', region: 'us-east-1', figure: 'rpsPerInstance', declared: 200, measured: 140,
      message: 'rpsPerInstance measured 140, not 200: an instance serves ~140 rps at 60% CPU; set app.rpsPerInstance: 140 (the capacity and every threshold derived from it are too high)',
    });
    expect(report.headroom!.measured).toEqual({ ceilingRps: 1400, bottleneck: 'app', headroom: headroomOf(1400, 1500) });
  });

  it('finds a requestsPerTarget holding instances far below what they serve', () => {
    const report = roundTrip(heldLow, { loadRps: dailyLoad(600, 1500), rpsPerInstance: 200 });
    expect(report.contradictions.map((found) => [found.figure, found.declared, found.measured])).toEqual([['requestsPerTarget', 1000, 12000]]);
    expect(report.contradictions[0].message).toContain('holds each instance at 16.7 rps, but one serves ~200 rps at its 60% CPU target');
  });

  it('without the fleet\'s CPU, a fleet pinned at its maximum at its typical load still shows requestsPerTarget too low', () => {
    // The plan as if it watched no Auto Scaling group: no output names the group, so its CPU is not read.
    const blind = withoutMetrics(tracking(examplePlan(4), 1000), (metric) => metric.dimensions.some((dimension) => dimension.name === 'AutoScalingGroupName'));
    const report = roundTrip(blind, { loadRps: dailyLoad(400, 1500), rpsPerInstance: 140 });
    expect(report.instanceRates[0].atTarget).toBeNull();
    expect(report.contradictions).toEqual([{
      tier: 'app', region: 'us-east-1', figure: 'requestsPerTarget', declared: 1000, measured: 2400,
      message: 'the fleet sat at its maximum of 10 instances at its typical load of 400 rps (20% of the 2000 rps the model gives it): ' +
        'each instance took ~2400 requests a minute against requestsPerTarget 1000 (16.7 rps), where rpsPerInstance says one serves 200; ' +
        'set app.scaling.requestsPerTarget ≈ 12000 (rpsPerInstance × 60), or let the fleet\'s CPU be measured to read the real rate',
    }]);
  });

  it('reads a hit rate below the model\'s as a contradiction', () => {
    const report = roundTrip(fleet, { loadRps: dailyLoad(600, 1500), rpsPerInstance: 200, hitRate: 70 });
    expect(report.contradictions.find((found) => found.figure === 'cache hit rate')).toMatchObject({ tier: 'cache', declared: 85, measured: 70 });
  });

  it('a figure the data agrees with is no contradiction, and a load within the warning line stays', () => {
    const plan = tracking(fleet, 12_000);
    const report = roundTrip(plan, { loadRps: dailyLoad(300, 1000), rpsPerInstance: 210, hitRate: 87 });
    expect(report.contradictions).toEqual([]);
    // advise's lowest level for 1000 rps is a big single server; the fleet carries it too, so: stay.
    expect(report.advice).toMatchObject({ verdict: 'stay', level: 3 });
    expect(formatObserveReport(plan, report)).toContain('stay: level 4 (fleet) carries it (level 3 (cache) would too)');
  });

  it('a load above a single server\'s ceiling advises climbing to the fleet (level 3 → 4)', () => {
    const report = roundTrip(withFullWatch(examplePlan(3)), { loadRps: dailyLoad(150, 1300), rpsPerInstance: 140 });
    expect(report.load).toMatchObject({ source: 'access-log', peakRps: 1300 });
    expect(report.headroom).toMatchObject({ ceilingRps: 200, bottleneck: 'server', headroom: headroomOf(200, 1300) });
    expect(report.instanceRates[0]).toMatchObject({ tier: 'server', atTarget: 140, cpuAtPeak: 100 });
    expect(report.advice).toMatchObject({ verdict: 'climb', level: 4, levelName: 'fleet', input: { rps: 1300, rpsPerInstance: 140, rpsPerInstanceSource: 'measured' } });
    expect(formatObserveReport(examplePlan(3), report)).toContain('climb: level 4 (fleet) carries it');
  });

  it('a load whose writes pass one primary advises the shards (level 4 → 5)', () => {
    const report = roundTrip(fleet, { loadRps: dailyLoad(600, 40_000), rpsPerInstance: 140 });
    expect(report.headroom!.headroom).toBeLessThan(0);
    expect(report.advice).toMatchObject({ verdict: 'climb', level: 5, levelName: 'sharded' });
    expect(report.advice!.reasons[0]).toBe('12000 writes/s is beyond ~10000 per primary: shards (level 5)');
  });

  it('a peak past the warning line that a bigger fleet carries is a resize, not a climb', () => {
    const report = roundTrip(fleet, { loadRps: dailyLoad(600, 1900), rpsPerInstance: 200 });
    expect(report.advice).toMatchObject({ verdict: 'resize', level: 4 });
  });

  it('level 1: the server shares its machine with the database, so its rate is read against half the figure', () => {
    const report = roundTrip(withFullWatch(examplePlan(1)), { loadRps: dailyLoad(20, 80), rpsPerInstance: 70 });
    expect(report.instanceRates[0]).toMatchObject({ tier: 'server', declared: 100, atTarget: 70 });
    expect(report.contradictions).toEqual([expect.objectContaining({ figure: 'rpsPerInstance', declared: 200, measured: 140 })]);
  });

  it('level 7: both regions are read, and the load sums the serving fleets', () => {
    const report = roundTrip(withFullWatch(examplePlan(7)), { loadRps: dailyLoad(600, 1500), rpsPerInstance: 200, deadLetters: 3 });
    expect(new Set(report.tiers.map((tier) => tier.region))).toEqual(new Set(['us-east-1', 'eu-west-1']));
    expect(report.load!.peakRps).toBe(1500);
    expect(report.tiers.find((tier) => tier.tier === 'queue-emails' && tier.region === 'us-east-1')!.findings)
      .toContain('3 message(s) reached shop-prod-emails-dlq: read them, fix the cause, then redrive');
  });

  it('without a request count (a level-2 plan with no access-log metric filter) it reports the tiers and says what is missing', () => {
    const report = roundTrip(withoutMetricFilters(examplePlan(2)), { loadRps: dailyLoad(50, 100), rpsPerInstance: 200 });
    expect(report.load).toBeNull();
    expect(report.advice).toBeNull();
    expect(report.tiers.map((tier) => tier.tier)).toEqual(['server', 'database']);
    expect(report.unqueried.map((signal) => `${signal.tier} ${signal.signal}`)).toEqual(['server requests']);
  });
});
