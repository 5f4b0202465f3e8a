import { tmpdir } from 'node:os';
import { App, Testing } from 'cdktf';
// cdktf's jest matchers' type declarations (Testing.setupJest() registers them at run time).
import 'cdktf/lib/testing/adapters/jest';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { AutoscalingSchedule } from '@cdktf/provider-aws/lib/autoscaling-schedule';
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbProxy } from '@cdktf/provider-aws/lib/db-proxy';
import { EbsVolume } from '@cdktf/provider-aws/lib/ebs-volume';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheUser } from '@cdktf/provider-aws/lib/elasticache-user';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { BlueprintStack, Network, renderTfConfigs } from '../../../lib/render/tf';
import { planRuntime } from '../../../lib/plan';
import { levelPlan } from './examples';

Testing.setupJest();

/** The synthesized JSON of one level's example, as cdktf's matchers read it. */
const synthLevel = (level: number): string => Testing.synth(new BlueprintStack(Testing.app(), { plan: levelPlan(level) }));
const resources = (level: number): Record<string, Record<string, Record<string, unknown>>> => {
  const [config] = Object.values(renderTfConfigs(levelPlan(level)));
  return config.resource as Record<string, Record<string, Record<string, unknown>>>;
};
const config = (level: number): Record<string, unknown> => Object.values(renderTfConfigs(levelPlan(level)))[0] as Record<string, unknown>;

describe('Network', () => {
  const synth = Testing.synthScope((scope) => {
    new AwsProvider(scope, 'aws', { region: 'us-east-1' });
    new Network(scope, 'Network', { plan: levelPlan(4).network, regionSuffix: '', provider: undefined, existing: null });
  });

  it('is the planned VPC with the CloudFormation target\'s subnet CIDRs', () => {
    expect(synth).toHaveResourceWithProperties(Vpc, { cidr_block: '10.0.0.0/16', enable_dns_hostnames: true });
    expect(synth).toHaveResourceWithProperties(Subnet, { cidr_block: '10.0.0.0/20' });
    expect(synth).toHaveResourceWithProperties(Subnet, { cidr_block: '10.0.32.0/19' });
    expect(synth).toHaveResourceWithProperties(Subnet, { cidr_block: '10.0.112.0/20' });
    expect(synth).not.toHaveResourceWithProperties(Subnet, { map_public_ip_on_launch: true });
  });
});

describe('Server (level 1)', () => {
  const synth = synthLevel(1);

  it('requires IMDSv2, encrypts its disks and has no key pair', () => {
    expect(synth).toHaveResource(Instance);
    expect(resources(1).aws_instance.server).toMatchObject({
      metadata_options: { http_tokens: 'required' },
      root_block_device: { encrypted: true },
    });
    expect(resources(1).aws_instance.server).not.toHaveProperty('key_name');
  });

  it('keeps the data volume encrypted and protected from destroy in production', () => {
    expect(synth).toHaveResourceWithProperties(EbsVolume, { encrypted: true, lifecycle: { prevent_destroy: true, ignore_changes: ['availability_zone'] } });
    expect(resources(1).aws_ebs_volume).toHaveProperty('data_volume');
  });

  it('keeps the data volume when the instance is replaced: the zone it reads from the instance is ignored after creation', () => {
    expect(resources(1).aws_ebs_volume.data_volume).toMatchObject({
      availability_zone: '${aws_instance.server.availability_zone}',
      lifecycle: { prevent_destroy: true, ignore_changes: ['availability_zone'] },
    });
  });

  it('stops the server before detaching the data volume, as the plan says', () => {
    expect(levelPlan(1).server?.dataVolume?.stopInstanceBeforeDetaching).toBe(true);
    expect(resources(1).aws_volume_attachment.data_volume_attachment).toMatchObject({
      instance_id: '${aws_instance.server.id}', stop_instance_before_detaching: true,
    });
  });

  it.each([[1, 'x86_64', 't3.small'], [3, 'arm64', 't4g.small']] as const)(
    'level %i: replaces the server when the planned architecture (%s) changes, by a bare address Terraform\'s JSON syntax reads', (level, architecture, instanceType) => {
      const plan = levelPlan(level);
      const server = { ...plan.server!, instanceType, architecture };
      const [config] = Object.values(renderTfConfigs({ ...plan, server })) as { resource: Record<string, Record<string, Record<string, unknown>>> }[];
      expect(config.resource.terraform_data).toEqual({ server_architecture: { input: { architecture } } });
      expect(config.resource.aws_instance.server).toMatchObject({
        instance_type: instanceType,
        lifecycle: { ignore_changes: ['ami'], replace_triggered_by: ['terraform_data.server_architecture'] },
      });
    },
  );
});

