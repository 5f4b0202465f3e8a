import type { AccountFinding, OutputAccountRule, SynthesizedOutputs } from './account-rule';
import { cfnTarget } from './output-references';

/** One security group rule as EC2 identifies it: group, direction, protocol, ports and peer. */
interface Rule {
  readonly address: string;
  readonly key: string;
}

const MESSAGE = 'describe the same security group rule; EC2 keeps one rule for both';
const CFN_MESSAGE = `${MESSAGE}, so deleting either resource later revokes it for the other`;
const TF_MESSAGE = `${MESSAGE} and refuses the second (InvalidPermission.Duplicate)`;

/**
 * No two resources of one output describe the same security group rule. EC2 refuses a rule that already exists
 * (InvalidPermission.Duplicate); CloudFormation creates the second resource anyway, and removing either later
 * revokes the one rule both stood for (aws-cdk#24305: CDK's proxy target added such a pair next to tierup's rule).
 */
export const securityGroupRuleDuplicates: OutputAccountRule = {
  id: 'security-group-rule-duplicates',
  source: { title: 'Amazon EC2 API error codes: InvalidPermission.Duplicate', url: 'https://docs.aws.amazon.com/AWSEC2/latest/APIReference/errors-overview.html' },
  check: (outputs) => [
    ...duplicates(cfnRules(outputs)).map((pair): AccountFinding => finding(pair, 'warning', CFN_MESSAGE)),
    ...duplicates(tfRules(outputs)).map((pair): AccountFinding => finding(pair, 'error', TF_MESSAGE)),
  ],
};

function finding([first, second]: readonly [Rule, Rule], severity: AccountFinding['severity'], message: string): AccountFinding {
  return {
    rule: 'security-group-rule-duplicates', severity, message: `${first.address} and ${second.address} ${message}`,
    fix: 'keep one resource per rule (tierup does; regenerate the output with this version, or remove the duplicate an override adds)',
    path: ['database', 'proxy'],
  };
}

/** Each rule that repeats an earlier one, with the first that described it. */
function duplicates(rules: readonly Rule[]): [Rule, Rule][] {
  const first = new Map<string, Rule>();
  return rules.flatMap((rule): [Rule, Rule][] => {
    const earlier = first.get(rule.key);
    if (earlier) return [[earlier, rule]];
    first.set(rule.key, rule);
    return [];
  });
}

function cfnRules(outputs: SynthesizedOutputs): Rule[] {
  return Object.entries(outputs.cloudformation).flatMap(([stack, template]) => {
    const resources = template.Resources;
    // A port may be a database's own (CDK's `IndirectPort`: `Fn::GetAtt [<instance>, Endpoint.Port]`): its value is the instance's Port.
    const port = (value: unknown): unknown => {
      const target = cfnTarget(value);
      const instance = target === null ? undefined : resources[target];
      return instance?.Type === 'AWS::RDS::DBInstance' && JSON.stringify(value).includes('Endpoint.Port') ? Number(instance.Properties?.Port) : value;
    };
    // Peers and groups as written: a nested stack's groups are outputs of one resource, told apart by their attribute.
    const peer = (rule: Record<string, unknown>, ids: readonly string[]): string => JSON.stringify(ids.map((id) => rule[id] ?? null));
    const key = (group: unknown, direction: string, rule: Record<string, unknown>, peers: readonly string[]): string =>
      JSON.stringify([stack, group, direction, String(rule.IpProtocol), port(rule.FromPort), port(rule.ToPort), peer(rule, peers)]);
    const ingressPeers = ['SourceSecurityGroupId', 'CidrIp', 'CidrIpv6', 'SourcePrefixListId'];
    const egressPeers = ['DestinationSecurityGroupId', 'CidrIp', 'CidrIpv6', 'DestinationPrefixListId'];
    return Object.entries(resources).flatMap(([id, resource]): Rule[] => {
      const properties = resource.Properties ?? {};
      const address = `${stack}/${id}`;
      if (resource.Type === 'AWS::EC2::SecurityGroupIngress') return [{ address, key: key(properties.GroupId, 'in', properties, ingressPeers) }];
      if (resource.Type === 'AWS::EC2::SecurityGroupEgress') return [{ address, key: key(properties.GroupId, 'out', properties, egressPeers) }];
      if (resource.Type !== 'AWS::EC2::SecurityGroup') return [];
      const inline = (list: unknown, direction: string, peers: readonly string[]): Rule[] => (Array.isArray(list) ? list as Record<string, unknown>[] : [])
        .map((rule, index) => ({ address: `${address}[${direction} ${index}]`, key: key({ 'Fn::GetAtt': [id, 'GroupId'] }, direction, rule, peers) }));
      return [...inline(properties.SecurityGroupIngress, 'in', ingressPeers), ...inline(properties.SecurityGroupEgress, 'out', egressPeers)];
    });
  });
}

function tfRules(outputs: SynthesizedOutputs): Rule[] {
  const peers = ['referenced_security_group_id', 'cidr_ipv4', 'cidr_ipv6', 'prefix_list_id'];
  return Object.entries(outputs.terraform).flatMap(([stack, config]) => (['ingress', 'egress'] as const).flatMap((direction) =>
    Object.entries(config.resource?.[`aws_vpc_security_group_${direction}_rule`] ?? {}).map(([name, body]): Rule => ({
      address: `${stack}/aws_vpc_security_group_${direction}_rule.${name}`,
      key: JSON.stringify([stack, body.security_group_id, direction, body.ip_protocol, body.from_port, body.to_port, peers.map((peer) => body[peer] ?? null)]),
    }))));
}
