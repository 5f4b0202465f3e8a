import type { AwsRegion } from '../../spec';
import type { DimensionValue, MetricPlan } from '../../plan';
import type { ObservedSeries } from './observed-series';
import { ObserveInputError } from './observe-input-error';
import type { ReferenceValue } from './stack-outputs';

// The input of `aws cloudwatch get-metric-data --cli-input-json`, one per region (CloudWatch is regional; CloudFront's
// metrics live in us-east-1), split further only when a region passes one call's limits.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html

/**
 * One GetMetricData call "can retrieve as many as 500 different metrics in a single request, with a total of as
 * many as 100,800 data points" (MetricDataQueries: at most 500 members). Every query, returned or not, is counted.
 */
export const GET_METRIC_DATA_LIMITS = { queries: 500, datapoints: 100_800 } as const;

/**
 * Periods tried, shortest first. CloudWatch keeps 1-minute datapoints 15 days, 5-minute ones 63 days and 1-hour
 * ones 455 days; a start time older than that needs a period that is a multiple of the longer one, "or no data
 * points in that time range is returned" (GetMetricData, MetricStat Period).
 */
const PERIODS = [60, 300, 900, 3600, 21_600, 86_400] as const;
const RETENTION = [{ days: 15, multiple: 60 }, { days: 63, multiple: 300 }, { days: 455, multiple: 3600 }] as const;

/** The longest window CloudWatch still holds (1-hour datapoints: 455 days). */
export const MAX_WINDOW_DAYS = 455;

/** A MetricDataQuery: a metric (returned, or only feeding an expression) or a metric-math expression. */
export type MetricDataQuery =
  | {
      readonly Id: string;
      readonly MetricStat: {
        readonly Metric: { readonly Namespace: string; readonly MetricName: string; readonly Dimensions: readonly { readonly Name: string; readonly Value: string }[] };
        readonly Period: number;
        readonly Stat: string;
      };
      readonly Label: string;
      readonly ReturnData: boolean;
    }
  | { readonly Id: string; readonly Expression: string; readonly Label: string };

/** The `--cli-input-json` of one call. */
export interface GetMetricDataInput {
  readonly MetricDataQueries: readonly MetricDataQuery[];
  readonly StartTime: string;
  readonly EndTime: string;
  readonly ScanBy: 'TimestampAscending';
}

/** One call: the region it goes to, a file name for its output, and its input. */
export interface RegionQuery {
  readonly region: AwsRegion;
  /** `metrics-us-east-1.json` (`-2`, `-3`… when a region needs several calls). */
  readonly file: string;
  readonly input: GetMetricDataInput;
}

/** The window the queries cover, aligned to their period. */
export interface QueryWindow {
  readonly start: Date;
  readonly end: Date;
  readonly periodSeconds: number;
}

/**
 * The window of `days` ending at `end` (default: `now`), on a period CloudWatch still holds at that age: `period`
 * when given (see {@link retentionMultiple}), else the shortest that keeps the largest region within one call's
 * datapoint limit.
 */
export function queryWindow(series: readonly ObservedSeries[], days: number, end: Date | null, now: Date, period?: number): QueryWindow {
  const seconds = days * 86_400;
  const roughEnd = end ?? now;
  const multiple = retentionMultiple(days, roughEnd, now);
  const largest = Math.max(1, ...regionsOf(series).map((region) => queryCount(series.filter((entry) => entry.region === region))));
  const allowed = PERIODS.filter((candidate) => candidate % multiple === 0);
  const periodSeconds = period
    ?? allowed.find((candidate) => Math.ceil(seconds / candidate) * largest <= GET_METRIC_DATA_LIMITS.datapoints) ?? allowed.at(-1)!;
  // StartTime and EndTime on period boundaries, as the API reference recommends for performance.
  const endSeconds = Math.floor(roughEnd.getTime() / 1000 / periodSeconds) * periodSeconds;
  return { start: new Date((endSeconds - seconds) * 1000), end: new Date(endSeconds * 1000), periodSeconds };
}

/** What a period must be a multiple of for a window of `days` ending at `end` to still have datapoints `now`. */
export function retentionMultiple(days: number, end: Date, now: Date): number {
  const ageDays = (now.getTime() - end.getTime()) / 86_400_000 + days;
  return RETENTION.find((tier) => ageDays <= tier.days)?.multiple ?? 3600;
}

