import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, NestedStack, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import type {
  AlarmPlan, AlarmSignal, AlertSubscriptionPlan, AlertTopicPlan, ArchitecturePlan, DimensionValue, MetricPlan, MonitoringPlan, PolicyStatementPlan, RegionMonitoringPlan,
  SlackPlan, WatchedAttribute, WatchedRef, WidgetPlan,
} from '../../../lib/plan';
import { withWatchOutputs } from '../../../lib/plan';
import { addBlueprintStacks, BlueprintStack, CFN_APP_PROPS, HEALTH_CHECK_KEY, MonitoringStack } from '../../../lib/render/cfn';
import { reviewCfn, runNag } from '../../../lib/render/cfn/nag/review';
import type { AwsRegion } from '../../../lib/spec';
import { examplePlan } from './examples';

// The Monitoring construct translates whatever `plan.monitoring` says: these tests read the plan, or give it
// alarms, topics and widgets of every variant, rather than rely on the alarms the builder happens to plan.

/** The plan with its monitoring section changed, and the outputs of the references its alarms and dashboards now name. */
function watching(plan: ArchitecturePlan, change: (monitoring: MonitoringPlan) => MonitoringPlan): ArchitecturePlan {
  const changed = change(plan.monitoring);
  return { ...plan, monitoring: { ...changed, regions: withWatchOutputs(plan, changed.regions) } };
}

/** The plan with its first region's monitoring changed. */
function watchingPrimary(plan: ArchitecturePlan, change: (region: RegionMonitoringPlan) => RegionMonitoringPlan): ArchitecturePlan {
  return watching(plan, (monitoring) => ({ ...monitoring, regions: monitoring.regions.map((region, index) => (index === 0 ? change(region) : region)) }));
}

/** Every stack of the plan's app by stack name (nested ones as `<parent>/<id>`). */
function stacksOf(plan: ArchitecturePlan): Map<string, Stack> {
  const app = new App(CFN_APP_PROPS);
  addBlueprintStacks(app, [plan]);
  return new Map(app.node.findAll().filter((construct): construct is Stack => Stack.isStack(construct)).map((stack) => [
    NestedStack.isNestedStack(stack) ? `${Stack.of(stack.nestedStackParent as Stack).stackName}/${stack.node.id}` : stack.stackName, stack,
  ]));
}

const ref = (kind: WatchedRef['kind'], key: string, attribute: WatchedAttribute, outputName: string, region: AwsRegion = 'us-east-1'): DimensionValue => (
  { kind: 'reference', resource: { kind, key, region }, attribute, outputName });
const literal = (value: string): DimensionValue => ({ kind: 'literal', value });

function metric(namespace: string, metricName: string, dimensions: Record<string, DimensionValue>, statistic: MetricPlan['statistic'] = 'Average', region: AwsRegion = 'us-east-1'): MetricPlan {
  return { namespace, metricName, statistic, periodSeconds: 60, region, dimensions: Object.entries(dimensions).map(([name, value]) => ({ name, value })) };
}

function alarm(id: string, source: AlarmSignal, fields: Partial<AlarmPlan> = {}): AlarmPlan {
  return {
    id, tfName: id, alarmName: `test-${id}`, region: 'us-east-1', kind: 'page', tier: 'test', signal: 'test', description: `${id} fired`, source,
    comparison: 'GreaterThanThreshold', threshold: 42, thresholdSource: 'a test', evaluationPeriods: 3, datapointsToAlarm: 2,
    treatMissingData: 'notBreaching', topic: 'alerts', ...fields,
  };
}

/** An e-mail subscription of a topic, named as the plan names them. */
const emailTo = (topic: AlertTopicPlan, endpoint: string): AlertSubscriptionPlan => (
  { id: `Email ${endpoint}`, tfName: `${topic.tfName}_email_test`, protocol: 'email', endpoint });

/**
 * A Slack channel over every topic of `regions`, held by `stackName`: its own stack's topics named as resources, the
 * others by ARN.
 */
function slackOver(regions: readonly RegionMonitoringPlan[], stackName: string, region: AwsRegion): SlackPlan {
  return {
    id: 'AlertsSlack', tfName: 'alerts_slack', configurationName: 'shop-prod-alerts', workspaceId: 'T0123ABCD', channelId: 'C0123ABCD', region, stackName,
    topics: regions.flatMap((watched) => watched.topics.map((topic) => ({
      region: topic.region, topicName: topic.topicName, topicId: topic.id, tfName: topic.tfName, stackName: watched.stackName,
      reference: { cloudformation: watched.stackName === stackName ? 'resource' as const : 'arn' as const, terraform: 'resource' as const },
    }))),
    role: { id: 'Role', tfName: 'alerts_slack_role', assumedBy: 'chatbot.amazonaws.com', actions: [], description: 'test: the channel role' },
    guardrailPolicies: ['ReadOnlyAccess'],
  };
}

/** Only the logical id of the one resource of a type whose properties match. */
function logicalIdOf(template: Template, type: string, properties: Record<string, unknown>): string {
  const found = Object.keys(template.findResources(type, { Properties: Match.objectLike(properties) }));
  expect(found).toHaveLength(1);
  return found[0];
}

/**
 * Level 7 in eu-west-1 and eu-central-1, with the us-east-1 monitoring stack of the health checks' and CloudFront's
 * alarms, and in the primary region every other variant: math, percentile, literal, log group with a metric
 * filter, a graph widget, e-mail subscriptions and Slack.
 */
