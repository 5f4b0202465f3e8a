import type { ArchitecturePlan } from '../../plan';
import { type AccountFinding, type PlanAccountRule, raiseQuota } from './account-rule';

/** Application Load Balancer default quotas. https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html */
export const ALB_QUOTAS = { rulesPerListener: 100, targetGroupsPerLoadBalancer: 100 } as const;

const SOURCE = { title: 'Quotas for your Application Load Balancers', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html' };

/**
 * The serving listener's rules (the default action is not counted): one path rule per service, and behind
 * CloudFront also the app's own rule (the default action then refuses requests without the origin secret)
 * and, at level 7, the health path's rule. The redirecting HTTP listener has none.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html
 */
export function listenerRuleCount(plan: ArchitecturePlan): number {
  const balancer = plan.loadBalancer;
  if (!balancer) return 0;
  return plan.services.length + (balancer.originProof ? 1 : 0) + (balancer.healthCheckRule ? 1 : 0);
}

/** The serving listener's rules against the default quota. */
export const rulesPerListener: PlanAccountRule = {
  id: 'rules-per-listener',
  source: SOURCE,
  check: (plan) => exceeds(plan, listenerRuleCount(plan), ALB_QUOTAS.rulesPerListener, 'rules-per-listener', 'listener rules', 'Rules per Application Load Balancer'),
};

/** The app's target group and one per service. */
export const targetGroupsPerLoadBalancer: PlanAccountRule = {
  id: 'target-groups-per-load-balancer',
  source: SOURCE,
  check: (plan) => exceeds(plan, plan.loadBalancer ? 1 + plan.services.length : 0, ALB_QUOTAS.targetGroupsPerLoadBalancer, 'target-groups-per-load-balancer', 'target groups', 'Target Groups per Application Load Balancer'),
};

function exceeds(plan: ArchitecturePlan, count: number, quota: number, rule: string, what: string, quotaName: string): AccountFinding[] {
  return plan.loadBalancer && count > quota
    ? [{ rule, severity: 'warning', message: `${count} ${what} on the load balancer exceed the default quota of ${quota}`, fix: `split the services over fewer paths, ${raiseQuota('Elastic Load Balancing', quotaName)}`, path: ['services'] }]
    : [];
}
