/** Resources of one CloudFormation template (nested stacks are further entries of the set). */
export interface CensusTemplate {
  readonly Resources?: Readonly<Record<string, { readonly Type: string; readonly Properties?: Readonly<Record<string, unknown>> }>>;
}

/** Resources of one Terraform JSON configuration. */
export interface CensusConfig {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
}

/** What a kind of thing is in each target, and why their helper resources differ. */
export interface CensusKind {
  readonly kind: string;
  readonly cfnType: string;
  readonly tfType: string;
  /** When one type serves two kinds: does this resource's body belong to the kind? */
  readonly cfnMatches: (properties: Readonly<Record<string, unknown>>) => boolean;
  readonly tfMatches: (body: Readonly<Record<string, unknown>>) => boolean;
  /** Where one target needs a helper resource the other lacks, why. */
  readonly note: string;
}

const always = (): boolean => true;
const isCfnReplica = (properties: Readonly<Record<string, unknown>>): boolean => 'SourceDBInstanceIdentifier' in properties;
const isTfReplica = (body: Readonly<Record<string, unknown>>): boolean => 'replicate_source_db' in body;

/** The kinds counted in both targets; the parity test expects equal counts for each. */
export const CENSUS_KINDS: readonly CensusKind[] = [
  { kind: 'vpc', cfnType: 'AWS::EC2::VPC', tfType: 'aws_vpc', cfnMatches: always, tfMatches: always,
    note: 'Terraform spells out what aws-cdk-lib\'s Vpc hides (route tables, associations, the zone lookup)' },
  { kind: 'nat gateway', cfnType: 'AWS::EC2::NatGateway', tfType: 'aws_nat_gateway', cfnMatches: always, tfMatches: always, note: '' },
  { kind: 'server', cfnType: 'AWS::EC2::Instance', tfType: 'aws_instance', cfnMatches: always, tfMatches: always,
    note: 'the AMI comes from SSM in both: a template parameter in CloudFormation, a data source in Terraform' },
  { kind: 'data volume', cfnType: 'AWS::EC2::Volume', tfType: 'aws_ebs_volume', cfnMatches: always, tfMatches: always, note: '' },
  { kind: 'fleet', cfnType: 'AWS::AutoScaling::AutoScalingGroup', tfType: 'aws_autoscaling_group', cfnMatches: always, tfMatches: always,
    note: 'app, service and queue-worker groups alike' },
  { kind: 'scheduled action', cfnType: 'AWS::AutoScaling::ScheduledAction', tfType: 'aws_autoscaling_schedule', cfnMatches: always, tfMatches: always, note: '' },
  { kind: 'load balancer', cfnType: 'AWS::ElasticLoadBalancingV2::LoadBalancer', tfType: 'aws_lb', cfnMatches: always, tfMatches: always,
    note: 'Terraform reads the CloudFront and Route 53 health-checker prefix lists with a data source; CloudFormation needs a lookup custom resource (a Lambda function) for the latter' },
  { kind: 'target group', cfnType: 'AWS::ElasticLoadBalancingV2::TargetGroup', tfType: 'aws_lb_target_group', cfnMatches: always, tfMatches: always, note: '' },
  { kind: 'listener rule', cfnType: 'AWS::ElasticLoadBalancingV2::ListenerRule', tfType: 'aws_lb_listener_rule', cfnMatches: always, tfMatches: always, note: '' },
  { kind: 'database primary', cfnType: 'AWS::RDS::DBInstance', tfType: 'aws_db_instance',
    cfnMatches: (properties) => !isCfnReplica(properties), tfMatches: (body) => !isTfReplica(body),
    note: 'both keep the master credentials in a generated Secrets Manager secret rotated by AWS\'s single-user rotation application; Terraform writes the password to write-only arguments only, from an ephemeral resource' },
  { kind: 'read replica', cfnType: 'AWS::RDS::DBInstance', tfType: 'aws_db_instance', cfnMatches: isCfnReplica, tfMatches: isTfReplica,
    note: 'cross-region replicas included; Terraform looks up the region\'s RDS key with a data source' },
  { kind: 'proxy', cfnType: 'AWS::RDS::DBProxy', tfType: 'aws_db_proxy', cfnMatches: always, tfMatches: always, note: '' },
  { kind: 'cache', cfnType: 'AWS::ElastiCache::ReplicationGroup', tfType: 'aws_elasticache_replication_group', cfnMatches: always, tfMatches: always,
    note: 'CloudFormation generates an AUTH token in Secrets Manager; Terraform uses IAM authentication (ElastiCache users and a user group) so no token lands in its state' },
  { kind: 'distribution', cfnType: 'AWS::CloudFront::Distribution', tfType: 'aws_cloudfront_distribution', cfnMatches: always, tfMatches: always,
    note: 'Terraform configures the bucket with separate resources (public access block, encryption, versioning, ownership)' },
  { kind: 'queue', cfnType: 'AWS::SQS::Queue', tfType: 'aws_sqs_queue', cfnMatches: always, tfMatches: always, note: 'dead-letter queues included' },
  { kind: 'topic', cfnType: 'AWS::SNS::Topic', tfType: 'aws_sns_topic', cfnMatches: always, tfMatches: always, note: '' },
  { kind: 'health check', cfnType: 'AWS::Route53::HealthCheck', tfType: 'aws_route53_health_check', cfnMatches: always, tfMatches: always, note: '' },
  { kind: 'dns record', cfnType: 'AWS::Route53::RecordSet', tfType: 'aws_route53_record', cfnMatches: always,
    tfMatches: (body) => !String(body.name).includes('domain_validation_options'),
    note: 'the hosted zone is found by name (or id) in both; certificate validation records not counted: CloudFormation\'s certificate writes its own (DomainValidationOptions), Terraform declares them' },
  { kind: 'certificate', cfnType: 'AWS::CertificateManager::Certificate', tfType: 'aws_acm_certificate', cfnMatches: always, tfMatches: always,
    note: 'CloudFront\'s in us-east-1 (CloudFormation: its own stack when the primary region is another), each load balancer\'s in its region' },
  { kind: 'listener', cfnType: 'AWS::ElasticLoadBalancingV2::Listener', tfType: 'aws_lb_listener', cfnMatches: always, tfMatches: always, note: '' },
  { kind: 'scaling policy', cfnType: 'AWS::AutoScaling::ScalingPolicy', tfType: 'aws_autoscaling_policy', cfnMatches: always, tfMatches: always,
    note: 'target tracking (CPU, requests, backlog) and the slow scale-in step' },
  { kind: 'alarm', cfnType: 'AWS::CloudWatch::Alarm', tfType: 'aws_cloudwatch_metric_alarm', cfnMatches: always, tfMatches: always,
    note: 'the server\'s recovery alarm and each fleet\'s low-CPU scale-in alarm; target tracking manages its own alarms' },
  { kind: 'bucket', cfnType: 'AWS::S3::Bucket', tfType: 'aws_s3_bucket', cfnMatches: always, tfMatches: always,
    note: 'static assets, access logs and regional replicas; Terraform configures each with separate resources (public access block, encryption, versioning, ownership, lifecycle, policy)' },
  { kind: 'subscription', cfnType: 'AWS::SNS::Subscription', tfType: 'aws_sns_topic_subscription', cfnMatches: always, tfMatches: always, note: '' },
];

