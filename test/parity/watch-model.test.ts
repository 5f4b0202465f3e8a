import { type AlarmPlan, type ArchitecturePlan, type DimensionPlan, type MetricPlan, type ReferenceDimension, WIRING_TAG } from '../../lib/plan';
import { renderTfConfigs } from '../../lib/render/tf';
import { levelPlan } from '../render/tf/examples';
import { cfnModel } from './semantic/cfn-model';
import { tfModel } from './semantic/tf-model';
import { planWatching } from './semantic/watch-model';

// The watching model (semantic/watch-model.ts) reads CloudFormation's monitoring resources as AWS documents them,
// and Terraform's as tierup writes them, into the same lines as the plan. Until the CloudFormation renderer
// watches, a hand-written template in CloudFormation's shapes stands in for it.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-cloudwatch-alarm.html

type Json = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const snake = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
const lb: ReferenceDimension = { kind: 'reference', resource: { kind: 'load-balancer', key: 'load_balancer', region: 'us-east-1' }, attribute: 'load-balancer-full-name', outputName: 'WatchLoadBalancerFullName' };
const tg: ReferenceDimension = { kind: 'reference', resource: { kind: 'target-group', key: 'fleet', region: 'us-east-1' }, attribute: 'target-group-full-name', outputName: 'WatchAppTargetGroupFullName' };
const group: ReferenceDimension = { kind: 'reference', resource: { kind: 'fleet', key: 'fleet', region: 'us-east-1' }, attribute: 'auto-scaling-group-name', outputName: 'WatchAppGroupName' };
const metric = (namespace: string, metricName: string, dimensions: DimensionPlan[], statistic: MetricPlan['statistic']): MetricPlan =>
  ({ namespace, metricName, dimensions, statistic, periodSeconds: 60, region: 'us-east-1' });
const alarm = (name: string, source: AlarmPlan['source'], topic: AlarmPlan['topic']): AlarmPlan => ({
  id: name, tfName: `${name}_alarm`, alarmName: `shop-prod-${name}`, region: 'us-east-1', kind: topic === 'capacity' ? 'capacity' : 'page', tier: 'app', signal: name,
  description: name, source, comparison: 'GreaterThanThreshold', threshold: 10, thresholdSource: 'a test', evaluationPeriods: 3, datapointsToAlarm: 2, treatMissingData: 'missing', topic,
});

const alarms = [
  alarm('connections', { kind: 'metric', metric: metric('AWS/RDS', 'DatabaseConnections', [{ name: 'DBInstanceIdentifier', value: { kind: 'literal', value: 'shop-prod-db' } }], 'Maximum') }, 'alerts'),
  alarm('latency', { kind: 'metric', metric: metric('AWS/ApplicationELB', 'TargetResponseTime', [{ name: 'LoadBalancer', value: lb }, { name: 'TargetGroup', value: tg }], 'p99') }, 'alerts'),
  alarm('in-service', { kind: 'metric', metric: metric('AWS/AutoScaling', 'GroupInServiceInstances', [{ name: 'AutoScalingGroupName', value: group }], 'Average') }, 'capacity'),
  alarm('errors', { kind: 'math', id: 'e1', expression: '100 * m1 / m2', label: '5xx %', periodSeconds: 60, metrics: {
    m1: metric('AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', [{ name: 'LoadBalancer', value: lb }], 'Sum'),
    m2: metric('AWS/ApplicationELB', 'RequestCount', [{ name: 'LoadBalancer', value: lb }], 'Sum'),
  } }, 'alerts'),
];

