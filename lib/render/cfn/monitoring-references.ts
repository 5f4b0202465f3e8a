import type { DashboardPlan, ReferenceDimension, RegionMonitoringPlan } from '../../plan';
import { watchedMetrics } from '../../plan/monitoring/watch-outputs';

/** Every reference dimension a region's monitoring names (its alarms', its dashboard's and the global dashboard's when held), in plan order. */
export function referencesOf(plan: RegionMonitoringPlan, globalDashboard: DashboardPlan | null): ReferenceDimension[] {
  const metrics = [...watchedMetrics(plan), ...(globalDashboard ? watchedMetrics({ alarms: [], dashboard: globalDashboard }) : [])];
  return metrics.flatMap((metric) => metric.dimensions.flatMap((dimension) => (dimension.value.kind === 'reference' ? [dimension.value] : [])));
}
