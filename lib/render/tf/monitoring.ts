import { TerraformOutput, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchCompositeAlarm } from '@cdktf/provider-aws/lib/cloudwatch-composite-alarm';
import { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { CloudwatchLogMetricFilter } from '@cdktf/provider-aws/lib/cloudwatch-log-metric-filter';
import { CloudwatchMetricAlarm, type CloudwatchMetricAlarmConfig } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type {
  AlarmPlan, AlarmSignal, AlertsKeyPlan, AlertTopicPlan, ClimbAlarmPlan, DashboardPlan, DimensionPlan, DimensionValue, MetricPlan, RegionMonitoringPlan,
  RetentionPlan, TopicPurpose,
} from '../../plan';
import { dashboardBody } from './dashboard-body';
import { denyInsecureTransport, policyDocument } from './policy-documents';
import { helperName, named, statefulLifecycle } from './terraform-names';
import { watchOutputName, type WatchedValues } from './watched-values';

/** Props of {@link Monitoring}. */
export interface MonitoringProps {
  readonly plan: RegionMonitoringPlan;
  /** The region's provider: undefined for the primary region, the region's alias, or the us-east-1 alias. */
  readonly provider: TerraformProvider | undefined;
  /** An existing topic the blueprint names: the region's alarms notify it too when it is in their region; null when none. */
  readonly existingTopicArn: string | null;
  readonly retention: RetentionPlan;
  /** What the reference dimensions name, registered by BlueprintStack once every watched resource exists. */
  readonly values: WatchedValues;
  /** '' in the primary region, `_<region>` elsewhere: ends the outputs' names (one configuration holds every region). */
  readonly outputSuffix: string;
}

/** Percentiles are extended statistics in the alarm API; the others plain statistics. */
const isPercentile = (statistic: string): boolean => /^p\d/.test(statistic);

/**
 * What one region watches and whom it tells, as the plan's monitoring section says: a customer-managed key
 * CloudWatch may use, the alerts and capacity topics encrypted with it (TLS only, CloudWatch of this account
 * may publish) with their e-mail subscriptions, every alarm with its topic on ALARM and OK, the climb composite
 * alarm, the log groups and metric filters, the dashboard, and an output per reference dimension.
 */
export class Monitoring extends Construct {
  public readonly plan: RegionMonitoringPlan;
  public readonly key: KmsKey;
  public readonly topics: ReadonlyMap<TopicPurpose, SnsTopic>;
  /** Metric and composite alarms, by alarm name. */
  public readonly alarms: ReadonlyMap<string, CloudwatchMetricAlarm | CloudwatchCompositeAlarm>;
  public readonly climb: CloudwatchCompositeAlarm | null;
  public readonly logGroups: readonly CloudwatchLogGroup[];
  public readonly dashboard: CloudwatchDashboard;
  private readonly provider: TerraformProvider | undefined;
  private readonly partition: DataAwsPartition;
  private readonly account: DataAwsCallerIdentity;

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { plan, provider } = props;
    this.plan = plan;
    this.provider = provider;
    this.partition = named(new DataAwsPartition(this, 'Partition', { provider }), helperName(plan.key.tfName, 'partition'));
    this.account = named(new DataAwsCallerIdentity(this, 'Account', { provider }), helperName(plan.key.tfName, 'account'));

    this.key = this.createKey(plan.key, props.retention);
    this.topics = new Map(plan.topics.map((topic) => [topic.purpose, this.createTopic(topic)]));
    const actions = this.actions(props.existingTopicArn);
    const metricAlarms = plan.alarms.map((alarm) => [alarm.alarmName, this.createAlarm(alarm, actions(alarm.topic), props.values)] as const);
    this.climb = plan.climb && this.createClimb(plan.climb, actions(plan.climb.topic), new Map(metricAlarms));
    this.alarms = new Map<string, CloudwatchMetricAlarm | CloudwatchCompositeAlarm>([
      ...metricAlarms, ...(plan.climb && this.climb ? [[plan.climb.alarmName, this.climb] as const] : []),
    ]);
    this.logGroups = this.createLogs(plan, props.retention);
    this.dashboard = createDashboard(this, plan.dashboard, provider, {
      dimension: (value) => props.values.resolve(value),
      alarmArn: (name) => this.alarmArn(name),
    });
    this.addOutputs(props.values, props.outputSuffix);
  }

  /** An alarm's ARN: its resource's when this region created it, else built from its name in this region and account. */
  public alarmArn(alarmName: string): string {
    const alarm = this.alarms.get(alarmName);
    return alarm ? alarm.arn : `arn:${this.partition.partition}:cloudwatch:${this.plan.region}:${this.account.accountId}:alarm:${alarmName}`;
  }

  /** What an alarm of this region notifies for a topic purpose: the region's topic, and the blueprint's own topic when it is in this region. */
  private actions(existingTopicArn: string | null): (purpose: TopicPurpose) => string[] {
    // arn:<partition>:sns:<region>:<account>:<name>
    const existing = existingTopicArn !== null && existingTopicArn.split(':')[3] === this.plan.region ? [existingTopicArn] : [];
    return (purpose) => {
      const topic = this.topics.get(purpose);
      return [...(topic ? [topic.arn] : []), ...existing];
    };
  }

  /** The climb signal: a composite alarm over the capacity alarms, created after them. */
  private createClimb(plan: ClimbAlarmPlan, actions: readonly string[], members: ReadonlyMap<string, CloudwatchMetricAlarm>): CloudwatchCompositeAlarm {
    return named(new CloudwatchCompositeAlarm(this, plan.id, {
      provider: this.provider,
      alarmName: plan.alarmName,
      alarmDescription: plan.description,
      alarmRule: plan.rule,
      alarmActions: [...actions],
      okActions: [...actions],
      // The rule names its members by name, which Terraform cannot see: they must exist first.
      dependsOn: plan.members.flatMap((member) => {
        const alarm = members.get(member);
        return alarm ? [alarm] : [];
      }),
    }), plan.tfName);
  }

  /** The log groups, each with its retention, and the metric filters counting in them. */
  private createLogs(plan: RegionMonitoringPlan, retention: RetentionPlan): CloudwatchLogGroup[] {
    const { provider } = this;
    const groups = plan.logGroups.map((group) => named(new CloudwatchLogGroup(this, group.id, {
      provider,
      name: group.name,
      retentionInDays: group.retentionDays,
      // Logs are data: kept when the configuration is destroyed where data stores are, protected in production.
      skipDestroy: retention.dataStores !== 'destroy',
      lifecycle: statefulLifecycle(retention.preventDestroy),
    }), group.tfName));
    const byName = new Map(plan.logGroups.map((group, index) => [group.name, groups[index]]));
    for (const filter of plan.metricFilters) {
      // The group's own reference where this region creates it, so the filter comes after it.
      const group = byName.get(filter.logGroupName);
      named(new CloudwatchLogMetricFilter(this, filter.id, {
        provider,
        // A filter's name is unique within its log group only.
        name: filter.metricName,
        logGroupName: group ? group.name : filter.logGroupName,
        pattern: filter.pattern,
        metricTransformation: { namespace: filter.metricNamespace, name: filter.metricName, value: filter.metricValue },
      }), filter.tfName);
    }
    return groups;
  }

  /**
   * The topics' key: the account administers it (the default key policy), and the plan's services (CloudWatch)
   * may use it to publish to the topics it encrypts, which the AWS-managed SNS key does not allow.
   * https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
   * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services
   */
  private createKey(plan: AlertsKeyPlan, retention: RetentionPlan): KmsKey {
    const { provider } = this;
    const key = named(new KmsKey(this, plan.id, {
      provider,
      description: `tierup: encrypts the alarm topics (${plan.alias})`,
      enableKeyRotation: true,
      policy: policyDocument([
        {
          Sid: 'AccountAdministers',
          Effect: 'Allow',
          Principal: { AWS: `arn:${this.partition.partition}:iam::${this.account.accountId}:root` },
          Action: 'kms:*',
          Resource: '*',
        },
        { Sid: 'ServicesPublish', Effect: 'Allow', Principal: { Service: [...plan.servicePrincipals] }, Action: [...plan.actions], Resource: '*' },
      ]),
      lifecycle: statefulLifecycle(retention.preventDestroy),
    }), plan.tfName);
    named(new KmsAlias(this, `${plan.id}Alias`, { provider, name: plan.alias, targetKeyId: key.keyId }), helperName(plan.tfName, 'alias'));
    return key;
  }

  /** A topic encrypted with the region's key: its publishers (CloudWatch of this account) may publish, nobody without TLS. */
  private createTopic(plan: AlertTopicPlan): SnsTopic {
    const { provider } = this;
    const name = (part: string): string => helperName(plan.tfName, part);
    const topic = named(new SnsTopic(this, plan.id, { provider, name: plan.topicName, kmsMasterKeyId: this.key.arn }), plan.tfName);
    named(new SnsTopicPolicy(this, `${plan.id}Policy`, {
      provider,
      arn: topic.arn,
      policy: policyDocument([
        {
          Sid: 'ServicesPublish',
          Effect: 'Allow',
          Principal: { Service: [...plan.publishers] },
          Action: 'sns:Publish',
          Resource: topic.arn,
          // Only on behalf of this account's alarms (the confused deputy).
          // https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html
          Condition: { StringEquals: { 'aws:SourceAccount': this.account.accountId } },
        },
        denyInsecureTransport('sns:Publish', [topic.arn]),
      ]),
    }), name('policy'));
    for (const subscription of plan.subscriptions) {
      // Named after the address, which the blueprint gives: e-mail subscriptions wait for their recipient's confirmation.
      const address = subscription.endpoint.toLowerCase().replace(/[^a-z0-9]+/g, '_');
      named(new SnsTopicSubscription(this, `${plan.id}-${subscription.protocol}-${address}`, {
        provider, topicArn: topic.arn, protocol: subscription.protocol, endpoint: subscription.endpoint,
      }), name(`${subscription.protocol}_${address}`));
    }
    return topic;
  }

  /** A metric or metric-math alarm notifying its topic on ALARM and on OK. */
  private createAlarm(plan: AlarmPlan, actions: readonly string[], values: WatchedValues): CloudwatchMetricAlarm {
    return named(new CloudwatchMetricAlarm(this, plan.id, {
      provider: this.provider,
      alarmName: plan.alarmName,
      alarmDescription: plan.description,
      comparisonOperator: plan.comparison,
      threshold: plan.threshold,
      evaluationPeriods: plan.evaluationPeriods,
      datapointsToAlarm: plan.datapointsToAlarm,
      treatMissingData: plan.treatMissingData,
      alarmActions: [...actions],
      okActions: [...actions],
      ...alarmSignal(plan.source, values),
    }), plan.tfName);
  }

  /** An output per reference dimension of the region's alarms and dashboard, for `tierup observe --query`. */
  private addOutputs(values: WatchedValues, suffix: string): void {
    const references = new Map<string, DimensionValue>();
    for (const dimension of [...this.plan.alarms.flatMap((alarm) => signalMetrics(alarm.source)), ...dashboardMetrics(this.plan.dashboard)].flatMap((metric) => metric.dimensions)) {
      if (dimension.value.kind === 'reference' && !references.has(dimension.value.outputName)) references.set(dimension.value.outputName, dimension.value);
    }
    for (const [outputName, value] of references) {
      const name = watchOutputName(outputName, suffix);
      named(new TerraformOutput(this, `Output-${outputName}`, {
        value: values.resolve(value),
        description: `${outputName}: a dimension of this region's alarms (tierup observe --query reads it)`,
      }), name);
    }
  }
}

