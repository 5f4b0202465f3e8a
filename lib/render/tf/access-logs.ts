import { Lazy, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import type { CloudfrontDistributionLoggingConfig } from '@cdktf/provider-aws/lib/cloudfront-distribution';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import type { LbAccessLogs } from '@cdktf/provider-aws/lib/lb';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import type { RetentionPlan } from '../../plan';
import { ACCESS_LOG_PREFIXES } from '../../plan/access-log-prefixes';
import type { AwsRegion } from '../../spec';
import { elbLogDeliveryPrincipal } from './elb-log-delivery';
import { denyInsecureTransport, policyDocument, type PolicyStatement } from './policy-documents';
import { helperName, named, statefulLifecycle } from './terraform-names';

/** Props of {@link AccessLogs}. */
export interface AccessLogsProps {
  /** `access_logs` in the primary region, `access_logs_<provider alias>` in the others (level 7). */
  readonly tfName: string;
  readonly region: AwsRegion;
  /** The region's provider (undefined for the default provider). */
  readonly provider: TerraformProvider | undefined;
  readonly retention: RetentionPlan;
}


/** Access logs are kept a year, as the VPC flow logs are. */
const LOG_RETENTION_DAYS = 365;

/**
 * Level 4 and up, one per region: the bucket the load balancer, CloudFront and the static-assets bucket
 * write their access logs to, each under its own prefix. SSE-S3, because load balancer logs support no
 * other encryption (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html);
 * ACLs stay enabled for the bucket owner (`BucketOwnerPreferred`), because CloudFront standard logs are
 * delivered by ACL (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html).
 * Public access stays blocked: CloudFront's grant names its log-delivery account, which is not public.
 */
export class AccessLogs extends Construct {
  public readonly bucket: S3Bucket;
  /** The load balancer depends on it: Elastic Load Balancing checks its permission when logging is turned on. */
  public readonly policy: S3BucketPolicy;
  /** CloudFront depends on it: standard logging fails on a bucket whose ACLs are disabled. */
  public readonly ownership: S3BucketOwnershipControls;
  private readonly provider: TerraformProvider | undefined;
  private readonly account: DataAwsCallerIdentity;
  /** ARNs of the buckets whose S3 server access logs land here; read when the policy is synthesized. */
  private readonly serverAccessSources: string[] = [];

  constructor(scope: Construct, id: string, props: AccessLogsProps) {
    super(scope, id);
    const { tfName, provider, retention } = props;
    this.provider = provider;
    const name = (part: string): string => helperName(tfName, part);
    this.bucket = named(new S3Bucket(this, 'Bucket', {
      provider,
      bucketPrefix: 'tierup-logs-',
      forceDestroy: retention.dataStores === 'destroy',
      lifecycle: statefulLifecycle(retention.preventDestroy),
    }), tfName);
    named(new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      provider, bucket: this.bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }), name('public_access_block'));
    this.ownership = named(new S3BucketOwnershipControls(this, 'OwnershipControls', {
      provider, bucket: this.bucket.id, rule: { objectOwnership: 'BucketOwnerPreferred' },
    }), name('ownership'));
    named(new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      provider, bucket: this.bucket.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    }), name('encryption'));
    named(new S3BucketLifecycleConfiguration(this, 'Expiry', {
      provider,
      bucket: this.bucket.id,
      // An empty filter applies the rule to every object.
      rule: [{ id: 'expire-logs', status: 'Enabled', filter: [{}], expiration: [{ days: LOG_RETENTION_DAYS }] }],
    }), name('expiry'));
    this.account = named(new DataAwsCallerIdentity(this, 'Account', { provider }), name('account'));
    this.policy = named(new S3BucketPolicy(this, 'Policy', {
      provider,
      bucket: this.bucket.id,
      policy: Lazy.stringValue({ produce: () => policyDocument(this.statements(props.region)) }),
    }), name('policy'));
  }

  /** The load balancer's `access_logs` block. */
  public get loadBalancerLogs(): LbAccessLogs {
    return { bucket: this.bucket.id, prefix: ACCESS_LOG_PREFIXES.loadBalancer, enabled: true };
  }

  /** The distribution's `logging_config` (standard logs, cookies left out). */
  public get cdnLogs(): CloudfrontDistributionLoggingConfig {
    return { bucket: this.bucket.bucketDomainName, prefix: ACCESS_LOG_PREFIXES.cdn, includeCookies: false };
  }

  /**
   * Sends a bucket's S3 server access logs here (under `static-assets/`) and lets S3's logging service
   * write them for that bucket only. The logging resource is named after its source: `<source>_logging`.
   */
  public logServerAccess(scope: Construct, source: S3Bucket, sourceTfName: string): S3BucketLoggingA {
    this.serverAccessSources.push(source.arn);
    return named(new S3BucketLoggingA(scope, `${sourceTfName}-logging`, {
      provider: this.provider,
      bucket: source.id,
      targetBucket: this.bucket.id,
      targetPrefix: ACCESS_LOG_PREFIXES.staticAssets,
    }), helperName(sourceTfName, 'logging'));
  }

  /** TLS only; the region's load balancer log writer; S3 server access logs of the registered buckets. */
  private statements(region: AwsRegion): PolicyStatement[] {
    const { arn } = this.bucket;
    const accountId = this.account.accountId;
    const serverAccess: PolicyStatement[] = this.serverAccessSources.length > 0
      ? [{
          Sid: 'ServerAccessLogs',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `${arn}/${ACCESS_LOG_PREFIXES.staticAssets}*`,
          // https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html#grant-log-delivery-permissions-general
          Condition: { ArnLike: { 'aws:SourceArn': [...this.serverAccessSources] }, StringEquals: { 'aws:SourceAccount': accountId } },
        }]
      : [];
    return [
      denyInsecureTransport('s3:*', [arn, `${arn}/*`]),
      {
        Sid: 'LoadBalancerLogs',
        Effect: 'Allow',
        Principal: elbLogDeliveryPrincipal(region),
        Action: 's3:PutObject',
        Resource: `${arn}/${ACCESS_LOG_PREFIXES.loadBalancer}/AWSLogs/${accountId}/*`,
      },
      ...serverAccess,
    ];
  }
}
