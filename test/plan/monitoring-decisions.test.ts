import { type ArchitecturePlan, createPlan, type MonitoringPlan, type PolicyStatementPlan, withWatchOutputs } from '../../lib/plan';
import { parseBlueprint } from '../../lib/spec';
import { examplePlan } from '../analyze/plan-of';

// What the plan decides so that the renderers decide nothing: the alert key's and topics' policies statement by
// statement, the e-mail subscriptions' ids and names, the metric-math expression ids, the Slack channel's topics
// (and how each engine names them), its role and guardrails, the existing topic each region tells, and every stack
// output's CloudFormation id and Terraform name.

const planOf = (text: string): ArchitecturePlan => createPlan(parseBlueprint(text, 'test.yaml').spec);

/** Level 7 outside us-east-1, with every kind of `alerts`. */
const told = planOf([
  'name: shop', 'level: 7', 'regions: [eu-west-1, eu-central-1]',
  'alerts: { emails: [Ops@Example.com, b@example.com], slack: { workspaceId: T012AB3CDEF, channelId: C0123ABCDEF }, topicArn: "arn:aws:sns:eu-west-1:123456789012:ops" }',
  'multiRegion: { domainName: shop.example.com, hostedZoneName: example.com }',
].join('\n'));

const TOPIC_POLICY: PolicyStatementPlan[] = [
  {
    sid: 'ServicesPublish', effect: 'Allow', principal: { kind: 'service', services: ['cloudwatch.amazonaws.com'] }, actions: ['sns:Publish'], resource: 'self',
    conditions: [{ operator: 'StringEquals', key: 'aws:SourceAccount', value: { kind: 'account-id' } }],
  },
  {
    sid: 'DenyInsecureTransport', effect: 'Deny', principal: { kind: 'anyone' }, actions: ['sns:Publish'], resource: 'self',
    conditions: [{ operator: 'Bool', key: 'aws:SecureTransport', value: { kind: 'literal', value: 'false' } }],
  },
];

const KEY_POLICY: PolicyStatementPlan[] = [
  { sid: 'AccountAdministers', effect: 'Allow', principal: { kind: 'account' }, actions: ['kms:*'], resource: '*', conditions: [] },
  { sid: 'ServicesPublish', effect: 'Allow', principal: { kind: 'service', services: ['cloudwatch.amazonaws.com'] }, actions: ['kms:Decrypt', 'kms:GenerateDataKey*'], resource: '*', conditions: [] },
];

const examples = [1, 2, 3, 4, 5, 6, 7].map((level) => examplePlan(level));
const everyRegion = [...examples, told].flatMap((plan) => plan.monitoring.regions.map((region) => [`${plan.name} level ${plan.level}: ${region.stackName}`, region] as const));

describe('the alert key\'s and topics\' policies', () => {
  it.each(everyRegion)('%s: CloudWatch of this account may publish, nobody without TLS; the account administers the key, CloudWatch uses it, and CloudWatch Logs for the region\'s log groups', (_name, region) => {
    expect(region.topics.map((topic) => [topic.topicName, topic.policy.statements])).toEqual(region.topics.map((topic) => [topic.topicName, TOPIC_POLICY]));
    // The us-east-1 global-services stack has no log groups.
    expect(region.key.policy.statements).toEqual(region.logGroups.length === 0 ? KEY_POLICY : [...KEY_POLICY, {
      sid: 'LogsEncrypt', effect: 'Allow', principal: { kind: 'service', services: [`logs.${region.region}.amazonaws.com`] },
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], resource: '*',
      conditions: [{ operator: 'ArnLike', key: 'kms:EncryptionContext:aws:logs:arn', value: { kind: 'arn', service: 'logs', region: region.region, resource: 'log-group:/tierup/shop/production/*' } }],
    }]);
    expect(region.key.rotation).toBe(true);
  });

  it('names the policies and the alias in Terraform after their topic and key', () => {
    const [primary, further, global] = told.monitoring.regions;
    expect([primary, further, global].map((region) => [region.key.aliasTfName, ...region.topics.map((topic) => topic.policyTfName)])).toEqual([
      ['alerts_key_alias', 'alerts_topic_policy', 'capacity_topic_policy'],
      ['alerts_key_eu_central_1_alias', 'alerts_topic_eu_central_1_policy', 'capacity_topic_eu_central_1_policy'],
      ['global_services_alerts_key_alias', 'global_services_alerts_topic_policy'],
    ]);
  });
});

