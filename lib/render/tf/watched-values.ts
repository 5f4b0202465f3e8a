import type { DimensionValue, WatchedAttribute, WatchedRef } from '../../plan';

/**
 * The deploy-time values the monitoring plan's `reference` dimensions name, by planned resource and attribute,
 * registered by BlueprintStack from the constructs that create them (as {@link SettingValues} does for the
 * wiring graph): an instance's `aws_instance.id`, a group's `aws_autoscaling_group.name`, a load balancer's or
 * target group's `arn_suffix` (`app/<name>/<id>`, `targetgroup/<name>/<id>`: the ApplicationELB dimensions),
 * a distribution's `id`, a health check's `id`. One configuration holds every region, so a value of another
 * region is a plain reference.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-cloudwatch-metrics.html#load-balancer-metric-dimensions-alb
 */
export class WatchedValues {
  private readonly values = new Map<string, string>();

  /** Records what a construct created for a planned resource. */
  public set(ref: WatchedRef, attribute: WatchedAttribute, value: string): void {
    this.values.set(watchedKey(ref, attribute), value);
  }

  /** Whether a value was recorded (tests; a renderer never throws on a missing one). */
  public has(ref: WatchedRef, attribute: WatchedAttribute): boolean {
    return this.values.has(watchedKey(ref, attribute));
  }

  /** A dimension's value: the literal, or the registered attribute ('' when nothing registered it). */
  public resolve(value: DimensionValue): string {
    return value.kind === 'literal' ? value.value : this.values.get(watchedKey(value.resource, value.attribute)) ?? '';
  }
}

function watchedKey(ref: WatchedRef, attribute: WatchedAttribute): string {
  return `${ref.kind}:${ref.key}@${ref.region}#${attribute}`;
}
