import { cfnDomainClaims, tfDomainClaims } from './domain-names';

// Which physical names each engine's output claims, and where AWS requires them to be unique. Two
// blueprints in one account (two applications, or staging beside production) must never claim the
// same name: the second deploy would fail ("already exists"). The tables are data, and every resource
// type either engine emits must be in one of them, so a new type forces a decision.

/**
 * Where AWS requires a name to be unique: per account and region, per account (IAM, CloudFront), in all of AWS
 * (S3 buckets, CloudFront aliases), or in the hosted zone that holds it (Route 53 records; see domain-names.ts).
 */
export type NameScope = 'region' | 'account' | 'global' | 'zone';

/** A name one resource claims. */
export interface NameClaim {
  readonly engine: 'cloudformation' | 'terraform';
  /** The stack (CloudFormation) or configuration (Terraform) that claims it. */
  readonly stack: string;
  /** Logical id or Terraform address. */
  readonly resource: string;
  readonly type: string;
  readonly name: string;
  readonly scope: NameScope;
  /** The region the name is claimed in ('' for account, global and zone scopes). */
  readonly region: string;
}

/** A type whose resources carry a physical name at `path`, unique within `scope`. */
interface NamedType {
  readonly path: string;
  readonly scope: NameScope;
}

/**
 * CloudFormation types whose name tierup sets (or aws-cdk-lib sets from the construct path). Uniqueness:
 * S3 bucket names are global (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html),
 * IAM names per account (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html),
 * CloudFront's per account; the rest per account and region, as each service's API reference says.
 */
export const CFN_NAMED_TYPES: Readonly<Record<string, NamedType>> = {
  'AWS::S3::Bucket': { path: 'BucketName', scope: 'global' },
  'AWS::IAM::Role': { path: 'RoleName', scope: 'account' },
  'AWS::IAM::InstanceProfile': { path: 'InstanceProfileName', scope: 'account' },
  'AWS::CloudFront::OriginAccessControl': { path: 'OriginAccessControlConfig.Name', scope: 'account' },
  'AWS::EC2::LaunchTemplate': { path: 'LaunchTemplateName', scope: 'region' },
  'AWS::RDS::DBInstance': { path: 'DBInstanceIdentifier', scope: 'region' },
  'AWS::RDS::DBProxy': { path: 'DBProxyName', scope: 'region' },
  'AWS::RDS::DBSubnetGroup': { path: 'DBSubnetGroupName', scope: 'region' },
  'AWS::RDS::DBParameterGroup': { path: 'DBParameterGroupName', scope: 'region' },
  'AWS::ElastiCache::ReplicationGroup': { path: 'ReplicationGroupId', scope: 'region' },
  'AWS::ElastiCache::SubnetGroup': { path: 'CacheSubnetGroupName', scope: 'region' },
  'AWS::ElastiCache::GlobalReplicationGroup': { path: 'GlobalReplicationGroupIdSuffix', scope: 'account' },
  'AWS::ElasticLoadBalancingV2::LoadBalancer': { path: 'Name', scope: 'region' },
  'AWS::ElasticLoadBalancingV2::TargetGroup': { path: 'Name', scope: 'region' },
  'AWS::AutoScaling::AutoScalingGroup': { path: 'AutoScalingGroupName', scope: 'region' },
  'AWS::SQS::Queue': { path: 'QueueName', scope: 'region' },
  'AWS::SNS::Topic': { path: 'TopicName', scope: 'region' },
  'AWS::SSM::Parameter': { path: 'Name', scope: 'region' },
  'AWS::SecretsManager::Secret': { path: 'Name', scope: 'region' },
  'AWS::Logs::LogGroup': { path: 'LogGroupName', scope: 'region' },
  'AWS::Lambda::Function': { path: 'FunctionName', scope: 'region' },
  'AWS::CloudWatch::Alarm': { path: 'AlarmName', scope: 'region' },
  // As in Terraform below: composite alarm names and KMS aliases per account and region, dashboards and Chatbot configurations per account.
  'AWS::CloudWatch::CompositeAlarm': { path: 'AlarmName', scope: 'region' },
  'AWS::KMS::Alias': { path: 'AliasName', scope: 'region' },
  'AWS::CloudWatch::Dashboard': { path: 'DashboardName', scope: 'account' },
  'AWS::Chatbot::SlackChannelConfiguration': { path: 'ConfigurationName', scope: 'account' },
  'AWS::EC2::SecurityGroup': { path: 'GroupName', scope: 'region' },
};