describe('e-mail subscriptions', () => {
  it('gives each its construct id and Terraform name from the topic and the address', () => {
    const [primary, further] = told.monitoring.regions;
    expect(primary.topics[0].subscriptions).toEqual([
      { id: 'Email Ops@Example.com', tfName: 'alerts_topic_email_ops_example_com', protocol: 'email', endpoint: 'Ops@Example.com' },
      { id: 'Email b@example.com', tfName: 'alerts_topic_email_b_example_com', protocol: 'email', endpoint: 'b@example.com' },
    ]);
    expect(further.topics.map((topic) => topic.subscriptions.map((subscription) => subscription.tfName))).toEqual([
      ['alerts_topic_eu_central_1_email_ops_example_com', 'alerts_topic_eu_central_1_email_b_example_com'],
      ['capacity_topic_eu_central_1_email_ops_example_com', 'capacity_topic_eu_central_1_email_b_example_com'],
    ]);
  });
});

describe('metric math', () => {
  it.each(examples.map((plan) => [plan.level, plan] as const))('level %i: every math alarm evaluates its expression `e1`, an id none of its metrics takes', (_level, plan) => {
    const math = plan.monitoring.regions.flatMap((region) => region.alarms).flatMap((alarm) => (alarm.source.kind === 'math' ? [alarm.source] : []));
    expect(math.length).toBeGreaterThan(0);
    for (const source of math) {
      expect(source.id).toBe('e1');
      expect(Object.keys(source.metrics)).not.toContain(source.id);
      expect(Object.keys(source.metrics).every((id) => /^m\d+$/.test(id))).toBe(true);
    }
  });
});

describe('the Slack channel', () => {
  const slack = told.monitoring.alerts.slack!;

  it('lives in the stack deployed last (us-east-1\'s monitoring), subscribed to every topic: its own stack\'s by resource, the others by ARN in CloudFormation, all by resource in Terraform', () => {
    expect([slack.region, slack.stackName]).toEqual(['us-east-1', 'shop-production-monitoring-us-east-1']);
    expect(slack.topics).toEqual([
      { region: 'eu-west-1', topicName: 'shop-prod-alerts', topicId: 'AlertsTopic', tfName: 'alerts_topic', stackName: 'shop-production-eu-west-1', reference: { cloudformation: 'arn', terraform: 'resource' } },
      { region: 'eu-west-1', topicName: 'shop-prod-capacity', topicId: 'CapacityTopic', tfName: 'capacity_topic', stackName: 'shop-production-eu-west-1', reference: { cloudformation: 'arn', terraform: 'resource' } },
      { region: 'eu-central-1', topicName: 'shop-prod-alerts', topicId: 'AlertsTopic', tfName: 'alerts_topic_eu_central_1', stackName: 'shop-production-eu-central-1', reference: { cloudformation: 'arn', terraform: 'resource' } },
      { region: 'eu-central-1', topicName: 'shop-prod-capacity', topicId: 'CapacityTopic', tfName: 'capacity_topic_eu_central_1', stackName: 'shop-production-eu-central-1', reference: { cloudformation: 'arn', terraform: 'resource' } },
      { region: 'us-east-1', topicName: 'shop-prod-global-alerts', topicId: 'AlertsTopic', tfName: 'global_services_alerts_topic', stackName: 'shop-production-monitoring-us-east-1', reference: { cloudformation: 'resource', terraform: 'resource' } },
    ]);
  });

  it('lives in the only region\'s stack when there is no later one', () => {
    const single = planOf('name: shop\nlevel: 4\nalerts: { slack: { workspaceId: T012AB3CDEF, channelId: C0123ABCDEF } }\n').monitoring.alerts.slack!;
    expect([single.region, single.stackName]).toEqual(['us-east-1', 'shop-production-us-east-1']);
    expect(single.topics.map((topic) => topic.reference.cloudformation)).toEqual(['resource', 'resource']);
  });

  it('is bounded by a read-only guardrail, through a role Chatbot assumes that may do nothing', () => {
    expect(slack.guardrailPolicies).toEqual(['ReadOnlyAccess']);
    expect(slack.role).toEqual({
      id: 'Role', tfName: 'alerts_slack_role', assumedBy: 'chatbot.amazonaws.com', actions: [],
      description: 'tierup: AWS Chatbot posts the shop-prod-alerts alerts to Slack with this role, which may do nothing else',
    });
  });
});

