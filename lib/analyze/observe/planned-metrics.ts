import type { ArchitecturePlan, DimensionPlan, DimensionValue, MetricPlan, WatchedAttribute, WatchedRef } from '../../plan';
import type { AwsRegion } from '../../spec';

// The metrics the plan's monitoring section already defines (alarms' metrics, metric-math members and dashboard
// graphs), and the stack outputs it publishes for deploy-time dimension values. `observe` takes a metric from
// here when the plan has it, so its queries read exactly what the alarms watch, and it may name a deploy-time
// value (an instance id, a load balancer's full name) only through an output the plan makes both engines emit.

/** A dimension `observe` wants: a value known now, or a planned resource's deploy-time attribute. */
export type WantedDimension = { readonly name: string; readonly literal: string } | WantedReference;

/** A dimension whose value is a planned resource's deploy-time attribute. */
export interface WantedReference {
  readonly name: string;
  readonly resource: Pick<WatchedRef, 'kind' | 'key' | 'region'>;
  readonly attribute: WatchedAttribute;
}

/** A metric `observe` wants, before it is matched against the plan. */
export interface WantedMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly region: AwsRegion;
  readonly dimensions: readonly WantedDimension[];
  readonly statistic: MetricPlan['statistic'];
}

/** A wanted metric resolved: the plan's own definition, or one built with the plan's outputs; else why not. */
export type ResolvedMetric =
  | { readonly ok: true; readonly metric: MetricPlan; readonly origin: 'plan' | 'observe' }
  | { readonly ok: false; readonly reason: string };

/** Every metric the plan's monitoring section names, in plan order. */
export function plannedMetrics(plan: ArchitecturePlan): MetricPlan[] {
  const { monitoring } = plan;
  const dashboards = [...monitoring.regions.map((region) => region.dashboard), ...(monitoring.globalDashboard ? [monitoring.globalDashboard] : [])];
  return [
    ...monitoring.regions.flatMap((region) => region.alarms.flatMap((alarm) =>
      alarm.source.kind === 'metric' ? [alarm.source.metric] : Object.values(alarm.source.metrics))),
    ...dashboards.flatMap((dashboard) => dashboard.widgets.flatMap((widget) => (widget.kind === 'graph' ? widget.metrics.map((entry) => entry.metric) : []))),
  ];
}

/** Resolves what `observe` wants against the plan's metrics: same namespace, name, region and dimensions. */
export function resolveMetric(planned: readonly MetricPlan[], wanted: WantedMetric): ResolvedMetric {
  const same = planned.find((metric) => metric.namespace === wanted.namespace && metric.metricName === wanted.metricName
    && metric.region === wanted.region && sameDimensions(metric.dimensions, wanted.dimensions));
  if (same) return { ok: true, metric: { ...same, statistic: wanted.statistic }, origin: 'plan' };
  const dimensions: DimensionPlan[] = [];
  for (const dimension of wanted.dimensions) {
    if ('literal' in dimension) {
      dimensions.push({ name: dimension.name, value: { kind: 'literal', value: dimension.literal } });
      continue;
    }
    const output = plannedReference(planned, dimension);
    if (!output) {
      return {
        ok: false,
        reason: `the plan publishes no stack output with the ${describeAttribute(dimension.attribute)} of ${dimension.resource.kind} ${dimension.resource.key}` +
          ` (the ${dimension.name} dimension of ${wanted.namespace} ${wanted.metricName})`,
      };
    }
    dimensions.push({ name: dimension.name, value: output });
  }
  return {
    ok: true,
    metric: { namespace: wanted.namespace, metricName: wanted.metricName, dimensions, statistic: wanted.statistic, periodSeconds: 60, region: wanted.region },
    origin: 'observe',
  };
}

/** The plan's reference to a resource's attribute (with its output name), wherever the plan uses it. */
function plannedReference(planned: readonly MetricPlan[], wanted: WantedReference): DimensionValue | undefined {
  for (const metric of planned) {
    for (const dimension of metric.dimensions) {
      if (dimension.value.kind === 'reference' && sameReference(dimension.value, wanted)) return dimension.value;
    }
  }
  return undefined;
}

function sameDimensions(planned: readonly DimensionPlan[], wanted: readonly WantedDimension[]): boolean {
  if (planned.length !== wanted.length) return false;
  return wanted.every((want) => planned.some((dimension) => dimension.name === want.name && ('literal' in want
    ? dimension.value.kind === 'literal' && dimension.value.value === want.literal
    : dimension.value.kind === 'reference' && sameReference(dimension.value, want))));
}

function sameReference(value: DimensionValue & { kind: 'reference' }, wanted: WantedReference): boolean {
  // CloudFront distributions and Route 53 health checks are global: whichever region the plan files them under.
  const global = wanted.resource.kind === 'cdn' || wanted.resource.kind === 'health-check';
  return value.resource.kind === wanted.resource.kind && value.resource.key === wanted.resource.key && value.attribute === wanted.attribute
    && (global || value.resource.region === wanted.resource.region);
}

function describeAttribute(attribute: WatchedAttribute): string {
  return attribute.replace(/-/g, ' ');
}