/** How many of each kind one target holds, in {@link CENSUS_KINDS} order. */
export type CensusCounts = Readonly<Record<string, number>>;

/** Counts the kinds in a CloudFormation template set (stack name → template, nested stacks included). */
export function cfnCensus(templates: Readonly<Record<string, CensusTemplate>>): CensusCounts {
  const resources = Object.values(templates).flatMap((template) => Object.values(template.Resources ?? {}));
  return Object.fromEntries(CENSUS_KINDS.map((kind) => [kind.kind,
    resources.filter((resource) => resource.Type === kind.cfnType && kind.cfnMatches(resource.Properties ?? {})).length]));
}

/** Counts the kinds in a Terraform configuration set (stack name → configuration). */
export function tfCensus(configs: Readonly<Record<string, CensusConfig>>): CensusCounts {
  return Object.fromEntries(CENSUS_KINDS.map((kind) => [kind.kind,
    Object.values(configs).flatMap((config) => Object.values(config.resource?.[kind.tfType] ?? {})).filter(kind.tfMatches).length]));
}

/** One row of the parity table. */
export interface CensusRow {
  readonly kind: string;
  readonly cfn: number;
  readonly tf: number;
  readonly note: string;
}

/** Both targets' counts side by side, one row per kind. */
export function census(templates: Readonly<Record<string, CensusTemplate>>, configs: Readonly<Record<string, CensusConfig>>): CensusRow[] {
  const cfn = cfnCensus(templates);
  const tf = tfCensus(configs);
  return CENSUS_KINDS.map((kind) => ({ kind: kind.kind, cfn: cfn[kind.kind], tf: tf[kind.kind], note: kind.note }));
}
