import { GET_METRIC_DATA_LIMITS, metricQueries, queryWindow, referencesOf, retentionMultiple } from '../../../lib/analyze/observe/metric-query';
import { observationCatalogue } from '../../../lib/analyze/observe/observe-metrics';
import type { ObservedSeries } from '../../../lib/analyze/observe/observed-series';
import { createPlan } from '../../../lib/plan';
import { parseBlueprint } from '../../../lib/spec/load-blueprint';
import { examplePlan } from '../plan-of';
import { withFullWatch } from './watched-plan';

const END = new Date('2026-12-06T00:00:00Z');
const placeholder = (reference: { outputName: string }) => `<${reference.outputName}>`;

/** Every query of every call, and the datapoints each call asks for. */
function callStats(series: readonly ObservedSeries[], days: number) {
  const window = queryWindow(series, days, END, END);
  const calls = metricQueries(series, window, placeholder);
  const points = Math.ceil((window.end.getTime() - window.start.getTime()) / 1000 / window.periodSeconds);
  return { window, calls, perCall: calls.map((call) => ({ queries: call.input.MetricDataQueries.length, datapoints: call.input.MetricDataQueries.length * points })) };
}

describe('the GetMetricData input', () => {
  it('level 4: one call, metrics feeding per-second expressions, dimensions resolved, the window on period boundaries', () => {
    const plan = examplePlan(4);
    const { series } = observationCatalogue(plan);
    const window = queryWindow(series, 14, END, END);
    expect(window).toEqual({ start: new Date('2026-11-22T00:00:00Z'), end: END, periodSeconds: 900 });
    const [call, ...more] = metricQueries(series, window, placeholder);
    // 900 s is the shortest period that fits: at 300 s, 14 days of these queries pass one call's datapoints.
    expect(call.input.MetricDataQueries.length * (14 * 86_400) / 300).toBeGreaterThan(GET_METRIC_DATA_LIMITS.datapoints);
    expect(call.input.MetricDataQueries.length * (14 * 86_400) / 900).toBeLessThanOrEqual(GET_METRIC_DATA_LIMITS.datapoints);
    expect(more).toEqual([]);
    expect(call.region).toBe('us-east-1');
    expect(call.file).toBe('metrics-us-east-1.json');
    expect(call.input.StartTime).toBe('2026-11-22T00:00:00.000Z');
    expect(call.input.ScanBy).toBe('TimestampAscending');
    expect(call.input.MetricDataQueries.slice(0, 2)).toEqual([
      {
        Id: 'app_requests_m1',
        MetricStat: {
          Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCount', Dimensions: [{ Name: 'LoadBalancer', Value: '<WatchLoadBalancerFullName>' }, { Name: 'TargetGroup', Value: '<WatchAppTargetGroupFullName>' }] },
          Period: 900, Stat: 'Sum',
        },
        Label: 'app · requests/s (m1)',
        ReturnData: false,
      },
      { Id: 'app_requests', Expression: 'app_requests_m1 / PERIOD(app_requests_m1)', Label: 'app · requests/s' },
    ]);
    const ids = call.input.MetricDataQueries.map((query) => query.Id);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    const hitRate = call.input.MetricDataQueries.find((query) => query.Id === 'cache_hit_rate');
    expect(hitRate).toEqual({
      Id: 'cache_hit_rate',
      Expression: '100 * SUM([cache_hit_rate_h1, cache_hit_rate_h2]) / (SUM([cache_hit_rate_h1, cache_hit_rate_h2]) + SUM([cache_hit_rate_x1, cache_hit_rate_x2]))',
      Label: 'cache · hit rate %',
    });
  });

  it('level 1: the server\'s access-log requests and CPU, at one-minute datapoints (few queries fit)', () => {
    const { series } = observationCatalogue(examplePlan(1));
    const { window, calls } = callStats(series, 14);
    expect(window.periodSeconds).toBe(60);
    expect(calls.map((call) => call.input.MetricDataQueries.map((query) => query.Id))).toEqual([['server_requests_m1', 'server_requests', 'server_cpu']]);
  });

  it('level 7: one call per region, each query in the region that holds its metric', () => {
    const plan = withFullWatch(examplePlan(7));
    const { series } = observationCatalogue(plan);
    const { calls } = callStats(series, 14);
    expect(calls.map((call) => [call.region, call.file])).toEqual([['us-east-1', 'metrics-us-east-1.json'], ['eu-west-1', 'metrics-eu-west-1.json']]);
    const regionOf = new Map(series.map((entry) => [entry.id, entry.region]));
    for (const call of calls) {
      for (const query of call.input.MetricDataQueries) if ('Expression' in query || query.ReturnData) expect(regionOf.get(query.Id)).toBe(call.region);
    }
  });

  it('CloudFront\'s metrics go to us-east-1 when the blueprint lives elsewhere', () => {
    const text = 'version: 1\nname: shop\nlevel: fleet\nregions: [eu-west-1]\ncdn: { priceClass: 100 }\ndatabase: { engine: postgres }\ncache: { engine: redis }\n';
    const plan = withFullWatch(createPlan(parseBlueprint(text, 'eu.yaml').spec));
    const { calls } = callStats(observationCatalogue(plan).series, 14);
    expect(calls.map((call) => call.region)).toEqual(['eu-west-1', 'us-east-1']);
    expect(calls[1].input.MetricDataQueries.map((query) => query.Id)).toEqual(['cdn_requests_m1', 'cdn_requests']);
  });

  it.each([1, 3, 7, 14, 15, 16, 30, 63, 64, 120, 455])('a %i-day window stays within one call\'s limits and CloudWatch\'s retention', (days) => {
    const { series } = observationCatalogue(withFullWatch(examplePlan(7)));
    const { window, perCall } = callStats(series, days);
    expect(window.periodSeconds % retentionMultiple(days, END, END)).toBe(0);
    for (const call of perCall) {
      expect(call.queries).toBeLessThanOrEqual(GET_METRIC_DATA_LIMITS.queries);
      expect(call.datapoints).toBeLessThanOrEqual(GET_METRIC_DATA_LIMITS.datapoints);
    }
  });

  it('the retention multiple follows the window\'s start: 60 s to 15 days back, 300 s to 63, then 3600', () => {
    expect([14, 15, 16, 63, 64].map((days) => retentionMultiple(days, END, END))).toEqual([60, 60, 300, 300, 3600]);
    // A window that ended 10 days ago reaches 24 days back.
    expect(retentionMultiple(14, new Date('2026-11-26T00:00:00Z'), END)).toBe(300);
  });

  it('splits a region into several calls when it passes 500 queries', () => {
    const [one] = observationCatalogue(examplePlan(4)).series.filter((entry) => entry.source.kind === 'metric');
    const many = Array.from({ length: 620 }, (_, index) => ({ ...one, id: `s${index}`, label: `series ${index}` }));
    const window = { start: new Date('2026-12-05T00:00:00Z'), end: END, periodSeconds: 3600 };
    const calls = metricQueries(many, window, placeholder);
    expect(calls.map((call) => [call.file, call.input.MetricDataQueries.length])).toEqual([['metrics-us-east-1.json', 500], ['metrics-us-east-1-2.json', 120]]);
  });

  it('names every output the query needs once', () => {
    const { series } = observationCatalogue(examplePlan(4));
    expect(referencesOf(series).map((reference) => reference.outputName))
      .toEqual(['WatchLoadBalancerFullName', 'WatchAppTargetGroupFullName', 'WatchAppAutoScalingGroupName', 'WatchCdnDistributionId']);
  });
});
