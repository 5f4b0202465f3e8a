import type { AwsRegion } from '../../spec';
import type { MetricPlan } from '../../plan';

// What `tierup observe` reads from CloudWatch: one series per tier and signal, each a metric or a metric-math
// expression over metrics. The catalogue is built from the plan alone (observe-metrics.ts), so the query and the
// reading of its export agree on every id without any state kept in between.

/** The load and saturation signals the analysis reads. */
export type ObservedSignal =
  | 'requests' // requests per second reaching the tier
  | 'requests-per-instance' // requests per second per serving instance
  | 'instances' // instances serving (healthy targets, or in-service workers)
  | 'cpu' // average CPU of the tier's instances, percent
  | 'connections' // database connections (maximum)
  | 'free-storage' // free database storage (minimum), bytes
  | 'replica-lag' // seconds behind the primary (maximum)
  | 'hit-rate' // cache hits ÷ (hits + misses), percent
  | 'engine-cpu' // the busiest cache node's engine CPU, percent
  | 'memory' // the fullest cache node's memory use, percent
  | 'queue-age' // age of the oldest message, seconds
  | 'backlog' // visible messages
  | 'dead-letters'; // messages in the dead-letter queue

/** The unit a series' values are in, after the query's own math. */
export type SeriesUnit = 'rps' | 'count' | 'percent' | 'bytes' | 'seconds';

/** How a series is computed: one metric, or an expression over metrics named by the keys of `metrics`. */
export type SeriesSource =
  | { readonly kind: 'metric'; readonly metric: MetricPlan }
  | { readonly kind: 'math'; readonly expression: string; readonly metrics: Readonly<Record<string, MetricPlan>> };

/** The kind of tier a series belongs to; the analysis reads each kind differently. */
export type TierKind = 'server' | 'fleet' | 'database' | 'replica' | 'cache' | 'queue' | 'cdn';

/** One series the analysis reads: a returned query of GetMetricData. */
export interface ObservedSeries {
  /** The query id, `^[a-z][a-zA-Z0-9_]*$`, unique in the blueprint: the key that ties an export back to this series. */
  readonly id: string;
  /** `server`, `app`, `service-orders`, `database`, `shard-1`, `service-orders-database`, `cache`, `queue-emails`, `cdn`. */
  readonly tier: string;
  readonly tierKind: TierKind;
  /** Where CloudWatch holds the metric: the resource's region, or us-east-1 for CloudFront. */
  readonly region: AwsRegion;
  readonly signal: ObservedSignal;
  readonly unit: SeriesUnit;
  /** What a human reads in the export: tier, region when not the primary, signal and unit. */
  readonly label: string;
  /** The resource measured when a tier has several (a replica's identifier); the tier's name otherwise. */
  readonly subject: string;
  readonly source: SeriesSource;
  /** `plan`: a metric of the plan's alarms or dashboards, taken as it is; `observe`: added for the analysis. */
  readonly origin: 'plan' | 'observe';
}

/** A signal the analysis would read but cannot query for this blueprint, and why. */
export interface UnqueriedSignal {
  readonly tier: string;
  readonly region: AwsRegion;
  readonly signal: ObservedSignal;
  readonly reason: string;
}

/** Everything `observe` reads for one blueprint. */
export interface ObservationCatalogue {
  readonly series: readonly ObservedSeries[];
  readonly unqueried: readonly UnqueriedSignal[];
}
