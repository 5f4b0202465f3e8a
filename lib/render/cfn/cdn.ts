import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AllowedMethods, CachePolicy, Distribution, HttpVersion, type IOrigin, OriginProtocolPolicy, OriginRequestPolicy, OriginSslPolicy, PriceClass,
  SecurityPolicyProtocol, ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, LoadBalancerV2Origin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import type { ILoadBalancerV2 } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { Aws, CfnCondition, CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { BlockPublicAccess, Bucket, BucketEncryption, type CfnBucket, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { CdnPlan, RetentionPlan, StaticAssetsPlan, StaticAssetsReplicaPlan } from '../../plan';
import { ACCESS_LOG_PREFIXES } from '../../plan/access-log-prefixes';
import { acknowledge } from './nag';
import type { OriginProof } from './origin-secrets';
import { REMOVAL_POLICIES } from './removal-policy';

/** Props of {@link Cdn}. */
export interface CdnProps {
  readonly plan: CdnPlan;
  /**
   * Where dynamic requests go: with a domain (`originProtocol` https) the origin name, whose certificate the
   * origin holds (the server's own, the load balancer's ACM one, or at level 7 each region's behind the Route 53
   * name); without one the load balancer by its own name, over HTTP.
   */
  readonly origin: string | ILoadBalancerV2;
  /** The secret header CloudFront adds to every request to the origin. */
  readonly originProof: OriginProof;
  /** The viewer certificate for `plan.aliases` (in us-east-1); null without a domain. */
  readonly certificate: ICertificate | null;
  readonly retention: RetentionPlan;
  /** Where the distribution and the static-assets bucket write their access logs (see AccessLogs). */
  readonly accessLogs: IBucket;
}

/**
 * CloudFront in front of the app: viewers are redirected to HTTPS (on the blueprint's domain with its us-east-1
 * certificate and TLS 1.2 at least, or on CloudFront's own name), dynamic requests pass through uncached with
 * every viewer header, cookie and query string plus the origin's secret header, and `/static/*` comes from a
 * private S3 bucket through origin access control.
 */
export class Cdn extends Construct {
  public readonly distribution: Distribution;
  /** The static-assets bucket, or null when static assets are off. */
  public readonly bucket: Bucket | null;

  constructor(scope: Construct, id: string, props: CdnProps) {
    super(scope, id);
    const { plan } = props;
    const staticAssets = plan.staticAssets && { plan: plan.staticAssets, bucket: this.addBucket(plan.staticAssets, props.retention, props.accessLogs) };
    this.bucket = staticAssets && staticAssets.bucket;
    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'tierup: app and static assets',
      priceClass: PriceClass[PRICE_CLASSES[plan.priceClass]],
      httpVersion: HttpVersion.HTTP2_AND_3,
      enableIpv6: true,
      // An alternate domain name needs a certificate covering it, from us-east-1:
      // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html
      ...(props.certificate && {
        domainNames: [...plan.aliases], certificate: props.certificate, minimumProtocolVersion: SecurityPolicyProtocol.TLS_V1_2_2021,
      }),
      logBucket: props.accessLogs,
      logFilePrefix: ACCESS_LOG_PREFIXES.cdn,
      defaultBehavior: {
        origin: appOrigin(props.origin, props.originProof),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
        compress: plan.compress,
      },
      additionalBehaviors: staticAssets
        ? {
            [staticAssets.plan.pathPattern]: {
              origin: S3BucketOrigin.withOriginAccessControl(staticAssets.bucket),
              viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
              cachePolicy: CachePolicy.CACHING_OPTIMIZED,
              compress: plan.compress,
            },
          }
        : {},
    });
    acknowledge(this.distribution, 'distributionGeoRestriction');
    acknowledge(this.distribution, 'distributionWaf');
    if (!props.certificate) acknowledge(this.distribution, 'distributionDefaultCertificate');
    if (typeof props.origin !== 'string') acknowledge(this.distribution, 'originOverHttp');
  }

  /**
   * Private, encrypted, TLS-only and versioned; CloudFront reads it through origin access control. At level 7
   * it replicates into each further region's replica bucket (see {@link replicationRules}).
   */
  private addBucket(plan: StaticAssetsPlan, retention: RetentionPlan, accessLogs: IBucket): Bucket {
    const bucket = new Bucket(this, plan.id, {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: ACCESS_LOG_PREFIXES.staticAssets,
      removalPolicy: REMOVAL_POLICIES[retention.dataStores],
    });
    if (plan.replicas.length > 0) this.replicate(bucket, plan.replicas);
    return bucket;
  }

  /**
   * Level 7: one rule per further region into its replica bucket, named by the plan's fixed name and this
   * account, and the role S3 assumes with only what replication needs: GetReplicationConfiguration and
   * ListBucket on this bucket, GetObjectVersion{ForReplication,Acl,Tagging} on its objects,
   * Replicate{Object,Delete,Tags} on the replicas' objects (objects are SSE-S3, so no KMS permission).
   * https://docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html
   *
   * S3 refuses a rule whose destination bucket does not exist yet or is not versioned, and the replica buckets
   * live in the regional stacks, which deploy after this one. The rules therefore wait for this stack's
   * parameter `ReplicateStaticAssets`: every stack deploys with it `off` (the default), then this stack again
   * with `on`; the CDK CLI keeps a parameter's previous value on later deploys.
   */
  private replicate(bucket: Bucket, replicas: readonly StaticAssetsReplicaPlan[]): void {
    const stack = Stack.of(this);
    const destinations = replicas.map((replica) => stack.formatArn({
      service: 's3', region: '', account: '', resource: `${replica.bucketNamePrefix}-${Aws.ACCOUNT_ID}`,
    }));
    const role = new Role(this, 'ReplicationRole', {
      assumedBy: new ServicePrincipal('s3.amazonaws.com'),
      description: 'S3 replication of the static assets into the further regions',
    });
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'], resources: [bucket.bucketArn] }));
    role.addToPrincipalPolicy(new PolicyStatement({
      actions: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'], resources: [bucket.arnForObjects('*')],
    }));
    role.addToPrincipalPolicy(new PolicyStatement({
      actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'], resources: destinations.map((arn) => `${arn}/*`),
    }));
    acknowledge(role, 'replicationObjectsWildcard', `Resource::<${stack.getLogicalId(bucket.node.defaultChild as CfnBucket)}.Arn>/*`);
    for (const replica of replicas) {
      acknowledge(role, 'replicationObjectsWildcard', `Resource::arn:<AWS::Partition>:s3:::${replica.bucketNamePrefix}-<AWS::AccountId>/*`);
    }

    const parameter = new CfnParameter(stack, REPLICATION_PARAMETER, {
      type: 'String',
      allowedValues: ['off', 'on'],
      default: 'off',
      description: 'Replicate static assets into the further regions\' buckets: set to on once every regional stack exists',
    });
    const enabled = new CfnCondition(stack, `${REPLICATION_PARAMETER}On`, { expression: Fn.conditionEquals(parameter.valueAsString, 'on') });
    // Inside Fn::If the L1 renderer passes the value through, so it is written in CloudFormation's own case.
    const configuration = {
      Role: role.roleArn,
      Rules: replicas.map((replica, index) => ({
        Id: `static-assets-to-${replica.region}`,
        Priority: replica.rulePriority,
        Status: 'Enabled',
        Destination: { Bucket: destinations[index] },
        // An empty prefix filter selects every object and puts the configuration on S3's V2 schema, which
        // several rules (one per region) need.
        Filter: { Prefix: '' },
        DeleteMarkerReplication: { Status: 'Enabled' },
      })),
    };
    (bucket.node.defaultChild as CfnBucket).replicationConfiguration = Fn.conditionIf(enabled.logicalId, configuration, Aws.NO_VALUE);
  }
}