function outsideUsEast1(): { base: ArchitecturePlan; plan: ArchitecturePlan; stackName: string } {
  const base = examplePlan(7, { 'regions: [us-east-1, eu-west-1]': 'regions: [eu-west-1, eu-central-1]' });
  const [primary] = base.monitoring.regions;
  const stackName = 'shop-production-monitoring-us-east-1';
  const globalOnly: RegionMonitoringPlan = {
    ...primary,
    region: 'us-east-1', stackName, globalServicesOnly: true,
    key: { ...primary.key, region: 'us-east-1' },
    topics: primary.topics.map((topic) => ({ ...topic, region: 'us-east-1' })),
    alarms: [
      ...base.regions.map((region) => alarm(`Health${region.region === 'eu-west-1' ? 'Primary' : 'Standby'}Alarm`, { kind: 'metric', metric: metric('AWS/Route53', 'HealthCheckStatus', {
        HealthCheckId: ref('health-check', HEALTH_CHECK_KEY, 'health-check-id', `TestHealthCheck${region.region === 'eu-west-1' ? 'Primary' : 'Standby'}`, region.region),
      }, 'Minimum') })),
      alarm('CdnAlarm', { kind: 'metric', metric: metric('AWS/CloudFront', '5xxErrorRate', { DistributionId: ref('cdn', 'cdn', 'distribution-id', 'TestDistribution', 'eu-west-1'), Region: literal('Global') }) }),
    ],
    climb: null, logGroups: [], metricFilters: [],
    dashboard: { ...primary.dashboard, id: 'Dashboard', dashboardName: 'shop-prod-us-east-1', region: 'us-east-1', widgets: [] },
  };
  const lb = ref('load-balancer', 'load_balancer', 'load-balancer-full-name', 'TestLoadBalancer', 'eu-west-1');
  const plan = watching(base, (monitoring) => ({
    ...monitoring,
    alerts: {
      ...monitoring.alerts, emails: ['ops@example.com'],
      slack: slackOver([...monitoring.regions.filter((region) => !region.globalServicesOnly), globalOnly], base.regions[0].stackName, 'eu-west-1'),
    },
    // This test's own global-services stack stands in for the builder's.
    regions: [...monitoring.regions.filter((region) => !region.globalServicesOnly).map((region, index) => (index > 0 ? region : {
      ...region,
      topics: region.topics.map((topic) => ({ ...topic, subscriptions: [emailTo(topic, 'ops@example.com')] })),
      alarms: [
        ...region.alarms,
        alarm('LatencyAlarm', { kind: 'metric', metric: metric('AWS/ApplicationELB', 'TargetResponseTime', { LoadBalancer: lb }, 'p99', 'eu-west-1') }, { region: 'eu-west-1' }),
        alarm('MathAlarm', { kind: 'math', id: 'e1', expression: '100 * m1 / m2', label: 'errors %', periodSeconds: 60,
          metrics: { m1: metric('AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', { LoadBalancer: lb }, 'Sum', 'eu-west-1'), m2: metric('AWS/ApplicationELB', 'RequestCount', { LoadBalancer: lb }, 'Sum', 'eu-west-1') } }, { region: 'eu-west-1' }),
      ],
      logGroups: [...region.logGroups, { id: 'TestAccessLogs', tfName: 'test_access_logs', name: '/tierup/test/web-access', region: region.region, retentionDays: 30, keyId: 'AlertsKey', content: 'web-access' as const, owner: { service: null, queue: null } }],
      metricFilters: [{ id: 'RequestCountFilter', tfName: 'request_count_filter', logGroupName: '/tierup/test/web-access', region: region.region,
        pattern: '[ip, id, user, timestamp, request, status, bytes]', metricNamespace: 'tierup/shop', metricName: 'Requests', metricValue: '1' }],
      dashboard: { ...region.dashboard, widgets: [...region.dashboard.widgets, {
        kind: 'graph' as const, x: 0, y: 5, width: 24, height: 6, title: 'Requests', region: 'eu-west-1' as const, stat: 'Sum' as const, periodSeconds: 60,
        metrics: [{ id: 'm1', label: 'Requests', visible: true, metric: metric('AWS/ApplicationELB', 'RequestCount', { LoadBalancer: lb }, 'Sum', 'eu-west-1') }],
        expressions: [{ id: 'e1', label: 'rps', expression: 'm1 / 60' }], annotations: [{ label: 'Ceiling', value: 2000 }],
      }] },
    })), globalOnly],
  }));
  return { base, plan, stackName };
}

const pascal = (region: string) => region.split('-').map((part) => part[0].toUpperCase() + part.slice(1)).join('');

const level4 = examplePlan(4);

