import { join } from 'node:path';
import { Testing } from 'cdktf';
// cdktf's jest matchers' type declarations (Testing.setupJest() registers them at run time).
import 'cdktf/lib/testing/adapters/jest';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { type ArchitecturePlan, createPlan, type RetentionPlan } from '../../../lib/plan';
import { renderTfConfigs } from '../../../lib/render/tf';
import { AccessLogs } from '../../../lib/render/tf/access-logs';
import { ELB_LOG_DELIVERY } from '../../../lib/render/tf/elb-log-delivery';
import { AWS_REGIONS, type AwsRegion, loadBlueprint } from '../../../lib/spec';
import { levelPlan } from './examples';

Testing.setupJest();

type Body = Record<string, unknown>;
type Resources = Record<string, Record<string, Body>>;

/** The resources of a plan's one Terraform configuration. */
const resourcesOf = (plan: ArchitecturePlan): Resources => {
  const [config] = Object.values(renderTfConfigs(plan));
  return config.resource as Resources;
};

/** The level's plan of the second ladder (staging, MySQL). */
const blogPlan = (file: string): ArchitecturePlan =>
  createPlan(loadBlueprint(join(__dirname, '..', '..', 'fixtures', 'ladder-blog', file)).spec);

/** The statements of an `aws_s3_bucket_policy` body. */
const statements = (policy: Body): Body[] => (JSON.parse(policy.policy as string) as { Statement: Body[] }).Statement;

/** One AccessLogs under the default provider, with a source bucket logging into it when asked. */
const synthAccessLogs = (region: AwsRegion, retention: RetentionPlan, withSource: boolean): string => Testing.synthScope((scope) => {
  new AwsProvider(scope, 'aws', { region });
  const logs = new AccessLogs(scope, 'AccessLogs', { tfName: 'access_logs', region, provider: undefined, retention });
  if (withSource) logs.logServerAccess(scope, new S3Bucket(scope, 'Source', { bucketPrefix: 'source-' }), 'source');
});

/** The parsed policy of a synthesized AccessLogs. */
const accessLogsPolicy = (synth: string): Body[] => {
  const parsed = JSON.parse(synth) as { resource: Resources };
  return statements(parsed.resource.aws_s3_bucket_policy.access_logs_policy);
};

