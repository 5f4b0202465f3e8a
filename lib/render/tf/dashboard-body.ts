import type { DashboardPlan, DimensionValue, MetricPlan, WidgetPlan } from '../../plan';

/** How a dashboard's deploy-time parts are written: dimension values and alarm ARNs (Terraform references). */
export interface DashboardContext {
  readonly dimension: (value: DimensionValue) => string;
  readonly alarmArn: (alarmName: string) => string;
}

/**
 * A dashboard's body, CloudWatch's JSON (`{"widgets": [...]}`) from the plan's widgets: text, metric graphs
 * (each metric as `[namespace, name, dimension name, value, …, {rendering options}]`, math as `{expression}`
 * entries, the ceiling and warning lines as horizontal annotations) and alarm status. References in it stay
 * Terraform interpolations inside the string, so they resolve when the configuration is applied.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html
 */
export function dashboardBody(plan: DashboardPlan, context: DashboardContext): string {
  return JSON.stringify({ widgets: plan.widgets.map((widget) => widgetJson(widget, context)) });
}

function widgetJson(widget: WidgetPlan, context: DashboardContext): Record<string, unknown> {
  const { x, y, width, height } = widget;
  switch (widget.kind) {
    case 'text':
      return { type: 'text', x, y, width, height, properties: { markdown: widget.markdown } };
    case 'graph':
      return {
        type: 'metric', x, y, width, height,
        properties: {
          title: widget.title,
          region: widget.region,
          stat: widget.stat,
          period: widget.periodSeconds,
          metrics: [
            ...widget.metrics.map((entry) => metricArray(entry.metric, context, { id: entry.id, label: entry.label, visible: entry.visible })),
            ...widget.expressions.map((entry) => [{ expression: entry.expression, label: entry.label, id: entry.id }]),
          ],
          annotations: { horizontal: widget.annotations.map((annotation) => ({ label: annotation.label, value: annotation.value })) },
        },
      };
    case 'alarm-status':
      return { type: 'alarm', x, y, width, height, properties: { title: widget.title, alarms: widget.alarms.map(context.alarmArn) } };
  }
}

/** One metric of a graph: its identity, then its rendering options (statistic, period and region of its own). */
function metricArray(metric: MetricPlan, context: DashboardContext, options: { id: string; label: string; visible: boolean }): unknown[] {
  return [
    metric.namespace, metric.metricName,
    ...metric.dimensions.flatMap((dimension) => [dimension.name, context.dimension(dimension.value)]),
    { ...options, stat: metric.statistic, period: metric.periodSeconds, region: metric.region },
  ];
}
