import { isRecord, isTrue, referencedIds, refTarget } from '../analyze/security/template-model';
import { isStatefulCfnType, STATEFUL_TF_TYPES } from '../analyze/upgrade-diff/stateful-types';
import type { CloudFormationTemplate, Engine, RenderedOutputs, TerraformConfig } from './rendered-outputs';

/** One resource of a rendered output: its engine, stack, address and type. */
export interface FoundResource {
  readonly engine: Engine;
  readonly stack: string;
  /** CloudFormation: the logical id; Terraform: `type.name`. */
  readonly address: string;
  readonly type: string;
}

/** A database instance and whether its storage is encrypted (a read replica inherits its source's encryption). */
export interface DatabaseEncryption extends FoundResource {
  readonly encrypted: boolean;
}

/** Every resource that holds data (the types `tierup diff` guards), sorted by engine, stack and address. */
export function statefulResources(outputs: RenderedOutputs): FoundResource[] {
  return [
    ...cfnResources(outputs).filter((resource) => isStatefulCfnType(resource.type)),
    ...tfResources(outputs).filter((resource) => STATEFUL_TF_TYPES.has(resource.type)),
  ];
}

/** Every RDS instance (primaries, shards, replicas) in both engines with its encryption at rest. */
export function databaseEncryption(outputs: RenderedOutputs): DatabaseEncryption[] {
  const cfn = Object.entries(outputs.cloudformation).flatMap(([stack, template]) => {
    const resources = template.Resources ?? {};
    const encrypted = (id: string, depth = 0): boolean => {
      const properties = resources[id]?.Properties ?? {};
      if (isTrue(properties.StorageEncrypted) || properties.KmsKeyId !== undefined) return true;
      // A replica names its source by ARN (an Fn::Join around the source's Ref) and inherits its encryption.
      const source = referencedIds(properties.SourceDBInstanceIdentifier).find((candidate) => resources[candidate]?.Type === 'AWS::RDS::DBInstance');
      return source !== undefined && depth < 5 && encrypted(source, depth + 1);
    };
    return Object.entries(resources).filter(([, resource]) => resource.Type === 'AWS::RDS::DBInstance')
      .map(([address, resource]): DatabaseEncryption => ({ engine: 'cloudformation', stack, address, type: resource.Type, encrypted: encrypted(address) }));
  });
  const tf = Object.entries(outputs.terraform).flatMap(([stack, config]) => {
    const instances = config.resource?.aws_db_instance ?? {};
    const encrypted = (name: string, depth = 0): boolean => {
      const instance = instances[name] ?? {};
      if (instance.storage_encrypted === true || instance.kms_key_id !== undefined) return true;
      const source = /^\$\{aws_db_instance\.(\w+)\.\w+\}$/.exec(String(instance.replicate_source_db ?? ''))?.[1];
      return source !== undefined && depth < 5 && encrypted(source, depth + 1);
    };
    return Object.keys(instances).toSorted().map((name): DatabaseEncryption => ({ engine: 'terraform', stack, address: `aws_db_instance.${name}`, type: 'aws_db_instance', encrypted: encrypted(name) }));
  });
  return [...cfn, ...tf];
}

/** True when the outputs hold at least one database and every one is encrypted at rest, in every engine rendered. */
export function isDatabaseEncrypted(outputs: RenderedOutputs): boolean {
  const databases = databaseEncryption(outputs);
  return databases.length > 0 && databases.every((database) => database.encrypted);
}

/** How an engine's load balancers can be reached. */
export interface LoadBalancerAccess {
  readonly engine: Engine;
  readonly stack: string;
  readonly address: string;
  /** A CloudFront distribution is in the same output. */
  readonly behindCdn: boolean;
  /** Every ingress rule of its security groups admits a managed prefix list (CloudFront's origin-facing one), never addresses or groups. */
  readonly onlyPrefixLists: boolean;
  /** Its ingress rules; none means nothing can reach it. */
  readonly ingressRules: number;
}

/** Every application load balancer and what its security groups admit. */
export function loadBalancerAccess(outputs: RenderedOutputs): LoadBalancerAccess[] {
  return [
    ...Object.entries(outputs.cloudformation).flatMap(([stack, template]) => cfnLoadBalancerAccess(stack, template)),
    ...Object.entries(outputs.terraform).flatMap(([stack, config]) => tfLoadBalancerAccess(stack, config)),
  ];
}

/** True when there is a load balancer and every one sits behind CloudFront, admitting only CloudFront's prefix list. */
export function isLoadBalancerPrivateToCdn(outputs: RenderedOutputs): boolean {
  const balancers = loadBalancerAccess(outputs);
  return balancers.length > 0 && balancers.every((balancer) => balancer.behindCdn && balancer.onlyPrefixLists && balancer.ingressRules > 0);
}

