import type { MetricPlan, ReferenceDimension, RegionMonitoringPlan, WatchOutputPlan } from './monitoring-plan';
import { outputTfName, type UnwatchedPlan } from './watch-context';

// The stack outputs of the reference dimensions (a load balancer's full name, an instance id): what
// `tierup observe --query` reads from `cdk deploy --outputs-file` or `terraform output -json`, since AWS only knows
// these values once deployed. Each CloudFormation stack emits those its own alarms and dashboard name; Terraform,
// one configuration for every region, emits each once.

/** Every metric a region's alarms and dashboard read, in plan order (alarms first). */
export function watchedMetrics(region: Pick<RegionMonitoringPlan, 'alarms' | 'dashboard'>): MetricPlan[] {
  return [
    ...region.alarms.flatMap((alarm) => (alarm.source.kind === 'metric' ? [alarm.source.metric] : Object.values(alarm.source.metrics))),
    ...region.dashboard.widgets.flatMap((widget) => (widget.kind === 'graph' ? widget.metrics.map((entry) => entry.metric) : [])),
  ];
}

/** Each region's outputs: one per reference its alarms and dashboard name, in Terraform only where no earlier region emits it. */
export function withWatchOutputs(plan: Pick<UnwatchedPlan, 'regions'>, regions: readonly Omit<RegionMonitoringPlan, 'outputs'>[]): RegionMonitoringPlan[] {
  const inTerraform = new Set<string>();
  return regions.map((region) => {
    const references = new Map<string, ReferenceDimension>();
    for (const { value } of watchedMetrics(region).flatMap((metric) => metric.dimensions)) {
      if (value.kind === 'reference' && !references.has(value.outputName)) references.set(value.outputName, value);
    }
    const outputs = [...references.values()].map((value): WatchOutputPlan => {
      const tfName = outputTfName(plan, value);
      const terraform = !inTerraform.has(tfName);
      inTerraform.add(tfName);
      return { id: value.outputName, tfName, terraform, value };
    });
    return { ...region, outputs };
  });
}