const base = levelPlan(4);
const plan: ArchitecturePlan = { ...base, monitoring: {
  ...base.monitoring,
  alerts: {
    ...base.monitoring.alerts, existingTopicArn: 'arn:aws:sns:us-east-1:123456789012:pager',
    slack: {
      id: 'AlertsSlack', tfName: 'alerts_slack', configurationName: 'shop-prod-alerts', workspaceId: 'T1', channelId: 'C1', region: 'us-east-1', stackName: base.regions[0].stackName,
      topics: base.monitoring.regions[0].topics.map((topic) => ({
        region: topic.region, topicName: topic.topicName, topicId: topic.id, tfName: topic.tfName, stackName: base.regions[0].stackName,
        reference: { cloudformation: topic.purpose === 'alerts' ? 'resource' : 'arn', terraform: 'resource' },
      })),
      role: { id: 'Role', tfName: 'alerts_slack_role', assumedBy: 'chatbot.amazonaws.com', actions: [], description: 'Chatbot' },
      guardrailPolicies: ['ReadOnlyAccess'],
    },
  },
  regions: [{
    ...base.monitoring.regions[0],
    alarms,
    climb: { id: 'ClimbAlarm', tfName: 'climb_alarm', alarmName: 'shop-prod-climb', region: 'us-east-1', rule: 'ALARM("shop-prod-in-service")', members: ['shop-prod-in-service'], description: 'climb', topic: 'capacity' },
    topics: base.monitoring.regions[0].topics.map((topic) => ({
      ...topic, subscriptions: topic.purpose === 'alerts' ? [{ id: 'Email ops@example.com', tfName: 'alerts_topic_email_ops_example_com', protocol: 'email', endpoint: 'ops@example.com' }] : [],
    })),
    existingTopicArn: 'arn:aws:sns:us-east-1:123456789012:pager',
    outputs: [lb, tg, group].map((value) => ({ id: value.outputName, tfName: snake(value.outputName), terraform: true, value })),
    logGroups: [{ id: 'AppLogs', tfName: 'app_logs', name: '/tierup/shop/production/app', region: 'us-east-1', retentionDays: 90, keyId: 'AlertsKey', content: 'app', owner: { service: null, queue: null } }],
    metricFilters: [{ id: 'Errors', tfName: 'errors_filter', logGroupName: '/tierup/shop/production/app', region: 'us-east-1', pattern: 'ERROR', metricNamespace: 'tierup/shop', metricName: 'Errors', metricValue: '1' }],
    dashboard: { ...base.monitoring.regions[0].dashboard, widgets: [
      { kind: 'text', x: 0, y: 0, width: 24, height: 2, markdown: '# shop' },
      { kind: 'graph', x: 0, y: 2, width: 12, height: 6, title: 'Load', region: 'us-east-1', stat: 'Sum', periodSeconds: 60,
        metrics: [{ id: 'm1', label: 'requests', visible: false, metric: metric('AWS/ApplicationELB', 'RequestCount', [{ name: 'LoadBalancer', value: lb }], 'Sum') }],
        expressions: [{ id: 'e1', label: 'rps', expression: 'm1 / 60' }], annotations: [{ label: 'ceiling', value: 2000 }] },
      { kind: 'alarm-status', x: 12, y: 2, width: 12, height: 6, title: 'Alarms', alarms: ['shop-prod-errors'] },
    ] },
  }],
} };

/** The CloudFormation expression of each kind of reference, as aws-cdk-lib writes them: the full names' attributes, a group's Ref. */
const CFN_REFERENCES: Record<string, Json> = {
  'load-balancer': { 'Fn::GetAtt': ['Lb', 'LoadBalancerFullName'] }, 'target-group': { 'Fn::GetAtt': ['FleetTg', 'TargetGroupFullName'] }, fleet: { Ref: 'FleetGroup' },
};
const cfnMetric = (planned: MetricPlan): Json => ({
  Namespace: planned.namespace, MetricName: planned.metricName,
  Dimensions: planned.dimensions.map(({ name, value }) => ({ Name: name, Value: value.kind === 'literal' ? value.value : CFN_REFERENCES[value.resource.kind] })),
});
const actions = (topic: string): Json[] => [{ Ref: topic === 'alerts' ? 'AlertsTopic' : 'CapacityTopic' }, 'arn:aws:sns:us-east-1:123456789012:pager'];

