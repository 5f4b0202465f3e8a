import { byType, type SecurityInvariant, unless } from './invariant';
import {
  deniesInsecureTransport, isRecord, isTrue, list, policiesOf, prop, refTarget, type TemplateResource, type TemplateView,
} from './template-model';

/** A read replica: its storage and encryption come from its source. */
function isReplica(resource: TemplateResource): boolean {
  return prop(resource, 'SourceDBInstanceIdentifier') !== undefined;
}

/** Every EBS mapping encrypted, and at least one declared (an undeclared root volume is unencrypted by default). */
function blockDeviceProblems(mappings: unknown, what: string): string[] {
  const items = list(mappings);
  if (items.length === 0) return [`${what} declares no block device, so its root volume is not encrypted`];
  return items.filter(isRecord).flatMap((mapping) => (isRecord(mapping.Ebs) && !isTrue(mapping.Ebs.Encrypted)
    ? [`${what} volume ${String(mapping.DeviceName)} is not encrypted`]
    : []));
}

/** Encryption at rest wherever AWS offers it. */
export const ENCRYPTION_AT_REST: SecurityInvariant = {
  id: 'encryption-at-rest',
  summary: 'RDS instances (replicas through their source or their own KMS key), ElastiCache, SQS, SNS, S3 and every EBS volume (data volume, instance and launch-template volumes) are encrypted at rest.',
  productionOnly: false,
  check: byType({
    'AWS::RDS::DBInstance': (resource) => {
      if (!isReplica(resource)) return unless(isTrue(prop(resource, 'StorageEncrypted')), 'StorageEncrypted is not true');
      // A cross-region replica cannot use its source's key: RDS encrypts it with KmsKeyId.
      return unless(prop(resource, 'SourceRegion') === undefined || prop(resource, 'KmsKeyId') !== undefined, 'cross-region replica has no KmsKeyId');
    },
    'AWS::ElastiCache::ReplicationGroup': (resource) => unless(isTrue(prop(resource, 'AtRestEncryptionEnabled')), 'AtRestEncryptionEnabled is not true'),
    'AWS::SQS::Queue': (resource) => unless(isTrue(prop(resource, 'SqsManagedSseEnabled')) || prop(resource, 'KmsMasterKeyId') !== undefined, 'neither SQS-managed nor KMS encryption is on'),
    'AWS::SNS::Topic': (resource) => unless(prop(resource, 'KmsMasterKeyId') !== undefined, 'no KmsMasterKeyId'),
    'AWS::S3::Bucket': (resource) => unless(list(prop(resource, 'BucketEncryption.ServerSideEncryptionConfiguration')).length > 0, 'no BucketEncryption'),
    'AWS::EC2::Volume': (resource) => unless(isTrue(prop(resource, 'Encrypted')), 'Encrypted is not true'),
    'AWS::EC2::Instance': (resource) => blockDeviceProblems(prop(resource, 'BlockDeviceMappings'), 'instance'),
    'AWS::EC2::LaunchTemplate': (resource) => {
      const mappings = prop(resource, 'LaunchTemplateData.BlockDeviceMappings');
      // A template without an image only carries instance settings (the server's IMDS options); its instance declares the volumes.
      return prop(resource, 'LaunchTemplateData.ImageId') === undefined && list(mappings).length === 0 ? [] : blockDeviceProblems(mappings, 'launch template');
    },
  }),
};

/** Parameters that make each engine refuse unencrypted connections. */
const TLS_PARAMETERS: Readonly<Record<string, string>> = { 'rds.force_ssl': '1', require_secure_transport: '1' };

/** Whether the instance's parameter group (in the same template) forces TLS. */
function parameterGroupForcesTls(resource: TemplateResource, template: TemplateView): boolean {
  const groupId = refTarget(prop(resource, 'DBParameterGroupName'));
  const group = groupId === null ? undefined : template.resources[groupId];
  const parameters = group === undefined ? undefined : prop(group, 'Parameters');
  return isRecord(parameters) && Object.entries(TLS_PARAMETERS).some(([name, value]) => String(parameters[name]).toUpperCase() === value);
}

/** Encryption in transit wherever AWS offers it. */
export const ENCRYPTION_IN_TRANSIT: SecurityInvariant = {
  id: 'encryption-in-transit',
  summary: 'Every RDS instance uses a parameter group that refuses plain connections, RDS Proxy requires TLS, ElastiCache has transit encryption, and SQS queues and SNS topics deny requests without TLS.',
  productionOnly: false,
  check: byType({
    'AWS::RDS::DBInstance': (resource, template) => unless(parameterGroupForcesTls(resource, template), 'its parameter group does not force TLS (rds.force_ssl / require_secure_transport)'),
    'AWS::RDS::DBProxy': (resource) => unless(isTrue(prop(resource, 'RequireTLS')), 'RequireTLS is not true'),
    'AWS::ElastiCache::ReplicationGroup': (resource) => unless(isTrue(prop(resource, 'TransitEncryptionEnabled')), 'TransitEncryptionEnabled is not true'),
    'AWS::SQS::Queue': (_resource, template, logicalId) => unless(
      policiesOf(template, 'AWS::SQS::QueuePolicy', 'Queues', logicalId).some((policy) => deniesInsecureTransport(prop(policy, 'PolicyDocument'))),
      'no queue policy denies requests without TLS'),
    'AWS::SNS::Topic': (_resource, template, logicalId) => unless(
      policiesOf(template, 'AWS::SNS::TopicPolicy', 'Topics', logicalId).some((policy) => deniesInsecureTransport(prop(policy, 'PolicyDocument'))),
      'no topic policy denies requests without TLS'),
  }),
};