describe('Database (level 4)', () => {
  const synth = synthLevel(4);

  it('writes a generated master password only to write-only arguments, encrypted, protected, named by the plan', () => {
    expect(synth).toHaveResourceWithProperties(DbInstance, {
      identifier: 'shop-prod-db',
      password_wo: '${ephemeral.aws_secretsmanager_random_password.database_password.random_password}',
      password_wo_version: 1,
      storage_encrypted: true,
      deletion_protection: true,
      publicly_accessible: false,
      lifecycle: { prevent_destroy: true, ignore_changes: ['db_name'] },
    });
    // The password comes from an ephemeral resource, which Terraform never stores.
    expect(config(4).ephemeral).toEqual({ aws_secretsmanager_random_password: {
      database_password: expect.objectContaining({ password_length: 32 }),
      origin_secret_v1_password: { password_length: 32, exclude_punctuation: true },
      origin_secret_v2_password: { password_length: 32, exclude_punctuation: true },
    } });
    expect(resources(4).aws_secretsmanager_secret_version.database_master_secret_value).toMatchObject({
      secret_string_wo: expect.stringContaining('ephemeral.aws_secretsmanager_random_password.database_password.random_password'),
      secret_string_wo_version: 1,
    });
    const json = JSON.stringify(resources(4));
    expect(json).not.toMatch(/"password"|"secret_string"|data\.aws_secretsmanager_random_password/);
  });

  it('creates the database the app is told (db_name), and never replaces an instance for it', () => {
    const instances = resources(4).aws_db_instance;
    // db_name forces a new instance: an instance deployed without one keeps its configuration (README, upgrade notes).
    expect(instances.database).toMatchObject({ db_name: 'shopdb', lifecycle: { prevent_destroy: true, ignore_changes: ['db_name'] } });
    expect(instances.database_replica_1.db_name).toBeUndefined();
  });

  it('pins the major version only, so automatic minor upgrades never make Terraform plan a downgrade', () => {
    expect(resources(4).aws_db_instance.database).toMatchObject({ engine_version: '17', auto_minor_version_upgrade: true });
  });

  it('has no replica whose source lets RDS manage the password (RDS refuses such replicas)', () => {
    for (const level of [4, 5, 6, 7] as const) {
      const instances = Object.values(resources(level).aws_db_instance as Record<string, Record<string, unknown>>);
      expect(instances.some((instance) => instance.replicate_source_db !== undefined)).toBe(true);
      for (const instance of instances) expect(instance.manage_master_user_password).toBeUndefined();
    }
  });

  it('rotates the master secret every 30 days with AWS\'s single-user function in the isolated subnets', () => {
    expect(resources(4).aws_serverlessapplicationrepository_cloudformation_stack.postgres_rotator).toMatchObject({
      application_id: expect.stringMatching(/applications\/SecretsManagerRDSPostgreSQLRotationSingleUser$/),
      name: 'shop-prod-postgres-rotation',
      parameters: expect.objectContaining({ functionName: 'shop-prod-postgres-rotation', vpcSecurityGroupIds: '${aws_security_group.postgres_rotator.id}' }),
    });
    expect(resources(4).aws_secretsmanager_secret_rotation.database_master_secret_rotation).toMatchObject({
      rotation_lambda_arn: '${aws_serverlessapplicationrepository_cloudformation_stack.postgres_rotator.outputs["RotationLambdaARN"]}',
      rotation_rules: { automatically_after_days: 30 },
    });
    // One function per engine, shared by every shard.
    expect(Object.keys(resources(5).aws_serverlessapplicationrepository_cloudformation_stack)).toEqual(['postgres_rotator']);
    expect(Object.keys(resources(5).aws_secretsmanager_secret_rotation)).toHaveLength(4);
    expect(resources(4).aws_vpc_endpoint.network_secrets_manager).toMatchObject({ vpc_endpoint_type: 'Interface', private_dns_enabled: true });
  });

  it('replicates from the primary and pools connections through a TLS-only proxy', () => {
    expect(resources(4).aws_db_instance.database_replica_1).toMatchObject({ replicate_source_db: '${aws_db_instance.database.identifier}' });
    expect(synth).toHaveResourceWithProperties(DbProxy, { require_tls: true, engine_family: 'POSTGRESQL' });
  });

  it('admits only the app tier', () => {
    expect(resources(4).aws_vpc_security_group_ingress_rule.database_security_group_from_fleet).toMatchObject({
      referenced_security_group_id: '${aws_security_group.fleet_security_group.id}', from_port: 5432,
    });
  });
});