describe('AccessLogs', () => {
  const production = levelPlan(4).retention;
  const synth = synthAccessLogs('us-east-1', production, true);

  it('is a private, SSE-S3 bucket with ACLs kept for CloudFront, expiring logs after 365 days', () => {
    expect(synth).toHaveResourceWithProperties(S3Bucket, { bucket_prefix: 'tierup-logs-', force_destroy: false, lifecycle: { prevent_destroy: true } });
    expect(synth).toHaveResourceWithProperties(S3BucketPublicAccessBlock, {
      block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true,
    });
    expect(synth).toHaveResourceWithProperties(S3BucketOwnershipControls, { rule: { object_ownership: 'BucketOwnerPreferred' } });
    expect(synth).toHaveResourceWithProperties(S3BucketServerSideEncryptionConfigurationA, {
      rule: [{ apply_server_side_encryption_by_default: { sse_algorithm: 'AES256' } }],
    });
    expect(synth).toHaveResourceWithProperties(S3BucketLifecycleConfiguration, {
      rule: [{ id: 'expire-logs', status: 'Enabled', filter: [{}], expiration: [{ days: 365 }] }],
    });
    expect(synth).toHaveDataSource(DataAwsCallerIdentity);
    expect(synth).toHaveResourceWithProperties(S3BucketPolicy, { bucket: '${aws_s3_bucket.access_logs.id}' });
  });

  it('denies requests without TLS and lets only the region\'s ELB account write under load-balancer/', () => {
    const [deny, loadBalancer] = accessLogsPolicy(synth);
    expect(deny).toMatchObject({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } });
    expect(loadBalancer).toEqual({
      Sid: 'LoadBalancerLogs',
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::127311923021:root' },
      Action: 's3:PutObject',
      Resource: '${aws_s3_bucket.access_logs.arn}/load-balancer/AWSLogs/${data.aws_caller_identity.access_logs_account.account_id}/*',
    });
  });

  it('uses the log delivery service principal in a region without an ELB account', () => {
    const [, loadBalancer] = accessLogsPolicy(synthAccessLogs('eu-south-2', production, false));
    expect(loadBalancer.Principal).toEqual({ Service: 'logdelivery.elasticloadbalancing.amazonaws.com' });
  });

  it('lets S3 write server access logs for the registered source bucket only, under static-assets/', () => {
    expect(synth).toHaveResourceWithProperties(S3BucketLoggingA, {
      bucket: '${aws_s3_bucket.Source.id}', target_bucket: '${aws_s3_bucket.access_logs.id}', target_prefix: 'static-assets/',
    });
    const serverAccess = accessLogsPolicy(synth).find((statement) => statement.Sid === 'ServerAccessLogs');
    expect(serverAccess).toEqual({
      Sid: 'ServerAccessLogs',
      Effect: 'Allow',
      Principal: { Service: 'logging.s3.amazonaws.com' },
      Action: 's3:PutObject',
      Resource: '${aws_s3_bucket.access_logs.arn}/static-assets/*',
      Condition: {
        ArnLike: { 'aws:SourceArn': ['${aws_s3_bucket.Source.arn}'] },
        StringEquals: { 'aws:SourceAccount': '${data.aws_caller_identity.access_logs_account.account_id}' },
      },
    });
    expect(accessLogsPolicy(synthAccessLogs('us-east-1', production, false)).map((statement) => statement.Sid))
      .toEqual(['DenyInsecureTransport', 'LoadBalancerLogs']);
  });

  it('follows the plan\'s retention: kept without prevent_destroy in staging, destroyed with its logs where data stores are', () => {
    const staging = blogPlan('blog-4-fleet.yaml').retention;
    expect(synthAccessLogs('us-east-1', staging, false)).toHaveResourceWithProperties(S3Bucket, { force_destroy: false, lifecycle: { prevent_destroy: false } });
    const disposable: RetentionPlan = { deletionProtection: false, database: 'destroy', dataStores: 'destroy', preventDestroy: false };
    expect(synthAccessLogs('us-east-1', disposable, false)).toHaveResourceWithProperties(S3Bucket, { force_destroy: true, lifecycle: { prevent_destroy: false } });
  });
});

describe('ELB_LOG_DELIVERY', () => {
  it('names a writer for every region a blueprint may use: an ELB account or the log delivery service', () => {
    expect(Object.keys(ELB_LOG_DELIVERY).toSorted()).toEqual([...AWS_REGIONS].toSorted());
    for (const delivery of Object.values(ELB_LOG_DELIVERY)) {
      expect('account' in delivery ? delivery.account : delivery.service).toMatch(/^(\d{12}|logdelivery\.elasticloadbalancing\.amazonaws\.com)$/);
    }
    expect(ELB_LOG_DELIVERY['eu-west-1']).toEqual({ account: '156460612806' });
    expect(ELB_LOG_DELIVERY['il-central-1']).toEqual({ service: 'logdelivery.elasticloadbalancing.amazonaws.com' });
  });
});

