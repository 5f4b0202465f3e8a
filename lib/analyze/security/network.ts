import { byType, type SecurityInvariant, unless } from './invariant';
import { isRecord, list, prop, referencedIds, refTarget, type TemplateResource, type TemplateView } from './template-model';

/** One ingress rule and the security group it opens. */
interface Ingress {
  /** Logical id of the group, or null when the group is not in this template. */
  readonly groupId: string | null;
  readonly rule: Readonly<Record<string, unknown>>;
}

/** The ingress rules a resource declares: inline in a security group, or as a SecurityGroupIngress. */
function ingressOf(logicalId: string, resource: TemplateResource): Ingress[] {
  if (resource.Type === 'AWS::EC2::SecurityGroup') {
    return list(prop(resource, 'SecurityGroupIngress')).filter(isRecord).map((rule) => ({ groupId: logicalId, rule }));
  }
  if (resource.Type === 'AWS::EC2::SecurityGroupIngress') {
    return [{ groupId: refTarget(prop(resource, 'GroupId')), rule: resource.Properties ?? {} }];
  }
  return [];
}

/** Whether a rule's port range includes `port` (all traffic included). */
function opensPort(rule: Readonly<Record<string, unknown>>, port: number): boolean {
  if (String(rule.IpProtocol) === '-1') return true;
  return typeof rule.FromPort === 'number' && typeof rule.ToPort === 'number' && rule.FromPort <= port && port <= rule.ToPort;
}

/** Whether a rule admits the whole internet. */
function worldOpen(rule: Readonly<Record<string, unknown>>): boolean {
  return rule.CidrIp === '0.0.0.0/0' || rule.CidrIpv6 === '::/0';
}

/** Logical ids of the security groups the resources of `types` use, by the property holding them. */
function groupsUsedBy(template: TemplateView, holders: Readonly<Record<string, string | readonly string[]>>): Set<string> {
  return new Set(Object.values(template.resources)
    .filter((resource) => Object.hasOwn(holders, resource.Type))
    .flatMap((resource) => [holders[resource.Type]].flat().flatMap((path) => referencedIds(prop(resource, path)))));
}

/**
 * An instance names its groups in SecurityGroupIds, or in its network interfaces' GroupSet (the level 1-3 server,
 * whose interface asks for a public address at launch).
 */
const INSTANCE_GROUPS = ['SecurityGroupIds', 'NetworkInterfaces'] as const;

/** Where each kind of resource lists its security groups. */
const FRONT_DOORS = { 'AWS::ElasticLoadBalancingV2::LoadBalancer': 'SecurityGroups', 'AWS::EC2::Instance': INSTANCE_GROUPS } as const;
const DATA_TIER = {
  'AWS::RDS::DBInstance': 'VPCSecurityGroups',
  'AWS::ElastiCache::ReplicationGroup': 'SecurityGroupIds',
  'AWS::RDS::DBProxy': 'VpcSecurityGroupIds',
} as const;
const CLIENT_TIER = {
  'AWS::EC2::Instance': INSTANCE_GROUPS,
  'AWS::EC2::LaunchTemplate': 'LaunchTemplateData.SecurityGroupIds',
  'AWS::RDS::DBProxy': 'VpcSecurityGroupIds',
  // The database's password-rotation function (AWS's, from the Serverless Application Repository).
  'AWS::Serverless::Application': 'Parameters.vpcSecurityGroupIds',
} as const;

/** IMDSv2 (session tokens) on every instance and launch template. */
export const IMDSV2: SecurityInvariant = {
  id: 'imdsv2',
  summary: 'Every EC2 instance and launch template requires IMDSv2 (HttpTokens: required).',
  productionOnly: false,
  check: byType({
    'AWS::EC2::LaunchTemplate': (resource) => unless(prop(resource, 'LaunchTemplateData.MetadataOptions.HttpTokens') === 'required', 'HttpTokens is not "required"'),
    'AWS::EC2::Instance': (resource, template) => unless(
      prop(resource, 'MetadataOptions.HttpTokens') === 'required' || referencedIds(prop(resource, 'LaunchTemplate')).some((id) => {
        const launchTemplate = template.resources[id];
        return launchTemplate !== undefined && prop(launchTemplate, 'LaunchTemplateData.MetadataOptions.HttpTokens') === 'required';
      }),
      'neither the instance nor its launch template requires IMDSv2'),
  }),
};

/** No SSH: no key pairs, no port 22 or 3389. */
export const NO_SSH: SecurityInvariant = {
  id: 'no-ssh',
  summary: 'No key pair anywhere, and no security group opens port 22 (SSH) or 3389 (RDP); Session Manager is the way in.',
  productionOnly: false,
  check: (logicalId, resource) => [
    ...(resource.Type === 'AWS::EC2::KeyPair' ? ['a key pair is declared'] : []),
    ...unless(prop(resource, 'KeyName') === undefined && prop(resource, 'LaunchTemplateData.KeyName') === undefined, 'names a key pair (KeyName)'),
    ...ingressOf(logicalId, resource).flatMap(({ rule }) => [22, 3389].filter((port) => opensPort(rule, port)).map((port) => `ingress opens port ${port}`)),
  ],
};

/** The internet reaches 80/443 of the front door only. */
export const WORLD_OPEN_INGRESS: SecurityInvariant = {
  id: 'world-open-ingress',
  summary: 'Ingress from 0.0.0.0/0 or ::/0 exists only on ports 80 and 443 of the load balancer or the level 1-3 server.',
  productionOnly: false,
  check: (logicalId, resource, template) => ingressOf(logicalId, resource).filter(({ rule }) => worldOpen(rule)).flatMap(({ groupId, rule }) => {
    const webPort = String(rule.IpProtocol) === 'tcp' && rule.FromPort === rule.ToPort && (rule.FromPort === 80 || rule.FromPort === 443);
    const frontDoor = groupId !== null && groupsUsedBy(template, FRONT_DOORS).has(groupId);
    return unless(webPort && frontDoor, `the internet may reach ${String(rule.IpProtocol)} ${String(rule.FromPort)}-${String(rule.ToPort)} of ${groupId ?? 'a group outside this template'}, which is not a load balancer's or the server's port 80/443`);
  }),
};

/** Databases and caches reachable from their own tier only. */
export const DATA_TIER_ISOLATION: SecurityInvariant = {
  id: 'data-tier-isolation',
  summary: 'Every ingress rule of a database, proxy or cache security group names a security group, and when that group is in the same template it belongs to an app server, a fleet, workers, an RDS proxy or the password-rotation function.',
  productionOnly: false,
  check: (logicalId, resource, template) => {
    const dataGroups = groupsUsedBy(template, DATA_TIER);
    const clients = groupsUsedBy(template, CLIENT_TIER);
    return ingressOf(logicalId, resource).filter(({ groupId }) => groupId !== null && dataGroups.has(groupId)).flatMap(({ groupId, rule }) => {
      if (rule.CidrIp !== undefined || rule.CidrIpv6 !== undefined || rule.SourcePrefixListId !== undefined || rule.SourceSecurityGroupId === undefined) {
        return [`data-tier group ${String(groupId)} admits addresses rather than a security group`];
      }
      // A group of another template arrives as a parameter or a nested stack's output; its own template is checked on its own.
      const source = refTarget(rule.SourceSecurityGroupId);
      const local = source !== null && template.resources[source]?.Type === 'AWS::EC2::SecurityGroup';
      return unless(!local || clients.has(source), `data-tier group ${String(groupId)} admits ${String(source)}, which no app server, fleet, worker, proxy or rotation function uses`);
    });
  },
};

