import type { DashboardPlan, DimensionValue, MetricPlan, RegionMonitoringPlan } from '../../plan';
import { signalMetrics } from './alarm-properties';

/** A reference dimension: a deploy-time attribute of a planned resource, with the output that holds it. */
export type WatchedReference = Extract<DimensionValue, { readonly kind: 'reference' }>;

/** Every reference dimension a region's monitoring names (its alarms', its dashboard's and the global dashboard's when held), in plan order. */
export function referencesOf(plan: RegionMonitoringPlan, globalDashboard: DashboardPlan | null): WatchedReference[] {
  const metrics: MetricPlan[] = [
    ...plan.alarms.flatMap((alarm) => signalMetrics(alarm.source)),
    ...[plan.dashboard, ...(globalDashboard ? [globalDashboard] : [])].flatMap((dashboard) => dashboard.widgets
      .flatMap((widget) => (widget.kind === 'graph' ? widget.metrics.map((entry) => entry.metric) : []))),
  ];
  return metrics.flatMap((metric) => metric.dimensions.flatMap((dimension) => (dimension.value.kind === 'reference' ? [dimension.value] : [])));
}