describe('access logs in the stack', () => {
  it('level 4: the load balancer, CloudFront and the static-assets bucket write to access_logs', () => {
    const resources = resourcesOf(levelPlan(4));
    expect(resources.aws_lb.load_balancer).toMatchObject({
      access_logs: { bucket: '${aws_s3_bucket.access_logs.id}', prefix: 'load-balancer', enabled: true },
      depends_on: ['aws_s3_bucket_policy.access_logs_policy'],
    });
    expect(resources.aws_cloudfront_distribution.cdn).toMatchObject({
      logging_config: { bucket: '${aws_s3_bucket.access_logs.bucket_domain_name}', prefix: 'cdn/', include_cookies: false },
      depends_on: ['aws_s3_bucket_ownership_controls.access_logs_ownership'],
    });
    expect(resources.aws_s3_bucket_logging.static_assets_logging).toMatchObject({
      bucket: '${aws_s3_bucket.static_assets.id}', target_bucket: '${aws_s3_bucket.access_logs.id}', target_prefix: 'static-assets/',
    });
  });

  it('levels 1-3 have no access-log bucket (no load balancer)', () => {
    expect(resourcesOf(levelPlan(3)).aws_s3_bucket).toBeUndefined();
  });

  it('level 7: each further region has its own, under its provider, for its load balancer', () => {
    const resources = resourcesOf(levelPlan(7));
    expect(Object.keys(resources.aws_s3_bucket)).toEqual(expect.arrayContaining(['access_logs', 'access_logs_eu_west_1']));
    expect(resources.aws_s3_bucket.access_logs_eu_west_1).toMatchObject({ provider: 'aws.eu_west_1', lifecycle: { prevent_destroy: true } });
    expect(resources.aws_lb.load_balancer_eu_west_1).toMatchObject({
      access_logs: { bucket: '${aws_s3_bucket.access_logs_eu_west_1.id}', enabled: true },
      depends_on: ['aws_s3_bucket_policy.access_logs_eu_west_1_policy'],
    });
    const [, loadBalancer] = statements(resources.aws_s3_bucket_policy.access_logs_eu_west_1_policy);
    expect(loadBalancer.Principal).toEqual({ AWS: 'arn:aws:iam::156460612806:root' });
  });
});

describe('databases force TLS, replicas included', () => {
  const TLS = { postgres: { name: 'rds.force_ssl', value: '1' }, mysql: { name: 'require_secure_transport', value: 'ON' } };

  it.each([
    ['shop level 7 (PostgreSQL, production)', levelPlan(7), TLS.postgres],
    ['blog level 7 (MySQL, staging)', blogPlan('blog-7-multi-region.yaml'), TLS.mysql],
  ])('%s: every primary and replica uses a TLS-only parameter group of its own region', (_name, plan, parameter) => {
    const resources = resourcesOf(plan);
    const groups = resources.aws_db_parameter_group;
    const instances = Object.entries(resources.aws_db_instance);
    expect(instances.length).toBeGreaterThan(4);
    for (const [name, instance] of instances) {
      const group = /^\$\{aws_db_parameter_group\.(\w+)\.name\}$/.exec(String(instance.parameter_group_name));
      expect([name, group && groups[group[1]].parameter]).toEqual([name, [parameter]]);
      expect([name, group && groups[group[1]].provider]).toEqual([name, instance.provider]);
    }
  });

  it('names each group after its owner, with a family of the engine version', () => {
    const groups = resourcesOf(levelPlan(7)).aws_db_parameter_group;
    expect(groups.database_parameters).toMatchObject({ family: 'postgres17', name_prefix: 'shop-prod-db-tls-', lifecycle: { create_before_destroy: true } });
    expect(groups.database_replica_eu_west_1_parameters).toMatchObject({ family: 'postgres17', provider: 'aws.eu_west_1' });
    expect(blogPlan('blog-4-fleet.yaml').database?.engine).toBe('mysql');
    expect(resourcesOf(blogPlan('blog-4-fleet.yaml')).aws_db_parameter_group.database_parameters).toMatchObject({ family: 'mysql8.4' });
  });

  it('protects cross-region replicas from deletion in production only', () => {
    const crossRegion = (plan: ArchitecturePlan): Body[] => Object.values(resourcesOf(plan).aws_db_instance)
      .filter((instance) => String(instance.replicate_source_db).endsWith('.arn}'));
    expect(crossRegion(levelPlan(7)).map((replica) => replica.deletion_protection)).toEqual([true, true, true, true, true]);
    expect(crossRegion(blogPlan('blog-7-multi-region.yaml')).map((replica) => replica.deletion_protection)).toEqual([false, false, false]);
  });
});

describe('Server (levels 1-3)', () => {
  it.each([1, 2, 3])('level %i: no termination protection, so the level-4 climb can remove it', (level) => {
    expect(levelPlan(level).retention.deletionProtection).toBe(true);
    expect(resourcesOf(levelPlan(level)).aws_instance.server).toMatchObject({ disable_api_termination: false });
  });
});