/**
 * CloudFormation types that have no physical name of their own, or whose name is scoped to a parent
 * resource (a policy in its role, a record set in its zone, a target group of a proxy).
 */
export const CFN_UNNAMED_TYPES: readonly string[] = [
  // A lifecycle policy has a description, no name.
  'AWS::DLM::LifecyclePolicy',
  'AWS::AutoScaling::ScalingPolicy', 'AWS::AutoScaling::ScheduledAction', 'AWS::CloudFormation::Stack',
  'AWS::CloudFront::Distribution', 'AWS::EC2::EIP', 'AWS::EC2::FlowLog', 'AWS::EC2::Instance', 'AWS::EC2::InternetGateway',
  'AWS::EC2::NatGateway', 'AWS::EC2::Route', 'AWS::EC2::RouteTable', 'AWS::EC2::SecurityGroupEgress', 'AWS::EC2::SecurityGroupIngress',
  'AWS::EC2::Subnet', 'AWS::EC2::SubnetRouteTableAssociation', 'AWS::EC2::VPC', 'AWS::EC2::VPCEndpoint', 'AWS::EC2::VPCGatewayAttachment',
  'AWS::EC2::Volume', 'AWS::EC2::VolumeAttachment', 'AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancingV2::ListenerRule',
  'AWS::IAM::Policy', 'AWS::RDS::DBProxyTargetGroup', 'AWS::Route53::HealthCheck', 'AWS::Route53::RecordSet', 'AWS::S3::BucketPolicy',
  'AWS::SNS::Subscription', 'AWS::SNS::TopicPolicy', 'AWS::SQS::QueuePolicy', 'AWS::SecretsManager::ResourcePolicy',
  'AWS::SecretsManager::RotationSchedule', 'AWS::SecretsManager::SecretTargetAttachment', 'AWS::Serverless::Application',
  'AWS::Lambda::Permission', 'AWS::KMS::Key', 'AWS::Logs::MetricFilter', 'AWS::S3::BucketReplication', 'Custom::AWS', 'Custom::S3AutoDeleteObjects', 'AWS::CDK::Metadata',
  // A certificate is found by its ARN; CDK's cross-region references write SSM parameters under the consuming stack's name.
  'AWS::CertificateManager::Certificate', 'Custom::CrossRegionExportReader', 'Custom::CrossRegionExportWriter',
];

/** Terraform arguments that hold a physical name (`name_prefix` never collides: Terraform appends a unique suffix). */
export const TF_NAME_ARGUMENTS: readonly string[] = [
  'name', 'identifier', 'bucket', 'replication_group_id', 'user_id', 'user_group_id', 'global_replication_group_id_suffix', 'function_name',
  'alarm_name', 'dashboard_name', 'configuration_name',
];

