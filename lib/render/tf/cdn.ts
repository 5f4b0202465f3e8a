import { Construct } from 'constructs';
import { CloudfrontDistribution } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { CloudfrontOriginAccessControl } from '@cdktf/provider-aws/lib/cloudfront-origin-access-control';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { CdnPlan, RetentionPlan, StaticAssetsPlan } from '../../plan';
import type { AccessLogs } from './access-logs';
import type { Certificate } from './domain';
import type { OriginProof } from './origin-proof';
import { denyInsecureTransport, policyDocument } from './policy-documents';
import { helperName, named, statefulLifecycle } from './terraform-names';

/** Props of {@link Cdn}. */
export interface CdnProps {
  readonly plan: CdnPlan;
  /**
   * Where dynamic requests go: with a domain the origin name over HTTPS (the server at levels 1-3, the load
   * balancer at 4-6, level 7's health-checked records), else the load balancer's own name over HTTP.
   */
  readonly origin: { readonly domainName: string; readonly port: number };
  /** The secret header CloudFront adds to every request to the app's origin. */
  readonly originProof: OriginProof;
  /** CloudFront's certificate for the aliases (us-east-1); null without a domain. */
  readonly viewerCertificate: Certificate | null;
  readonly retention: RetentionPlan;
  /** Where the distribution's standard logs and the static-assets bucket's server access logs go. */
  readonly accessLogs: AccessLogs;
}

/**
 * AWS-managed CloudFront policies, by their documented ids (the same ones aws-cdk-lib's `CachePolicy` and
 * `OriginRequestPolicy` constants name). https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-managed-cache-policies.html
 */
const MANAGED_POLICIES = {
  cachingDisabled: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad',
  cachingOptimized: '658327ea-f89d-4fab-a63d-7e88639e58f6',
  allViewerExceptHostHeader: 'b689b0a8-53d0-40ab-baf2-68738e2966ac',
} as const;

/** Origin ids inside the distribution. */
const ORIGINS = { app: 'app', staticAssets: 'static-assets' } as const;

/**
 * CloudFront in front of the app: viewers are redirected to HTTPS, dynamic requests pass through
 * uncached with every viewer header, and `/static/*` comes from a private, encrypted, TLS-only,
 * versioned S3 bucket through origin access control. Every request to the app's origin carries the origin
 * secret header; with a domain the distribution answers to it with its us-east-1 certificate and reaches the
 * origin over HTTPS at the origin name. The distribution's standard logs and the bucket's
 * server access logs go to the {@link AccessLogs} bucket.
 */
export class Cdn extends Construct {
  public readonly distribution: CloudfrontDistribution;
  public readonly bucket: S3Bucket | null;

