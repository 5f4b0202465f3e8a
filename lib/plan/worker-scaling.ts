/**
 * Backlog per in-service worker, the metric both targets track for a queue's workers. AWS's m1 / m2
 * (visible messages / in-service instances) has no value at zero instances, so with none in service
 * any backlog reads as target + backlog (scale out from zero), and an empty queue reads 0 (scale in
 * to zero). https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-target-tracking-metric-math.html
 */
export function backlogExpression(backlogPerInstance: number): string {
  return `IF(FILL(m2, 0) > 0, FILL(m1, 0) / m2, IF(FILL(m1, 0) > 0, FILL(m1, 0) + ${backlogPerInstance}, 0))`;
}