/** The alarm's metric, or its metric math: the math's metrics return no data, the expression does. */
function alarmSignal(source: AlarmSignal, values: WatchedValues): Partial<CloudwatchMetricAlarmConfig> {
  if (source.kind === 'metric') {
    const { metric } = source;
    return {
      namespace: metric.namespace,
      metricName: metric.metricName,
      dimensions: dimensionMap(metric.dimensions, values),
      period: metric.periodSeconds,
      ...(isPercentile(metric.statistic) ? { extendedStatistic: metric.statistic } : { statistic: metric.statistic }),
    };
  }
  return {
    metricQuery: [
      ...Object.entries(source.metrics).map(([id, metric]) => ({
        id,
        returnData: false,
        metric: { namespace: metric.namespace, metricName: metric.metricName, dimensions: dimensionMap(metric.dimensions, values), period: metric.periodSeconds, stat: metric.statistic },
      })),
      // The expression's id only has to differ from its metrics' (`m1`, `m2`, …).
      { id: 'e1', expression: source.expression, label: source.label, returnData: true },
    ],
  };
}

function dimensionMap(dimensions: readonly DimensionPlan[], values: WatchedValues): Record<string, string> {
  return Object.fromEntries(dimensions.map((dimension) => [dimension.name, values.resolve(dimension.value)]));
}

/** Every metric an alarm reads. */
export function signalMetrics(source: AlarmSignal): MetricPlan[] {
  return source.kind === 'metric' ? [source.metric] : Object.values(source.metrics);
}

/** Every metric a dashboard draws. */
export function dashboardMetrics(plan: DashboardPlan): MetricPlan[] {
  return plan.widgets.flatMap((widget) => (widget.kind === 'graph' ? widget.metrics.map((entry) => entry.metric) : []));
}

/** A dashboard from the plan (a region's, or level 7's global one). */
export function createDashboard(
  scope: Construct, plan: DashboardPlan, provider: TerraformProvider | undefined, context: Parameters<typeof dashboardBody>[1],
): CloudwatchDashboard {
  return named(new CloudwatchDashboard(scope, plan.id, { provider, dashboardName: plan.dashboardName, dashboardBody: dashboardBody(plan, context) }), plan.tfName);
}