describe('Cache (level 3)', () => {
  const synth = synthLevel(3);

  it('encrypts in transit and at rest and authenticates with IAM, not a token in the state', () => {
    expect(synth).toHaveResourceWithProperties(ElasticacheReplicationGroup, {
      transit_encryption_enabled: true, at_rest_encryption_enabled: 'true', replication_group_id: 'shop-prod-cache',
    });
    expect(synth).toHaveResourceWithProperties(ElasticacheUser, { authentication_mode: { type: 'iam' } });
    expect(resources(3).aws_elasticache_replication_group.cache).not.toHaveProperty('auth_token');
  });
});

describe('LoadBalancer, Fleet and Cdn (level 4)', () => {
  const synth = synthLevel(4);

  it('admits only CloudFront\'s origin-facing prefix list', () => {
    expect(synth).toHaveDataSourceWithProperties(DataAwsEc2ManagedPrefixList, { name: 'com.amazonaws.global.cloudfront.origin-facing' });
    expect(synth).toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      prefix_list_id: '${data.aws_ec2_managed_prefix_list.load_balancer_cloudfront.id}',
    });
    expect(synth).not.toHaveResourceWithProperties(VpcSecurityGroupIngressRule, {
      security_group_id: '${aws_security_group.load_balancer_security_group.id}', cidr_ipv4: '0.0.0.0/0',
    });
    expect(synth).toHaveResourceWithProperties(Lb, { enable_deletion_protection: true, drop_invalid_header_fields: true });
  });

  it('scales on CPU and requests, on schedule, from an IMDSv2 launch template', () => {
    expect(synth).toHaveResourceWithProperties(AutoscalingGroup, { min_size: 2, max_size: 10 });
    expect(synth).toHaveResource(AutoscalingPolicy);
    expect(resources(4).aws_autoscaling_policy.fleet_request_scaling).toMatchObject({
      target_tracking_configuration: { predefined_metric_specification: { predefined_metric_type: 'ALBRequestCountPerTarget' }, target_value: 12000 },
    });
    expect(synth).toHaveResourceWithProperties(AutoscalingSchedule, { recurrence: '30 8 * * MON-FRI', min_size: 6, max_size: -1 });
    expect(synth).toHaveResource(LaunchTemplate);
    expect(resources(4).aws_launch_template.fleet_launch_template).toMatchObject({ metadata_options: { http_tokens: 'required' } });
    expect(resources(4).aws_autoscaling_schedule).toHaveProperty('fleet_schedule_weekday_peak');
  });

  it('reads the image for the fleet\'s architecture', () => {
    const imageOf = (plan: ReturnType<typeof levelPlan>): string =>
      (JSON.parse(Testing.synth(new BlueprintStack(Testing.app(), { plan }))) as { data: { aws_ssm_parameter: Record<string, { name: string }> } })
        .data.aws_ssm_parameter.fleet_image.name;
    const x86 = levelPlan(4);
    const arm = { ...x86, fleet: { ...x86.fleet!, instanceType: 'm7g.large', architecture: 'arm64' as const, runtime: planRuntime({}, 'arm64') } };
    expect(imageOf(x86)).toBe('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-x86_64');
    expect(imageOf(arm)).toBe('/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-arm64');
  });

  it('scales out fast on tracking and in slowly, one instance per scale-in cooldown', () => {
    const policies = resources(4).aws_autoscaling_policy;
    expect(policies.fleet_cpu_scaling).toMatchObject({ target_tracking_configuration: { disable_scale_in: true } });
    expect(policies.fleet_request_scaling).toMatchObject({ target_tracking_configuration: { disable_scale_in: true } });
    expect(policies.fleet_scale_in).toMatchObject({ policy_type: 'SimpleScaling', adjustment_type: 'ChangeInCapacity', scaling_adjustment: -1, cooldown: 900 });
    expect(resources(4).aws_cloudwatch_metric_alarm.fleet_low_cpu).toMatchObject({
      metric_name: 'CPUUtilization', threshold: 30, comparison_operator: 'LessThanThreshold', evaluation_periods: 3,
      treat_missing_data: 'notBreaching', alarm_actions: ['${aws_autoscaling_policy.fleet_scale_in.arn}'],
    });
  });

  it('redirects viewers to HTTPS and keeps the bucket private', () => {
    expect(synth).toHaveResource(CloudfrontDistribution);
    expect(resources(4).aws_cloudfront_distribution.cdn).toMatchObject({
      default_cache_behavior: { viewer_protocol_policy: 'redirect-to-https' },
      ordered_cache_behavior: [{ path_pattern: '/static/*', viewer_protocol_policy: 'redirect-to-https' }],
    });
    expect(synth).toHaveResourceWithProperties(S3BucketPublicAccessBlock, { block_public_acls: true, restrict_public_buckets: true });
    expect(resources(4).aws_s3_bucket_policy.static_assets_policy.policy).toContain('aws:SecureTransport');
  });
});