describe('Monitoring: alarms', () => {
  const lb = ref('load-balancer', 'load_balancer', 'load-balancer-full-name', 'TestLoadBalancer');
  const tg = ref('target-group', level4.fleet!.tfName, 'target-group-full-name', 'TestTargetGroup');
  const plan = watchingPrimary(level4, (region) => ({
    ...region,
    alarms: [
      alarm('LiteralAlarm', { kind: 'metric', metric: metric('AWS/RDS', 'FreeStorageSpace', { DBInstanceIdentifier: literal('shop-prod-db') }, 'Minimum') }, { comparison: 'LessThanThreshold', threshold: 20e9 }),
      alarm('GroupAlarm', { kind: 'metric', metric: metric('AWS/AutoScaling', 'GroupInServiceInstances', { AutoScalingGroupName: ref('fleet', level4.fleet!.tfName, 'auto-scaling-group-name', 'TestGroup') }, 'Maximum') },
        { kind: 'capacity', topic: 'capacity' }),
      alarm('LatencyAlarm', { kind: 'metric', metric: metric('AWS/ApplicationELB', 'TargetResponseTime', { LoadBalancer: lb, TargetGroup: tg }, 'p99') }),
      alarm('CdnAlarm', { kind: 'metric', metric: metric('AWS/CloudFront', 'Requests', { DistributionId: ref('cdn', 'cdn', 'distribution-id', 'TestDistribution'), Region: literal('Global') }, 'Sum') },
        { kind: 'capacity', topic: 'capacity' }),
      alarm('MathAlarm', {
        kind: 'math', id: 'total', expression: '100 * m1 / m2', label: 'errors %', periodSeconds: 60,
        metrics: { m1: metric('AWS/ApplicationELB', 'HTTPCode_ELB_5XX_Count', { LoadBalancer: lb }, 'Sum'), m2: metric('AWS/ApplicationELB', 'RequestCount', { LoadBalancer: lb }, 'Sum') },
      }),
    ],
    climb: { id: 'ClimbAlarm', tfName: 'climb_alarm', alarmName: 'test-climb', region: 'us-east-1', rule: 'ALARM("test-GroupAlarm") OR ALARM("test-CdnAlarm")',
      members: ['test-GroupAlarm', 'test-CdnAlarm'], description: 'Level 4 nears its ceiling', topic: 'capacity' },
  }));
  const stack = new BlueprintStack(new App(CFN_APP_PROPS), { plan });
  const template = Template.fromStack(stack);
  const topic = (purpose: string) => ({ Ref: logicalIdOf(template, 'AWS::SNS::Topic', { TopicName: `shop-prod-${purpose}` }) });

  it('translates a one-metric alarm with literal dimensions, its threshold, evaluation and the topic of its purpose on ALARM and OK', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'test-LiteralAlarm', AlarmDescription: 'LiteralAlarm fired',
      Namespace: 'AWS/RDS', MetricName: 'FreeStorageSpace', Statistic: 'Minimum', Period: 60,
      Dimensions: [{ Name: 'DBInstanceIdentifier', Value: 'shop-prod-db' }],
      ComparisonOperator: 'LessThanThreshold', Threshold: 20e9, EvaluationPeriods: 3, DatapointsToAlarm: 2, TreatMissingData: 'notBreaching',
      ActionsEnabled: true, AlarmActions: [topic('alerts')], OKActions: [topic('alerts')],
    });
  });

  it('resolves reference dimensions to the attribute of the resource the plan names', () => {
    const group = logicalIdOf(template, 'AWS::AutoScaling::AutoScalingGroup', {});
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'test-GroupAlarm', Dimensions: [{ Name: 'AutoScalingGroupName', Value: { Ref: group } }], AlarmActions: [topic('capacity')],
    });
    const loadBalancer = logicalIdOf(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer', {});
    const targetGroup = logicalIdOf(template, 'AWS::ElasticLoadBalancingV2::TargetGroup', {});
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'test-LatencyAlarm', ExtendedStatistic: 'p99', Statistic: Match.absent(),
      Dimensions: [
        { Name: 'LoadBalancer', Value: { 'Fn::GetAtt': [loadBalancer, 'LoadBalancerFullName'] } },
        { Name: 'TargetGroup', Value: { 'Fn::GetAtt': [targetGroup, 'TargetGroupFullName'] } },
      ],
    });
    const distribution = logicalIdOf(template, 'AWS::CloudFront::Distribution', {});
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'test-CdnAlarm', Dimensions: [{ Name: 'DistributionId', Value: { Ref: distribution } }, { Name: 'Region', Value: 'Global' }],
    });
  });

  it('translates metric math: each metric unreturned, the expression returned', () => {
    const loadBalancer = { 'Fn::GetAtt': [logicalIdOf(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer', {}), 'LoadBalancerFullName'] };
    const query = (id: string, metricName: string) => ({
      Id: id, ReturnData: false,
      MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: metricName, Dimensions: [{ Name: 'LoadBalancer', Value: loadBalancer }] }, Period: 60, Stat: 'Sum' },
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      AlarmName: 'test-MathAlarm', MetricName: Match.absent(), Namespace: Match.absent(),
      // The expression under the plan's id.
      Metrics: [query('m1', 'HTTPCode_ELB_5XX_Count'), query('m2', 'RequestCount'), { Id: 'total', Expression: '100 * m1 / m2', Label: 'errors %', ReturnData: true }],
    });
  });

  it('creates the climb composite after its members, with its rule and the capacity topic', () => {
    const [id, composite] = Object.entries(template.findResources('AWS::CloudWatch::CompositeAlarm'))[0];
    expect(id).toMatch(/^MonitoringClimbAlarm/);
    expect(composite.Properties).toEqual(expect.objectContaining({
      AlarmName: 'test-climb', AlarmRule: 'ALARM("test-GroupAlarm") OR ALARM("test-CdnAlarm")', AlarmDescription: 'Level 4 nears its ceiling',
      AlarmActions: [topic('capacity')], OKActions: [topic('capacity')],
    }));
    const members = ['test-GroupAlarm', 'test-CdnAlarm'].map((name) => logicalIdOf(template, 'AWS::CloudWatch::Alarm', { AlarmName: name }));
    expect((composite.DependsOn as string[]).toSorted()).toEqual(members.toSorted());
  });

  it('emits one output per output name, holding the reference\'s value', () => {
    const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
    const loadBalancer = logicalIdOf(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer', {});
    expect(outputs.TestLoadBalancer.Value).toEqual({ 'Fn::GetAtt': [loadBalancer, 'LoadBalancerFullName'] });
    expect(outputs.TestGroup.Value).toEqual({ Ref: logicalIdOf(template, 'AWS::AutoScaling::AutoScalingGroup', {}) });
    expect(Object.keys(outputs).filter((name) => name.startsWith('Test')).toSorted()).toEqual(['TestDistribution', 'TestGroup', 'TestLoadBalancer', 'TestTargetGroup']);
    expect(stack.monitoring?.unresolved).toEqual([]);
  });

  it('emits exactly the outputs the plan lists for the region, each under the plan\'s id', () => {
    const listed = { ...plan, monitoring: { ...plan.monitoring, regions: plan.monitoring.regions.map((region, index) => (index > 0 ? region : {
      ...region, outputs: [{ id: 'WatchSomethingElse', tfName: 'watch_something_else', terraform: true, value: lb as never }],
    })) } };
    const outputs = Template.fromStack(new BlueprintStack(new App(CFN_APP_PROPS), { plan: listed })).toJSON().Outputs as Record<string, { Value: unknown }>;
    expect(Object.keys(outputs).filter((name) => name.startsWith('Test') || name.startsWith('Watch'))).toEqual(['WatchSomethingElse']);
  });

  it('also notifies the existing topic the plan names for the region, on ALARM and OK', () => {
    const arn = 'arn:aws:sns:us-east-1:123456789012:ops';
    const told = Template.fromStack(new BlueprintStack(new App(CFN_APP_PROPS), { plan: watchingPrimary(plan, (region) => ({ ...region, existingTopicArn: arn })) }));
    const alarms = Object.values(told.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.filter((resource) => [resource.Properties.AlarmActions, resource.Properties.OKActions].every((actions) => (actions as unknown[]).includes(arn))))
      .toHaveLength(plan.monitoring.regions[0].alarms.length);
    // None where the plan names none (an existing topic of another region), whatever `alerts` says.
    const elsewhere = watching(plan, (monitoring) => ({ ...monitoring, alerts: { ...monitoring.alerts, existingTopicArn: 'arn:aws:sns:eu-west-1:123456789012:ops' } }));
    expect(JSON.stringify(Template.fromStack(new BlueprintStack(new App(CFN_APP_PROPS), { plan: elsewhere })).toJSON())).not.toContain(':ops');
  });
});