const resources: Record<string, Json> = {
  FleetSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { Tags: [{ Key: WIRING_TAG, Value: 'fleet' }] } },
  LbSg: { Type: 'AWS::EC2::SecurityGroup', Properties: { Tags: [{ Key: WIRING_TAG, Value: 'load_balancer' }] } },
  FleetTemplate: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { SecurityGroupIds: [{ 'Fn::GetAtt': ['FleetSg', 'GroupId'] }] } } },
  FleetTg: { Type: 'AWS::ElasticLoadBalancingV2::TargetGroup', Properties: { Port: 8080 } },
  FleetGroup: { Type: 'AWS::AutoScaling::AutoScalingGroup', Properties: { TargetGroupARNs: [{ Ref: 'FleetTg' }], LaunchTemplate: { LaunchTemplateId: { Ref: 'FleetTemplate' } } } },
  Lb: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { SecurityGroups: [{ 'Fn::GetAtt': ['LbSg', 'GroupId'] }] } },
  AlertsKey: { Type: 'AWS::KMS::Key', Properties: { EnableKeyRotation: true, KeyPolicy: { Statement: [
    { Sid: 'AccountAdministers', Effect: 'Allow', Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':root']] } }, Action: 'kms:*', Resource: '*' },
    { Sid: 'ServicesPublish', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'], Resource: '*' },
    {
      Sid: 'LogsEncrypt', Effect: 'Allow', Principal: { Service: 'logs.us-east-1.amazonaws.com' }, Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], Resource: '*',
      Condition: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:', { Ref: 'AWS::AccountId' }, ':log-group:/tierup/shop/production/*']] } } },
    },
  ] } } },
  ...Object.fromEntries(plan.monitoring.regions[0].topics.flatMap((topic) => {
    const id = topic.purpose === 'alerts' ? 'AlertsTopic' : 'CapacityTopic';
    return [
      [id, { Type: 'AWS::SNS::Topic', Properties: { TopicName: topic.topicName, KmsMasterKeyId: { 'Fn::GetAtt': ['AlertsKey', 'Arn'] } } }],
      [`${id}Policy`, { Type: 'AWS::SNS::TopicPolicy', Properties: { Topics: [{ Ref: id }], PolicyDocument: { Statement: [
        { Sid: 'ServicesPublish', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: { Ref: id }, Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } } },
        // CloudFormation's shapes: "*" for everyone.
        { Sid: 'DenyInsecureTransport', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: { Ref: id }, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      ] } } }],
    ];
  })),
  OpsEmail: { Type: 'AWS::SNS::Subscription', Properties: { TopicArn: { Ref: 'AlertsTopic' }, Protocol: 'email', Endpoint: 'ops@example.com' } },
  ...Object.fromEntries(alarms.map((planned) => [planned.id, { Type: 'AWS::CloudWatch::Alarm', Properties: {
    AlarmName: planned.alarmName, ComparisonOperator: planned.comparison, Threshold: planned.threshold, EvaluationPeriods: planned.evaluationPeriods,
    DatapointsToAlarm: planned.datapointsToAlarm, TreatMissingData: planned.treatMissingData, AlarmActions: actions(planned.topic), OKActions: actions(planned.topic),
    ...(planned.source.kind === 'metric'
      ? { ...cfnMetric(planned.source.metric), Period: planned.source.metric.periodSeconds, ...(planned.source.metric.statistic.startsWith('p') ? { ExtendedStatistic: planned.source.metric.statistic } : { Statistic: planned.source.metric.statistic }) }
      : { Metrics: [
          { Id: 'expr', Expression: planned.source.expression, Label: planned.source.label, ReturnData: true },
          ...Object.entries(planned.source.metrics).map(([id, planned]) => ({ Id: id, ReturnData: false, MetricStat: { Metric: cfnMetric(planned), Period: planned.periodSeconds, Stat: planned.statistic } })),
        ] }),
  } }])),
  Climb: { Type: 'AWS::CloudWatch::CompositeAlarm', Properties: { AlarmName: 'shop-prod-climb', AlarmRule: 'ALARM("shop-prod-in-service")', AlarmActions: actions('capacity'), OKActions: actions('capacity') } },
  AppLogs: { Type: 'AWS::Logs::LogGroup', Properties: { LogGroupName: '/tierup/shop/production/app', RetentionInDays: 90, KmsKeyId: { 'Fn::GetAtt': ['AlertsKey', 'Arn'] } }, DeletionPolicy: 'Retain' },
  Errors: { Type: 'AWS::Logs::MetricFilter', Properties: { LogGroupName: { Ref: 'AppLogs' }, FilterPattern: 'ERROR', MetricTransformations: [{ MetricNamespace: 'tierup/shop', MetricName: 'Errors', MetricValue: '1' }] } },
  Dashboard: { Type: 'AWS::CloudWatch::Dashboard', Properties: { DashboardName: plan.monitoring.regions[0].dashboard.dashboardName, DashboardBody: { 'Fn::Join': ['', [
    '{"widgets":[{"type":"text","x":0,"y":0,"width":24,"height":2,"properties":{"markdown":"# shop"}},',
    '{"type":"metric","x":0,"y":2,"width":12,"height":6,"properties":{"view":"timeSeries","title":"Load","region":"', { Ref: 'AWS::Region' },
    '","metrics":[["AWS/ApplicationELB","RequestCount","LoadBalancer","', { 'Fn::GetAtt': ['Lb', 'LoadBalancerFullName'] }, '",{"id":"m1","visible":false}],[{"expression":"m1 / 60","label":"rps","id":"e1"}]],',
    '"annotations":{"horizontal":[{"label":"ceiling","value":2000}]}}},',
    '{"type":"alarm","x":12,"y":2,"width":12,"height":6,"properties":{"title":"Alarms","alarms":["', { 'Fn::GetAtt': ['errors', 'Arn'] }, '"]}}]}',
  ]] } } },
  SlackRole: { Type: 'AWS::IAM::Role', Properties: { AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { Service: 'chatbot.amazonaws.com' }, Action: 'sts:AssumeRole' }] } } },
  Slack: { Type: 'AWS::Chatbot::SlackChannelConfiguration', Properties: {
    ConfigurationName: 'shop-prod-alerts', SlackWorkspaceId: 'T1', SlackChannelId: 'C1', IamRoleArn: { 'Fn::GetAtt': ['SlackRole', 'Arn'] },
    GuardrailPolicies: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/ReadOnlyAccess']] }],
    SnsTopicArns: [{ Ref: 'AlertsTopic' }, { 'Fn::Join': [':', ['arn', { Ref: 'AWS::Partition' }, 'sns', { Ref: 'AWS::Region' }, { Ref: 'AWS::AccountId' }, 'shop-prod-capacity']] }],
  } },
};
const templates = { [plan.regions[0].stackName]: { Resources: resources, Outputs: {
  WatchLoadBalancerFullName: { Value: { 'Fn::GetAtt': ['Lb', 'LoadBalancerFullName'] } },
  WatchAppTargetGroupFullName: { Value: { 'Fn::GetAtt': ['FleetTg', 'TargetGroupFullName'] } },
  WatchAppGroupName: { Value: { Ref: 'FleetGroup' } },
} } };

describe('the watching model', () => {
  it('reads CloudFormation\'s shapes into what the plan says', () => {
    expect(cfnModel(plan, templates as never).watching).toEqual(planWatching(plan, 'cloudformation'));
  });

  it('reads the Terraform renderer\'s output into the same', () => {
    expect(tfModel(plan, renderTfConfigs(plan) as never).watching).toEqual(planWatching(plan, 'terraform'));
  });

  it('tells a wrong CloudFormation alarm from the plan: another dimension, another topic; an unencrypted log group, another log group ARN in the key', () => {
    const edited = JSON.parse(JSON.stringify(templates)) as typeof templates;
    const broken = edited[plan.regions[0].stackName].Resources;
    broken.latency.Properties.Dimensions = [{ Name: 'LoadBalancer', Value: { 'Fn::GetAtt': ['Lb', 'LoadBalancerFullName'] } }];
    broken.connections.Properties.OKActions = [{ Ref: 'CapacityTopic' }];
    delete (broken.AppLogs.Properties as { KmsKeyId?: unknown }).KmsKeyId;
    const logsStatement = broken.AlertsKey.Properties.KeyPolicy.Statement[2] as { Condition: { ArnLike: Record<string, { 'Fn::Join': [string, unknown[]] }> } };
    logsStatement.Condition.ArnLike['kms:EncryptionContext:aws:logs:arn']['Fn::Join'][1][4] = ':log-group:*';
    const lines = cfnModel(plan, edited as never).watching;
    expect(planWatching(plan, 'cloudformation').filter((line) => !lines.includes(line))).toEqual([
      expect.stringMatching(/^alarm us-east-1 shop-prod-connections .* ok=alerts,existing$/),
      expect.stringMatching(/^alarm us-east-1 shop-prod-latency .*TargetGroup=/),
      expect.stringMatching(/^log-group us-east-1 \/tierup\/shop\/production\/app retention=90 key=cmk\(/),
      expect.stringMatching(/^policy us-east-1 key-of:shop-prod-alerts LogsEncrypt Allow .*ArnLike:kms:EncryptionContext:aws:logs:arn=arn:\{partition\}:logs:us-east-1:\{account\}:log-group:\/tierup\/shop\/production\/\*/),
      expect.stringMatching(/^policy us-east-1 key-of:shop-prod-capacity LogsEncrypt Allow /),
    ]);
  });
});
