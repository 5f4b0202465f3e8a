import { type OutputAccountRule, raiseQuota } from './account-rule';
import { listOf } from './output-references';

/** Security groups per network interface, AWS's default quota. */
export const GROUPS_PER_INTERFACE = 5;

/** Where each resource type with network interfaces lists its security groups, per engine. */
const CFN_GROUP_LISTS: Readonly<Record<string, (properties: Record<string, unknown>) => unknown>> = {
  'AWS::EC2::Instance': (properties) => properties.SecurityGroupIds,
  'AWS::EC2::LaunchTemplate': (properties) => (properties.LaunchTemplateData as Record<string, unknown> | undefined)?.SecurityGroupIds,
  'AWS::ElasticLoadBalancingV2::LoadBalancer': (properties) => properties.SecurityGroups,
  'AWS::RDS::DBInstance': (properties) => properties.VPCSecurityGroups,
  'AWS::RDS::DBProxy': (properties) => properties.VpcSecurityGroupIds,
  'AWS::ElastiCache::ReplicationGroup': (properties) => properties.SecurityGroupIds,
};
const TF_GROUP_LISTS: Readonly<Record<string, string>> = {
  aws_instance: 'vpc_security_group_ids', aws_launch_template: 'vpc_security_group_ids', aws_lb: 'security_groups',
  aws_db_instance: 'vpc_security_group_ids', aws_db_proxy: 'vpc_security_group_ids', aws_elasticache_replication_group: 'security_group_ids',
};

/** No network interface carries more than 5 security groups. */
export const securityGroupsPerInterface: OutputAccountRule = {
  id: 'security-groups-per-interface',
  source: { title: 'Amazon VPC quotas: security groups', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups' },
  check: (outputs) => [
    ...Object.entries(outputs.cloudformation).flatMap(([stack, template]) => Object.entries(template.Resources).flatMap(([id, resource]) => {
      const groups = CFN_GROUP_LISTS[resource.Type];
      return groups === undefined ? [] : [{ resource: `${stack}/${id}`, count: listOf(groups(resource.Properties ?? {})).length }];
    })),
    ...Object.entries(outputs.terraform).flatMap(([stack, config]) => Object.entries(TF_GROUP_LISTS).flatMap(([type, argument]) =>
      Object.entries(config.resource?.[type] ?? {}).map(([name, body]) => ({ resource: `${stack}/${type}.${name}`, count: listOf(body[argument]).length })))),
  ].filter(({ count }) => count > GROUPS_PER_INTERFACE).map(({ resource, count }) => ({
    rule: 'security-groups-per-interface',
    severity: 'warning' as const,
    message: `${resource} puts ${count} security groups on its network interfaces, above the default quota of ${GROUPS_PER_INTERFACE}`,
    fix: raiseQuota('Amazon VPC', 'Security groups per network interface').replace(/^or /, ''),
    path: [],
  })),
};