/**
 * The app's origin with the secret header: HTTPS only (TLS 1.2) to the origin name, or HTTP to the load
 * balancer's own name, which no certificate can cover. The header's value is a Secrets Manager dynamic
 * reference, resolved by CloudFormation when it deploys.
 * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/restrict-access-to-load-balancer.html
 */
function appOrigin(origin: string | ILoadBalancerV2, proof: OriginProof): IOrigin {
  const customHeaders = { [proof.headerName]: proof.current };
  return typeof origin === 'string'
    ? new HttpOrigin(origin, { protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY, originSslProtocols: [OriginSslPolicy.TLS_V1_2], customHeaders })
    : new LoadBalancerV2Origin(origin, { protocolPolicy: OriginProtocolPolicy.HTTP_ONLY, customHeaders });
}

/** The primary stack's parameter that turns static-asset replication on (see Cdn). */
export const REPLICATION_PARAMETER = 'ReplicateStaticAssets';

/** The plan's price classes as aws-cdk-lib's enum keys. */
const PRICE_CLASSES = {
  PriceClass_100: 'PRICE_CLASS_100',
  PriceClass_200: 'PRICE_CLASS_200',
  PriceClass_All: 'PRICE_CLASS_ALL',
} as const satisfies Record<CdnPlan['priceClass'], keyof typeof PriceClass>;
