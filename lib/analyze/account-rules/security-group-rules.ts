import { type AccountFinding, type OutputAccountRule, raiseQuota, type SynthesizedOutputs } from './account-rule';
import { cfnTarget, tfTarget } from './output-references';

/** Inbound rules per security group, AWS's default quota. */
export const INBOUND_RULES_PER_GROUP = 60;

/**
 * The weight of an AWS-managed prefix list: a rule referencing it counts as the list's maximum entries
 * ("Weight of AWS-managed prefix lists": CloudFront's origin-facing list 55, Route 53's health checkers 25).
 * https://docs.aws.amazon.com/vpc/latest/userguide/working-with-aws-managed-prefix-lists.html
 */
export function prefixListWeight(name: string): number {
  if (name === 'com.amazonaws.global.cloudfront.origin-facing') return 55;
  if (/^com\.amazonaws\.[a-z0-9-]+\.(ipv6\.)?route53-healthchecks$/.test(name)) return 25;
  return 1;
}

/** Weight of a prefix list named only by id: tierup names CloudFront's list by id, so an id weighs as CloudFront's (the heaviest it uses). */
const UNNAMED_LIST_WEIGHT = 55;

/** Every security group's inbound rules, weighted, fit the 60-rule quota. */
export const securityGroupRules: OutputAccountRule = {
  id: 'security-group-rules',
  source: { title: 'Amazon VPC quotas: security groups', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html#vpc-limits-security-groups' },
  check: (outputs, plan) => [...cfnWeights(outputs), ...tfWeights(outputs)]
    .filter(({ weight }) => weight > INBOUND_RULES_PER_GROUP)
    .map(({ group, weight }): AccountFinding => ({
      rule: 'security-group-rules',
      severity: 'warning',
      message: `security group ${group} holds inbound rules weighing ${weight} (a managed prefix list counts as its maximum entries), above the default quota of ${INBOUND_RULES_PER_GROUP}`,
      fix: `split its rules over several groups, ${raiseQuota('Amazon VPC', 'Inbound or outbound rules per security group')}`,
      path: plan.multiRegion ? ['multiRegion'] : ['cdn'],
    })),
};

function cfnWeights(outputs: SynthesizedOutputs): { group: string; weight: number }[] {
  return Object.entries(outputs.cloudformation).flatMap(([stack, template]) => {
    const resources = template.Resources;
    const weights = new Map<string, number>();
    const listName = (value: unknown): string | null => {
      const lookup = cfnTarget(value);
      const create = lookup === null ? undefined : resources[lookup]?.Properties?.Create ?? resources[lookup]?.Properties?.Update;
      const match = typeof create === 'string' ? /"Values":\["([^"]+)"\]/.exec(create) : null;
      return match ? match[1] : null;
    };
    const weigh = (rule: Record<string, unknown>): number => {
      if (rule.SourcePrefixListId === undefined) return 1;
      const name = listName(rule.SourcePrefixListId);
      return name === null ? UNNAMED_LIST_WEIGHT : prefixListWeight(name);
    };
    for (const [id, resource] of Object.entries(resources)) {
      const properties = resource.Properties ?? {};
      if (resource.Type === 'AWS::EC2::SecurityGroup') {
        const inline = Array.isArray(properties.SecurityGroupIngress) ? properties.SecurityGroupIngress as Record<string, unknown>[] : [];
        weights.set(id, (weights.get(id) ?? 0) + inline.reduce((sum, rule) => sum + weigh(rule), 0));
      }
      if (resource.Type === 'AWS::EC2::SecurityGroupIngress') {
        const group = cfnTarget(properties.GroupId);
        if (group !== null) weights.set(group, (weights.get(group) ?? 0) + weigh(properties));
      }
    }
    return [...weights].map(([group, weight]) => ({ group: `${stack}/${group}`, weight }));
  });
}

function tfWeights(outputs: SynthesizedOutputs): { group: string; weight: number }[] {
  return Object.entries(outputs.terraform).flatMap(([stack, config]) => {
    const lists = config.data?.aws_ec2_managed_prefix_list ?? {};
    const weights = new Map<string, number>();
    for (const rule of Object.values(config.resource?.aws_vpc_security_group_ingress_rule ?? {})) {
      const group = tfTarget(rule.security_group_id);
      if (group === null) continue;
      const list = tfTarget(rule.prefix_list_id);
      const name = list === null ? null : lists[list.replace(/^data\.aws_ec2_managed_prefix_list\./, '')]?.name;
      const weight = rule.prefix_list_id === undefined ? 1 : typeof name === 'string' ? prefixListWeight(name) : UNNAMED_LIST_WEIGHT;
      weights.set(group, (weights.get(group) ?? 0) + weight);
    }
    return [...weights].map(([group, weight]) => ({ group: `${stack}/${group}`, weight }));
  });
}
