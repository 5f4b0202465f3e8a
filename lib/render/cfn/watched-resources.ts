import type { IConstruct } from 'constructs';
import type { ArchitecturePlan, WatchedAttribute, WatchedRef } from '../../plan';
import type { AwsRegion } from '../../spec';
import type { Cdn } from './cdn';
import type { Fleet } from './fleet';
import type { GlobalRouting } from './global-routing';
import type { LoadBalancer } from './load-balancer';
import type { QueueWorker } from './queue-worker';
import type { Server } from './server';
import type { Service } from './services';

/**
 * The key a Route 53 health check is registered under: a region's stack holds one (GlobalRouting), named
 * `health_check` in Terraform for the primary region (`health_check_<region>` further), so the region tells them apart.
 */
export const HEALTH_CHECK_KEY = 'health_check';

/** One app's registries, per plan: a reference made in one stack may name a resource of another stack. */
const REGISTRIES = new WeakMap<IConstruct, WeakMap<ArchitecturePlan, WatchedResources>>();

/**
 * The deploy-time attributes the monitoring plan's dimensions name (`WatchedRef` + `WatchedAttribute`), registered
 * by each stack of one blueprint as it creates the resources, read by the stacks' monitoring. A value of another
 * stack is a cross-stack (or, with `crossRegionReferences`, cross-region) reference that aws-cdk-lib wires itself;
 * a nested stack's (a service's fleet) becomes a nested-stack output read by its parent.
 */
export class WatchedResources {
  private readonly values = new Map<string, string>();

  /** The registry of `plan` in the app that holds `scope`. */
  public static of(scope: IConstruct, plan: ArchitecturePlan): WatchedResources {
    const root = scope.node.root;
    const byPlan = REGISTRIES.get(root) ?? new WeakMap<ArchitecturePlan, WatchedResources>();
    REGISTRIES.set(root, byPlan);
    const registry = byPlan.get(plan) ?? new WatchedResources();
    byPlan.set(plan, registry);
    return registry;
  }

  /** Records the value of one attribute of a planned resource. */
  public set(ref: WatchedRef, attribute: WatchedAttribute, value: string): void {
    this.values.set(watchedKey(ref, attribute), value);
  }

  /** The value of one attribute, or null when no stack created the resource (yet). */
  public get(ref: WatchedRef, attribute: WatchedAttribute): string | null {
    return this.values.get(watchedKey(ref, attribute)) ?? null;
  }
}

/** `kind:key@region#attribute`. */
export function watchedKey(ref: WatchedRef, attribute: WatchedAttribute): string {
  return `${ref.kind}:${ref.key}@${ref.region}#${attribute}`;
}

/** What one stack created that the monitoring plan may name. */
export interface WatchableResources {
  readonly server: Server | null;
  readonly loadBalancer: LoadBalancer | null;
  /** The default app's fleet (its target group is the load balancer's default one). */
  readonly fleet: Fleet | null;
  readonly queues: readonly QueueWorker[];
  readonly services: readonly Service[];
  readonly cdn: Cdn | null;
  readonly globalRouting: GlobalRouting | null;
}

/** Registers a stack's watchable resources under their keys in the plan, in the stack's region. */
export function registerWatched(watched: WatchedResources, plan: ArchitecturePlan, region: AwsRegion, created: WatchableResources): void {
  const at = (kind: WatchedRef['kind'], key: string): WatchedRef => ({ kind, key, region });
  if (plan.server && created.server) watched.set(at('server', plan.server.tfName), 'instance-id', created.server.instance.instanceId);
  if (plan.loadBalancer && created.loadBalancer) {
    watched.set(at('load-balancer', plan.loadBalancer.tfName), 'load-balancer-full-name', created.loadBalancer.loadBalancer.loadBalancerFullName);
  }
  if (plan.fleet && created.fleet && created.loadBalancer) {
    watched.set(at('fleet', plan.fleet.tfName), 'auto-scaling-group-name', created.fleet.autoScalingGroup.autoScalingGroupName);
    watched.set(at('target-group', plan.fleet.tfName), 'target-group-full-name', created.loadBalancer.defaultTargetGroup.targetGroupFullName);
  }
  for (const service of created.services) {
    watched.set(at('fleet', service.plan.fleet.tfName), 'auto-scaling-group-name', service.fleet.autoScalingGroup.autoScalingGroupName);
    watched.set(at('target-group', service.plan.fleet.tfName), 'target-group-full-name', service.targetGroup.targetGroupFullName);
  }
  for (const queue of [...created.queues, ...created.services.flatMap((service) => service.queues)]) {
    if (queue.plan.worker && queue.workers) {
      watched.set(at('worker', queue.plan.worker.tfName), 'auto-scaling-group-name', queue.workers.autoScalingGroup.autoScalingGroupName);
    }
  }
  if (plan.cdn && created.cdn) watched.set(at('cdn', plan.cdn.tfName), 'distribution-id', created.cdn.distribution.distributionId);
  if (created.globalRouting) watched.set(at('health-check', HEALTH_CHECK_KEY), 'health-check-id', created.globalRouting.healthCheck.attrHealthCheckId);
}
