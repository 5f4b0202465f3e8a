import { AGENT_METRICS, type ArchitecturePlan, type RegionMonitoringPlan } from '../plan';
import { type CostLine, fixed, type Quantity, scale } from './cost-model';
import { scheduledFleetSize } from './cost-schedules';
import { GLOBAL_RATES } from './data/prices';
import { isPricedRegion } from './price-lookup';
import { BILLING_ASSUMPTIONS, type UsageAssumptions } from './data/usage-defaults';

// What watching costs: alarms by the metrics they read, the climb composite, each region's key for its topics,
// dashboards beyond the three free ones, the agent's metrics and the log filters', and the logs shipped and kept.
// https://aws.amazon.com/cloudwatch/pricing/

/** The monitoring plan's lines, region by region, then the dashboards. */
export function monitoringLines(plan: ArchitecturePlan, usage: UsageAssumptions): CostLine[] {
  const { regions, globalDashboard } = plan.monitoring;
  const lines = regions.flatMap((region) => regionLines(plan, region, usage));
  const dashboards = regions.length + (globalDashboard ? 1 : 0);
  lines.push({
    component: 'cloudwatch', resource: `dashboards: ${dashboards}, the first ${GLOBAL_RATES.cloudWatchFreeDashboards} free`, unit: 'dashboard-months',
    unitPrice: GLOBAL_RATES.cloudWatchDashboardMonth, quantity: fixed(Math.max(0, dashboards - GLOBAL_RATES.cloudWatchFreeDashboards)),
  });
  return lines;
}

function regionLines(plan: ArchitecturePlan, region: RegionMonitoringPlan, usage: UsageAssumptions): CostLine[] {
  const at = (label: string) => `${region.region} ${label}`;
  // us-east-1's figures stand for every priced region; a region without prices is unpriced, like its other parts.
  const priced = isPricedRegion(region.region);
  const price = (figure: number): number | null => (priced ? figure : null);
  const metrics = region.alarms.reduce((sum, alarm) => sum + (alarm.source.kind === 'metric' ? 1 : Object.keys(alarm.source.metrics).length), 0);
  const math = region.alarms.filter((alarm) => alarm.source.kind === 'math').length;
  const lines: CostLine[] = [
    { component: 'cloudwatch', resource: at(`alarms: ${region.alarms.length} (${math} on metric math)`), unit: 'alarm metrics', unitPrice: price(GLOBAL_RATES.cloudWatchAlarmMetricMonth), quantity: fixed(metrics) },
  ];
  if (region.climb) lines.push({ component: 'cloudwatch', resource: at(`${region.climb.id} (composite)`), unit: 'composite alarms', unitPrice: price(GLOBAL_RATES.cloudWatchCompositeAlarmMonth), quantity: fixed(1) });
  lines.push({ component: 'kms', resource: at(`${region.key.id} (customer managed, for the topics)`), unit: 'key-months', unitPrice: price(GLOBAL_RATES.kmsKeyMonth), quantity: fixed(1) });
  if (region.globalServicesOnly) return lines;
  const instances = instancesIn(plan, region.region, usage);
  const filters = region.metricFilters.length;
  lines.push({
    component: 'cloudwatch', resource: at(`custom metrics: the agent's ${AGENT_METRICS.perInstance} per instance${filters ? `, ${filters} from the access log` : ''}`),
    unit: 'metrics', unitPrice: price(GLOBAL_RATES.cloudWatchCustomMetricMonth),
    quantity: { min: instances.min * AGENT_METRICS.perInstance + filters, expected: instances.expected * AGENT_METRICS.perInstance + filters, max: instances.max * AGENT_METRICS.perInstance + filters },
  });
  const ingested = scale(instances, BILLING_ASSUMPTIONS.logGbPerInstanceMonth);
  const retention = region.logGroups[0]?.retentionDays ?? 0;
  lines.push(
    { component: 'cloudwatch-logs', resource: at(`log ingestion, ${BILLING_ASSUMPTIONS.logGbPerInstanceMonth} GB per instance`), unit: 'GB', unitPrice: price(GLOBAL_RATES.cloudWatchLogsIngestionGb), quantity: rounded(ingested) },
    { component: 'cloudwatch-logs', resource: at(`log storage, ${retention} days kept`), unit: 'GB-months', unitPrice: price(GLOBAL_RATES.cloudWatchLogsStorageGbMonth), quantity: rounded(scale(ingested, retention / 30)) },
  );
  return lines;
}

/** Instances that run the agent in a region: the server, every fleet at its (scheduled) sizes, every queue's workers. */
function instancesIn(plan: ArchitecturePlan, region: string, usage: UsageAssumptions): Quantity {
  const primary = region === plan.regions[0].region;
  const parts: Quantity[] = [];
  if (plan.server && primary) parts.push(fixed(1));
  for (const fleet of [...(plan.fleet ? [plan.fleet] : []), ...plan.services.map((service) => service.fleet)]) parts.push(scheduledFleetSize(fleet).quantity);
  for (const queue of [...plan.queues, ...plan.services.flatMap((service) => service.queues)]) {
    if (!queue.worker) continue;
    const busy = primary && usage.messagesPerQueuePerMonth > 0 ? BILLING_ASSUMPTIONS.expectedBusyWorkers : 0;
    parts.push({ min: queue.worker.min, expected: Math.min(queue.worker.max, Math.max(queue.worker.min, busy)), max: queue.worker.max });
  }
  return parts.reduce((sum, part) => ({ min: sum.min + part.min, expected: sum.expected + part.expected, max: sum.max + part.max }), fixed(0));
}

/** Two decimals, so the printed arithmetic checks out. */
function rounded(quantity: Quantity): Quantity {
  const two = (value: number) => Math.round(value * 100) / 100;
  return { min: two(quantity.min), expected: two(quantity.expected), max: two(quantity.max) };
}
