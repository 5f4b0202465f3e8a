import type { AwsRegion } from '../../spec';
import type { AlarmPlan, ClimbAlarmPlan, DashboardPlan, WidgetPlan } from './monitoring-plan';
import { type ColumnSpec, ceilingLines, type GraphSpec, regionLoad, tierColumns } from './dashboard-columns';
import { GLOBAL_METRICS_REGION } from './global-alarms';
import { nextLevel } from './next-step';
import { formatNumber, percentOf } from './thresholds';
import { literal, metric, reference, regionalTfName, type WatchContext } from './watch-context';
import { GLOBAL_SERVICES_SUFFIX, GLOBAL_SERVICES_TF } from './alert-topics';

// Where the widgets go, on CloudWatch's 24-column grid: a heading that says the level, its ceiling and the next
// step; load against the ceiling and the warning line, and the headroom left; every alarm's state; then one column
// per tier (four to a row), each its load or saturation, errors and latency. Readable without tierup.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html

const GRID_WIDTH = 24;
const COLUMN_WIDTH = 6;
const GRAPH_HEIGHT = 6;
const HEADING_HEIGHT = 2;
/** An alarm status widget shows at most 100 alarms; more go to a second one. */
const ALARMS_PER_WIDGET = 100;

/** The region's dashboard. */
export function regionDashboard(context: WatchContext, alarms: readonly AlarmPlan[], climb: ClimbAlarmPlan | null, globalServicesOnly: boolean, stackName: string): DashboardPlan {
  const { plan, region, prefix, headroom } = context;
  const widgets: WidgetPlan[] = [{
    kind: 'text', x: 0, y: 0, width: GRID_WIDTH, height: HEADING_HEIGHT,
    markdown: globalServicesOnly
      ? `# ${plan.name} (${plan.environment}): CloudFront and Route 53, in ${region}\nTheir metrics live in ${GLOBAL_METRICS_REGION} only; the application's own dashboards are in ${plan.regions.map((candidate) => candidate.region).join(', ')}.`
      : `# ${plan.name} (${plan.environment}), level ${plan.level} (${plan.levelName}), ${region}\n` +
        `Modeled ceiling ${formatNumber(context.regionCeilingRps)} rps (bottleneck: ${context.model.bottleneck}); capacity alarms fire at ${percentOf(headroom)}% of each tier's ceiling (${formatNumber(headroom * 100)}% headroom). ` +
        `Next: ${nextLevel(plan.level)}: \`${context.advise}\``,
  }];
  let y = HEADING_HEIGHT;
  const load = globalServicesOnly ? null : regionLoad(context);
  if (load) {
    const ceiling = context.regionCeilingRps;
    widgets.push(place({
      title: 'Load against the level\'s ceiling, requests/s', metrics: [{ id: 'm1', label: 'requests a minute', metric: load, visible: false }],
      expressions: [{ id: 'e1', label: 'requests/s', expression: 'm1 / 60' }], annotations: ceilingLines(context, ceiling, 'rps'), stat: 'Sum', periodSeconds: 60,
    }, 0, y, 16));
    widgets.push(place({
      title: 'Headroom, % ((ceiling − load) ÷ load)', metrics: [{ id: 'm1', label: 'requests a minute', metric: load, visible: false }],
      expressions: [{ id: 'e1', label: 'headroom %', expression: `100 * (${ceiling} - m1 / 60) / (m1 / 60)` }],
      annotations: [{ label: `capacity alarms below ${formatNumber(headroom * 100)}%`, value: headroom * 100 }], stat: 'Sum', periodSeconds: 60,
    }, 16, y, 8));
    y += GRAPH_HEIGHT;
  }
  const names = [...alarms.map((alarm) => alarm.alarmName), ...(climb ? [climb.alarmName] : [])];
  for (let start = 0; start < names.length; start += ALARMS_PER_WIDGET) {
    const chunk = names.slice(start, start + ALARMS_PER_WIDGET);
    const height = 1 + Math.ceil(chunk.length / 6);
    widgets.push({ kind: 'alarm-status', x: 0, y, width: GRID_WIDTH, height, title: start === 0 ? 'Alarms (capacity signals and pages)' : 'Alarms, continued', alarms: chunk });
    y += height;
  }
  const columns = globalServicesOnly ? globalServicesColumns(context) : tierColumns(context);
  widgets.push(...layoutColumns(columns, y));
  return {
    id: 'Dashboard', tfName: globalServicesOnly ? GLOBAL_SERVICES_TF.dashboard : regionalTfName(plan, 'dashboard', region),
    dashboardName: globalServicesOnly ? `${prefix}${GLOBAL_SERVICES_SUFFIX}-services` : `${prefix}-${region}`, region, stackName, widgets,
  };
}

