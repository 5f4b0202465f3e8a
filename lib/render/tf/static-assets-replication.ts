import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import type { AwsRegion } from '../../spec';
import type { RetentionPlan, StaticAssetsPlan, StaticAssetsReplicaPlan } from '../../plan';
import type { AccessLogs } from './access-logs';
import { denyInsecureTransport, policyDocument, serviceAssumeRolePolicy } from './policy-documents';
import { helperName, named, statefulLifecycle } from './terraform-names';

/** A further region: its aliased provider and its access-log bucket. */
export interface ReplicaRegion {
  readonly provider: TerraformProvider;
  readonly accessLogs: AccessLogs;
}

/** Props of {@link StaticAssetsReplication}. */
export interface StaticAssetsReplicationProps {
  readonly plan: StaticAssetsPlan;
  /** The primary region's static-assets bucket. */
  readonly source: S3Bucket;
  readonly regions: Partial<Record<AwsRegion, ReplicaRegion>>;
  readonly retention: RetentionPlan;
}

/**
 * Level 7: a replica bucket of the static assets in every further region (versioned, SSE-S3, private,
 * TLS-only, named `<plan prefix>-<account>` as in the CloudFormation target) and the primary bucket's
 * replication into all of them. Terraform creates the replicas and their versioning before the replication
 * configuration (S3 refuses a destination that is not versioned), all in one apply.
 */
export class StaticAssetsReplication extends Construct {
  public readonly replicas: readonly S3Bucket[];
  public readonly configuration: S3BucketReplicationConfigurationA;

  constructor(scope: Construct, id: string, props: StaticAssetsReplicationProps) {
    super(scope, id);
    const { plan, source, retention } = props;
    const owner = plan.tfName;
    const account = named(new DataAwsCallerIdentity(this, 'Account', {}), helperName(owner, 'account'));
    const replicas = plan.replicas.flatMap((replica) => {
      const region = props.regions[replica.region];
      return region ? [{ replica, ...this.addReplica(replica, region, account.accountId, retention) }] : [];
    });
    this.replicas = replicas.map((entry) => entry.bucket);

    const role = named(new IamRole(this, 'Role', {
      description: 'S3 replication of the static assets into the further regions',
      assumeRolePolicy: serviceAssumeRolePolicy('s3.amazonaws.com'),
    }), helperName(owner, 'replication_role'));
    // Only what replication needs (https://docs.aws.amazon.com/AmazonS3/latest/userguide/setting-repl-config-perm-overview.html);
    // objects are SSE-S3, so no KMS permission.
    named(new IamRolePolicy(this, 'RolePolicy', {
      role: role.name,
      policy: policyDocument([
        { Effect: 'Allow', Action: ['s3:GetReplicationConfiguration', 's3:ListBucket'], Resource: source.arn },
        { Effect: 'Allow', Action: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging'], Resource: `${source.arn}/*` },
        { Effect: 'Allow', Action: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags'], Resource: replicas.map((entry) => `${entry.bucket.arn}/*`) },
      ]),
    }), helperName(owner, 'replication_policy'));

    this.configuration = named(new S3BucketReplicationConfigurationA(this, 'Configuration', {
      bucket: source.id,
      role: role.arn,
      rule: replicas.map(({ replica, bucket }) => ({
        id: `static-assets-to-${replica.region}`,
        priority: replica.rulePriority,
        status: 'Enabled',
        // An empty filter selects every object and puts the configuration on S3's V2 schema, which several rules need.
        filter: { prefix: '' },
        deleteMarkerReplication: { status: 'Enabled' },
        destination: { bucket: bucket.arn },
      })),
      // S3 refuses the configuration until the source and every destination are versioned.
      dependsOn: [{ fqn: `aws_s3_bucket_versioning.${helperName(owner, 'versioning')}` }, ...replicas.map((entry) => entry.versioning)],
    }), helperName(owner, 'replication'));
  }

  /** One region's replica bucket and its settings, under that region's provider. */
  private addReplica(replica: StaticAssetsReplicaPlan, region: ReplicaRegion, accountId: string, retention: RetentionPlan) {
    const { provider } = region;
    const name = (part: string): string => helperName(replica.tfName, part);
    const bucket = named(new S3Bucket(this, replica.tfName, {
      provider,
      bucket: `${replica.bucketNamePrefix}-${accountId}`,
      forceDestroy: retention.dataStores === 'destroy',
      lifecycle: statefulLifecycle(retention.preventDestroy),
    }), replica.tfName);
    named(new S3BucketPublicAccessBlock(this, `${replica.tfName}-public-access-block`, {
      provider, bucket: bucket.id, blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true, restrictPublicBuckets: true,
    }), name('public_access_block'));
    named(new S3BucketOwnershipControls(this, `${replica.tfName}-ownership`, {
      provider, bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' },
    }), name('ownership'));
    named(new S3BucketServerSideEncryptionConfigurationA(this, `${replica.tfName}-encryption`, {
      provider, bucket: bucket.id, rule: [{ applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } }],
    }), name('encryption'));
    const versioning = named(new S3BucketVersioningA(this, `${replica.tfName}-versioning`, {
      provider, bucket: bucket.id, versioningConfiguration: { status: 'Enabled' },
    }), name('versioning'));
    named(new S3BucketPolicy(this, `${replica.tfName}-policy`, {
      provider, bucket: bucket.id, policy: policyDocument([denyInsecureTransport('s3:*', [bucket.arn, `${bucket.arn}/*`])]),
    }), name('policy'));
    region.accessLogs.logServerAccess(this, bucket, replica.tfName);
    return { bucket, versioning };
  }
}
