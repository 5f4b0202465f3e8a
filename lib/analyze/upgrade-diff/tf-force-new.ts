/**
 * Arguments whose change makes Terraform destroy and recreate the resource (`ForceNew` in the AWS
 * provider's schema, v6). The cdktf bindings do not carry ForceNew, so this is data, read from the
 * provider's documentation ("Forces new resource") for every type tierup emits. A type missing here
 * is diffed as update-in-place; every stateful type is listed.
 */
export const TF_FORCE_NEW_ARGUMENTS: Readonly<Record<string, readonly string[]>> = {
  aws_db_instance: ['identifier', 'identifier_prefix', 'engine', 'username', 'db_name', 'storage_encrypted', 'kms_key_id',
    'availability_zone', 'character_set_name', 'nchar_character_set_name', 'snapshot_identifier', 'timezone',
    'restore_to_point_in_time', 's3_import', 'custom_iam_instance_profile'],
  aws_elasticache_replication_group: ['replication_group_id', 'engine', 'at_rest_encryption_enabled', 'kms_key_id', 'port',
    'subnet_group_name', 'snapshot_arns', 'snapshot_name', 'global_replication_group_id', 'data_tiering_enabled', 'network_type'],
  aws_elasticache_cluster: ['cluster_id', 'engine', 'port', 'subnet_group_name', 'availability_zone'],
  aws_s3_bucket: ['bucket', 'bucket_prefix', 'object_lock_enabled'],
  aws_sqs_queue: ['name', 'name_prefix', 'fifo_queue'],
  aws_ebs_volume: ['availability_zone', 'encrypted', 'kms_key_id', 'snapshot_id', 'outpost_arn'],
  aws_secretsmanager_secret: ['name', 'name_prefix'],
  aws_kms_key: ['customer_master_key_spec', 'key_usage', 'multi_region', 'xks_key_id', 'custom_key_store_id'],
  aws_cloudwatch_log_group: ['name', 'name_prefix', 'log_group_class'],
  aws_db_proxy: ['name', 'engine_family'],
  aws_db_subnet_group: ['name', 'name_prefix'],
  aws_elasticache_subnet_group: ['name'],
  aws_sns_topic: ['name', 'name_prefix', 'fifo_topic'],
  aws_vpc: ['cidr_block', 'instance_tenancy'],
  aws_subnet: ['vpc_id', 'cidr_block', 'availability_zone', 'availability_zone_id'],
  aws_security_group: ['name', 'name_prefix', 'description', 'vpc_id'],
  aws_instance: ['ami', 'availability_zone', 'subnet_id', 'key_name', 'private_ip', 'ebs_block_device', 'ephemeral_block_device', 'tenancy'],
  aws_lb: ['name', 'name_prefix', 'internal', 'load_balancer_type'],
  aws_lb_target_group: ['name', 'name_prefix', 'port', 'protocol', 'vpc_id', 'target_type'],
  aws_launch_template: ['name', 'name_prefix'],
  aws_autoscaling_group: ['name', 'name_prefix'],
  aws_eip: ['domain'],
  aws_nat_gateway: ['allocation_id', 'subnet_id', 'connectivity_type'],
  aws_ssm_parameter: ['name'],
  aws_route53_health_check: ['type', 'reference_name'],
  aws_cloudfront_origin_access_control: [],
  aws_iam_role: ['name', 'name_prefix'],
  aws_iam_instance_profile: ['name', 'name_prefix'],
};