describe('the existing topic', () => {
  it('is told by the alarms of its own region only (an alarm notifies topics of its region)', () => {
    expect(told.monitoring.regions.map((region) => [region.stackName, region.existingTopicArn])).toEqual([
      ['shop-production-eu-west-1', 'arn:aws:sns:eu-west-1:123456789012:ops'],
      ['shop-production-eu-central-1', null],
      ['shop-production-monitoring-us-east-1', null],
    ]);
  });
});

describe('stack outputs', () => {
  const outputsOf = (monitoring: MonitoringPlan) => monitoring.regions.map((region) => [region.stackName, region.outputs.map((output) => [output.id, output.tfName, output.terraform])]);

  it('names each output once: CloudFormation by the output name, Terraform in snake case with a further region\'s resource\'s region at the end', () => {
    expect(outputsOf(examplePlan(7).monitoring)).toEqual([
      ['shop-production-us-east-1', [
        ['WatchLoadBalancerFullName', 'watch_load_balancer_full_name', true],
        ['WatchAppTargetGroupFullName', 'watch_app_target_group_full_name', true],
        ['WatchAppAutoScalingGroupName', 'watch_app_auto_scaling_group_name', true],
        ['WatchServiceOrdersTargetGroupFullName', 'watch_service_orders_target_group_full_name', true],
        ['WatchServiceOrdersAutoScalingGroupName', 'watch_service_orders_auto_scaling_group_name', true],
        ['WatchServiceSearchTargetGroupFullName', 'watch_service_search_target_group_full_name', true],
        ['WatchServiceSearchAutoScalingGroupName', 'watch_service_search_auto_scaling_group_name', true],
      ]],
      ['shop-production-eu-west-1', [
        ['WatchLoadBalancerFullNameEuWest1', 'watch_load_balancer_full_name_eu_west_1', true],
        ['WatchAppTargetGroupFullNameEuWest1', 'watch_app_target_group_full_name_eu_west_1', true],
        ['WatchAppAutoScalingGroupNameEuWest1', 'watch_app_auto_scaling_group_name_eu_west_1', true],
        ['WatchServiceOrdersTargetGroupFullNameEuWest1', 'watch_service_orders_target_group_full_name_eu_west_1', true],
        ['WatchServiceOrdersAutoScalingGroupNameEuWest1', 'watch_service_orders_auto_scaling_group_name_eu_west_1', true],
        ['WatchServiceSearchTargetGroupFullNameEuWest1', 'watch_service_search_target_group_full_name_eu_west_1', true],
        ['WatchServiceSearchAutoScalingGroupNameEuWest1', 'watch_service_search_auto_scaling_group_name_eu_west_1', true],
      ]],
      ['shop-production-monitoring-us-east-1', [
        ['WatchCdnDistributionId', 'watch_cdn_distribution_id', true],
        ['WatchHealthCheckId', 'watch_health_check_id', true],
        ['WatchHealthCheckIdEuWest1', 'watch_health_check_id_eu_west_1', true],
      ]],
    ]);
  });

  it('names the distribution after the primary region\'s resource, whichever stack watches it', () => {
    const global = told.monitoring.regions.find((region) => region.globalServicesOnly)!;
    expect(global.outputs.map((output) => [output.id, output.tfName])).toEqual([
      ['WatchCdnDistributionId', 'watch_cdn_distribution_id'],
      ['WatchHealthCheckId', 'watch_health_check_id'],
      ['WatchHealthCheckIdEuCentral1', 'watch_health_check_id_eu_central_1'],
    ]);
  });

  it('has Terraform emit an output two regions name once, by the first; CloudFormation in each region\'s stack', () => {
    const plan = examplePlan(7);
    const [primary, further] = plan.monitoring.regions;
    const shared = primary.outputs[0].value;
    const metric = { namespace: 'AWS/ApplicationELB', metricName: 'RequestCount', statistic: 'Sum' as const, periodSeconds: 60, region: further.region, dimensions: [{ name: 'LoadBalancer', value: shared }] };
    const regions = withWatchOutputs(plan, [primary, { ...further, alarms: [...further.alarms, { ...further.alarms[0], source: { kind: 'metric', metric } }] }]);
    expect(regions.map((region) => region.outputs.filter((output) => output.id === shared.outputName).map((output) => [output.tfName, output.terraform]))).toEqual([
      [['watch_load_balancer_full_name', true]],
      [['watch_load_balancer_full_name', false]],
    ]);
  });
});
