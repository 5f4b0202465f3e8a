import { join } from 'node:path';
import { Testing } from 'cdktf';
// cdktf's jest matchers' type declarations (Testing.setupJest() registers them at run time).
import 'cdktf/lib/testing/adapters/jest';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import {
  type AlarmPlan, type ArchitecturePlan, createPlan, type DimensionPlan, type MetricPlan, type MonitoringPlan, type PolicyStatementPlan, type RegionMonitoringPlan,
  type SlackPlan, type WatchedAttribute, type WatchedRef, withWatchOutputs,
} from '../../../lib/plan';
import { checkTfConfig, Monitoring, renderTfConfigs } from '../../../lib/render/tf';
import { WatchedValues } from '../../../lib/render/tf/watched-values';
import type { AwsRegion } from '../../../lib/spec';
import { loadBlueprint } from '../../../lib/spec';
import { EXAMPLE_FILES, examplePlan, levelPlan } from './examples';

Testing.setupJest();

// The Terraform translation of the plan's monitoring section. Each test builds the section it needs on a real
// plan (spreading over it: the spec's `alerts` and the full catalogue of alarms are planned elsewhere), then reads
// back what the plan says, so the tests hold whatever alarms the builder plans.

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Resources = Record<string, Record<string, Body>>;
interface Config { readonly resource: Resources; readonly output?: Record<string, Body>; readonly provider?: { aws: Body[] } }

const configOf = (plan: ArchitecturePlan): Config => Object.values(renderTfConfigs(plan))[0] as unknown as Config;

/** The plan with its monitoring section edited, and the outputs of the references its alarms and dashboards now name. */
const watching = (plan: ArchitecturePlan, edit: (monitoring: MonitoringPlan) => MonitoringPlan): ArchitecturePlan => {
  const edited = edit(plan.monitoring);
  return { ...plan, monitoring: { ...edited, regions: withWatchOutputs(plan, edited.regions) } };
};

/** A plan with its first region's monitoring edited. */
const withPrimary = (plan: ArchitecturePlan, edit: (region: RegionMonitoringPlan) => RegionMonitoringPlan): ArchitecturePlan =>
  watching(plan, (monitoring) => ({ ...monitoring, regions: monitoring.regions.map((region, index) => (index === 0 ? edit(region) : region)) }));

const ref = (kind: WatchedRef['kind'], key: string, region: AwsRegion, attribute: WatchedAttribute, outputName: string): DimensionPlan['value'] =>
  ({ kind: 'reference', resource: { kind, key, region }, attribute, outputName });

const metric = (namespace: string, metricName: string, dimensions: DimensionPlan[], statistic: MetricPlan['statistic'], region: AwsRegion = 'us-east-1'): MetricPlan =>
  ({ namespace, metricName, dimensions, statistic, periodSeconds: 60, region });

/** An alarm of the test's own, on one metric or on math. */
const alarm = (name: string, source: AlarmPlan['source'], extra: Partial<AlarmPlan> = {}): AlarmPlan => ({
  id: `${name.replace(/(^|_)(\w)/g, (_, __, c: string) => c.toUpperCase())}Alarm`, tfName: `${name}_alarm`, alarmName: `shop-prod-${name.replace(/_/g, '-')}`,
  region: 'us-east-1', kind: 'page', tier: 'test', signal: name, description: `the ${name} test alarm`, source,
  comparison: 'GreaterThanThreshold', threshold: 42, thresholdSource: 'a test', evaluationPeriods: 3, datapointsToAlarm: 2, treatMissingData: 'notBreaching', topic: 'alerts',
  ...extra,
});

/** A Slack channel over a region's topics, as the plan names them (Terraform: by resource), read-only and with a role that may do nothing. */
const slackOver = (region: RegionMonitoringPlan): SlackPlan => ({
  id: 'AlertsSlack', tfName: 'alerts_slack', configurationName: 'shop-prod-alerts', workspaceId: 'T0123', channelId: 'C0123', region: region.region, stackName: region.stackName,
  topics: region.topics.map((topic) => ({
    region: topic.region, topicName: topic.topicName, topicId: topic.id, tfName: topic.tfName, stackName: region.stackName, reference: { cloudformation: 'arn', terraform: 'resource' },
  })),
  role: { id: 'Role', tfName: 'test_slack_role', assumedBy: 'chatbot.amazonaws.com', actions: [], description: 'test: the channel role' },
  guardrailPolicies: ['ReadOnlyAccess', 'CloudWatchReadOnlyAccess'],
});

