import {
  AllowedMethods, CachePolicy, Distribution, HttpVersion, type IOrigin, OriginRequestPolicy, PriceClass,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { BlockPublicAccess, Bucket, BucketEncryption, type IBucket, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { CdnPlan, RetentionPlan, StaticAssetsPlan } from '../../plan';
import { ACCESS_LOG_PREFIXES } from './access-logs';
import { acknowledge } from './nag';
import { REMOVAL_POLICIES } from './removal-policy';

/** Props of {@link Cdn}. */
export interface CdnProps {
  readonly plan: CdnPlan;
  /** Where dynamic requests go: the load balancer (or, at level 7, the Route 53 origin name). */
  readonly origin: IOrigin;
  readonly retention: RetentionPlan;
  /** Where the distribution and the static-assets bucket write their access logs (see AccessLogs). */
  readonly accessLogs: IBucket;
}

/**
 * CloudFront in front of the app: viewers are redirected to HTTPS, dynamic requests pass through
 * uncached with every viewer header, cookie and query string, and `/static/*` comes from a private
 * S3 bucket through origin access control.
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
      logBucket: props.accessLogs,
      logFilePrefix: ACCESS_LOG_PREFIXES.cdn,
      defaultBehavior: {
        origin: props.origin,
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_ALL,
        cachePolicy: CachePolicy.CACHING_DISABLED,
        originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      },
      additionalBehaviors: staticAssets
        ? {
            [staticAssets.plan.pathPattern]: {
              origin: S3BucketOrigin.withOriginAccessControl(staticAssets.bucket),
              viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
              cachePolicy: CachePolicy.CACHING_OPTIMIZED,
              compress: true,
            },
          }
        : {},
    });
    acknowledge(this.distribution, 'distributionGeoRestriction');
    acknowledge(this.distribution, 'distributionWaf');
    acknowledge(this.distribution, 'distributionDefaultCertificate');
    acknowledge(this.distribution, 'originOverHttp');
  }

  /** Private, encrypted, TLS-only and versioned; CloudFront reads it through origin access control. */
  private addBucket(plan: StaticAssetsPlan, retention: RetentionPlan, accessLogs: IBucket): Bucket {
    return new Bucket(this, plan.id, {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      versioned: true,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: ACCESS_LOG_PREFIXES.staticAssets,
      removalPolicy: REMOVAL_POLICIES[retention.dataStores],
    });
  }
}

/** The plan's price classes as aws-cdk-lib's enum keys. */
const PRICE_CLASSES = {
  PriceClass_100: 'PRICE_CLASS_100',
  PriceClass_200: 'PRICE_CLASS_200',
  PriceClass_All: 'PRICE_CLASS_ALL',
} as const satisfies Record<CdnPlan['priceClass'], keyof typeof PriceClass>;
