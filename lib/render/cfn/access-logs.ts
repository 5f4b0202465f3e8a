import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { acknowledge } from './nag';

/** Props of {@link AccessLogs}. */
export interface AccessLogsProps {
  /** What happens to the logs when the bucket leaves the template. */
  readonly removalPolicy: RemovalPolicy;
}

/** Access logs are kept a year, as the VPC flow logs are. */
const LOG_RETENTION = Duration.days(365);

/**
 * With a load balancer or a CDN: the bucket the load balancer, CloudFront and the static-assets bucket write their
 * access logs to, each under its own prefix. SSE-S3, because load balancer logs support no other
 * encryption (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html);
 * ACLs stay enabled for the bucket owner, because CloudFront standard logs are delivered by ACL
 * (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/standard-logging-legacy-s3.html).
 */
export class AccessLogs extends Construct {
  public readonly bucket: Bucket;

  constructor(scope: Construct, id: string, props: AccessLogsProps) {
    super(scope, id);
    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_PREFERRED,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      lifecycleRules: [{ id: 'ExpireLogs', expiration: LOG_RETENTION }],
      removalPolicy: props.removalPolicy,
    });
    acknowledge(this.bucket, 'accessLogBucketNotLogged');
  }
}

