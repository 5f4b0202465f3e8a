import type { ArchitecturePlan } from '../architecture-plan';
import { agentPlan } from '../boot/cloudwatch-agent-config';
import { AGENT_NAMESPACE } from '../monitoring/agent-metrics';
import { bootTierOf } from '../boot/tier-boot';
import { ACCESS_ACTIONS } from './access-actions';
import type { AccessKind, PermissionPlan, WiringPlan, WiringRef, WiringTier } from './wiring-graph';

// What the CloudWatch agent on every instance may do (lib/plan/boot/cloudwatch-agent-config.ts): exactly what its
// configuration uses, so the grants follow the agent.

/**
 * The wiring graph with each compute tier granted its agent's permissions: write its streams in the log groups it
 * ships to, publish metrics in the agent's namespace only (PutMetricData supports no resource-level permission; the
 * `cloudwatch:namespace` condition narrows it:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/iam-cw-condition-keys-namespace.html), and, where it
 * appends the AutoScalingGroupName dimension, read the instance's tags (the agent reads the group's name from the
 * `aws:autoscaling:groupName` tag with ec2:DescribeTags, which supports no resource-level permission:
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonec2.html).
 */
export function withAgentPermissions(wiring: WiringPlan, plan: Omit<ArchitecturePlan, 'wiring'>): WiringPlan {
  return { ...wiring, tiers: wiring.tiers.map((tier) => ({ ...tier, permissions: [...tier.permissions, ...agentPermissions(plan, tier)] })) };
}

/** The permissions of one tier's agent; none for a node that runs no boot script. */
export function agentPermissions(plan: Omit<ArchitecturePlan, 'wiring'>, tier: WiringTier): PermissionPlan[] {
  const boot = bootTierOf(plan, tier.ref);
  if (!boot) return [];
  const { region } = tier.ref;
  const agent = agentPlan(plan, boot, region);
  const grant = (access: AccessKind, resource: WiringRef, conditions: PermissionPlan['conditions'] = []): PermissionPlan =>
    ({ access, resource, actions: ACCESS_ACTIONS[access], copyOf: null, only: null, conditions });
  const groups = [...new Set(agent.logs.map((log) => log.logGroupName))];
  return [
    ...groups.map((name) => grant('write-logs', { kind: 'log-group', key: name, region })),
    grant('put-metrics', { kind: 'cloudwatch', key: 'cloudwatch', region }, [{ operator: 'StringEquals', key: 'cloudwatch:namespace', values: [AGENT_NAMESPACE] }]),
    ...(agent.metrics.appendDimensions.includes('AutoScalingGroupName') ? [grant('read-instance-tags', { kind: 'ec2', key: 'ec2', region })] : []),
  ];
}