function cfnResources(outputs: RenderedOutputs): FoundResource[] {
  return Object.entries(outputs.cloudformation).flatMap(([stack, template]) => Object.entries(template.Resources ?? {})
    .map(([address, resource]): FoundResource => ({ engine: 'cloudformation', stack, address, type: resource.Type })))
    .toSorted(byAddress);
}

function tfResources(outputs: RenderedOutputs): FoundResource[] {
  return Object.entries(outputs.terraform).flatMap(([stack, config]) => Object.entries(config.resource ?? {})
    .flatMap(([type, byName]) => Object.keys(byName).map((name): FoundResource => ({ engine: 'terraform', stack, address: `${type}.${name}`, type }))))
    .toSorted(byAddress);
}

function byAddress(a: FoundResource, b: FoundResource): number {
  return `${a.stack}\u0000${a.address}`.localeCompare(`${b.stack}\u0000${b.address}`);
}

function cfnLoadBalancerAccess(stack: string, template: CloudFormationTemplate): LoadBalancerAccess[] {
  const resources = template.Resources ?? {};
  const behindCdn = Object.values(resources).some((resource) => resource.Type === 'AWS::CloudFront::Distribution');
  return Object.entries(resources).filter(([, resource]) => resource.Type === 'AWS::ElasticLoadBalancingV2::LoadBalancer').map(([address, resource]) => {
    const groups = new Set((Array.isArray(resource.Properties?.SecurityGroups) ? resource.Properties.SecurityGroups : []).map(refTarget));
    const rules = Object.entries(resources).flatMap(([id, candidate]): Record<string, unknown>[] => {
      if (candidate.Type === 'AWS::EC2::SecurityGroup' && groups.has(id)) {
        const inline = candidate.Properties?.SecurityGroupIngress;
        return (Array.isArray(inline) ? inline : []).filter(isRecord);
      }
      if (candidate.Type === 'AWS::EC2::SecurityGroupIngress' && groups.has(refTarget(candidate.Properties?.GroupId))) return [candidate.Properties ?? {}];
      return [];
    });
    const onlyPrefixLists = rules.every((rule) => rule.SourcePrefixListId !== undefined && rule.CidrIp === undefined && rule.CidrIpv6 === undefined && rule.SourceSecurityGroupId === undefined);
    return { engine: 'cloudformation', stack, address, behindCdn, onlyPrefixLists, ingressRules: rules.length };
  });
}

function tfLoadBalancerAccess(stack: string, config: TerraformConfig): LoadBalancerAccess[] {
  const resources = config.resource ?? {};
  const behindCdn = Object.keys(resources.aws_cloudfront_distribution ?? {}).length > 0;
  const groupOf = (reference: unknown): string | undefined => /^\$\{aws_security_group\.(\w+)\.id\}$/.exec(String(reference))?.[1];
  const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : value === undefined ? [] : [value]);
  return Object.entries(resources.aws_lb ?? {}).filter(([, balancer]) => (balancer.load_balancer_type ?? 'application') === 'application').map(([name, balancer]) => {
    const groups = new Set(list(balancer.security_groups).map(groupOf));
    const inline = Object.entries(resources.aws_security_group ?? {}).filter(([group]) => groups.has(group))
      .flatMap(([, group]) => list(group.ingress).filter(isRecord))
      .map((rule) => list(rule.prefix_list_ids).length > 0 && list(rule.cidr_blocks).length === 0 && list(rule.ipv6_cidr_blocks).length === 0 && list(rule.security_groups).length === 0);
    const vpcRules = Object.values(resources.aws_vpc_security_group_ingress_rule ?? {}).filter((rule) => groups.has(groupOf(rule.security_group_id)))
      .map((rule) => rule.prefix_list_id !== undefined && rule.cidr_ipv4 === undefined && rule.cidr_ipv6 === undefined && rule.referenced_security_group_id === undefined);
    const legacyRules = Object.values(resources.aws_security_group_rule ?? {}).filter((rule) => rule.type === 'ingress' && groups.has(groupOf(rule.security_group_id)))
      .map((rule) => list(rule.prefix_list_ids).length > 0 && list(rule.cidr_blocks).length === 0 && list(rule.ipv6_cidr_blocks).length === 0 && rule.source_security_group_id === undefined);
    const rules = [...inline, ...vpcRules, ...legacyRules];
    return { engine: 'terraform', stack, address: `aws_lb.${name}`, behindCdn, onlyPrefixLists: rules.every(Boolean), ingressRules: rules.length };
  });
}