/** Terraform types with a physical name, and where it must be unique (as in {@link CFN_NAMED_TYPES}). */
export const TF_NAMED_TYPES: Readonly<Record<string, NameScope>> = {
  aws_s3_bucket: 'global',
  aws_iam_role: 'account', aws_iam_instance_profile: 'account', aws_iam_policy: 'account',
  aws_cloudfront_origin_access_control: 'account', aws_elasticache_global_replication_group: 'account',
  aws_db_instance: 'region', aws_db_proxy: 'region', aws_db_subnet_group: 'region', aws_db_parameter_group: 'region',
  aws_elasticache_replication_group: 'region', aws_elasticache_subnet_group: 'region', aws_elasticache_user: 'region',
  aws_elasticache_user_group: 'region', aws_lb: 'region', aws_lb_target_group: 'region', aws_autoscaling_group: 'region',
  aws_launch_template: 'region', aws_sqs_queue: 'region', aws_sns_topic: 'region', aws_ssm_parameter: 'region',
  aws_secretsmanager_secret: 'region', aws_cloudwatch_log_group: 'region', aws_security_group: 'region',
  aws_serverlessapplicationrepository_cloudformation_stack: 'region',
  // Alarm names and KMS aliases are unique per account and region, dashboards and Chatbot configurations per account.
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
  // https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutDashboard.html
  // https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html
  // https://docs.aws.amazon.com/chatbot/latest/APIReference/API_CreateSlackChannelConfiguration.html
  aws_cloudwatch_metric_alarm: 'region', aws_cloudwatch_composite_alarm: 'region', aws_kms_alias: 'region',
  aws_cloudwatch_dashboard: 'account', aws_chatbot_slack_channel_configuration: 'account',
};

/** Terraform types without a physical name of their own, or named within a parent (a policy of an Auto Scaling group, a DNS record). */
export const TF_UNNAMED_TYPES: readonly string[] = [
  'aws_dlm_lifecycle_policy',
  'aws_autoscaling_policy', 'aws_autoscaling_schedule', 'aws_cloudfront_distribution', 'aws_db_proxy_default_target_group',
  'aws_db_proxy_target', 'aws_ebs_volume', 'aws_eip', 'aws_flow_log', 'aws_iam_role_policy', 'aws_iam_role_policy_attachment', 'aws_instance',
  'aws_internet_gateway', 'aws_lb_listener', 'aws_lb_listener_rule', 'aws_nat_gateway', 'aws_route', 'aws_route53_health_check', 'aws_route53_record',
  'aws_route_table', 'aws_route_table_association', 'aws_s3_bucket_lifecycle_configuration', 'aws_s3_bucket_logging', 'aws_s3_bucket_ownership_controls',
  'aws_s3_bucket_policy', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_replication_configuration',
  'aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_versioning', 'aws_secretsmanager_secret_rotation',
  'aws_secretsmanager_secret_version', 'aws_sns_topic_policy', 'aws_sns_topic_subscription', 'aws_sqs_queue_policy', 'aws_subnet',
  'aws_volume_attachment', 'aws_vpc', 'aws_vpc_endpoint', 'aws_vpc_security_group_egress_rule', 'aws_vpc_security_group_ingress_rule',
  'aws_sqs_queue_redrive_policy', 'aws_sqs_queue_redrive_allow_policy',
  // A certificate is named by its domain (any number per account), its validation by the certificate.
  'aws_acm_certificate', 'aws_acm_certificate_validation',
  // A key has no name (its alias has); a metric filter's name is unique within its log group only.
  'aws_kms_key', 'aws_cloudwatch_log_metric_filter',
  // Terraform's own: a value in the state, nothing in the account.
  'terraform_data',
];

/** A CloudFormation template, as far as names go. */
export interface NamedTemplate {
  readonly Resources: Readonly<Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }>>;
}

/** A Terraform configuration, as far as names go. */
export interface NamedConfig {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>>;
  readonly provider?: unknown;
  readonly [block: string]: unknown;
}

/** Where the account is: pseudo parameters resolve to these, so names built from them compare. */
export interface AccountContext {
  readonly accountId: string;
  readonly partition: string;
}

/**
 * The names a CloudFormation template claims in `region` (its CloudFront aliases and Route 53 records too, see domain-names.ts). Names made of literals and pseudo parameters
 * are resolved; a name that refers to another resource (or that CloudFormation generates, when the
 * property is absent) is unique by construction and not listed.
 */