  constructor(scope: Construct, id: string, props: CdnProps) {
    super(scope, id);
    const { plan, retention, accessLogs } = props;
    const staticAssets = plan.staticAssets;
    this.bucket = staticAssets && this.addBucket(staticAssets, retention);
    if (staticAssets && this.bucket) accessLogs.logServerAccess(this, this.bucket, staticAssets.tfName);
    const accessControl = staticAssets && named(new CloudfrontOriginAccessControl(this, 'OriginAccessControl', {
      name: staticAssets.originAccessControlName,
      originAccessControlOriginType: 's3',
      signingBehavior: 'always',
      signingProtocol: 'sigv4',
    }), helperName(staticAssets.tfName, 'access_control'));

    this.distribution = named(new CloudfrontDistribution(this, 'Distribution', {
      enabled: true,
      comment: 'tierup: app and static assets',
      priceClass: plan.priceClass,
      httpVersion: 'http2and3',
      isIpv6Enabled: true,
      loggingConfig: accessLogs.cdnLogs,
      // Standard logging is refused until the log bucket's ACLs are enabled.
      dependsOn: [accessLogs.ownership],
      origin: [
        {
          originId: ORIGINS.app,
          domainName: props.origin.domainName,
          // With a domain, HTTPS to the origin name (whose certificate the origin holds); without one, plain HTTP
          // to the load balancer's own name, for which no certificate can be had. CloudFront requires both ports;
          // the one the policy does not use is left at its default.
          customOriginConfig: plan.originProtocol === 'https'
            ? { httpPort: 80, httpsPort: props.origin.port, originProtocolPolicy: 'https-only', originSslProtocols: ['TLSv1.2'] }
            : { httpPort: props.origin.port, httpsPort: 443, originProtocolPolicy: 'http-only', originSslProtocols: ['TLSv1.2'] },
          // The proof the origin requires (the load balancer's rules, the server's nginx). No write-only form exists,
          // so the value is in the state, marked sensitive (see OriginProof).
          customHeader: [{ name: props.originProof.headerName, value: props.originProof.current.value }],
        },
        ...(this.bucket && accessControl
          ? [{ originId: ORIGINS.staticAssets, domainName: this.bucket.bucketRegionalDomainName, originAccessControlId: accessControl.id }]
          : []),
      ],
      defaultCacheBehavior: {
        targetOriginId: ORIGINS.app,
        viewerProtocolPolicy: 'redirect-to-https',
        allowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
        cachedMethods: ['GET', 'HEAD'],
        cachePolicyId: MANAGED_POLICIES.cachingDisabled,
        originRequestPolicyId: MANAGED_POLICIES.allViewerExceptHostHeader,
        compress: plan.compress,
      },
      orderedCacheBehavior: staticAssets
        ? [{
            pathPattern: staticAssets.pathPattern,
            targetOriginId: ORIGINS.staticAssets,
            viewerProtocolPolicy: 'redirect-to-https',
            allowedMethods: ['GET', 'HEAD'],
            cachedMethods: ['GET', 'HEAD'],
            cachePolicyId: MANAGED_POLICIES.cachingOptimized,
            compress: plan.compress,
          }]
        : undefined,
      restrictions: { geoRestriction: { restrictionType: 'none' } },
      ...(plan.aliases.length > 0 && { aliases: [...plan.aliases] }),
      // The domain's certificate by SNI, TLS 1.2 and up; else CloudFront's own name and certificate.
      // https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html
      viewerCertificate: props.viewerCertificate
        ? { acmCertificateArn: props.viewerCertificate.arn, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' }
        : { cloudfrontDefaultCertificate: true },
    }), plan.tfName);

    if (staticAssets && this.bucket) {
      named(new S3BucketPolicy(this, 'BucketPolicy', {
        bucket: this.bucket.id,
        policy: policyDocument([
          denyInsecureTransport('s3:*', [this.bucket.arn, `${this.bucket.arn}/*`]),
          {
            Sid: 'AllowCloudFront',
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Resource: `${this.bucket.arn}/*`,
            Condition: { StringEquals: { 'AWS:SourceArn': this.distribution.arn } },
          },
        ]),
      }), helperName(staticAssets.tfName, 'policy'));
    }
  }

  /** The bucket and its settings: public access blocked, owner-enforced, SSE-S3, versioned. */
  private addBucket(plan: StaticAssetsPlan, retention: RetentionPlan): S3Bucket {
    const name = (part: string): string => helperName(plan.tfName, part);
    const bucket = named(new S3Bucket(this, 'Bucket', {
      bucketPrefix: 'tierup-static-',
      forceDestroy: retention.dataStores === 'destroy',
      lifecycle: statefulLifecycle(retention.preventDestroy),
    }), plan.tfName);
    named(new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }), name('public_access_block'));
    named(new S3BucketOwnershipControls(this, 'OwnershipControls', {
      bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' },
    }), name('ownership'));
    named(new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: bucket.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    }), name('encryption'));
    named(new S3BucketVersioningA(this, 'Versioning', {
      bucket: bucket.id, versioningConfiguration: { status: 'Enabled' },
    }), name('versioning'));
    return bucket;
  }
}
