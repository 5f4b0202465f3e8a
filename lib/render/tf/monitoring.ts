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
  AlarmPlan, AlarmSignal, AlertsKeyPlan, AlertTopicPlan, ClimbAlarmPlan, DashboardPlan, DimensionPlan, RegionMonitoringPlan,
  RetentionPlan, TopicPurpose,
} from '../../plan';
import { dashboardBody } from './dashboard-body';
import { resourcePolicy } from './resource-policy';
import { helperName, named, statefulLifecycle } from './terraform-names';
import type { WatchedValues } from './watched-values';

/** Props of {@link Monitoring}. */
export interface MonitoringProps {
  readonly plan: RegionMonitoringPlan;
  /** The region's provider: undefined for the primary region, the region's alias, or the us-east-1 alias. */
  readonly provider: TerraformProvider | undefined;
  readonly retention: RetentionPlan;
  /** What the reference dimensions name, registered by BlueprintStack once every watched resource exists. */
  readonly values: WatchedValues;
}

/** Percentiles are extended statistics in the alarm API; the others plain statistics. */
const isPercentile = (statistic: string): boolean => /^p\d/.test(statistic);

/**
 * What one region watches and whom it tells, as the plan's monitoring section says: a customer-managed key
 * CloudWatch may use, the alerts and capacity topics encrypted with it (the key's and topics' policies are the plan's
 * statements) with their e-mail subscriptions, every alarm with its topic on ALARM and OK, the climb composite
 * alarm, the log groups and metric filters, the dashboard, and the outputs the plan gives Terraform in this region.
 */
export class Monitoring extends Construct {
  public readonly plan: RegionMonitoringPlan;
  public readonly key: KmsKey;
  public readonly topics: ReadonlyMap<TopicPurpose, SnsTopic>;
  /** The same topics by their Terraform names, unique in the configuration. */
  public readonly topicsByTfName: ReadonlyMap<string, SnsTopic>;
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
    const topics = plan.topics.map((topic) => [topic, this.createTopic(topic)] as const);
    this.topics = new Map(topics.map(([topic, resource]) => [topic.purpose, resource]));
    this.topicsByTfName = new Map(topics.map(([topic, resource]) => [topic.tfName, resource]));
    const actions = this.actions();
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
    this.addOutputs(props.values);
  }

  /** An alarm's ARN: its resource's when this region created it, else built from its name in this region and account. */
  public alarmArn(alarmName: string): string {
    const alarm = this.alarms.get(alarmName);
    return alarm ? alarm.arn : `arn:${this.partition.partition}:cloudwatch:${this.plan.region}:${this.account.accountId}:alarm:${alarmName}`;
  }

  /** What an alarm of this region notifies for a topic purpose: the region's topic, and the blueprint's own topic the plan names for this region. */
  private actions(): (purpose: TopicPurpose) => string[] {
    const existing = this.plan.existingTopicArn === null ? [] : [this.plan.existingTopicArn];
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
      // Every planned log group names the region's key (its keyId), the one key this construct makes.
      kmsKeyId: this.key.arn,
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

  /** The topics' key, rotated as the plan says, with the plan's key policy (the account administers it, the plan's services use it) and alias. */
  private createKey(plan: AlertsKeyPlan, retention: RetentionPlan): KmsKey {
    const { provider } = this;
    const key = named(new KmsKey(this, plan.id, {
      provider,
      description: plan.description,
      enableKeyRotation: plan.rotation,
      policy: resourcePolicy(plan.policy, { self: '*', partition: this.partition.partition, accountId: this.account.accountId }),
      lifecycle: statefulLifecycle(retention.preventDestroy),
    }), plan.tfName);
    named(new KmsAlias(this, `${plan.id}Alias`, { provider, name: plan.alias, targetKeyId: key.keyId }), plan.aliasTfName);
    return key;
  }

  /** A topic encrypted with the region's key, with the plan's topic policy and its e-mail subscriptions (each waits for its recipient's confirmation). */
  private createTopic(plan: AlertTopicPlan): SnsTopic {
    const { provider } = this;
    const topic = named(new SnsTopic(this, plan.id, { provider, name: plan.topicName, kmsMasterKeyId: this.key.arn }), plan.tfName);
    named(new SnsTopicPolicy(this, `${plan.id}Policy`, {
      provider,
      arn: topic.arn,
      policy: resourcePolicy(plan.policy, { self: topic.arn, partition: this.partition.partition, accountId: this.account.accountId }),
    }), plan.policyTfName);
    for (const subscription of plan.subscriptions) {
      named(new SnsTopicSubscription(this, subscription.tfName, {
        provider, topicArn: topic.arn, protocol: subscription.protocol, endpoint: subscription.endpoint,
      }), subscription.tfName);
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

  /** The plan's outputs that this region emits in Terraform, each under its name, for `tierup observe --query`. */
  private addOutputs(values: WatchedValues): void {
    for (const output of this.plan.outputs.filter((candidate) => candidate.terraform)) {
      named(new TerraformOutput(this, `Output-${output.id}`, {
        value: values.resolve(output.value),
        description: `${output.id}: a dimension of this region's alarms (tierup observe --query reads it)`,
      }), output.tfName);
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
      { id: source.id, expression: source.expression, label: source.label, returnData: true },
    ],
  };
}

function dimensionMap(dimensions: readonly DimensionPlan[], values: WatchedValues): Record<string, string> {
  return Object.fromEntries(dimensions.map((dimension) => [dimension.name, values.resolve(dimension.value)]));
}

/** A dashboard from the plan (a region's, or level 7's global one). */
export function createDashboard(
  scope: Construct, plan: DashboardPlan, provider: TerraformProvider | undefined, context: Parameters<typeof dashboardBody>[1],
): CloudwatchDashboard {
  return named(new CloudwatchDashboard(scope, plan.id, { provider, dashboardName: plan.dashboardName, dashboardBody: dashboardBody(plan, context) }), plan.tfName);
}
