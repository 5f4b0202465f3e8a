import { isOriginSecretName } from '../../plan';
import { byType, type SecurityInvariant, unless } from './invariant';
import { deniesInsecureTransport, isRecord, isTrue, list, policiesOf, prop, type TemplateResource } from './template-model';

/** The four switches of S3 Block Public Access. */
const BLOCK_PUBLIC_ACCESS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'] as const;

/** Viewer protocol policies that never serve plain HTTP. */
const HTTPS_POLICIES = new Set(['redirect-to-https', 'https-only']);

/** S3 blocks public access and enforces TLS. */
export const S3_PRIVATE_AND_TLS: SecurityInvariant = {
  id: 's3-private-tls',
  summary: 'Every S3 bucket turns on all four Block Public Access settings and has a bucket policy denying requests without TLS.',
  productionOnly: false,
  check: byType({
    'AWS::S3::Bucket': (resource, template, logicalId) => [
      ...BLOCK_PUBLIC_ACCESS.filter((setting) => !isTrue(prop(resource, `PublicAccessBlockConfiguration.${setting}`))).map((setting) => `${setting} is not true`),
      ...unless(policiesOf(template, 'AWS::S3::BucketPolicy', 'Bucket', logicalId).some((policy) => deniesInsecureTransport(prop(policy, 'PolicyDocument'))),
        'no bucket policy denies requests without TLS'),
    ],
  }),
};

/** CloudFront never serves viewers over plain HTTP. */
export const CDN_HTTPS: SecurityInvariant = {
  id: 'cdn-https',
  summary: 'Every CloudFront cache behavior redirects HTTP to HTTPS (or serves HTTPS only).',
  productionOnly: false,
  check: byType({
    'AWS::CloudFront::Distribution': (resource) => [prop(resource, 'DistributionConfig.DefaultCacheBehavior'), ...list(prop(resource, 'DistributionConfig.CacheBehaviors'))]
      .filter(isRecord)
      .filter((behavior) => !HTTPS_POLICIES.has(String(behavior.ViewerProtocolPolicy)))
      .map((behavior) => `behavior ${String(behavior.PathPattern ?? 'default')} allows ${String(behavior.ViewerProtocolPolicy)}`),
  }),
};

/** A read replica: RDS cannot snapshot it, and its data lives in its source. */
function isReplica(resource: TemplateResource): boolean {
  return prop(resource, 'SourceDBInstanceIdentifier') !== undefined;
}

/** Stateful types whose removal must keep the data in production, with whether a resource of the type counts. */
const DATA_STORES: Readonly<Record<string, (resource: TemplateResource) => boolean>> = {
  'AWS::RDS::DBInstance': (resource) => !isReplica(resource),
  'AWS::ElastiCache::ReplicationGroup': () => true,
  'AWS::S3::Bucket': () => true,
  'AWS::SQS::Queue': () => true,
  'AWS::EC2::Volume': () => true,
  // The origin proof's secrets are proof values, not data: deleted when they leave (lib/render/cfn/origin-secrets.ts).
  'AWS::SecretsManager::Secret': (resource) => !isOriginSecretName(prop(resource, 'Name')),
  'AWS::KMS::Key': () => true,
};

/** Deletion policies that leave the data behind. */
const KEEPING_POLICIES = new Set(['Retain', 'Snapshot', 'RetainExceptOnCreate']);

/** Production: deletion protection on every RDS instance. */
export const DELETION_PROTECTION: SecurityInvariant = {
  id: 'deletion-protection',
  summary: 'In production every RDS instance, replicas included, has deletion protection.',
  productionOnly: true,
  check: byType({
    'AWS::RDS::DBInstance': (resource) => unless(isTrue(prop(resource, 'DeletionProtection')), 'DeletionProtection is not true'),
  }),
};

/** Production: Multi-AZ primaries and caches with replicas. */
export const MULTI_AZ: SecurityInvariant = {
  id: 'multi-az',
  summary: 'In production every RDS primary is Multi-AZ, and every cache with a replica fails over automatically across zones.',
  productionOnly: true,
  check: byType({
    'AWS::RDS::DBInstance': (resource) => (isReplica(resource) ? [] : unless(isTrue(prop(resource, 'MultiAZ')), 'MultiAZ is not true')),
    'AWS::ElastiCache::ReplicationGroup': (resource) => (Number(prop(resource, 'NumCacheClusters')) > 1
      ? unless(isTrue(prop(resource, 'MultiAZEnabled')) && isTrue(prop(resource, 'AutomaticFailoverEnabled')), 'has replicas but MultiAZEnabled or AutomaticFailoverEnabled is not true')
      : []),
  }),
};

/** Production: removing a data store keeps its data. */
export const RETAIN_DATA: SecurityInvariant = {
  id: 'retain-data',
  summary: 'In production every data store (RDS primary, cache, bucket, queue, volume, secret, KMS key) has DeletionPolicy Retain or Snapshot.',
  productionOnly: true,
  check: (_logicalId, resource) => (Object.hasOwn(DATA_STORES, resource.Type) && DATA_STORES[resource.Type](resource)
    ? unless(KEEPING_POLICIES.has(String(resource.DeletionPolicy)), `DeletionPolicy is ${String(resource.DeletionPolicy ?? 'Delete (default)')}`)
    : []),
};

/** Production: a week of point-in-time recovery. */
export const BACKUPS: SecurityInvariant = {
  id: 'backups',
  summary: 'In production every RDS primary keeps automated backups for at least 7 days.',
  productionOnly: true,
  check: byType({
    'AWS::RDS::DBInstance': (resource) => (isReplica(resource) ? [] : unless(Number(prop(resource, 'BackupRetentionPeriod')) >= MIN_BACKUP_DAYS,
      `BackupRetentionPeriod is ${String(prop(resource, 'BackupRetentionPeriod'))}, below ${MIN_BACKUP_DAYS} days`)),
  }),
};

/** Days of automated backups production needs. */
const MIN_BACKUP_DAYS = 7;