describe('Shards and QueueWorker (level 5)', () => {
  const synth = synthLevel(5);

  it('adds shards named by the plan and publishes the map', () => {
    expect(Object.keys(resources(5).aws_db_instance)).toEqual(expect.arrayContaining(['database', 'shard_1', 'shard_2', 'shard_3', 'shard_3_replica_2']));
    expect(synth).toHaveResourceWithProperties(SsmParameter, { name: '/tierup/shop/production/shards/map' });
    expect(synth).toHaveResourceWithProperties(SsmParameter, { name: '/tierup/shop/production/shards/0/writer' });
  });

  it('encrypts the queue, sends failures to its dead-letter queue and scales workers from zero', () => {
    expect(resources(5).aws_sqs_queue.queue_emails).toMatchObject({ sqs_managed_sse_enabled: true, name: 'shop-prod-emails' });
    expect(resources(5).aws_sqs_queue.queue_emails.redrive_policy).toContain('aws_sqs_queue.queue_emails_dlq.arn');
    // The backlog metric's divisor among them.
    expect(levelPlan(5).queues[0].worker?.groupMetrics).toContain('GroupInServiceInstances');
    expect(synth).toHaveResourceWithProperties(AutoscalingGroup, { min_size: 0, enabled_metrics: levelPlan(5).queues[0].worker?.groupMetrics });
  });
});

describe('Service and Events (level 6)', () => {
  const synth = synthLevel(6);

  it('routes each service by path and fans events out to inbox queues', () => {
    expect(synth).toHaveResourceWithProperties(LbListenerRule, { condition: [
      { path_pattern: { values: ['/orders/*'] } },
      { http_header: { http_header_name: 'X-Origin-Verify', values: [
        '${data.aws_secretsmanager_secret_version.origin_secret_v1.secret_string}', '${data.aws_secretsmanager_secret_version.origin_secret_v2.secret_string}',
      ] } },
    ] });
    expect(synth).toHaveResourceWithProperties(SnsTopic, { name: 'shop-prod-order-placed', kms_master_key_id: 'alias/aws/sns' });
    expect(synth).toHaveResourceWithProperties(SnsTopicSubscription, { protocol: 'sqs', raw_message_delivery: true });
    expect(resources(6).aws_sqs_queue_policy.service_search_queue_on_order_placed_policy.policy).toContain('aws_sns_topic.event_order_placed.arn');
  });
});