export function cfnNameClaims(stack: string, region: string, template: NamedTemplate, account: AccountContext): NameClaim[] {
  return [...Object.entries(template.Resources).flatMap(([resource, { Type: type, Properties: properties }]): NameClaim[] => {
    const named = CFN_NAMED_TYPES[type];
    if (named === undefined) return [];
    const name = resolveCfn(valueAt(properties ?? {}, named.path), region, account);
    return name === null ? [] : [{ engine: 'cloudformation', stack, resource, type, name, scope: named.scope, region: named.scope === 'region' ? region : '' }];
  }), ...cfnDomainClaims(stack, template)];
}

/** The names a Terraform configuration claims, each in the region of its provider. */
export function tfNameClaims(stack: string, config: NamedConfig, account: AccountContext): NameClaim[] {
  const regions = providerRegions(config.provider);
  return [...tfResourceNameClaims(stack, config, account, regions), ...tfDomainClaims(stack, config)];
}

function tfResourceNameClaims(stack: string, config: NamedConfig, account: AccountContext, regions: Map<string, string>): NameClaim[] {
  return Object.entries(config.resource ?? {}).flatMap(([type, byName]) => {
    const scope = TF_NAMED_TYPES[type];
    if (scope === undefined) return [];
    return Object.entries(byName).flatMap(([tfName, body]) => {
      const region = regions.get(typeof body.provider === 'string' ? body.provider : 'aws') ?? '';
      return TF_NAME_ARGUMENTS.filter((argument) => typeof body[argument] === 'string').flatMap((argument) => {
        const name = resolveTf(body[argument] as string, account);
        return name === null ? [] : [{ engine: 'terraform' as const, stack, resource: `${type}.${tfName}`, type, name, scope, region: scope === 'region' ? region : '' }];
      });
    });
  });
}

/** Names claimed more than once in the same place, by resources of the same kind, with every claimant. */
export function nameCollisions(claims: readonly NameClaim[]): NameClaim[][] {
  const byKey = new Map<string, NameClaim[]>();
  for (const claim of claims) {
    const key = `${claim.engine}\u0000${claim.type}\u0000${claim.scope}\u0000${claim.region}\u0000${claim.name}`;
    byKey.set(key, [...(byKey.get(key) ?? []), claim]);
  }
  return [...byKey.values()].filter((group) => group.length > 1);
}

function valueAt(properties: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((value, key) => (value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined), properties);
}

/** A string from literals, `Fn::Join` and pseudo parameters; null when the value refers to a resource or is absent. */
function resolveCfn(value: unknown, region: string, account: AccountContext): string | null {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return null;
  const object = value as Record<string, unknown>;
  const pseudo: Record<string, string> = { 'AWS::AccountId': account.accountId, 'AWS::Region': region, 'AWS::Partition': account.partition, 'AWS::URLSuffix': 'amazonaws.com' };
  if (typeof object.Ref === 'string') return pseudo[object.Ref] ?? null;
  const join = object['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    const parts = (join[1] as unknown[]).map((part) => resolveCfn(part, region, account));
    return parts.every((part): part is string => part !== null) ? parts.join(join[0]) : null;
  }
  return null;
}

/** A Terraform string with the account id resolved; null when it interpolates anything else. */
function resolveTf(value: string, account: AccountContext): string | null {
  const resolved = value.replace(/\$\{data\.aws_caller_identity\.[a-z0-9_]+\.account_id\}/g, account.accountId);
  return resolved.includes('${') ? null : resolved;
}

/** Provider (`aws` or `aws.<alias>`) → region, from the configuration's provider blocks. */
function providerRegions(providers: unknown): Map<string, string> {
  const blocks = (providers as { aws?: readonly { region?: string; alias?: string }[] } | undefined)?.aws ?? [];
  return new Map(blocks.map((block) => [block.alias === undefined ? 'aws' : `aws.${block.alias}`, block.region ?? ''] as const));
}