describe('Monitoring: topics, key, subscriptions and Slack', () => {
  // A statement of every kind the plan may state, beside the builder's: the renderer translates whatever the plan says.
  const extra: PolicyStatementPlan = {
    sid: 'TestStatement', effect: 'Deny', principal: { kind: 'service', services: ['events.amazonaws.com', 'backup.amazonaws.com'] }, actions: ['kms:Decrypt', 'sns:Publish'],
    resource: 'self', conditions: [{ operator: 'StringEquals', key: 'aws:SourceAccount', value: { kind: 'account-id' } }, { operator: 'Bool', key: 'aws:SecureTransport', value: { kind: 'literal', value: 'false' } }],
  };
  const plan = watching(level4, (monitoring) => ({
    ...monitoring,
    alerts: { ...monitoring.alerts, emails: ['ops@example.com'], slack: slackOver(monitoring.regions, level4.regions[0].stackName, 'us-east-1') },
    regions: monitoring.regions.map((region) => ({
      ...region,
      key: { ...region.key, policy: { statements: [...region.key.policy.statements, { ...extra, resource: '*' as const }] } },
      topics: region.topics.map((topic) => ({ ...topic, subscriptions: [emailTo(topic, 'ops@example.com')], policy: { statements: [...topic.policy.statements, extra] } })),
    })),
  }));
  const stack = new BlueprintStack(new App(CFN_APP_PROPS), { plan });
  const template = Template.fromStack(stack);
  const region = plan.monitoring.regions[0];
  const key = logicalIdOf(template, 'AWS::KMS::Key', { Description: Match.stringLikeRegexp('alerts topics') });
  const root = { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } };
  const translated = (resource: unknown) => ({
    Sid: 'TestStatement', Effect: 'Deny', Principal: { Service: ['events.amazonaws.com', 'backup.amazonaws.com'] }, Action: ['kms:Decrypt', 'sns:Publish'], Resource: resource,
    Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } }, Bool: { 'aws:SecureTransport': 'false' } },
  });

  it('encrypts with a rotated key whose policy is the plan\'s, statement for statement, under the plan\'s alias', () => {
    expect(region.key.policy.statements.map((statement) => statement.sid)).toEqual(['AccountAdministers', 'ServicesPublish', 'LogsEncrypt', 'TestStatement']);
    template.hasResourceProperties('AWS::KMS::Key', {
      EnableKeyRotation: true,
      KeyPolicy: { Version: '2012-10-17', Statement: [
        { Sid: 'AccountAdministers', Effect: 'Allow', Principal: root, Action: 'kms:*', Resource: '*' },
        { Sid: 'ServicesPublish', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' },
        {
          Sid: 'LogsEncrypt', Effect: 'Allow', Principal: { Service: 'logs.us-east-1.amazonaws.com' },
          Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], Resource: '*',
          Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:', { Ref: 'AWS::AccountId' }, ':log-group:/tierup/shop/production/*']] } } },
        },
        translated('*'),
      ] },
    });
    template.hasResourceProperties('AWS::KMS::Alias', { AliasName: region.key.alias, TargetKeyId: { 'Fn::GetAtt': [key, 'Arn'] } });
  });

  it.each(level4.monitoring.regions[0].topics.map((topic) => [topic.purpose, topic] as const))('creates the %s topic under the key, with the plan\'s topic policy', (_purpose, planned) => {
    const topic = logicalIdOf(template, 'AWS::SNS::Topic', { TopicName: planned.topicName, KmsMasterKeyId: { 'Fn::GetAtt': [key, 'Arn'] } });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topic }],
      PolicyDocument: { Version: '2012-10-17', Statement: [
        {
          Sid: 'ServicesPublish', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: topic },
          Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
        },
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: { Ref: topic }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
        translated({ Ref: topic }),
      ] },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@example.com', TopicArn: { Ref: topic } });
  });

  it('gives each e-mail subscription the plan\'s construct id', () => {
    expect(stack.monitoring?.subscriptions.map((subscription) => subscription.node.id)).toEqual(region.topics.map(() => 'Email ops@example.com'));
    const renamed = watching(plan, (monitoring) => ({ ...monitoring, regions: monitoring.regions.map((watched) => ({
      ...watched, topics: watched.topics.map((topic) => ({ ...topic, subscriptions: topic.subscriptions.map((subscription) => ({ ...subscription, id: 'Pager' })) })),
    })) }));
    expect(new BlueprintStack(new App(CFN_APP_PROPS), { plan: renamed }).monitoring?.subscriptions.map((subscription) => subscription.node.id)).toEqual(region.topics.map(() => 'Pager'));
  });

  it('posts the topics to Slack through Chatbot as the plan says: its guardrails, its role, this stack\'s topics by resource', () => {
    const role = logicalIdOf(template, 'AWS::IAM::Role', { AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 'chatbot.amazonaws.com' } })] }) });
    const [configuration] = Object.values(template.findResources('AWS::Chatbot::SlackChannelConfiguration'));
    expect(configuration.Properties).toEqual({
      Tags: expect.any(Array),
      ConfigurationName: 'shop-prod-alerts', SlackWorkspaceId: 'T0123ABCD', SlackChannelId: 'C0123ABCD',
      IamRoleArn: { 'Fn::GetAtt': [role, 'Arn'] },
      GuardrailPolicies: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/ReadOnlyAccess']] }],
      SnsTopicArns: region.topics.map((topic) => ({ Ref: logicalIdOf(template, 'AWS::SNS::Topic', { TopicName: topic.topicName }) })),
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      Description: 'test: the channel role', Policies: Match.absent(), ManagedPolicyArns: Match.absent(), AssumeRolePolicyDocument: Match.anyValue(),
    });
    expect(Object.values(template.findResources('AWS::IAM::Policy')).filter((policy) => JSON.stringify(policy.Properties.Roles).includes(role))).toEqual([]);
  });

  it('names a topic by ARN where the plan says so', () => {
    const slack = plan.monitoring.alerts.slack!;
    const byArn = watching(plan, (monitoring) => ({ ...monitoring, alerts: { ...monitoring.alerts, slack: {
      ...slack, topics: slack.topics.map((topic) => ({ ...topic, reference: { ...topic.reference, cloudformation: 'arn' as const } })),
    } } }));
    const [configuration] = Object.values(Template.fromStack(new BlueprintStack(new App(CFN_APP_PROPS), { plan: byArn })).findResources('AWS::Chatbot::SlackChannelConfiguration'));
    expect(configuration.Properties.SnsTopicArns).toEqual(region.topics.map((topic) => (
      { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sns:us-east-1:', { Ref: 'AWS::AccountId' }, `:${topic.topicName}`]] })));
  });

  it('leaves nothing for cdk-nag\'s AwsSolutions pack to find in what it adds', () => {
    expect(runNag(stack).filter((finding) => finding.resource.startsWith('Monitoring'))).toEqual([]);
  });
});

describe('Monitoring: log groups, metric filters and dashboards', () => {
  const lb = ref('load-balancer', 'load_balancer', 'load-balancer-full-name', 'TestLoadBalancer');
  const graph: WidgetPlan = {
    kind: 'graph', x: 0, y: 5, width: 12, height: 6, title: 'Requests against the ceiling', region: 'us-east-1', stat: 'Sum', periodSeconds: 60,
    metrics: [{ id: 'm1', label: 'Requests', visible: false, metric: metric('AWS/ApplicationELB', 'RequestCount', { LoadBalancer: lb }, 'Sum') }],
    expressions: [{ id: 'e1', label: 'rps', expression: 'm1 / 60' }],
    annotations: [{ label: 'Ceiling', value: 2000 }, { label: 'Warning', value: 1538 }],
  };
  const planFor = (level: ArchitecturePlan) => watchingPrimary(level, (region) => ({
    ...region,
    logGroups: [...region.logGroups, { id: 'TestAccessLogs', tfName: 'test_access_logs', name: '/tierup/test/web-access', region: region.region, retentionDays: 30, keyId: 'AlertsKey', content: 'web-access', owner: { service: null, queue: null } }],
    metricFilters: [{ id: 'RequestCountFilter', tfName: 'request_count_filter', logGroupName: '/tierup/test/web-access', region: region.region,
      pattern: '[ip, id, user, timestamp, request, status, bytes]', metricNamespace: 'tierup/shop', metricName: 'Requests', metricValue: '1' }],
    dashboard: { ...region.dashboard, widgets: [...region.dashboard.widgets, graph] },
  }));
  const plan = planFor(level4);
  const template = Template.fromStack(new BlueprintStack(new App(CFN_APP_PROPS), { plan }));

  it('creates each planned log group with its name, retention and the region\'s key, kept as the blueprint keeps its data stores', () => {
    const key = logicalIdOf(template, 'AWS::KMS::Key', { Description: Match.stringLikeRegexp('alerts topics') });
    for (const group of plan.monitoring.regions[0].logGroups) {
      template.hasResource('AWS::Logs::LogGroup', {
        Properties: Match.objectLike({ LogGroupName: group.name, RetentionInDays: group.retentionDays, KmsKeyId: { 'Fn::GetAtt': [key, 'Arn'] } }), DeletionPolicy: 'Retain',
      });
    }
    const staging = Template.fromStack(new BlueprintStack(new App(CFN_APP_PROPS), { plan: examplePlan(4, { 'environment: production': 'environment: development' }) }));
    staging.hasResource('AWS::Logs::LogGroup', { Properties: Match.objectLike({ LogGroupName: Match.stringLikeRegexp('^/tierup/shop/development') }), DeletionPolicy: 'Delete' });
  });

  it('counts with a metric filter on its log group, created after the group', () => {
    const group = logicalIdOf(template, 'AWS::Logs::LogGroup', { LogGroupName: '/tierup/test/web-access' });
    template.hasResource('AWS::Logs::MetricFilter', {
      Properties: {
        LogGroupName: '/tierup/test/web-access', FilterPattern: '[ip, id, user, timestamp, request, status, bytes]',
        MetricTransformations: [{ MetricNamespace: 'tierup/shop', MetricName: 'Requests', MetricValue: '1' }],
      },
      DependsOn: [group],
    });
  });

  it('writes the dashboard body from the widgets, with the tokens resolved at deploy time and the annotations', () => {
    const [dashboard] = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboard.Properties.DashboardName).toBe(plan.monitoring.regions[0].dashboard.dashboardName);
    const parts = dashboard.Properties.DashboardBody['Fn::Join'][1] as unknown[];
    const loadBalancer = logicalIdOf(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer', {});
    expect(parts).toContainEqual({ 'Fn::GetAtt': [loadBalancer, 'LoadBalancerFullName'] });
    // The body with each token replaced by a marker parses as CloudWatch's JSON.
    const body = JSON.parse(parts.map((part) => (typeof part === 'string' ? part : 'TOKEN')).join(''));
    const widget = body.widgets.find((candidate: { type: string; properties: { title?: string } }) => candidate.properties.title === graph.title);
    expect(widget).toEqual({
      type: 'metric', x: 0, y: 5, width: 12, height: 6,
      properties: {
        title: graph.title, region: 'us-east-1', view: 'timeSeries', stat: 'Sum', period: 60,
        metrics: [
          ['AWS/ApplicationELB', 'RequestCount', 'LoadBalancer', 'TOKEN', { id: 'm1', label: 'Requests', visible: false, stat: 'Sum', period: 60, region: 'us-east-1' }],
          [{ expression: 'm1 / 60', label: 'rps', id: 'e1' }],
        ],
        annotations: { horizontal: [{ label: 'Ceiling', value: 2000 }, { label: 'Warning', value: 1538 }] },
      },
    });
    for (const planned of plan.monitoring.regions[0].dashboard.widgets.filter((candidate) => candidate.kind === 'alarm-status')) {
      const status = body.widgets.find((candidate: { type: string; properties: { title?: string } }) => candidate.type === 'alarm' && candidate.properties.title === planned.title);
      expect(status.properties.alarms).toEqual(planned.alarms.map((name) => `arn:TOKEN:cloudwatch:us-east-1:TOKEN:alarm:${name}`));
    }
  });
});

describe('Monitoring across stacks', () => {
  it('reads a service\'s target group and group from its nested stack', () => {
    const level6 = examplePlan(6);
    const service = level6.services[0];
    const plan = watchingPrimary(level6, (region) => ({
      ...region,
      alarms: [alarm('ServiceAlarm', { kind: 'metric', metric: metric('AWS/ApplicationELB', 'UnHealthyHostCount', {
        TargetGroup: ref('target-group', service.fleet.tfName, 'target-group-full-name', 'TestServiceTargetGroup'),
        LoadBalancer: ref('load-balancer', 'load_balancer', 'load-balancer-full-name', 'TestLoadBalancer'),
      }, 'Maximum') }), alarm('ServiceGroupAlarm', { kind: 'metric', metric: metric('AWS/AutoScaling', 'GroupInServiceInstances', {
        AutoScalingGroupName: ref('fleet', service.fleet.tfName, 'auto-scaling-group-name', 'TestServiceGroup'),
      }) })],
    }));
    const stacks = stacksOf(plan);
    const primary = Template.fromStack(stacks.get('shop-production-us-east-1') as Stack);
    const fromService = (attribute: string) => ({ 'Fn::GetAtt': [Match.stringLikeRegexp(`^${service.id}NestedStack`), Match.stringLikeRegexp(`^Outputs\\..*${attribute}$`)] });
    primary.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'test-ServiceAlarm', Dimensions: Match.arrayWith([{ Name: 'TargetGroup', Value: fromService('TargetGroupFullName') }]) });
    primary.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'test-ServiceGroupAlarm', Dimensions: [{ Name: 'AutoScalingGroupName', Value: fromService('Ref') }] });
    primary.hasOutput('TestServiceTargetGroup', { Value: fromService('TargetGroupFullName') });
  });

  it('resolves a worker group and, at level 7, a health check and the further region\'s own resources in its stack', () => {
    const level7 = examplePlan(7);
    const worker = level7.queues[0].worker!;
    const plan = watching(level7, (monitoring) => ({
      ...monitoring,
      regions: monitoring.regions.map((region) => ({
        ...region,
        alarms: [
          alarm('HealthAlarm', { kind: 'metric', metric: metric('AWS/Route53', 'HealthCheckStatus', { HealthCheckId: ref('health-check', HEALTH_CHECK_KEY, 'health-check-id', 'TestHealthCheck', region.region) }, 'Minimum', region.region) }, { region: region.region }),
          alarm('WorkerAlarm', { kind: 'metric', metric: metric('AWS/AutoScaling', 'GroupInServiceInstances', { AutoScalingGroupName: ref('worker', worker.tfName, 'auto-scaling-group-name', 'TestWorkers', region.region) }, 'Maximum', region.region) }, { region: region.region }),
        ],
        climb: null,
      })),
    }));
    const stacks = stacksOf(plan);
    for (const region of plan.regions) {
      const template = Template.fromStack(stacks.get(region.stackName) as Stack);
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'test-HealthAlarm', Dimensions: [{ Name: 'HealthCheckId', Value: { 'Fn::GetAtt': [logicalIdOf(template, 'AWS::Route53::HealthCheck', {}), 'HealthCheckId'] } }],
      });
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: 'test-WorkerAlarm', Dimensions: [{ Name: 'AutoScalingGroupName', Value: { Ref: Match.stringLikeRegexp(`^${level7.queues[0].id}${worker.id}Group`) } }],
      });
    }
  });

  it('puts the us-east-1 alarms in a monitoring stack of their own when no region is us-east-1, reading the regions\' resources across regions', () => {
    const { base, plan, stackName } = outsideUsEast1();
    const [primary] = base.monitoring.regions;
    const stacks = stacksOf(plan);
    const monitoringStack = stacks.get(stackName) as MonitoringStack;
    expect(monitoringStack).toBeInstanceOf(MonitoringStack);
    expect(monitoringStack.region).toBe('us-east-1');
    expect(monitoringStack.monitoring?.unresolved).toEqual([]);
    const template = Template.fromStack(monitoringStack);
    // Each region's value is written to us-east-1 by its stack and read here, so this stack deploys after them.
    expect(monitoringStack.dependencies.map((stack) => stack.stackName).toSorted()).toEqual(base.regions.map((region) => region.stackName).toSorted());
    for (const name of ['test-HealthPrimaryAlarm', 'test-HealthStandbyAlarm', 'test-CdnAlarm']) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: name, AlarmActions: [{ Ref: Match.stringLikeRegexp('^MonitoringAlertsTopic') }],
        Dimensions: Match.arrayWith([{ Name: Match.anyValue(), Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ExportsReader'), Match.anyValue()] } }]),
      });
    }
    template.hasResourceProperties('AWS::SNS::Topic', { TopicName: primary.topics[0].topicName });
    expect(runNag(monitoringStack)).toEqual([]);
  });
});

describe('Monitoring: a us-east-1 monitoring stack beside a us-east-1 primary', () => {
  it('reads the primary\'s health check by export and the further region\'s across regions, deploying after both', () => {
    const level7 = examplePlan(7);
    const [primary] = level7.monitoring.regions;
    const stackName = 'shop-production-monitoring-us-east-1';
    const renamed = (name: string) => `${name}-global`;
    const globalOnly: RegionMonitoringPlan = {
      ...primary, stackName, globalServicesOnly: true,
      key: { ...primary.key, alias: renamed(primary.key.alias) },
      topics: primary.topics.map((topic) => ({ ...topic, topicName: renamed(topic.topicName) })),
      alarms: level7.regions.map((region) => alarm(`Health${pascal(region.region)}Alarm`, { kind: 'metric', metric: metric('AWS/Route53', 'HealthCheckStatus', {
        HealthCheckId: ref('health-check', HEALTH_CHECK_KEY, 'health-check-id', `TestHealthCheck${pascal(region.region)}`, region.region),
      }, 'Minimum') })),
      climb: null, logGroups: [], metricFilters: [],
      dashboard: { ...primary.dashboard, dashboardName: renamed(primary.dashboard.dashboardName), widgets: [] },
    };
    const stacks = stacksOf(watching(level7, (monitoring) => ({ ...monitoring, regions: [...monitoring.regions.filter((region) => !region.globalServicesOnly), globalOnly] })));
    const monitoringStack = stacks.get(stackName) as MonitoringStack;
    const template = Template.fromStack(monitoringStack);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'test-HealthUsEast1Alarm', Dimensions: [{ Name: 'HealthCheckId', Value: { 'Fn::ImportValue': Match.stringLikeRegexp('HealthCheck') } }] });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: 'test-HealthEuWest1Alarm', Dimensions: [{ Name: 'HealthCheckId', Value: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ExportsReader'), Match.anyValue()] } }] });
    expect(monitoringStack.dependencies.map((stack) => stack.stackName).toSorted()).toEqual(level7.regions.map((region) => region.stackName).toSorted());
  });
});

describe('Monitoring: every variant passes review', () => {
  it('has no cdk-nag finding and no CloudFormation validation error in any stack', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'tierup-monitoring-'));
    try {
      const review = reviewCfn([outsideUsEast1().plan], { outdir, validate: true });
      expect(Object.keys(review.templates)).toContain('shop-production-monitoring-us-east-1');
      expect(review.nagFindings).toEqual([]);
      expect(review.validation.filter((finding) => finding.severity === 'error' || finding.severity === 'fatal')).toEqual([]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('Monitoring: the global dashboard and references nothing creates', () => {
  it('puts level 7\'s global dashboard in the stack the plan names, reading the other regions\' resources', () => {
    const level7 = examplePlan(7);
    const [primary, further] = level7.regions;
    const requests = (region: AwsRegion) => metric('AWS/ApplicationELB', 'RequestCount', { LoadBalancer: ref('load-balancer', 'load_balancer', 'load-balancer-full-name', `TestLoadBalancer${region === primary.region ? 'Primary' : 'Further'}`, region) }, 'Sum', region);
    const plan = watching(level7, (monitoring) => ({
      ...monitoring,
      globalDashboard: {
        id: 'GlobalDashboard', tfName: 'global_dashboard', dashboardName: 'shop-prod-global', region: further.region, stackName: further.stackName,
        widgets: [{
          kind: 'graph', x: 0, y: 0, width: 24, height: 6, title: 'Requests by region', region: primary.region, stat: 'Sum', periodSeconds: 60, annotations: [], expressions: [],
          metrics: level7.regions.map((region, index) => ({ id: `m${index + 1}`, label: region.region, visible: true, metric: requests(region.region) })),
        }],
      },
    }));
    const stacks = stacksOf(plan);
    const holder = stacks.get(further.stackName) as Stack;
    const template = Template.fromStack(holder);
    const global = Object.values(template.findResources('AWS::CloudWatch::Dashboard', { Properties: { DashboardName: 'shop-prod-global' } }));
    expect(global).toHaveLength(1);
    const parts = global[0].Properties.DashboardBody['Fn::Join'][1] as unknown[];
    // Its own region's load balancer directly, the primary region's through a cross-region reference.
    expect(parts).toContainEqual({ 'Fn::GetAtt': [logicalIdOf(template, 'AWS::ElasticLoadBalancingV2::LoadBalancer', {}), 'LoadBalancerFullName'] });
    expect(parts).toContainEqual({ 'Fn::GetAtt': [expect.stringMatching(/^ExportsReader/), expect.stringMatching(/LoadBalancerFullName/)] });
    expect(holder.dependencies.map((stack) => stack.stackName)).toContain(primary.stackName);
    Template.fromStack(stacks.get(primary.stackName) as Stack).resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('reports a reference no stack creates, as an error that stops synthesis, rather than guessing a value', () => {
    const plan = watchingPrimary(level4, (region) => ({
      ...region,
      alarms: [alarm('OrphanAlarm', { kind: 'metric', metric: metric('AWS/AutoScaling', 'GroupInServiceInstances', { AutoScalingGroupName: ref('fleet', 'service_gone_fleet', 'auto-scaling-group-name', 'TestGone') }) })],
    }));
    const stack = new BlueprintStack(new App(CFN_APP_PROPS), { plan });
    expect(stack.monitoring?.unresolved).toEqual(['fleet service_gone_fleet in us-east-1 (auto-scaling-group-name)']);
    Annotations.fromStack(stack).hasError('/shop-production-us-east-1/Monitoring', Match.stringLikeRegexp('fleet service_gone_fleet in us-east-1'));
  });
});

describe('Monitoring of every example', () => {
  const plans = [1, 2, 3, 4, 5, 6, 7].map((level) => examplePlan(level));
  const stacks = new Map(plans.map((plan) => [plan.level, stacksOf(plan)]));

  it.each(plans.map((plan) => [plan.level, plan] as const))('shop-%i renders every alarm of its plan in its region\'s stack (a service\'s in its nested stack) and resolves every reference', (_level, plan) => {
    for (const region of plan.monitoring.regions) {
      const stack = stacks.get(plan.level)?.get(region.stackName) as BlueprintStack;
      const template = Template.fromStack(stack);
      expect(stack.monitoring?.unresolved).toEqual([]);
      const services = new Map((stack.services ?? []).map((service) => [`service-${service.plan.name}`, Template.fromStack(service)]));
      for (const planned of region.alarms) {
        (services.get(planned.tier) ?? template).hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: planned.alarmName, Threshold: planned.threshold, ComparisonOperator: planned.comparison });
      }
      template.resourceCountIs('AWS::CloudWatch::CompositeAlarm', region.climb ? 1 : 0);
      template.resourceCountIs('AWS::CloudWatch::Dashboard', stack.monitoring?.globalDashboard ? 2 : 1);
    }
  });

  it('keeps each log group\'s logical id from the level it first appears, so climbing never replaces one', () => {
    const logicalIds = new Map<string, string>();
    for (const plan of plans) {
      for (const region of plan.monitoring.regions) {
        const template = Template.fromStack(stacks.get(plan.level)?.get(region.stackName) as Stack);
        for (const group of region.logGroups) {
          const id = logicalIdOf(template, 'AWS::Logs::LogGroup', { LogGroupName: group.name });
          expect([group.name, id]).toEqual([group.name, logicalIds.get(`${region.region}${group.name}`) ?? id]);
          logicalIds.set(`${region.region}${group.name}`, id);
        }
      }
    }
    expect(logicalIds.size).toBeGreaterThan(0);
  });

  it('collects the planned group metrics every minute on every fleet and worker group', () => {
    for (const plan of plans.filter((candidate) => candidate.fleet)) {
      const planned = [plan.fleet!, ...plan.services.map((service) => service.fleet), ...[...plan.queues, ...plan.services.flatMap((service) => service.queues)].flatMap((queue) => (queue.worker ? [queue.worker] : []))]
        .map((group) => [{ Granularity: '1Minute', Metrics: [...group.groupMetrics] }]);
      for (const stack of stacks.get(plan.level)?.values() ?? []) {
        for (const group of Object.values(Template.fromStack(stack).findResources('AWS::AutoScaling::AutoScalingGroup'))) {
          expect(planned).toContainEqual(group.Properties.MetricsCollection);
        }
      }
    }
  });
});
