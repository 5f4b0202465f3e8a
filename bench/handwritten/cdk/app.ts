// The shop-4-fleet architecture (blueprints/shop-4-fleet.yaml, DESIGN.md §1 level 4) written by hand
// in aws-cdk-lib, the way a CDK user would: one stack, the L2 constructs, values inline. It is the
// baseline `npm run bench` times `tierup synth` against; see docs/performance.md.
import { App, CfnOutput, Duration, Fn, RemovalPolicy, Stack, Tags, type StackProps } from 'aws-cdk-lib';
import { AdditionalHealthCheckType, AutoScalingGroup, HealthChecks, Schedule, UpdatePolicy } from 'aws-cdk-lib/aws-autoscaling';
import { AllowedMethods, CachePolicy, Distribution, OriginProtocolPolicy, PriceClass, ViewerProtocolPolicy } from 'aws-cdk-lib/aws-cloudfront';
import { LoadBalancerV2Origin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { CfnReplicationGroup, CfnSubnetGroup } from 'aws-cdk-lib/aws-elasticache';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import type { Construct } from 'constructs';

const PREFIX = '/tierup/shop/production';
const APP_PORT = 8080;
const DB_PORT = 5432;
const CACHE_PORT = 6379;
const WARMUP = Duration.minutes(5);
// CloudFront's origin-facing prefix list in us-east-1.
const CLOUDFRONT_PREFIX_LIST = 'pl-3b927c52';

class ShopStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    Tags.of(this).add('team', 'web');

    // Network: public, private (behind one NAT) and isolated subnets in two zones, flow logs.
    const vpc = new ec2.Vpc(this, 'Network', {
      ipAddresses: ec2.IpAddresses.cidr('10.0.0.0/16'),
      maxAzs: 2,
      natGateways: 1,
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [
        { name: 'Public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 20, mapPublicIpOnLaunch: false },
        { name: 'Private', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 19 },
        { name: 'Isolated', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 20 },
      ],
    });
    const flowLogs = new LogGroup(this, 'FlowLogs', { retention: RetentionDays.ONE_YEAR, removalPolicy: RemovalPolicy.RETAIN });
    vpc.addFlowLog('FlowLog', { destination: ec2.FlowLogDestination.toCloudWatchLogs(flowLogs) });
    const isolated: ec2.SubnetSelection = { subnetGroupName: 'Isolated' };

    // Load balancer: reachable only from CloudFront.
    const albSg = new ec2.SecurityGroup(this, 'AlbSg', { vpc, description: 'HTTP from CloudFront only', allowAllOutbound: false });
    albSg.addIngressRule(ec2.Peer.prefixList(CLOUDFRONT_PREFIX_LIST), ec2.Port.tcp(80), 'CloudFront origin-facing');
    const alb = new elbv2.ApplicationLoadBalancer(this, 'Alb', {
      vpc, vpcSubnets: { subnetGroupName: 'Public' }, internetFacing: true, securityGroup: albSg, dropInvalidHeaderFields: true,
    });
    const targetGroup = new elbv2.ApplicationTargetGroup(this, 'AppTargets', {
      vpc, port: APP_PORT, protocol: elbv2.ApplicationProtocol.HTTP, targetType: elbv2.TargetType.INSTANCE,
      deregistrationDelay: Duration.seconds(30),
      healthCheck: { path: '/health', healthyHttpCodes: '200-399', interval: Duration.seconds(15), healthyThresholdCount: 2, unhealthyThresholdCount: 3 },
    });
    alb.addListener('Http', { port: 80, open: false, defaultAction: elbv2.ListenerAction.forward([targetGroup]) });

    // Fleet: launch template (IMDSv2, encrypted root, SSM role) and an Auto Scaling group in the private subnets.
    const role = new Role(this, 'AppRole', {
      assumedBy: new ServicePrincipal('ec2.amazonaws.com'),
      managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
    });
    const appSg = new ec2.SecurityGroup(this, 'AppSg', { vpc, description: 'App port from the load balancer only' });
    const userData = ec2.UserData.forLinux();
    userData.addCommands(
      'set -euo pipefail',
      'install -d -m 0750 /etc/tierup',
      `aws ssm get-parameters-by-path --region ${this.region} --path '${PREFIX}' --recursive --query 'Parameters[].[Name,Value]' --output text > /etc/tierup/app.env`,
    );
    const launchTemplate = new ec2.LaunchTemplate(this, 'AppLaunchTemplate', {
      instanceType: new ec2.InstanceType('t3.small'),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      role,
      securityGroup: appSg,
      userData,
      requireImdsv2: true,
      detailedMonitoring: true,
      blockDevices: [{ deviceName: '/dev/xvda', volume: ec2.BlockDeviceVolume.ebs(20, { encrypted: true, volumeType: ec2.EbsDeviceVolumeType.GP3 }) }],
    });
    const asg = new AutoScalingGroup(this, 'AppFleet', {
      vpc,
      vpcSubnets: { subnetGroupName: 'Private' },
      launchTemplate,
      minCapacity: 2,
      maxCapacity: 10,
      healthChecks: HealthChecks.withAdditionalChecks({ additionalTypes: [AdditionalHealthCheckType.ELB], gracePeriod: WARMUP }),
      defaultInstanceWarmup: WARMUP,
      cooldown: WARMUP,
      updatePolicy: UpdatePolicy.rollingUpdate({ maxBatchSize: 1, minInstancesInService: 2, pauseTime: WARMUP }),
    });
    asg.attachToApplicationTargetGroup(targetGroup);
    albSg.addEgressRule(appSg, ec2.Port.tcp(APP_PORT), 'To the fleet');
    appSg.addIngressRule(albSg, ec2.Port.tcp(APP_PORT), 'From the load balancer');
    asg.scaleOnCpuUtilization('Cpu', { targetUtilizationPercent: 60, estimatedInstanceWarmup: WARMUP });
    asg.scaleOnRequestCount('Requests', { targetRequestsPerMinute: 1000, estimatedInstanceWarmup: WARMUP });
    asg.scaleOnSchedule('WeekdayPeak', { schedule: Schedule.expression('30 8 * * MON-FRI'), timeZone: 'UTC', minCapacity: 6 });

    // Database: PostgreSQL primary (Multi-AZ, RDS-managed rotated password), two read replicas, RDS Proxy.
    const dbSg = new ec2.SecurityGroup(this, 'DbSg', { vpc, description: 'postgres from the app tier only', allowAllOutbound: false });
    dbSg.addIngressRule(appSg, ec2.Port.tcp(DB_PORT), 'From the app tier');
    const engine = rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.of('16.4', '16') });
    const db = new rds.DatabaseInstance(this, 'Db', {
      instanceIdentifier: 'shop-prod-db',
      engine,
      instanceType: new ec2.InstanceType('t4g.medium'),
      vpc,
      vpcSubnets: isolated,
      securityGroups: [dbSg],
      credentials: rds.Credentials.fromUsername('tierup'),
      manageMasterUserPassword: true,
      allocatedStorage: 100,
      storageType: rds.StorageType.GP3,
      storageEncrypted: true,
      multiAz: true,
      backupRetention: Duration.days(7),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      iamAuthentication: true,
      caCertificate: rds.CaCertificate.RDS_CA_RSA2048_G1,
      cloudwatchLogsExports: ['postgresql', 'upgrade'],
      parameters: { 'rds.force_ssl': '1' },
    });
    const dbSecret = Secret.fromSecretCompleteArn(this, 'DbSecret', (db.node.defaultChild as rds.CfnDBInstance).attrMasterUserSecretSecretArn);
    const replicas = [1, 2].map((n) => new rds.DatabaseInstanceReadReplica(this, `DbReplica${n}`, {
      instanceIdentifier: `shop-prod-db-replica-${n}`,
      sourceDatabaseInstance: db,
      instanceType: new ec2.InstanceType('t4g.medium'),
      vpc,
      vpcSubnets: isolated,
      securityGroups: [dbSg],
      storageEncrypted: true,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.DESTROY,
      caCertificate: rds.CaCertificate.RDS_CA_RSA2048_G1,
    }));
    const proxySg = new ec2.SecurityGroup(this, 'DbProxySg', { vpc, description: 'postgres from the app tier only', allowAllOutbound: false });
    dbSg.addIngressRule(proxySg, ec2.Port.tcp(DB_PORT), 'From the proxy');
    proxySg.addEgressRule(dbSg, ec2.Port.tcp(DB_PORT), 'To the database');
    const proxy = new rds.DatabaseProxy(this, 'DbProxy', {
      dbProxyName: 'shop-prod-db-proxy',
      proxyTarget: rds.ProxyTarget.fromInstance(db),
      secrets: [dbSecret],
      vpc,
      vpcSubnets: isolated,
      securityGroups: [proxySg],
      requireTLS: true,
    });
    proxy.connections.allowFrom(appSg, ec2.Port.tcp(DB_PORT), 'From the app tier');
    dbSecret.grantRead(role);

    // Cache: Redis replication group with TLS, encryption at rest, AUTH token in Secrets Manager, failover.
    const cacheSg = new ec2.SecurityGroup(this, 'CacheSg', { vpc, description: 'redis from the app tier only', allowAllOutbound: false });
    cacheSg.addIngressRule(appSg, ec2.Port.tcp(CACHE_PORT), 'From the app tier');
    const cacheSubnets = new CfnSubnetGroup(this, 'CacheSubnets', {
      description: 'shop-prod-cache: isolated subnets',
      subnetIds: vpc.selectSubnets(isolated).subnetIds,
    });
    const authToken = new Secret(this, 'CacheAuthToken', {
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const cache = new CfnReplicationGroup(this, 'Cache', {
      replicationGroupId: 'shop-prod-cache',
      replicationGroupDescription: 'redis for the app (cache-aside)',
      engine: 'redis',
      engineVersion: '7.1',
      cacheNodeType: 'cache.t4g.small',
      numCacheClusters: 2,
      automaticFailoverEnabled: true,
      multiAzEnabled: true,
      port: CACHE_PORT,
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: true,
      authToken: authToken.secretValue.unsafeUnwrap(),
      cacheSubnetGroupName: cacheSubnets.ref,
      securityGroupIds: [cacheSg.securityGroupId],
    });
    cache.applyRemovalPolicy(RemovalPolicy.RETAIN);
    authToken.grantRead(role);

    // CDN: CloudFront over HTTPS in front of the load balancer, static assets from a private bucket (OAC).
    const assets = new Bucket(this, 'StaticAssets', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const cdn = new Distribution(this, 'Cdn', {
      priceClass: PriceClass.PRICE_CLASS_100,
      defaultBehavior: {
        origin: new LoadBalancerV2Origin(alb, { protocolPolicy: OriginProtocolPolicy.HTTP_ONLY }),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
      },
      additionalBehaviors: {
        '/static/*': {
          origin: S3BucketOrigin.withOriginAccessControl(assets),
          viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        },
      },
    });

    // App settings in SSM Parameter Store, readable by the fleet.
    const settings: Record<string, string> = {
      'database/engine': 'postgres',
      'database/endpoint': db.dbInstanceEndpointAddress,
      'database/port': String(DB_PORT),
      'database/secret-arn': dbSecret.secretArn,
      'database/reader-endpoints': Fn.join(',', replicas.map((replica) => replica.dbInstanceEndpointAddress)),
      'database/proxy-endpoint': proxy.endpoint,
      'cache/engine': 'redis',
      'cache/endpoint': cache.attrPrimaryEndPointAddress,
      'cache/reader-endpoint': cache.attrReaderEndPointAddress,
      'cache/port': String(CACHE_PORT),
      'cache/auth-secret-arn': authToken.secretArn,
      'cache/strategy': 'cache-aside',
      'cache/ttl-seconds': '300',
      'cdn/domain-name': cdn.distributionDomainName,
      'cdn/static-assets-bucket': assets.bucketName,
    };
    for (const [path, value] of Object.entries(settings)) {
      new StringParameter(this, `Param-${path.replace(/\//g, '-')}`, { parameterName: `${PREFIX}/${path}`, stringValue: value });
    }
    role.addToPrincipalPolicy(new PolicyStatement({
      actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
      resources: [this.formatArn({ service: 'ssm', resource: 'parameter', resourceName: PREFIX.slice(1) + '/*' })],
    }));

    new CfnOutput(this, 'CdnDomainName', { value: cdn.distributionDomainName });
    new CfnOutput(this, 'VpcId', { value: vpc.vpcId });
  }
}

const app = new App();
new ShopStack(app, 'shop-production-us-east-1', { env: { region: 'us-east-1' } });
app.synth();
