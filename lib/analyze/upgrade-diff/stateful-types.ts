import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** Types tierup treats as stateful whatever the resource spec says (DESIGN.md §5.1). */
const TIERUP_STATEFUL_CFN_TYPES = [
  'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::GlobalReplicationGroup',
  'AWS::S3::Bucket', 'AWS::SQS::Queue', 'AWS::EC2::Volume', 'AWS::SecretsManager::Secret', 'AWS::CloudFormation::Stack',
] as const;

let specStatefulTypes: ReadonlySet<string> | undefined;

/**
 * CloudFormation types the AWS resource spec marks stateful (`isStateful` in @aws-cdk/aws-service-spec,
 * the database cloudformation-diff itself reads), plus tierup's own list. Read once per process.
 */
export function isStatefulCfnType(type: string): boolean {
  specStatefulTypes ??= new Set([...readSpecStatefulTypes(), ...TIERUP_STATEFUL_CFN_TYPES]);
  return specStatefulTypes.has(type);
}

function readSpecStatefulTypes(): string[] {
  const file = require.resolve('@aws-cdk/aws-service-spec/db.json.gz');
  const database = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as {
    schema: { resource: { entities: { cloudFormationType: string; isStateful?: boolean }[] } };
  };
  return database.schema.resource.entities.filter((entity) => entity.isStateful).map((entity) => entity.cloudFormationType);
}

/** Terraform resource types holding data: the counterparts of the stateful CloudFormation types tierup emits. */
export const STATEFUL_TF_TYPES: ReadonlySet<string> = new Set([
  'aws_db_instance', 'aws_rds_cluster', 'aws_elasticache_replication_group', 'aws_elasticache_cluster',
  'aws_elasticache_global_replication_group', 'aws_s3_bucket', 'aws_sqs_queue', 'aws_ebs_volume',
  'aws_secretsmanager_secret', 'aws_kms_key', 'aws_cloudwatch_log_group', 'aws_dynamodb_table', 'aws_efs_file_system',
]);