describe('BlueprintStack and GlobalRouting (level 7)', () => {
  const synth = synthLevel(7);

  it('holds every region under aliased providers', () => {
    expect(synth).toHaveProviderWithProperties(AwsProvider, { region: 'eu-west-1', alias: 'eu_west_1' });
    expect(resources(7).aws_db_instance.database_replica_eu_west_1).toMatchObject({
      provider: 'aws.eu_west_1', replicate_source_db: '${aws_db_instance.database.arn}',
    });
    expect(resources(7).aws_vpc).toHaveProperty('network_eu_west_1');
  });

  it('fails over between regions on Route 53 health checks', () => {
    expect(synth).toHaveResourceWithProperties(Route53HealthCheck, { type: 'HTTPS', port: 443, resource_path: '/health' });
    expect(synth).toHaveResourceWithProperties(Route53Record, { name: 'routed.origin.shop.example.com', failover_routing_policy: { type: 'PRIMARY' } });
    expect(synth).toHaveResourceWithProperties(Route53Record, { failover_routing_policy: { type: 'SECONDARY' } });
  });

  it('admits Route 53\'s health checkers through a group of their own: with CloudFront\'s list one group would weigh 80 > 60 rules', () => {
    const rules = resources(7).aws_vpc_security_group_ingress_rule;
    for (const suffix of ['_us_east_1', '_eu_west_1']) {
      expect(rules[`load_balancer${suffix === '_us_east_1' ? '' : suffix}_health_checkers_health_checkers`]).toMatchObject({
        security_group_id: `\${aws_security_group.load_balancer${suffix === '_us_east_1' ? '' : suffix}_health_checkers.id}`,
        prefix_list_id: `\${data.aws_ec2_managed_prefix_list.health_checkers${suffix}.id}`,
      });
    }
    expect(resources(7).aws_lb.load_balancer.security_groups).toEqual([
      '${aws_security_group.load_balancer_security_group.id}', '${aws_security_group.load_balancer_health_checkers.id}',
    ]);
    expect(resources(4).aws_lb.load_balancer.security_groups).toEqual(['${aws_security_group.load_balancer_security_group.id}']);
  });

  it('replicates every master secret into the further region with that region\'s default key, and tells and grants that replica there', () => {
    const secrets = resources(7).aws_secretsmanager_secret;
    const masters = ['database', 'shard_1', 'shard_2', 'shard_3', 'service_orders_database'];
    for (const database of masters) {
      // No kms_key_id: each replica is encrypted with aws/secretsmanager of its region.
      expect(secrets[`${database}_master_secret`].replica).toEqual([{ region: 'eu-west-1' }]);
      expect((config(7).locals as Record<string, string>)[`${database}_master_secret_eu_west_1_arn`])
        .toBe(`\${replace(aws_secretsmanager_secret.${database}_master_secret.arn, ":us-east-1:", ":eu-west-1:")}`);
    }
    expect(Object.values(resources(6).aws_secretsmanager_secret).map((secret) => secret.replica)).toEqual(masters.map(() => undefined));
    const parameters = resources(7).aws_ssm_parameter;
    expect(parameters.app_config_eu_west_1_database_secret_arn).toMatchObject({ provider: 'aws.eu_west_1', value: '${local.database_master_secret_eu_west_1_arn}' });
    expect(parameters.app_config_eu_west_1_shards_1_secret_arn.value).toBe('${local.shard_1_master_secret_eu_west_1_arn}');
    expect(parameters.service_orders_config_eu_west_1_database_secret_arn.value).toBe('${local.service_orders_database_master_secret_eu_west_1_arn}');
    // The primary region's own settings still name the primary.
    expect(parameters.app_config_database_secret_arn.value).toBe('${aws_secretsmanager_secret.database_master_secret.arn}');
    const secretResources = (policy: string): string[] => (JSON.parse(policy).Statement as { Action: string[]; Resource: string[] }[])
      .filter((statement) => statement.Action.includes('secretsmanager:GetSecretValue')).flatMap((statement) => statement.Resource);
    const policies = resources(7).aws_iam_role_policy;
    expect(secretResources(String(policies.fleet_eu_west_1_permissions.policy))).toEqual(
      ['database', 'shard_1', 'shard_2', 'shard_3'].map((database) => `\${local.${database}_master_secret_eu_west_1_arn}`));
  });

  it('gives each event a topic in the further region, delivering to that region\'s inbox and told to and granted to that region\'s publisher', () => {
    const all = resources(7);
    expect(all.aws_sns_topic.event_order_placed_eu_west_1).toEqual({ provider: 'aws.eu_west_1', name: 'shop-prod-order-placed', kms_master_key_id: 'alias/aws/sns' });
    expect(all.aws_sns_topic_subscription.service_search_queue_on_order_placed_eu_west_1_subscription).toMatchObject({
      provider: 'aws.eu_west_1', protocol: 'sqs', raw_message_delivery: true,
      topic_arn: '${aws_sns_topic.event_order_placed_eu_west_1.arn}', endpoint: '${aws_sqs_queue.service_search_queue_on_order_placed_eu_west_1.arn}',
    });
    expect(all.aws_sqs_queue_policy.service_search_queue_on_order_placed_eu_west_1_policy.policy).toContain('aws_sns_topic.event_order_placed_eu_west_1.arn');
    expect(all.aws_ssm_parameter.event_order_placed_eu_west_1_arn).toMatchObject({ provider: 'aws.eu_west_1', value: '${aws_sns_topic.event_order_placed_eu_west_1.arn}' });
    expect(all.aws_ssm_parameter.service_orders_config_eu_west_1_events_order_placed_arn.value).toBe('${aws_sns_topic.event_order_placed_eu_west_1.arn}');
    expect(String(all.aws_iam_role_policy.service_orders_fleet_eu_west_1_permissions.policy)).toContain('"Action":["sns:Publish"],"Resource":["${aws_sns_topic.event_order_placed_eu_west_1.arn}"]');
    // The primary region's topic keeps its name.
    expect(all.aws_sns_topic.event_order_placed).toEqual({ name: 'shop-prod-order-placed', kms_master_key_id: 'alias/aws/sns' });
  });

  it('is one stack named after the primary region', () => {
    expect(Object.keys(renderTfConfigs(levelPlan(7)))).toEqual(['shop-production-us-east-1']);
    expect(new BlueprintStack(new App({ outdir: tmpdir() }), { plan: levelPlan(7) }).node.id).toBe('shop-production-us-east-1');
  });
});
