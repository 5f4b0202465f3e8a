import type { CfnAlarm, CfnAlarmProps } from 'aws-cdk-lib/aws-cloudwatch';
import type { AlarmPlan, AlarmSignal, DimensionPlan, DimensionValue, MetricPlan } from '../../plan';

/** The string a dimension value holds in the template: the literal, or the token of the resource's attribute. */
export type DimensionResolver = (value: DimensionValue) => string;

/** Percentiles go in `ExtendedStatistic`, the others in `Statistic` (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudwatch-alarm.html). */
function isPercentile(statistic: MetricPlan['statistic']): boolean {
  return /^p\d/.test(statistic);
}

/** The dimensions of a metric, their values resolved. */
export function dimensionsOf(dimensions: readonly DimensionPlan[], resolve: DimensionResolver): CfnAlarm.DimensionProperty[] {
  return dimensions.map((dimension) => ({ name: dimension.name, value: resolve(dimension.value) }));
}

/** `Namespace`/`MetricName`/`Dimensions`/`Statistic`/`Period` of a one-metric alarm, or `Metrics` of a math alarm. */
export function alarmSignalProperties(source: AlarmSignal, resolve: DimensionResolver): Partial<CfnAlarmProps> {
  if (source.kind === 'metric') {
    const { metric } = source;
    return {
      namespace: metric.namespace,
      metricName: metric.metricName,
      dimensions: dimensionsOf(metric.dimensions, resolve),
      ...(isPercentile(metric.statistic) ? { extendedStatistic: metric.statistic } : { statistic: metric.statistic }),
      period: metric.periodSeconds,
    };
  }
  return {
    metrics: [
      ...Object.entries(source.metrics).map(([id, metric]): CfnAlarm.MetricDataQueryProperty => ({
        id,
        metricStat: {
          metric: { namespace: metric.namespace, metricName: metric.metricName, dimensions: dimensionsOf(metric.dimensions, resolve) },
          period: metric.periodSeconds,
          stat: metric.statistic,
        },
        returnData: false,
      })),
      // The expression's period is its metrics' (aws-cdk-lib sets none on an expression over metrics either).
      { id: source.id, expression: source.expression, label: source.label, returnData: true },
    ],
  };
}

/** Every property of a plan's alarm, given the topics it notifies in its region. */
export function alarmProperties(alarm: AlarmPlan, actions: readonly string[], resolve: DimensionResolver): CfnAlarmProps {
  return {
    alarmName: alarm.alarmName,
    alarmDescription: alarm.description,
    ...alarmSignalProperties(alarm.source, resolve),
    comparisonOperator: alarm.comparison,
    threshold: alarm.threshold,
    evaluationPeriods: alarm.evaluationPeriods,
    datapointsToAlarm: alarm.datapointsToAlarm,
    treatMissingData: alarm.treatMissingData,
    actionsEnabled: true,
    alarmActions: [...actions],
    okActions: [...actions],
  };
}

/** Every reference dimension of a signal (its metric's, or each metric's of its math). */
export function signalMetrics(source: AlarmSignal): readonly MetricPlan[] {
  return source.kind === 'metric' ? [source.metric] : Object.values(source.metrics);
}
