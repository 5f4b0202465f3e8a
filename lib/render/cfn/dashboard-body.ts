import { ArnFormat, Stack } from 'aws-cdk-lib';
import type { DashboardPlan, WidgetPlan } from '../../plan';
import type { DimensionResolver } from './alarm-properties';

/**
 * A dashboard's body as CloudWatch reads it (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html),
 * serialized by the stack so the tokens of reference dimensions (a load balancer's full name, an instance id) and
 * the alarms' ARNs become `Fn::Join`s that CloudFormation resolves at deploy time.
 */
export function dashboardBody(stack: Stack, plan: DashboardPlan, resolve: DimensionResolver): string {
  return stack.toJsonString({ widgets: plan.widgets.map((widget) => widgetBody(stack, widget, resolve)) });
}

/** One widget: `text`, `metric` (a time series) or `alarm` (status of alarms by ARN). */
function widgetBody(stack: Stack, widget: WidgetPlan, resolve: DimensionResolver): Record<string, unknown> {
  const place = { x: widget.x, y: widget.y, width: widget.width, height: widget.height };
  switch (widget.kind) {
    case 'text':
      return { type: 'text', ...place, properties: { markdown: widget.markdown } };
    case 'alarm-status':
      return { type: 'alarm', ...place, properties: { title: widget.title, alarms: widget.alarms.map((name) => alarmArn(stack, name)) } };
    case 'graph':
      return {
        type: 'metric',
        ...place,
        properties: {
          title: widget.title,
          region: widget.region,
          view: 'timeSeries',
          stat: widget.stat,
          period: widget.periodSeconds,
          // Each metric: namespace, name, then dimension name/value pairs, then its rendering options
          // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/CloudWatch-Dashboard-Body-Structure.html#CloudWatch-Dashboard-Properties-Metrics-Array-Format).
          metrics: [
            ...widget.metrics.map(({ id, label, metric, visible }) => [
              metric.namespace,
              metric.metricName,
              ...metric.dimensions.flatMap((dimension) => [dimension.name, resolve(dimension.value)]),
              { id, label, visible, stat: metric.statistic, period: metric.periodSeconds, region: metric.region },
            ]),
            ...widget.expressions.map(({ id, label, expression }) => [{ expression, label, id }]),
          ],
          annotations: { horizontal: widget.annotations.map(({ label, value }) => ({ label, value })) },
        },
      };
  }
}

/**
 * An alarm's ARN from its name, in the dashboard stack's region and account, as the plan's alarm-status widgets
 * say (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazoncloudwatch.html#amazoncloudwatch-resources-for-iam-policies).
 */
export function alarmArn(stack: Stack, name: string): string {
  return stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
}
