// The shop-4-fleet architecture (blueprints/shop-4-fleet.yaml, DESIGN.md §1 level 4) written by hand
// in cdktf with @cdktf/provider-aws, the way a cdktf user would: one stack, one resource per import
// path (as cdktf's docs import them), values inline. It is the baseline `npm run bench` times
// `tierup synth` against; see docs/performance.md.
import { App, Fn, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { AutoscalingSchedule } from '@cdktf/provider-aws/lib/autoscaling-schedule';
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DataAwsCloudfrontCachePolicy } from '@cdktf/provider-aws/lib/data-aws-cloudfront-cache-policy';
import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list';
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DataAwsSecretsmanagerRandomPassword } from '@cdktf/provider-aws/lib/data-aws-secretsmanager-random-password';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbProxy } from '@cdktf/provider-aws/lib/db-proxy';
import { DbProxyDefaultTargetGroup } from '@cdktf/provider-aws/lib/db-proxy-default-target-group';
import { DbProxyTarget } from '@cdktf/provider-aws/lib/db-proxy-target';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { SecretsmanagerSecret } from '@cdktf/provider-aws/lib/secretsmanager-secret';
import { SecretsmanagerSecretVersion } from '@cdktf/provider-aws/lib/secretsmanager-secret-version';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';

const PREFIX = '/tierup/shop/production';
const APP_PORT = 8080;
const DB_PORT = 5432;
const CACHE_PORT = 6379;
const WARMUP_SECONDS = 300;
const ZONES = [0, 1];

class ShopStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1', defaultTags: [{ tags: { team: 'web' } }] });
    const zones = new DataAwsAvailabilityZones(this, 'zones', { state: 'available' });
    const assumeBy = (service: string) => new DataAwsIamPolicyDocument(this, `assume_${service.split('.')[0]}`, {
      statement: [{ actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: [service] }] }],
    }).json;

    // Network: public, private (behind one NAT) and isolated subnets in two zones, flow logs.
    const vpc = new Vpc(this, 'vpc', { cidrBlock: '10.0.0.0/16', enableDnsHostnames: true, enableDnsSupport: true });
    const igw = new InternetGateway(this, 'igw', { vpcId: vpc.id });
    const subnets = (name: string, offset: number, newBits: number) => ZONES.map((zone) => new Subnet(this, `${name}_${zone}`, {
      vpcId: vpc.id,
      availabilityZone: Fn.element(zones.names, zone),
      cidrBlock: Fn.cidrsubnet(vpc.cidrBlock, newBits, offset + zone),
      tags: { Name: `shop-${name}-${zone}` },
    }));
    const publicSubnets = subnets('public', 0, 4);
    const privateSubnets = subnets('private', 1, 3);
    const isolatedSubnets = subnets('isolated', 8, 4);
    const publicRoutes = new RouteTable(this, 'public_routes', { vpcId: vpc.id });
    new Route(this, 'public_default', { routeTableId: publicRoutes.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });
    const natIp = new Eip(this, 'nat_ip', { domain: 'vpc' });
    const nat = new NatGateway(this, 'nat', { allocationId: natIp.id, subnetId: publicSubnets[0].id });
    const privateRoutes = new RouteTable(this, 'private_routes', { vpcId: vpc.id });
    new Route(this, 'private_default', { routeTableId: privateRoutes.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
    const isolatedRoutes = new RouteTable(this, 'isolated_routes', { vpcId: vpc.id });
    const associate = (name: string, list: Subnet[], table: RouteTable) => list.forEach((subnet, zone) =>
      new RouteTableAssociation(this, `${name}_${zone}`, { subnetId: subnet.id, routeTableId: table.id }));
    associate('public_association', publicSubnets, publicRoutes);
    associate('private_association', privateSubnets, privateRoutes);
    associate('isolated_association', isolatedSubnets, isolatedRoutes);
    const flowLogs = new CloudwatchLogGroup(this, 'flow_logs', { namePrefix: 'shop-flow-logs-', retentionInDays: 365 });
    const flowLogRole = new IamRole(this, 'flow_log_role', { assumeRolePolicy: assumeBy('vpc-flow-logs.amazonaws.com') });
    new IamRolePolicy(this, 'flow_log_policy', {
      role: flowLogRole.id,
      policy: new DataAwsIamPolicyDocument(this, 'flow_log_permissions', {
        statement: [{ actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], resources: [`${flowLogs.arn}:*`] }],
      }).json,
    });
    new FlowLog(this, 'flow_log', { vpcId: vpc.id, trafficType: 'ALL', logDestination: flowLogs.arn, iamRoleArn: flowLogRole.arn });

    // Security groups: CloudFront -> load balancer -> fleet -> proxy -> database; fleet -> cache.
    const group = (name: string, description: string) => new SecurityGroup(this, `${name}_sg`, { vpcId: vpc.id, namePrefix: `shop-${name}-`, description });
    const albSg = group('alb', 'HTTP from CloudFront only');
    const appSg = group('app', 'App port from the load balancer only');
    const dbSg = group('db', 'postgres from the app tier only');
    const proxySg = group('proxy', 'postgres from the app tier only');
    const cacheSg = group('cache', 'redis from the app tier only');
    const cloudFront = new DataAwsEc2ManagedPrefixList(this, 'cloudfront', { name: 'com.amazonaws.global.cloudfront.origin-facing' });
    new VpcSecurityGroupIngressRule(this, 'alb_from_cloudfront', { securityGroupId: albSg.id, prefixListId: cloudFront.id, ipProtocol: 'tcp', fromPort: 80, toPort: 80 });
    const allow = (name: string, from: SecurityGroup, to: SecurityGroup, port: number) => {
      new VpcSecurityGroupEgressRule(this, `${name}_egress`, { securityGroupId: from.id, referencedSecurityGroupId: to.id, ipProtocol: 'tcp', fromPort: port, toPort: port });
      new VpcSecurityGroupIngressRule(this, `${name}_ingress`, { securityGroupId: to.id, referencedSecurityGroupId: from.id, ipProtocol: 'tcp', fromPort: port, toPort: port });
    };
    allow('alb_to_app', albSg, appSg, APP_PORT);
    allow('app_to_proxy', appSg, proxySg, DB_PORT);
    allow('app_to_db', appSg, dbSg, DB_PORT);
    allow('proxy_to_db', proxySg, dbSg, DB_PORT);
    allow('app_to_cache', appSg, cacheSg, CACHE_PORT);
    new VpcSecurityGroupEgressRule(this, 'app_to_internet', { securityGroupId: appSg.id, cidrIpv4: '0.0.0.0/0', ipProtocol: '-1' });

    // Load balancer.
    const alb = new Lb(this, 'alb', {
      namePrefix: 'shop-', loadBalancerType: 'application', internal: false, securityGroups: [albSg.id],
      subnets: publicSubnets.map((subnet) => subnet.id), dropInvalidHeaderFields: true,
    });
    const targetGroup = new LbTargetGroup(this, 'app_targets', {
      namePrefix: 'app-', vpcId: vpc.id, port: APP_PORT, protocol: 'HTTP', targetType: 'instance', deregistrationDelay: '30',
      healthCheck: { path: '/health', matcher: '200-399', interval: 15, healthyThreshold: 2, unhealthyThreshold: 3 },
    });
    new LbListener(this, 'http', { loadBalancerArn: alb.arn, port: 80, protocol: 'HTTP', defaultAction: [{ type: 'forward', targetGroupArn: targetGroup.arn }] });

    // Fleet: launch template (IMDSv2, encrypted root, SSM role) and an Auto Scaling group in the private subnets.
    const appRole = new IamRole(this, 'app_role', { assumeRolePolicy: assumeBy('ec2.amazonaws.com') });
    new IamRolePolicyAttachment(this, 'app_ssm', { role: appRole.name, policyArn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore' });
    const profile = new IamInstanceProfile(this, 'app_profile', { role: appRole.name });
    const ami = new DataAwsSsmParameter(this, 'al2023', { name: '/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64' });
    const launchTemplate = new LaunchTemplate(this, 'app_launch_template', {
      namePrefix: 'shop-app-',
      imageId: ami.insecureValue,
      instanceType: 't3.small',
      iamInstanceProfile: { arn: profile.arn },
      vpcSecurityGroupIds: [appSg.id],
      metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled' },
      monitoring: { enabled: true },
      blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { volumeSize: 20, volumeType: 'gp3', encrypted: 'true' } }],
      userData: Fn.base64encode([
        '#!/bin/bash',
        'set -euo pipefail',
        'install -d -m 0750 /etc/tierup',
        `aws ssm get-parameters-by-path --region us-east-1 --path '${PREFIX}' --recursive --query 'Parameters[].[Name,Value]' --output text > /etc/tierup/app.env`,
      ].join('\n')),
    });
    const asg = new AutoscalingGroup(this, 'app_fleet', {
      namePrefix: 'shop-app-',
      minSize: 2,
      maxSize: 10,
      vpcZoneIdentifier: privateSubnets.map((subnet) => subnet.id),
      launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.toString() },
      targetGroupArns: [targetGroup.arn],
      healthCheckType: 'ELB',
      healthCheckGracePeriod: WARMUP_SECONDS,
      defaultInstanceWarmup: WARMUP_SECONDS,
      defaultCooldown: WARMUP_SECONDS,
      instanceRefresh: { strategy: 'Rolling', preferences: { minHealthyPercentage: 50, instanceWarmup: String(WARMUP_SECONDS) } },
      lifecycle: { ignoreChanges: ['desired_capacity'] },
    });
    new AutoscalingPolicy(this, 'app_cpu', {
      name: 'cpu', autoscalingGroupName: asg.name, policyType: 'TargetTrackingScaling', estimatedInstanceWarmup: WARMUP_SECONDS,
      targetTrackingConfiguration: { targetValue: 60, predefinedMetricSpecification: { predefinedMetricType: 'ASGAverageCPUUtilization' } },
    });
    new AutoscalingPolicy(this, 'app_requests', {
      name: 'requests', autoscalingGroupName: asg.name, policyType: 'TargetTrackingScaling', estimatedInstanceWarmup: WARMUP_SECONDS,
      targetTrackingConfiguration: {
        targetValue: 1000,
        predefinedMetricSpecification: {
          predefinedMetricType: 'ALBRequestCountPerTarget',
          resourceLabel: `${alb.arnSuffix}/${targetGroup.arnSuffix}`,
        },
      },
    });
    new AutoscalingSchedule(this, 'app_weekday_peak', {
      scheduledActionName: 'weekday-peak', autoscalingGroupName: asg.name, recurrence: '30 8 * * MON-FRI', timeZone: 'UTC',
      minSize: 6, maxSize: -1, desiredCapacity: -1,
    });

    // Database: PostgreSQL primary (Multi-AZ, RDS-managed rotated password), two read replicas, RDS Proxy.
    const dbSubnets = new DbSubnetGroup(this, 'db_subnets', { namePrefix: 'shop-db-', subnetIds: isolatedSubnets.map((subnet) => subnet.id) });
    const dbParameters = new DbParameterGroup(this, 'db_parameters', {
      namePrefix: 'shop-db-', family: 'postgres16', parameter: [{ name: 'rds.force_ssl', value: '1' }],
    });
    const db = new DbInstance(this, 'db', {
      identifier: 'shop-prod-db',
      engine: 'postgres',
      engineVersion: '16.4',
      instanceClass: 'db.t4g.medium',
      allocatedStorage: 100,
      storageType: 'gp3',
      storageEncrypted: true,
      username: 'tierup',
      manageMasterUserPassword: true,
      port: DB_PORT,
      multiAz: true,
      dbSubnetGroupName: dbSubnets.name,
      parameterGroupName: dbParameters.name,
      vpcSecurityGroupIds: [dbSg.id],
      backupRetentionPeriod: 7,
      copyTagsToSnapshot: true,
      deletionProtection: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: 'shop-prod-db-final',
      iamDatabaseAuthenticationEnabled: true,
      caCertIdentifier: 'rds-ca-rsa2048-g1',
      enabledCloudwatchLogsExports: ['postgresql', 'upgrade'],
      autoMinorVersionUpgrade: true,
      publiclyAccessible: false,
      lifecycle: { preventDestroy: true },
    });
    const replicas = [1, 2].map((n) => new DbInstance(this, `db_replica_${n}`, {
      identifier: `shop-prod-db-replica-${n}`,
      replicateSourceDb: db.identifier,
      instanceClass: 'db.t4g.medium',
      vpcSecurityGroupIds: [dbSg.id],
      storageEncrypted: true,
      skipFinalSnapshot: true,
      caCertIdentifier: 'rds-ca-rsa2048-g1',
      autoMinorVersionUpgrade: true,
      publiclyAccessible: false,
    }));
    const masterSecretArn = db.masterUserSecret.get(0).secretArn;
    const proxyRole = new IamRole(this, 'db_proxy_role', { assumeRolePolicy: assumeBy('rds.amazonaws.com') });
    new IamRolePolicy(this, 'db_proxy_secret', {
      role: proxyRole.id,
      policy: new DataAwsIamPolicyDocument(this, 'db_proxy_permissions', {
        statement: [{ actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: [masterSecretArn] }],
      }).json,
    });
    const proxy = new DbProxy(this, 'db_proxy', {
      name: 'shop-prod-db-proxy', engineFamily: 'POSTGRESQL', requireTls: true, roleArn: proxyRole.arn,
      vpcSubnetIds: isolatedSubnets.map((subnet) => subnet.id), vpcSecurityGroupIds: [proxySg.id],
      auth: [{ authScheme: 'SECRETS', iamAuth: 'DISABLED', secretArn: masterSecretArn }],
    });
    const proxyTargets = new DbProxyDefaultTargetGroup(this, 'db_proxy_targets', { dbProxyName: proxy.name });
    new DbProxyTarget(this, 'db_proxy_target', { dbProxyName: proxy.name, targetGroupName: proxyTargets.name, dbInstanceIdentifier: db.identifier });

    // Cache: Redis replication group with TLS, encryption at rest, AUTH token in Secrets Manager, failover.
    const cacheSubnets = new ElasticacheSubnetGroup(this, 'cache_subnets', { name: 'shop-prod-cache', subnetIds: isolatedSubnets.map((subnet) => subnet.id) });
    const authToken = new SecretsmanagerSecret(this, 'cache_auth_token', { namePrefix: 'shop-prod-cache-auth-' });
    const authTokenValue = new DataAwsSecretsmanagerRandomPassword(this, 'cache_auth_token_value', { passwordLength: 64, excludePunctuation: true });
    new SecretsmanagerSecretVersion(this, 'cache_auth_token_version', {
      secretId: authToken.id, secretString: authTokenValue.randomPassword, lifecycle: { ignoreChanges: ['secret_string'] },
    });
    const cache = new ElasticacheReplicationGroup(this, 'cache', {
      replicationGroupId: 'shop-prod-cache',
      description: 'redis for the app (cache-aside)',
      engine: 'redis',
      engineVersion: '7.1',
      nodeType: 'cache.t4g.small',
      numCacheClusters: 2,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      port: CACHE_PORT,
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: 'true',
      authToken: authTokenValue.randomPassword,
      subnetGroupName: cacheSubnets.name,
      securityGroupIds: [cacheSg.id],
      lifecycle: { preventDestroy: true, ignoreChanges: ['auth_token'] },
    });

    // CDN: CloudFront over HTTPS in front of the load balancer, static assets from a private bucket (OAC).
    const assets = new S3Bucket(this, 'static_assets', { bucketPrefix: 'shop-static-', lifecycle: { preventDestroy: true } });
    new S3BucketPublicAccessBlock(this, 'static_assets_public_access', {
      bucket: assets.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'static_assets_ownership', { bucket: assets.id, rule: { objectOwnership: 'BucketOwnerEnforced' } });
    new S3BucketServerSideEncryptionConfigurationA(this, 'static_assets_encryption', {
      bucket: assets.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    });
    new S3BucketVersioningA(this, 'static_assets_versioning', { bucket: assets.id, versioningConfiguration: { status: 'Enabled' } });
    const oac = new CloudfrontOriginAccessControl(this, 'static_assets_oac', {
      name: 'shop-static-assets', originAccessControlOriginType: 's3', signingBehavior: 'always', signingProtocol: 'sigv4',
    });
    const cachingDisabled = new DataAwsCloudfrontCachePolicy(this, 'caching_disabled', { name: 'Managed-CachingDisabled' });
    const cachingOptimized = new DataAwsCloudfrontCachePolicy(this, 'caching_optimized', { name: 'Managed-CachingOptimized' });
    const cdn = new CloudfrontDistribution(this, 'cdn', {
      enabled: true,
      priceClass: 'PriceClass_100',
      origin: [
        { originId: 'alb', domainName: alb.dnsName, customOriginConfig: { httpPort: 80, httpsPort: 443, originProtocolPolicy: 'http-only', originSslProtocols: ['TLSv1.2'] } },
        { originId: 'static', domainName: assets.bucketRegionalDomainName, originAccessControlId: oac.id },
      ],
      defaultCacheBehavior: {
        targetOriginId: 'alb', viewerProtocolPolicy: 'redirect-to-https', cachePolicyId: cachingDisabled.id,
        allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'], cachedMethods: ['GET', 'HEAD'],
      },
      orderedCacheBehavior: [{
        pathPattern: '/static/*', targetOriginId: 'static', viewerProtocolPolicy: 'redirect-to-https', cachePolicyId: cachingOptimized.id,
        allowedMethods: ['GET', 'HEAD'], cachedMethods: ['GET', 'HEAD'],
      }],
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      viewerCertificate: { cloudfrontDefaultCertificate: true },
    });
    new S3BucketPolicy(this, 'static_assets_policy', {
      bucket: assets.id,
      policy: new DataAwsIamPolicyDocument(this, 'static_assets_permissions', {
        statement: [
          {
            actions: ['s3:GetObject'], resources: [`${assets.arn}/*`],
            principals: [{ type: 'Service', identifiers: ['cloudfront.amazonaws.com'] }],
            condition: [{ test: 'StringEquals', variable: 'AWS:SourceArn', values: [cdn.arn] }],
          },
          {
            effect: 'Deny', actions: ['s3:*'], resources: [assets.arn, `${assets.arn}/*`],
            principals: [{ type: '*', identifiers: ['*'] }],
            condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
          },
        ],
      }).json,
    });

    // App settings in SSM Parameter Store, readable by the fleet with the secrets they point to.
    const settings: Record<string, string> = {
      'database/engine': 'postgres',
      'database/endpoint': db.address,
      'database/port': String(DB_PORT),
      'database/secret-arn': masterSecretArn,
      'database/reader-endpoints': Fn.join(',', replicas.map((replica) => replica.address)),
      'database/proxy-endpoint': proxy.endpoint,
      'cache/engine': 'redis',
      'cache/endpoint': cache.primaryEndpointAddress,
      'cache/reader-endpoint': cache.readerEndpointAddress,
      'cache/port': String(CACHE_PORT),
      'cache/auth-secret-arn': authToken.arn,
      'cache/strategy': 'cache-aside',
      'cache/ttl-seconds': '300',
      'cdn/domain-name': cdn.domainName,
      'cdn/static-assets-bucket': assets.bucket,
    };
    for (const [path, value] of Object.entries(settings)) {
      new SsmParameter(this, `param_${path.replace(/[/-]/g, '_')}`, { name: `${PREFIX}/${path}`, type: 'String', value });
    }
    new IamRolePolicy(this, 'app_settings', {
      role: appRole.id,
      policy: new DataAwsIamPolicyDocument(this, 'app_permissions', {
        statement: [
          { actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'], resources: [`arn:aws:ssm:us-east-1:*:parameter${PREFIX}/*`] },
          { actions: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], resources: [masterSecretArn, authToken.arn] },
        ],
      }).json,
    });

    new TerraformOutput(this, 'cdn_domain_name', { value: cdn.domainName });
    new TerraformOutput(this, 'vpc_id', { value: vpc.id });
  }
}

const app = new App();
new ShopStack(app, 'shop-production-us-east-1');
app.synth();
