import { Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/** Why tierup accepts one cdk-nag AwsSolutions finding on the resources of one construct. */
export interface NagAcknowledgement {
  /** The rule, e.g. `AwsSolutions-RDS11`; findings of granular rules (IAM4, IAM5) add `[<finding>]` when acknowledged. */
  readonly rule: string;
  /** Where tierup acknowledges it, in words (for docs/security.md). */
  readonly where: string;
  /** The reason a security reviewer reads, recorded in the template's `cdk_nag` metadata. */
  readonly reason: string;
}

/**
 * Every acknowledgement tierup makes, as data: the constructs apply them to the resources they create
 * (with {@link acknowledge}), and docs/security.md lists them (a test keeps the two in sync).
 */
export const NAG_ACKNOWLEDGEMENTS = {
  ssmManagedPolicy: {
    rule: 'AwsSolutions-IAM4',
    where: 'instance roles (server, fleets, workers): AmazonSSMManagedInstanceCore',
    reason: 'AmazonSSMManagedInstanceCore is the AWS-maintained minimum for the SSM Agent and Session Manager, which replace SSH (no key pair, no port 22); a hand-copied policy would drift from what the agent needs.',
  },
  replicationObjectsWildcard: {
    rule: 'AwsSolutions-IAM5',
    where: 'the static-assets replication role (level 7): object actions on the source and replica buckets',
    reason: 'S3 replication reads every object version of the static-assets bucket and writes every replicated object into each replica bucket, so its object actions name `<bucket>/*`; the role has no other object permission, and only s3.amazonaws.com can assume it.',
  },
  appSettingsPath: {
    rule: 'AwsSolutions-IAM5',
    where: 'instance roles: ssm:GetParameter* on the app\'s own parameter path',
    reason: 'Read-only ssm:GetParameter, GetParameters and GetParametersByPath on the app\'s own path (<prefix>/*): the instance loads every setting under its prefix at boot, which needs the path wildcard; no other path is readable.',
  },
  lookupListsAnyResource: {
    rule: 'AwsSolutions-IAM5',
    where: 'prefix-list lookups (CloudFront outside the known regions, Route 53 health checkers at level 7)',
    reason: 'ec2:DescribeManagedPrefixLists supports no resource-level permissions (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html); the policy allows that one read-only action and nothing else.',
  },
  lookupProviderLogs: {
    rule: 'AwsSolutions-IAM4',
    where: 'the provider function of the prefix-list lookups (aws-cdk-lib AwsCustomResource)',
    reason: 'aws-cdk-lib\'s AwsCustomResource provider uses AWSLambdaBasicExecutionRole only to write its own CloudWatch logs; the SDK call it makes is allowed by a separate, single-action policy.',
  },
  ecrAuthorizationToken: {
    rule: 'AwsSolutions-IAM5',
    where: 'instance roles of tiers that run a private ECR image: ecr:GetAuthorizationToken',
    reason: 'ecr:GetAuthorizationToken supports no resource-level permissions (https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-pull.html#image-pull-iam); the image layers themselves are readable from the one repository the blueprint names only.',
  },
  snapshotServiceRole: {
    rule: 'AwsSolutions-IAM4',
    where: 'the level-1 data volume\'s snapshot role (Data Lifecycle Manager)',
    reason: 'AWSDataLifecycleManagerServiceRole is the AWS-maintained policy Data Lifecycle Manager documents for EBS snapshot policies (https://docs.aws.amazon.com/ebs/latest/userguide/service-role.html); only dlm.amazonaws.com can assume the role.',
  },
  serverOpenToWeb: {
    rule: 'AwsSolutions-EC23',
    where: 'the level 1-3 server\'s security group',
    reason: 'Levels 1-3 serve the web from this one instance: only HTTP and HTTPS (80, 443) are open to the internet; there is no SSH or any other port (Session Manager is the way in).',
  },
  loadBalancerOpenToWeb: {
    rule: 'AwsSolutions-EC23',
    where: 'the load balancer\'s security group, when the CDN is off',
    reason: 'Without CloudFront the load balancer is the public entry point: only its listeners\' ports (80, and 443 with a domain) are open to the internet, and instances accept traffic only from the load balancer. With the CDN on it admits CloudFront\'s origin-facing prefix list only.',
  },
  serverTerminationProtection: {
    rule: 'AwsSolutions-EC29',
    where: 'the level 1-3 server instance',
    reason: 'Termination protection would make the level-4 climb fail, since that update removes this instance. The data survives without it: on a retained EBS volume at level 1, in RDS from level 2, and a CloudWatch alarm recovers the instance on hardware failure.',
  },
  scalingNotifications: {
    rule: 'AwsSolutions-AS3',
    where: 'Auto Scaling groups (fleets, workers)',
    reason: 'Scaling activity is kept in the group\'s activity history and CloudWatch metrics; notifications need a subscriber tierup cannot know, so alerting is left to the team\'s own monitoring.',
  },
  databaseDefaultPort: {
    rule: 'AwsSolutions-RDS11',
    where: 'RDS primaries and replicas',
    reason: 'The engine\'s default port keeps every driver and tool working unchanged; a different port is obscurity, not access control: the security group admits the app tier only, and TLS plus secret or IAM authentication are required.',
  },
  replicaInheritsEncryption: {
    rule: 'AwsSolutions-RDS2',
    where: 'same-region read replicas',
    reason: 'A read replica inherits storage encryption from its encrypted primary; CloudFormation rejects StorageEncrypted on a replica.',
  },
  regionalReplicaEncryptedByKey: {
    rule: 'AwsSolutions-RDS2',
    where: 'cross-region read replicas (level 7)',
    reason: 'The replica is encrypted with this region\'s KMS key (KmsKeyId), which is how RDS encrypts a cross-region replica; CloudFormation rejects StorageEncrypted on a replica.',
  },
  replicaSingleAz: {
    rule: 'AwsSolutions-RDS3',
    where: 'read replicas',
    reason: 'Read replicas serve reads only: availability of writes comes from the primary (Multi-AZ in production), and a lost replica is rebuilt from the primary while the others keep serving.',
  },
  databaseSingleAzOutsideProduction: {
    rule: 'AwsSolutions-RDS3',
    where: 'RDS primaries outside production',
    reason: 'Multi-AZ doubles the instance cost; tierup turns it on in production only, and this blueprint\'s environment is not production.',
  },
  deletionProtectionOutsideProduction: {
    rule: 'AwsSolutions-RDS10',
    where: 'RDS instances outside production',
    reason: 'Deletion protection is on in production only, so staging and development stacks can be deleted; the database\'s removal policy still takes a final snapshot where the plan says so.',
  },
  cacheDefaultPort: {
    rule: 'AwsSolutions-AEC5',
    where: 'ElastiCache replication groups',
    reason: 'The engine\'s default port keeps every client working unchanged; the security group admits the app tier only, and TLS plus an AUTH token are required.',
  },
  cacheSingleNode: {
    rule: 'AwsSolutions-AEC4',
    where: 'ElastiCache replication groups without replicas',
    reason: 'Multi-AZ needs a replica, and this blueprint sets `cache.replicas: 0`: a cache loss costs cache misses, served from the database, not data.',
  },
  authTokenRotation: {
    rule: 'AwsSolutions-SMG4',
    where: 'ElastiCache AUTH token secrets',
    reason: 'ElastiCache has no managed rotation for AUTH tokens: a rotation is ModifyReplicationGroup with AuthTokenUpdateStrategy ROTATE, then SET once every client uses the new token, which no generic rotation function can coordinate; docs/security.md gives the runbook.',
  },
  accessLogBucketNotLogged: {
    rule: 'AwsSolutions-S1',
    where: 'the access-log bucket',
    reason: 'This bucket is where the load balancer, CloudFront and S3 write their access logs; it cannot log to itself, and logging it into yet another bucket would only move the question.',
  },
  distributionGeoRestriction: {
    rule: 'AwsSolutions-CFR1',
    where: 'the CloudFront distribution',
    reason: 'Where the app may be served is a business decision the blueprint does not make; none is restricted.',
  },
  distributionWaf: {
    rule: 'AwsSolutions-CFR2',
    where: 'the CloudFront distribution',
    reason: 'A web ACL\'s rules depend on the app and cost per request; attach one with `webAclId` when the team has chosen its rules.',
  },
  distributionDefaultCertificate: {
    rule: 'AwsSolutions-CFR4',
    where: 'the CloudFront distribution, without a domain',
    reason: 'Without `domain` tierup has no name to hold a certificate for, so viewers use the default *.cloudfront.net certificate, with which CloudFront fixes the minimum protocol itself (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html); HTTP is redirected to HTTPS.',
  },
  originOverHttp: {
    rule: 'AwsSolutions-CFR5',
    where: 'the CloudFront distribution, without a domain',
    reason: 'CloudFront reaches the load balancer over HTTP because, without `domain`, there is no name to put a certificate on it (with one it uses HTTPS to the origin name); the load balancer admits only CloudFront\'s origin-facing prefix list, so the hop stays on AWS\'s network, and viewers use HTTPS.',
  },
  originSecretRotation: {
    rule: 'AwsSolutions-SMG4',
    where: 'origin secrets (the header CloudFront sends and the origin requires)',
    reason: 'Rotation is `cdn.originSecretVersion`: raising it makes CloudFront send the next version, which the origin has accepted since it was created a rotation early, keeps the previous one accepted and creates the one after, so no request is refused while CloudFront\'s edges update. An automatic rotation function would change the value outside CloudFormation, where CloudFront\'s header and the load balancer\'s rules could not follow it.',
  },
  hostedZoneLookupAnyResource: {
    rule: 'AwsSolutions-IAM5',
    where: 'the hosted-zone lookup (a domain without `hostedZoneId`)',
    reason: 'route53:ListHostedZonesByName supports no resource-level permissions (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53.html); the policy allows that one read-only action and nothing else.',
  },
  dnsChangeAnyResource: {
    rule: 'AwsSolutions-IAM5',
    where: 'the level 1-3 server\'s role with a domain: route53:ListHostedZones and route53:GetChange',
    reason: 'ListHostedZones supports no resource-level permissions, and GetChange names a change only known once certbot has made it (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53.html); both are read-only, and the one write the role may make is limited to the challenge record by conditions.',
  },
  agentLogStreams: {
    rule: 'AwsSolutions-IAM5',
    where: 'instance roles: the CloudWatch agent\'s logs:CreateLogStream, PutLogEvents and DescribeLogStreams on the blueprint\'s log groups',
    reason: 'The CloudWatch agent writes one stream per instance, named when the instance starts, in the log groups this blueprint creates; `log-group:<name>:*` is the group\'s ARN as IAM policies name it, covering its streams (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogGroup.html). No other group is writable, and no group can be created, deleted or changed.',
  },
  agentMetricsAnyResource: {
    rule: 'AwsSolutions-IAM5',
    where: 'instance roles: the CloudWatch agent\'s cloudwatch:PutMetricData',
    reason: 'cloudwatch:PutMetricData supports no resource-level permissions; the statement\'s cloudwatch:namespace condition limits it to the agent\'s namespace, CWAgent (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/iam-cw-condition-keys-namespace.html).',
  },
  agentTagsAnyResource: {
    rule: 'AwsSolutions-IAM5',
    where: 'instance roles of fleets and workers: the CloudWatch agent\'s ec2:DescribeTags',
    reason: 'The CloudWatch agent names its metrics\' AutoScalingGroupName dimension from the instance\'s aws:autoscaling:groupName tag, which it reads with ec2:DescribeTags; that read-only action supports no resource-level permissions (https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html).',
  },
  crossRegionExportsLogs: {
    rule: 'AwsSolutions-IAM4',
    where: 'the provider functions of CDK\'s cross-region references (a domain outside us-east-1: CloudFront\'s certificate ARN)',
    reason: 'aws-cdk-lib\'s cross-region reference writer and reader functions use AWSLambdaBasicExecutionRole only to write their own CloudWatch logs; CDK creates them, with their code and role, when a stack reads a value of a stack in another region.',
  },
  crossRegionExportsParameters: {
    rule: 'AwsSolutions-IAM5',
    where: 'the provider functions of CDK\'s cross-region references: SSM parameters under /cdk/exports/',
    reason: 'aws-cdk-lib\'s cross-region references pass values through SSM parameters under /cdk/exports/ (the reader: under its own stack\'s name) whose names CDK derives at synthesis, so the writer\'s and reader\'s roles name that path with a wildcard; they may read, write and tag those parameters and nothing else.',
  },
} as const satisfies Record<string, NagAcknowledgement>;

/** Names of {@link NAG_ACKNOWLEDGEMENTS}. */
export type NagAcknowledgementName = keyof typeof NAG_ACKNOWLEDGEMENTS;

/**
 * Acknowledges one finding that several acknowledgements explain (a role's `Resource::*`, which cdk-nag reports once
 * whichever statements name `*`), with their reasons one after the other.
 */
export function acknowledgeTogether(scope: IConstruct, names: readonly NagAcknowledgementName[], finding: string): void {
  const [first] = names;
  const reason = names.map((name) => NAG_ACKNOWLEDGEMENTS[name].reason).join(' ');
  Validations.of(scope).acknowledge({ id: `${NAG_ACKNOWLEDGEMENTS[first].rule}[${finding}]`, reason });
}

/**
 * Acknowledges a finding on `scope` and every resource under it, with its recorded reason. `finding`
 * narrows a granular rule to one finding (`Resource::<arn>`), as cdk-nag names it.
 */
export function acknowledge(scope: IConstruct, name: NagAcknowledgementName, finding?: string): void {
  const { rule, reason } = NAG_ACKNOWLEDGEMENTS[name];
  Validations.of(scope).acknowledge({ id: finding === undefined ? rule : `${rule}[${finding}]`, reason });
}