// A statement of every kind the plan may state, beside the builder's: the renderer translates whatever the plan says.
const extra: PolicyStatementPlan = {
  sid: 'TestStatement', effect: 'Deny', principal: { kind: 'service', services: ['events.amazonaws.com', 'backup.amazonaws.com'] }, actions: ['kms:Decrypt', 'sns:Publish'],
  resource: 'self', conditions: [{ operator: 'StringEquals', key: 'aws:SourceAccount', value: { kind: 'account-id' } }, { operator: 'Bool', key: 'aws:SecureTransport', value: { kind: 'literal', value: 'false' } }],
};

describe('Monitoring (level 4, a section with every variant)', () => {
  const base = levelPlan(4);
  const lb = ref('load-balancer', 'load_balancer', 'us-east-1', 'load-balancer-full-name', 'WatchLoadBalancerFullName');
  const tg = ref('target-group', 'fleet', 'us-east-1', 'target-group-full-name', 'WatchAppTargetGroupFullName');
  const alarms: AlarmPlan[] = [
    alarm('literal', { kind: 'metric', metric: metric('AWS/RDS', 'DatabaseConnections', [{ name: 'DBInstanceIdentifier', value: { kind: 'literal', value: 'shop-prod-db' } }], 'Maximum') }),
    alarm('group', { kind: 'metric', metric: metric('AWS/AutoScaling', 'GroupInServiceInstances', [{ name: 'AutoScalingGroupName', value: ref('fleet', 'fleet', 'us-east-1', 'auto-scaling-group-name', 'WatchAppGroupName') }], 'Average') }, { kind: 'capacity', topic: 'capacity' }),
    alarm('latency', { kind: 'metric', metric: metric('AWS/ApplicationELB', 'TargetResponseTime', [{ name: 'LoadBalancer', value: lb }, { name: 'TargetGroup', value: tg }], 'p99') }),
    alarm('errors', {
      kind: 'math', id: 'total', expression: '100 * m1 / m2', label: '5xx %', periodSeconds: 60,
      metrics: { m1: metric('AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', [{ name: 'LoadBalancer', value: lb }], 'Sum'), m2: metric('AWS/ApplicationELB', 'RequestCount', [{ name: 'LoadBalancer', value: lb }], 'Sum') },
    }),
    alarm('requests', { kind: 'metric', metric: metric('AWS/CloudFront', 'Requests', [{ name: 'DistributionId', value: ref('cdn', 'cdn', 'us-east-1', 'distribution-id', 'WatchDistributionId') }, { name: 'Region', value: { kind: 'literal', value: 'Global' } }], 'Sum') }, { kind: 'capacity', topic: 'capacity' }),
  ];
  const plan = watching(withPrimary(base, (region) => ({
    ...region,
    alarms,
    climb: {
      id: 'ClimbAlarm', tfName: 'climb_alarm', alarmName: 'shop-prod-climb', region: 'us-east-1', topic: 'capacity',
      rule: 'ALARM("shop-prod-group") OR ALARM("shop-prod-requests")', members: ['shop-prod-group', 'shop-prod-requests'], description: 'Level 4 nears its ceiling',
    },
    topics: region.topics.map((topic) => ({
      ...topic,
      subscriptions: topic.purpose === 'alerts' ? [{ id: 'Email Ops@Example.com', tfName: 'alerts_topic_email_ops', protocol: 'email' as const, endpoint: 'Ops@Example.com' }] : [],
      policy: { statements: [...topic.policy.statements, extra] },
    })),
    key: { ...region.key, policy: { statements: [...region.key.policy.statements, { ...extra, resource: '*' as const }] } },
    existingTopicArn: 'arn:aws:sns:us-east-1:123456789012:ops-pager',
    logGroups: [
      { id: 'AppLogs', tfName: 'app_logs', name: '/tierup/shop/production/app', region: 'us-east-1', retentionDays: 90, keyId: 'AlertsKey', content: 'app', owner: { service: null, queue: null } },
      { id: 'AccessLogs', tfName: 'web_access_logs', name: '/tierup/shop/production/web-access', region: 'us-east-1', retentionDays: 30, keyId: 'AlertsKey', content: 'web-access', owner: { service: null, queue: null } },
    ],
    metricFilters: [{
      id: 'RequestsFilter', tfName: 'requests_filter', logGroupName: '/tierup/shop/production/web-access', region: 'us-east-1',
      pattern: '[ip, id, user, timestamp, request, status, bytes]', metricNamespace: 'tierup/shop', metricName: 'Requests', metricValue: '1',
    }],
    dashboard: {
      ...region.dashboard,
      widgets: [
        { kind: 'text', x: 0, y: 0, width: 24, height: 2, markdown: '# shop' },
        {
          kind: 'graph', x: 0, y: 2, width: 12, height: 6, title: 'Load against the ceiling', region: 'us-east-1', stat: 'Sum', periodSeconds: 60,
          metrics: [{ id: 'm1', label: 'requests', visible: false, metric: metric('AWS/ApplicationELB', 'RequestCount', [{ name: 'LoadBalancer', value: lb }], 'Sum') }],
          expressions: [{ id: 'e1', label: 'rps', expression: 'm1 / 60' }],
          annotations: [{ label: 'ceiling', value: 2000 }, { label: 'warning', value: 1538 }],
        },
        { kind: 'alarm-status', x: 12, y: 2, width: 12, height: 6, title: 'Alarms', alarms: ['shop-prod-errors', 'shop-prod-climb', 'shop-prod-elsewhere'] },
      ],
    },
  })), (monitoring) => ({
    ...monitoring,
    alerts: {
      ...monitoring.alerts,
      emails: ['Ops@Example.com'],
      existingTopicArn: 'arn:aws:sns:us-east-1:123456789012:ops-pager',
      slack: slackOver(monitoring.regions[0]),
    },
  }));
  const config = configOf(plan);
  const { resource } = config;
  const watched = plan.monitoring.regions[0];
  const topicOf = (purpose: string): string => `\${aws_sns_topic.${watched.topics.find((topic) => topic.purpose === purpose)?.tfName}.arn}`;

  it('passes the provider schema check', () => {
    expect(checkTfConfig(config as never)).toEqual([]);
  });

  it.each(alarms.map((planned) => [planned.alarmName, planned] as const))('%s: the plan\'s threshold, comparison, evaluation and missing data; its topic and the existing one on ALARM and OK', (_name, planned) => {
    const actions = [topicOf(planned.topic), 'arn:aws:sns:us-east-1:123456789012:ops-pager'];
    expect(resource.aws_cloudwatch_metric_alarm[planned.tfName]).toMatchObject({
      alarm_name: planned.alarmName, alarm_description: planned.description, threshold: planned.threshold, comparison_operator: planned.comparison,
      evaluation_periods: planned.evaluationPeriods, datapoints_to_alarm: planned.datapointsToAlarm, treat_missing_data: planned.treatMissingData,
      alarm_actions: actions, ok_actions: actions,
    });
  });

  it('writes a literal dimension as it is', () => {
    expect(resource.aws_cloudwatch_metric_alarm.literal_alarm).toMatchObject({
      namespace: 'AWS/RDS', metric_name: 'DatabaseConnections', statistic: 'Maximum', period: 60, dimensions: { DBInstanceIdentifier: 'shop-prod-db' },
    });
  });

  it('resolves reference dimensions to the attribute the metric names: group name, load balancer and target group ARN suffixes, distribution id', () => {
    expect(resource.aws_cloudwatch_metric_alarm.group_alarm.dimensions).toEqual({ AutoScalingGroupName: '${aws_autoscaling_group.fleet.name}' });
    expect(resource.aws_cloudwatch_metric_alarm.latency_alarm.dimensions).toEqual({
      LoadBalancer: '${aws_lb.load_balancer.arn_suffix}', TargetGroup: '${aws_lb_target_group.fleet_target_group.arn_suffix}',
    });
    expect(resource.aws_cloudwatch_metric_alarm.requests_alarm.dimensions).toEqual({ DistributionId: '${aws_cloudfront_distribution.cdn.id}', Region: 'Global' });
  });

  it('writes a percentile as an extended statistic', () => {
    expect(resource.aws_cloudwatch_metric_alarm.latency_alarm).toMatchObject({ extended_statistic: 'p99' });
    expect(resource.aws_cloudwatch_metric_alarm.latency_alarm).not.toHaveProperty('statistic');
  });

  it('writes metric math as metric queries: the metrics return no data, the expression does', () => {
    const body = resource.aws_cloudwatch_metric_alarm.errors_alarm;
    expect(body).not.toHaveProperty('metric_name');
    expect(body.metric_query).toEqual([
      { id: 'm1', return_data: false, metric: { namespace: 'AWS/ApplicationELB', metric_name: 'HTTPCode_Target_5XX_Count', period: 60, stat: 'Sum', dimensions: { LoadBalancer: '${aws_lb.load_balancer.arn_suffix}' } } },
      { id: 'm2', return_data: false, metric: { namespace: 'AWS/ApplicationELB', metric_name: 'RequestCount', period: 60, stat: 'Sum', dimensions: { LoadBalancer: '${aws_lb.load_balancer.arn_suffix}' } } },
      // The expression under the plan's id.
      { id: 'total', expression: '100 * m1 / m2', label: '5xx %', return_data: true },
    ]);
  });

  it('climbs with a composite alarm over its members, created after them, telling the capacity topic', () => {
    expect(resource.aws_cloudwatch_composite_alarm.climb_alarm).toEqual({
      alarm_name: 'shop-prod-climb', alarm_description: 'Level 4 nears its ceiling', alarm_rule: watched.climb?.rule,
      alarm_actions: [topicOf('capacity'), 'arn:aws:sns:us-east-1:123456789012:ops-pager'], ok_actions: [topicOf('capacity'), 'arn:aws:sns:us-east-1:123456789012:ops-pager'],
      depends_on: ['aws_cloudwatch_metric_alarm.group_alarm', 'aws_cloudwatch_metric_alarm.requests_alarm'],
    });
  });

  it('encrypts each topic with the region\'s key, each with the plan\'s policy, statement for statement', () => {
    const account = `\${data.aws_caller_identity.${watched.key.tfName}_account.account_id}`;
    const translated = (resource: string) => ({
      Sid: 'TestStatement', Effect: 'Deny', Principal: { Service: ['events.amazonaws.com', 'backup.amazonaws.com'] }, Action: ['kms:Decrypt', 'sns:Publish'], Resource: resource,
      Condition: { StringEquals: { 'aws:SourceAccount': account }, Bool: { 'aws:SecureTransport': 'false' } },
    });
    for (const topic of watched.topics) {
      expect(resource.aws_sns_topic[topic.tfName]).toEqual({ name: topic.topicName, kms_master_key_id: `\${aws_kms_key.${watched.key.tfName}.arn}` });
      const self = `\${aws_sns_topic.${topic.tfName}.arn}`;
      const policy = resource.aws_sns_topic_policy[topic.policyTfName];
      expect(policy.arn).toBe(self);
      expect((JSON.parse(policy.policy as string) as { Statement: Body[] }).Statement).toEqual([
        {
          Sid: 'ServicesPublish', Effect: 'Allow', Principal: { Service: ['cloudwatch.amazonaws.com'] }, Action: 'sns:Publish', Resource: self,
          Condition: { StringEquals: { 'aws:SourceAccount': account } },
        },
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sns:Publish', Resource: self, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        translated(self),
      ]);
    }
    const key = resource.aws_kms_key[watched.key.tfName];
    expect(key).toMatchObject({ enable_key_rotation: true, lifecycle: { prevent_destroy: true } });
    expect((JSON.parse(key.policy as string) as { Statement: Body[] }).Statement).toEqual([
      { Sid: 'AccountAdministers', Effect: 'Allow', Action: 'kms:*', Resource: '*', Principal: { AWS: `arn:\${data.aws_partition.${watched.key.tfName}_partition.partition}:iam::${account}:root` } },
      { Sid: 'ServicesPublish', Effect: 'Allow', Principal: { Service: ['cloudwatch.amazonaws.com'] }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' },
      {
        Sid: 'LogsEncrypt', Effect: 'Allow', Principal: { Service: ['logs.us-east-1.amazonaws.com'] },
        Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], Resource: '*',
        Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:\${data.aws_partition.${watched.key.tfName}_partition.partition}:logs:us-east-1:${account}:log-group:/tierup/shop/production/*` } },
      },
      translated('*'),
    ]);
    expect(resource.aws_kms_alias[watched.key.aliasTfName]).toEqual({ name: watched.key.alias, target_key_id: `\${aws_kms_key.${watched.key.tfName}.key_id}` });
  });

  it('subscribes each address to its topic, under the plan\'s name', () => {
    expect(resource.aws_sns_topic_subscription.alerts_topic_email_ops).toEqual({ topic_arn: topicOf('alerts'), protocol: 'email', endpoint: 'Ops@Example.com' });
  });

  it('posts both topics to Slack through AWS Chatbot by their resources, with the plan\'s guardrails and a role that may do nothing', () => {
    expect(resource.aws_chatbot_slack_channel_configuration.alerts_slack).toEqual({
      configuration_name: 'shop-prod-alerts', slack_team_id: 'T0123', slack_channel_id: 'C0123',
      iam_role_arn: '${aws_iam_role.test_slack_role.arn}', sns_topic_arns: [topicOf('alerts'), topicOf('capacity')],
      guardrail_policy_arns: ['ReadOnlyAccess', 'CloudWatchReadOnlyAccess'].map((name) => `arn:\${data.aws_partition.alerts_slack_partition.partition}:iam::aws:policy/${name}`),
    });
    expect(resource.aws_iam_role.test_slack_role.description).toBe('test: the channel role');
    expect(JSON.parse(resource.aws_iam_role.test_slack_role.assume_role_policy as string)).toMatchObject({ Statement: [{ Principal: { Service: 'chatbot.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    expect(Object.keys(resource).filter((type) => /^aws_iam_(role_policy|policy)/.test(type) && JSON.stringify(resource[type]).includes('test_slack_role'))).toEqual([]);
  });

  it('keeps each log group its retention, encrypted with the region\'s key, protected and kept like a data store in production', () => {
    expect(resource.aws_cloudwatch_log_group.app_logs).toEqual({
      name: '/tierup/shop/production/app', retention_in_days: 90, kms_key_id: `\${aws_kms_key.${watched.key.tfName}.arn}`, skip_destroy: true, lifecycle: { prevent_destroy: true },
    });
    expect(resource.aws_cloudwatch_log_group.web_access_logs).toMatchObject({ retention_in_days: 30 });
  });

  it('counts with a metric filter on its log group (created after it)', () => {
    expect(resource.aws_cloudwatch_log_metric_filter.requests_filter).toEqual({
      name: 'Requests', log_group_name: '${aws_cloudwatch_log_group.web_access_logs.name}', pattern: '[ip, id, user, timestamp, request, status, bytes]',
      metric_transformation: { namespace: 'tierup/shop', name: 'Requests', value: '1' },
    });
  });

  it('draws the dashboard: text, metrics with resolved references and their own options, math, the ceiling and warning lines, alarm status by ARN', () => {
    const dashboard = resource.aws_cloudwatch_dashboard[watched.dashboard.tfName];
    expect(dashboard.dashboard_name).toBe(watched.dashboard.dashboardName);
    expect(JSON.parse(dashboard.dashboard_body as string)).toEqual({ widgets: [
      { type: 'text', x: 0, y: 0, width: 24, height: 2, properties: { markdown: '# shop' } },
      { type: 'metric', x: 0, y: 2, width: 12, height: 6, properties: {
        title: 'Load against the ceiling', region: 'us-east-1', stat: 'Sum', period: 60,
        metrics: [
          ['AWS/ApplicationELB', 'RequestCount', 'LoadBalancer', '${aws_lb.load_balancer.arn_suffix}', { id: 'm1', label: 'requests', visible: false, stat: 'Sum', period: 60, region: 'us-east-1' }],
          [{ expression: 'm1 / 60', label: 'rps', id: 'e1' }],
        ],
        annotations: { horizontal: [{ label: 'ceiling', value: 2000 }, { label: 'warning', value: 1538 }] },
      } },
      { type: 'alarm', x: 12, y: 2, width: 12, height: 6, properties: { title: 'Alarms', alarms: [
        '${aws_cloudwatch_metric_alarm.errors_alarm.arn}', '${aws_cloudwatch_composite_alarm.climb_alarm.arn}',
        'arn:${data.aws_partition.alerts_key_partition.partition}:cloudwatch:us-east-1:${data.aws_caller_identity.alerts_key_account.account_id}:alarm:shop-prod-elsewhere',
      ] } },
    ] });
  });

  it('outputs each reference dimension once, under the plan\'s name, for tierup observe', () => {
    expect(config.output).toMatchObject({
      watch_app_group_name: { value: '${aws_autoscaling_group.fleet.name}' },
      watch_load_balancer_full_name: { value: '${aws_lb.load_balancer.arn_suffix}' },
      watch_app_target_group_full_name: { value: '${aws_lb_target_group.fleet_target_group.arn_suffix}' },
      watch_distribution_id: { value: '${aws_cloudfront_distribution.cdn.id}' },
    });
    expect(Object.keys(config.output ?? {}).filter((name) => name.startsWith('watch_'))).toHaveLength(4);
  });

  it('emits exactly the outputs the plan gives Terraform, under their names', () => {
    // Set after the helpers, which recompute the outputs from the alarms and dashboards.
    const listed: ArchitecturePlan = { ...plan, monitoring: { ...plan.monitoring, regions: plan.monitoring.regions.map((region, index) => (index > 0 ? region : {
      ...region, outputs: [
        { id: 'WatchLoadBalancerFullName', tfName: 'lb_name_of_the_plan', terraform: true, value: lb as never },
        { id: 'WatchAppTargetGroupFullName', tfName: 'emitted_elsewhere', terraform: false, value: tg as never },
      ],
    })) } };
    const outputs = configOf(listed).output ?? {};
    expect(Object.keys(outputs).filter((name) => /^(watch_|lb_|emitted_)/.test(name))).toEqual(['lb_name_of_the_plan']);
    expect(outputs.lb_name_of_the_plan).toMatchObject({ value: '${aws_lb.load_balancer.arn_suffix}' });
  });
});

describe('Monitoring (a construct of its own)', () => {
  const region = levelPlan(1).monitoring.regions[0];
  const values = new WatchedValues();
  values.set({ kind: 'server', key: 'server', region: 'us-east-1' }, 'instance-id', 'i-0123');
  const server = alarm('cpu', { kind: 'metric', metric: metric('AWS/EC2', 'CPUUtilization', [{ name: 'InstanceId', value: ref('server', 'server', 'us-east-1', 'instance-id', 'WatchServerInstanceId') }], 'Average') });
  const synth = (retention = levelPlan(1).retention, existingTopicArn: string | null = null): string => Testing.synthScope((scope) => {
    new AwsProvider(scope, 'aws', { region: 'us-east-1' });
    new Monitoring(scope, 'Monitoring', { plan: { ...region, alarms: [server], climb: null, existingTopicArn }, provider: undefined, retention, values });
  });

  it('is a rotated key and its alias, the planned topics encrypted with it, and the alarm on the registered value', () => {
    const synthesized = synth();
    expect(synthesized).toHaveResourceWithProperties(KmsKey, { enable_key_rotation: true });
    expect(synthesized).toHaveResourceWithProperties(KmsAlias, { name: region.key.alias });
    for (const topic of region.topics) expect(synthesized).toHaveResourceWithProperties(SnsTopic, { name: topic.topicName });
    expect(synthesized).toHaveResourceWithProperties(CloudwatchMetricAlarm, { alarm_name: 'shop-prod-cpu', dimensions: { InstanceId: 'i-0123' } });
    expect(synthesized).toHaveDataSource(DataAwsCallerIdentity);
    // One subscription per planned address and topic (the examples' alerts name one address).
    for (const topic of region.topics) for (const subscription of topic.subscriptions) {
      expect(synthesized).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: 'email', endpoint: subscription.endpoint });
    }
  });

  it('tells the existing topic the plan names for the region, and follows a development retention (destroyed, unprotected)', () => {
    const alerts = `\${aws_sns_topic.${region.topics.find((topic) => topic.purpose === 'alerts')?.tfName}.arn}`;
    const told = JSON.parse(synth(undefined, 'arn:aws:sns:us-east-1:123456789012:ops')) as { resource: Resources };
    expect(told.resource.aws_cloudwatch_metric_alarm.cpu_alarm.alarm_actions).toEqual([alerts, 'arn:aws:sns:us-east-1:123456789012:ops']);
    const synthesized = JSON.parse(synth({ ...levelPlan(1).retention, dataStores: 'destroy', preventDestroy: false })) as { resource: Resources };
    expect(synthesized.resource.aws_cloudwatch_metric_alarm.cpu_alarm.alarm_actions).toEqual([alerts]);
    for (const group of region.logGroups) expect(synthesized.resource.aws_cloudwatch_log_group[group.tfName]).toMatchObject({ skip_destroy: false, lifecycle: { prevent_destroy: false } });
  });
});

describe('reference dimensions of every kind resolve to the resource that holds them', () => {
  it.each([
    [1, 'server', 'server', 'instance-id', '${aws_instance.server.id}'],
    [5, 'worker', 'workers_emails', 'auto-scaling-group-name', '${aws_autoscaling_group.workers_emails.name}'],
    [6, 'fleet', 'service_orders_fleet', 'auto-scaling-group-name', '${aws_autoscaling_group.service_orders_fleet.name}'],
    [6, 'target-group', 'service_orders_fleet', 'target-group-full-name', '${aws_lb_target_group.service_orders_fleet_target_group.arn_suffix}'],
    [7, 'health-check', 'health_check', 'health-check-id', '${aws_route53_health_check.health_check_eu_west_1.id}'],
  ] as const)('level %i: %s %s', (level, kind, key, attribute, expected) => {
    const region: AwsRegion = kind === 'health-check' ? 'eu-west-1' : 'us-east-1';
    const probe = alarm('probe', { kind: 'metric', metric: metric('AWS/Test', 'Probe', [{ name: 'Thing', value: ref(kind, key, region, attribute, 'WatchProbe') }], 'Average') });
    const config = configOf(withPrimary(levelPlan(level), (watched) => ({ ...watched, alarms: [...watched.alarms, probe] })));
    expect(config.resource.aws_cloudwatch_metric_alarm.probe_alarm.dimensions).toEqual({ Thing: expected });
    // A further region's resource (the health check of eu-west-1) ends its output's name in the region, once.
    expect(config.output?.[region === 'us-east-1' ? 'watch_probe' : 'watch_probe_eu_west_1']).toEqual({ value: expected, description: expect.stringContaining('WatchProbe') });
  });
});

describe('level 7: every region watches itself under its provider', () => {
  const plan = watching(levelPlan(7), (monitoring) => ({
    ...monitoring, regions: monitoring.regions.map((region) => ({ ...region, existingTopicArn: region.region === 'eu-west-1' ? 'arn:aws:sns:eu-west-1:123456789012:ops' : null })),
  }));
  const config = configOf(plan);
  const further = plan.monitoring.regions.find((region) => region.region === 'eu-west-1');

  it('has a further region\'s section, names suffixed, under its provider, notifying its own topics and the existing topic of its region', () => {
    expect(further).toBeDefined();
    for (const planned of further?.alarms ?? []) {
      const body = config.resource.aws_cloudwatch_metric_alarm[planned.tfName];
      const topic = further?.topics.find((candidate) => candidate.purpose === planned.topic);
      expect(body).toMatchObject({ provider: 'aws.eu_west_1', alarm_actions: [`\${aws_sns_topic.${topic?.tfName}.arn}`, 'arn:aws:sns:eu-west-1:123456789012:ops'] });
    }
    expect(config.resource.aws_kms_key[further?.key.tfName ?? '?']).toMatchObject({ provider: 'aws.eu_west_1' });
    expect(config.resource.aws_cloudwatch_dashboard[further?.dashboard.tfName ?? '?']).toMatchObject({ provider: 'aws.eu_west_1' });
    // The primary region's alarms do not tell a topic of another region.
    for (const planned of plan.monitoring.regions[0].alarms) expect(config.resource.aws_cloudwatch_metric_alarm[planned.tfName].alarm_actions).toHaveLength(1);
  });

  it('outputs a further region\'s reference dimensions under the plan\'s names, the region appended once', () => {
    const outputs = (further?.outputs ?? []).filter((output) => output.terraform);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      expect(config.output?.[output.tfName]).toMatchObject({ value: expect.stringMatching(/_eu_west_1[._]/) });
      expect(output.tfName).toMatch(/^watch_[a-z0-9_]+[a-z]_eu_west_1$/);
    }
  });

  it('draws the global dashboard in its region when the plan has one', () => {
    const global = { ...plan.monitoring.regions[0].dashboard, id: 'GlobalDashboard', tfName: 'global_dashboard', dashboardName: 'shop-prod-global', region: 'eu-west-1' as const };
    const withGlobal = configOf(watching(plan, (monitoring) => ({ ...monitoring, globalDashboard: global })));
    expect(withGlobal.resource.aws_cloudwatch_dashboard.global_dashboard).toMatchObject({ dashboard_name: 'shop-prod-global', provider: 'aws.eu_west_1' });
  });
});

describe('us-east-1 for the global services\' alarms when no blueprint region is us-east-1', () => {
  /** A us-east-1 section holding only a CloudFront alarm, as the plan adds it for such a blueprint. */
  const globalServices = (plan: ArchitecturePlan): ArchitecturePlan => watching(plan, (monitoring) => {
    const [primary] = monitoring.regions;
    const suffix = (name: string): string => `${name}_us_east_1`;
    const requests = alarm('cdn_requests', {
      kind: 'metric', metric: metric('AWS/CloudFront', 'Requests', [{ name: 'DistributionId', value: ref('cdn', 'cdn', plan.regions[0].region, 'distribution-id', 'WatchDistributionId') }], 'Sum'),
    }, { tfName: 'cdn_requests_alarm_us_east_1' });
    const region: RegionMonitoringPlan = {
      ...primary, region: 'us-east-1', stackName: `${plan.name}-${plan.environment}-monitoring-us-east-1`, globalServicesOnly: true,
      key: { ...primary.key, tfName: suffix(primary.key.tfName), region: 'us-east-1' },
      topics: primary.topics.map((topic) => ({ ...topic, tfName: suffix(topic.tfName), region: 'us-east-1' })),
      alarms: [requests], climb: null, logGroups: [], metricFilters: [],
      dashboard: { ...primary.dashboard, tfName: suffix(primary.dashboard.tfName), dashboardName: `${primary.dashboard.dashboardName}-global-services`, region: 'us-east-1', widgets: [] },
    };
    // This test's own global-services region stands in for the builder's.
    return { ...monitoring, regions: [...monitoring.regions.filter((candidate) => !candidate.globalServicesOnly), region] };
  });

  it.each([
    ['without a domain, under an alias of its own', createPlan(loadBlueprint(join(__dirname, '../../fixtures/ladder-blog/blog-4-fleet.yaml')).spec)],
    ['beside CloudFront\'s certificate, under the same alias', examplePlan('store-4-domain.yaml')],
  ])('%s', (_name, plan) => {
    const config = configOf(globalServices(plan));
    expect(config.provider?.aws.filter((provider) => provider.alias === 'us_east_1')).toEqual([expect.objectContaining({ region: 'us-east-1' })]);
    expect(config.resource.aws_cloudwatch_metric_alarm.cdn_requests_alarm_us_east_1).toMatchObject({
      provider: 'aws.us_east_1', dimensions: { DistributionId: '${aws_cloudfront_distribution.cdn.id}' }, alarm_actions: ['${aws_sns_topic.alerts_topic_us_east_1.arn}'],
    });
    expect(config.resource.aws_sns_topic.alerts_topic_us_east_1).toMatchObject({ provider: 'aws.us_east_1', kms_master_key_id: '${aws_kms_key.alerts_key_us_east_1.arn}' });
    // The distribution is the primary region's resource: its output carries no region, whichever region's alarms name it.
    expect(config.output?.watch_distribution_id).toMatchObject({ value: '${aws_cloudfront_distribution.cdn.id}' });
    expect(checkTfConfig(config as never)).toEqual([]);
  });
});

describe('every example carries its plan\'s monitoring section', () => {
  it.each(EXAMPLE_FILES)('%s', (file) => {
    const plan = examplePlan(file);
    const { resource } = configOf(plan);
    for (const region of plan.monitoring.regions) {
      expect(Object.keys(resource.aws_kms_key)).toContain(region.key.tfName);
      for (const topic of region.topics) expect(resource.aws_sns_topic[topic.tfName]).toMatchObject({ name: topic.topicName });
      for (const planned of region.alarms) expect(resource.aws_cloudwatch_metric_alarm[planned.tfName]).toMatchObject({ alarm_name: planned.alarmName });
      if (region.climb) expect(resource.aws_cloudwatch_composite_alarm[region.climb.tfName]).toMatchObject({ alarm_rule: region.climb.rule });
      for (const group of region.logGroups) expect(resource.aws_cloudwatch_log_group[group.tfName]).toMatchObject({ name: group.name, retention_in_days: group.retentionDays });
      expect(resource.aws_cloudwatch_dashboard[region.dashboard.tfName]).toMatchObject({ dashboard_name: region.dashboard.dashboardName });
    }
    // Every fleet and worker group publishes the metrics its plan names, each minute.
    const groups = [plan.fleet, ...plan.services.map((service) => service.fleet), ...[...plan.queues, ...plan.services.flatMap((service) => service.queues)].map((queue) => queue.worker)];
    for (const group of groups) {
      if (group) expect(resource.aws_autoscaling_group[group.tfName]).toMatchObject({ enabled_metrics: group.groupMetrics, metrics_granularity: '1Minute' });
    }
  });
});