/** Columns of width 6, four to a row; each row as tall as its tallest column. */
function layoutColumns(columns: readonly ColumnSpec[], top: number): WidgetPlan[] {
  const widgets: WidgetPlan[] = [];
  const perRow = GRID_WIDTH / COLUMN_WIDTH;
  let y = top;
  for (let start = 0; start < columns.length; start += perRow) {
    const row = columns.slice(start, start + perRow);
    row.forEach((column, index) => {
      const x = index * COLUMN_WIDTH;
      widgets.push({ kind: 'text', x, y, width: COLUMN_WIDTH, height: HEADING_HEIGHT, markdown: column.markdown });
      column.graphs.forEach((graph, position) => widgets.push(place(graph, x, y + HEADING_HEIGHT + position * GRAPH_HEIGHT, COLUMN_WIDTH)));
    });
    y += HEADING_HEIGHT + Math.max(...row.map((column) => column.graphs.length)) * GRAPH_HEIGHT;
  }
  return widgets;
}

function place(graph: GraphSpec, x: number, y: number, width: number): WidgetPlan {
  return {
    kind: 'graph', x, y, width, height: GRAPH_HEIGHT, title: graph.title, region: (graph.region ?? graph.metrics[0].metric.region) as AwsRegion,
    metrics: graph.metrics, expressions: graph.expressions, annotations: graph.annotations, stat: graph.stat, periodSeconds: graph.periodSeconds,
  };
}

/** us-east-1's global services: CloudFront's traffic and errors, Route 53's view of each region. */
function globalServicesColumns(context: WatchContext): ColumnSpec[] {
  const { plan } = context;
  const columns: ColumnSpec[] = [];
  if (plan.cdn) {
    const distribution = reference(plan, 'DistributionId', { kind: 'cdn', key: plan.cdn.tfName, region: context.primaryRegion }, 'distribution-id', 'Cdn');
    const cloudFront = (metricName: string, statistic: 'Sum' | 'Average') =>
      metric(context, 'AWS/CloudFront', metricName, statistic, 60, [distribution, literal('Region', 'Global')], GLOBAL_METRICS_REGION);
    columns.push({
      markdown: `## CloudFront\n${plan.cdn.priceClass}`,
      graphs: [
        { title: 'Requests a minute', metrics: [{ id: 'm1', label: 'requests', metric: cloudFront('Requests', 'Sum'), visible: true }], expressions: [], annotations: [], stat: 'Sum', periodSeconds: 60 },
        { title: 'Errors, %', metrics: [
          { id: 'm1', label: '5xx', metric: cloudFront('5xxErrorRate', 'Average'), visible: true },
          { id: 'm2', label: '4xx', metric: cloudFront('4xxErrorRate', 'Average'), visible: true },
        ], expressions: [], annotations: [{ label: 'page above 1%', value: 1 }], stat: 'Average', periodSeconds: 60 },
      ],
    });
  }
  if (plan.multiRegion) {
    columns.push({
      markdown: `## Route 53\nhealth checks of ${plan.multiRegion.routedName} (${plan.multiRegion.mode})`,
      graphs: [{
        title: 'Regions healthy (1) or not (0)',
        metrics: plan.multiRegion.records.map((record, index) => ({
          id: `m${index + 1}`, label: record.region, visible: true,
          metric: metric(context, 'AWS/Route53', 'HealthCheckStatus', 'Minimum', 60,
            [reference(plan, 'HealthCheckId', { kind: 'health-check', key: 'health_check', region: record.region }, 'health-check-id', '')], GLOBAL_METRICS_REGION),
        })),
        expressions: [], annotations: [], stat: 'Minimum', periodSeconds: 60,
      }],
    });
  }
  return columns;
}

/** Level 7: every region's load against its ceiling side by side, and Route 53's view of them. */
export function globalDashboard(contexts: readonly WatchContext[], stackName: string): DashboardPlan | null {
  const [primary] = contexts;
  if (!primary || primary.plan.level < 7) return null;
  const { plan, prefix } = primary;
  const columns: ColumnSpec[] = contexts.flatMap((context) => {
    const load = regionLoad(context);
    if (!load) return [];
    return [{
      markdown: `## ${context.region}\nceiling ${formatNumber(context.regionCeilingRps)} rps; its dashboard: ${prefix}-${context.region}`,
      graphs: [{
        title: `Load, requests/s (${context.region})`, region: context.region, metrics: [{ id: 'm1', label: 'requests a minute', metric: load, visible: false }],
        expressions: [{ id: 'e1', label: 'requests/s', expression: 'm1 / 60' }], annotations: ceilingLines(context, context.regionCeilingRps, 'rps'), stat: 'Sum', periodSeconds: 60,
      }],
    }];
  });
  const widgets: WidgetPlan[] = [
    {
      kind: 'text', x: 0, y: 0, width: GRID_WIDTH, height: HEADING_HEIGHT,
      markdown: `# ${plan.name} (${plan.environment}), level 7 (multi-region), every region\n${plan.multiRegion?.mode ?? ''}: ${plan.regions.map((region) => region.region).join(', ')}; ` +
        `modeled ceiling ${formatNumber(primary.model.maxRps)} rps in all (bottleneck: ${primary.model.bottleneck}). Each region's dashboard has its tiers and alarms.`,
    },
    ...layoutColumns([...columns, ...globalServicesColumns({ ...primary, region: GLOBAL_METRICS_REGION })], HEADING_HEIGHT),
  ];
  return { id: 'GlobalDashboard', tfName: 'global_dashboard', dashboardName: `${prefix}-global`, region: GLOBAL_METRICS_REGION, stackName, widgets };
}
