import { Annotations, CfnOutput, type RemovalPolicy, Stack } from 'aws-cdk-lib';
import { CfnAlarm, CfnCompositeAlarm, CfnDashboard } from 'aws-cdk-lib/aws-cloudwatch';
import { Key } from 'aws-cdk-lib/aws-kms';
import { CfnMetricFilter, LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type {
  AlertSubscriptionPlan, AlertTopicPlan, ArchitecturePlan, ClimbAlarmPlan, DashboardPlan, DimensionValue, MetricFilterPlan, RegionMonitoringPlan, SlackPlan, TopicPurpose, WatchOutputPlan,
} from '../../plan';
import { alarmProperties } from './alarm-properties';
import { AlertsSlack } from './alerts-slack';
import { dashboardBody } from './dashboard-body';
import { referencesOf } from './monitoring-references';
import { policyDocument, policyStatement } from './resource-policy';
import type { WatchedResources } from './watched-resources';

/** Props of {@link Monitoring}. */
export interface MonitoringProps {
  /** What the stack watches: its region's part of `plan.monitoring`. */
  readonly plan: RegionMonitoringPlan;
  /** The Slack channel when this stack holds its configuration, else null (see {@link monitoringOf}). */
  readonly slack: SlackPlan | null;
  /** Level 7's cross-region dashboard when this stack holds it, else null. */
  readonly globalDashboard: DashboardPlan | null;
  /** Where the reference dimensions' values come from. */
  readonly watched: WatchedResources;
  /** What happens to the log groups and the key when they leave the template: as for the blueprint's other data stores. */
  readonly removalPolicy: RemovalPolicy;
  /**
   * Where a tier's alarms go when not in this construct, by the alarms' `tier`: a service's alarms in its nested stack,
   * beside what they watch, so that a dozen services stay within CloudFormation's 500 resources per template.
   */
  readonly alarmScopes?: ReadonlyMap<string, Construct>;
}

/**
 * What one region's stack watches and whom it tells, translated from the plan: a customer-managed key
 * CloudWatch may use (it cannot publish to a topic under the AWS-managed `alias/aws/sns` key:
 * https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services), the alerts and
 * capacity topics (encrypted; the key's and topics' policies are the plan's statements) with their e-mail
 * subscriptions and the Slack channel, the alarms and the "climb" composite notifying the topics of their region on
 * ALARM and OK, the log groups with their retention and metric filters, the dashboards, and the plan's outputs of the
 * reference dimensions (what `tierup observe --query` reads).
 */
export class Monitoring extends Construct {
  public readonly plan: RegionMonitoringPlan;
  public readonly key: Key;
  /** By the plan's topic id. */
  public readonly topics: ReadonlyMap<string, Topic>;
  public readonly subscriptions: readonly Subscription[];
  public readonly slack: AlertsSlack | null;
  /** By the plan's alarm id. */
  public readonly alarms: ReadonlyMap<string, CfnAlarm>;
  public readonly climb: CfnCompositeAlarm | null;
  /** By the plan's log group id. */
  public readonly logGroups: ReadonlyMap<string, LogGroup>;
  public readonly metricFilters: readonly CfnMetricFilter[];
  public readonly dashboard: CfnDashboard;
  public readonly globalDashboard: CfnDashboard | null;
  /** By output name (the stack output's logical id). */
  public readonly outputs: ReadonlyMap<string, CfnOutput>;
  /** References no stack of the app registered a value for: each is also an error annotation, which fails `cdk synth`. */
  public readonly unresolved: readonly string[];
  private readonly missing = new Set<string>();

  constructor(scope: Construct, id: string, props: MonitoringProps) {
    super(scope, id);
    const { plan } = props;
    this.plan = plan;
    const resolve = (value: DimensionValue): string => this.resolve(value, props.watched);
    const actions = (purpose: TopicPurpose): string[] => this.actionsOf(purpose);

    this.key = this.addKey(plan, props.removalPolicy);
    this.topics = new Map(plan.topics.map((topic) => [topic.id, this.addTopic(topic)]));
    this.subscriptions = plan.topics.flatMap((topic) => topic.subscriptions.map((subscription) => new Subscription(this.topicOf(topic), subscription.id, {
      topic: this.topicOf(topic), protocol: PROTOCOLS[subscription.protocol], endpoint: subscription.endpoint,
    })));
    this.slack = props.slack && new AlertsSlack(this, props.slack.id, { plan: props.slack, localTopics: this.topics });
    this.alarms = new Map(plan.alarms.map((alarm) => [alarm.id,
      new CfnAlarm(props.alarmScopes?.get(alarm.tier) ?? this, alarm.id, alarmProperties(alarm, actions(alarm.topic), resolve))]));
    this.climb = plan.climb && this.addClimb(plan.climb, actions(plan.climb.topic));
    // Every planned log group names the region's key (its keyId), the one key this construct makes.
    this.logGroups = new Map(plan.logGroups.map((group) => [group.id, new LogGroup(this, group.id, {
      logGroupName: group.name, retention: group.retentionDays as RetentionDays, removalPolicy: props.removalPolicy, encryptionKey: this.key,
    })]));
    this.metricFilters = plan.metricFilters.map((filter) => this.addMetricFilter(filter));
    this.dashboard = this.addDashboard(plan.dashboard, resolve);
    this.globalDashboard = props.globalDashboard && this.addDashboard(props.globalDashboard, resolve);
    // Outputs for the region's own references (observe reads them); the global dashboard repeats the regions'.
    this.outputs = this.addOutputs(plan.outputs, resolve);
    this.unresolved = [...this.missing];
  }

  /** The plan's key: rotated as the plan says, with the plan's key policy (the account administers it, the plan's services use it). */
  private addKey(plan: RegionMonitoringPlan, removalPolicy: RemovalPolicy): Key {
    return new Key(this, plan.key.id, {
      alias: plan.key.alias,
      description: plan.key.description,
      enableKeyRotation: plan.key.rotation,
      policy: policyDocument(plan.key.policy, '*'),
      removalPolicy,
    });
  }

  /** A topic under the region's key, with the plan's topic policy (who may publish, TLS only). */
  private addTopic(plan: AlertTopicPlan): Topic {
    const topic = new Topic(this, plan.id, { topicName: plan.topicName, masterKey: this.key });
    for (const statement of plan.policy.statements) topic.addToResourcePolicy(policyStatement(statement, topic.topicArn));
    return topic;
  }

  /** The ARNs an alarm of a purpose notifies: the region's topics of that purpose, and the blueprint's existing topic the plan names for this region. */
  private actionsOf(purpose: TopicPurpose): string[] {
    return [
      ...this.plan.topics.filter((topic) => topic.purpose === purpose).map((topic) => this.topicOf(topic).topicArn),
      ...(this.plan.existingTopicArn === null ? [] : [this.plan.existingTopicArn]),
    ];
  }

  /** The climb composite, created after the alarms its rule names (a rule may only name alarms that exist). */
  private addClimb(plan: ClimbAlarmPlan, actions: readonly string[]): CfnCompositeAlarm {
    const climb = new CfnCompositeAlarm(this, plan.id, {
      alarmName: plan.alarmName,
      alarmRule: plan.rule,
      alarmDescription: plan.description,
      actionsEnabled: true,
      alarmActions: [...actions],
      okActions: [...actions],
    });
    // A member may live in a service's nested stack: the dependency then holds on that stack.
    for (const member of this.plan.alarms.filter((alarm) => plan.members.includes(alarm.alarmName))) {
      const alarm = this.alarms.get(member.id);
      if (alarm) climb.node.addDependency(alarm);
    }
    return climb;
  }

  /** A metric filter, created after the planned log group it reads (a filter needs its group to exist). */
  private addMetricFilter(plan: MetricFilterPlan): CfnMetricFilter {
    const filter = new CfnMetricFilter(this, plan.id, {
      logGroupName: plan.logGroupName,
      filterPattern: plan.pattern,
      metricTransformations: [{ metricNamespace: plan.metricNamespace, metricName: plan.metricName, metricValue: plan.metricValue }],
    });
    for (const group of this.plan.logGroups.filter((candidate) => candidate.name === plan.logGroupName)) filter.node.addDependency(this.node.findChild(group.id));
    return filter;
  }

  private addDashboard(plan: DashboardPlan, resolve: (value: DimensionValue) => string): CfnDashboard {
    return new CfnDashboard(this, plan.id, { dashboardName: plan.dashboardName, dashboardBody: dashboardBody(Stack.of(this), plan, resolve) });
  }

  private topicOf(plan: AlertTopicPlan): Topic {
    return this.node.findChild(plan.id) as Topic;
  }

  /** A dimension's value: the literal, or the registered token; an unknown reference is reported, not guessed. */
  private resolve(value: DimensionValue, watched: WatchedResources): string {
    if (value.kind === 'literal') return value.value;
    const found = watched.get(value.resource, value.attribute);
    if (found !== null) return found;
    const what = `${value.resource.kind} ${value.resource.key} in ${value.resource.region} (${value.attribute})`;
    if (!this.missing.has(what)) {
      this.missing.add(what);
      Annotations.of(this).addError(`The monitoring plan names ${what}, which no stack of this blueprint creates`);
    }
    return '';
  }

  /** The plan's outputs, each under its id in the stack (the stack's own logical id), holding the reference's value. */
  private addOutputs(outputs: readonly WatchOutputPlan[], resolve: (value: DimensionValue) => string): ReadonlyMap<string, CfnOutput> {
    const stack = Stack.of(this);
    return new Map(outputs.map((output) => {
      const { resource, attribute } = output.value;
      return [output.id, new CfnOutput(stack, output.id, {
        value: resolve(output.value),
        description: `${attribute} of ${resource.kind} ${resource.key} (${resource.region}): a dimension of the alarms and dashboards`,
      })];
    }));
  }
}

/** The plan's subscription protocols, as aws-cdk-lib names them. */
const PROTOCOLS = { email: SubscriptionProtocol.EMAIL } as const satisfies Record<AlertSubscriptionPlan['protocol'], SubscriptionProtocol>;

/**
 * The props of the stack named `stackName` (a region's stack, or the us-east-1 monitoring stack), or null when the
 * plan watches nothing from it. The Slack channel and the global dashboard are held by the stacks the plan names.
 */
export function monitoringOf(plan: ArchitecturePlan, stackName: string): Pick<MonitoringProps, 'plan' | 'slack' | 'globalDashboard'> | null {
  const { monitoring } = plan;
  const region = monitoring.regions.find((candidate) => candidate.stackName === stackName);
  if (!region) return null;
  return {
    plan: region,
    slack: monitoring.alerts.slack?.stackName === stackName ? monitoring.alerts.slack : null,
    globalDashboard: monitoring.globalDashboard?.stackName === stackName ? monitoring.globalDashboard : null,
  };
}

/** Whether the stack's monitoring names a resource of another region (the stack then needs `crossRegionReferences`). */
export function watchesOtherRegions(plan: ArchitecturePlan, stackName: string): boolean {
  const props = monitoringOf(plan, stackName);
  return props !== null && referencesOf(props.plan, props.globalDashboard).some((reference) => reference.resource.region !== props.plan.region);
}

/** Each service's nested stack, by the tier its alarms name (`service-<name>`). */
export function serviceAlarmScopes(services: readonly (Construct & { readonly plan: { readonly name: string } })[]): ReadonlyMap<string, Construct> {
  return new Map(services.map((service) => [`service-${service.plan.name}`, service]));
}
