import type { AlarmSignal, MetricPlan } from './monitoring-plan';

// Many like resources (a cache's nodes, a primary's replicas, the shards) share one alarm per signal: the worst of
// them, by metric math. An alarm's math may read at most 10 metrics, so larger groups take one alarm per ten.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Create-alarm-on-metric-math-expression.html

/**
 * The id of the expression a metric-math alarm evaluates; its metrics are `m1`, `m2`, … Ids start with a lower-case
 * letter and are unique within the alarm (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDataQuery.html).
 */
export const MATH_EXPRESSION_ID = 'e1';

/** The most metrics one alarm's math expression reads. */
export const METRICS_PER_ALARM = 10;

/** `items` in runs of `size`, the last one shorter. */
export function chunks<T>(items: readonly T[], size: number = METRICS_PER_ALARM): T[][] {
  const runs: T[][] = [];
  for (let start = 0; start < items.length; start += size) runs.push(items.slice(start, start + size));
  return runs;
}

/**
 * One metric as it is, or several through `aggregate` (`MAX`, `MIN`, `SUM`, `AVG` of the array), optionally inside
 * `wrap` (`100 - X`), whose `X` stands for the aggregated series.
 */
export function combined(metrics: readonly MetricPlan[], aggregate: 'MAX' | 'MIN' | 'SUM', label: string, wrap = 'X'): AlarmSignal {
  if (metrics.length === 1 && wrap === 'X') return { kind: 'metric', metric: metrics[0] };
  const ids = metrics.map((_, index) => `m${index + 1}`);
  const series = ids.length === 1 ? ids[0] : `${aggregate}([${ids.join(', ')}])`;
  return {
    kind: 'math', id: MATH_EXPRESSION_ID, expression: wrap.replace('X', series), label, periodSeconds: metrics[0].periodSeconds,
    metrics: Object.fromEntries(ids.map((id, index) => [id, metrics[index]])),
  };
}

/** The signal of a run after the first: `cpu` → `cpu-11-20`, so adding members never renames the first alarm. */
export function runSignal(signal: string, run: number, first: number, last: number): string {
  return run === 0 ? signal : `${signal}-${first}-${last}`;
}