/** The calls that fetch every series over the window; `resolve` gives each reference dimension's deployed value. */
export function metricQueries(series: readonly ObservedSeries[], window: QueryWindow, resolve: (reference: ReferenceValue) => string): RegionQuery[] {
  const points = Math.ceil((window.end.getTime() - window.start.getTime()) / 1000 / window.periodSeconds);
  const calls: RegionQuery[] = [];
  for (const region of regionsOf(series)) {
    const chunks: MetricDataQuery[][] = [[]];
    for (const entry of series.filter((candidate) => candidate.region === region)) {
      const queries = queriesOf(entry, window.periodSeconds, resolve);
      if (queries.length * points > GET_METRIC_DATA_LIMITS.datapoints) {
        throw new ObserveInputError(`${entry.label}: ${queries.length} queries of ${points} datapoints pass GetMetricData's ${GET_METRIC_DATA_LIMITS.datapoints} per call; use a longer --period`);
      }
      const current = chunks.at(-1)!;
      const fits = current.length + queries.length <= GET_METRIC_DATA_LIMITS.queries
        && (current.length + queries.length) * points <= GET_METRIC_DATA_LIMITS.datapoints;
      if (fits || current.length === 0) current.push(...queries);
      else chunks.push([...queries]);
    }
    chunks.forEach((queries, index) => calls.push({
      region,
      file: `metrics-${region}${index === 0 ? '' : `-${index + 1}`}.json`,
      input: { MetricDataQueries: queries, StartTime: window.start.toISOString(), EndTime: window.end.toISOString(), ScanBy: 'TimestampAscending' },
    }));
  }
  return calls;
}

/** Every reference dimension the series name, once each, in order. */
export function referencesOf(series: readonly ObservedSeries[]): ReferenceValue[] {
  const found = new Map<string, ReferenceValue>();
  for (const metric of series.flatMap(metricsOf)) {
    for (const dimension of metric.dimensions) {
      const { value } = dimension;
      if (value.kind === 'reference') found.set(`${value.resource.region}/${value.outputName}`, value);
    }
  }
  return [...found.values()];
}

/** The queries one series takes: itself when a metric; its metrics (not returned) then itself when an expression. */
function queriesOf(series: ObservedSeries, period: number, resolve: (reference: ReferenceValue) => string): MetricDataQuery[] {
  const { source } = series;
  if (source.kind === 'metric') return [metricQuery(series.id, source.metric, series.label, true, period, resolve)];
  const keys = Object.keys(source.metrics);
  const members = keys.map((key) => metricQuery(`${series.id}_${key}`, source.metrics[key], `${series.label} (${key})`, false, period, resolve));
  // Member ids are prefixed with the series id, so expressions of different series never share a name.
  const expression = source.expression.replace(new RegExp(`\\b(${keys.join('|')})\\b`, 'g'), (key) => `${series.id}_${key}`);
  return [...members, { Id: series.id, Expression: expression, Label: series.label }];
}

function metricQuery(id: string, metric: MetricPlan, label: string, returned: boolean, period: number, resolve: (reference: ReferenceValue) => string): MetricDataQuery {
  return {
    Id: id,
    MetricStat: {
      Metric: { Namespace: metric.namespace, MetricName: metric.metricName, Dimensions: metric.dimensions.map((dimension) => ({ Name: dimension.name, Value: valueOf(dimension.value, resolve) })) },
      Period: period,
      Stat: metric.statistic,
    },
    Label: label,
    ReturnData: returned,
  };
}

function valueOf(value: DimensionValue, resolve: (reference: ReferenceValue) => string): string {
  return value.kind === 'literal' ? value.value : resolve(value);
}

function metricsOf(series: ObservedSeries): MetricPlan[] {
  return series.source.kind === 'metric' ? [series.source.metric] : Object.values(series.source.metrics);
}

function queryCount(series: readonly ObservedSeries[]): number {
  return series.reduce((sum, entry) => sum + (entry.source.kind === 'metric' ? 1 : 1 + Object.keys(entry.source.metrics).length), 0);
}

function regionsOf(series: readonly ObservedSeries[]): AwsRegion[] {
  return [...new Set(series.map((entry) => entry.region))];
}
