import type { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import type { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import type { AwsRegion } from '../../spec';
import type { ArchitecturePlan } from '../../plan';
import { AlertsSlack } from './alerts-slack';
import type { Cdn } from './cdn';
import type { Fleet } from './fleet';
import type { GlobalRouting } from './global-routing';
import type { LoadBalancer } from './load-balancer';
import { createDashboard, Monitoring } from './monitoring';
import type { QueueWorker } from './queue-worker';
import type { RegionalTier } from './regional-tier';
import type { Server } from './server';
import type { Service } from './services';
import { WatchedValues } from './watched-values';

/** The constructs of a blueprint whose resources the monitoring plan watches (BlueprintStack's fields). */
export interface WatchedParts {
  readonly server: Server | null;
  readonly loadBalancer: LoadBalancer | null;
  readonly fleet: Fleet | null;
  readonly queues: readonly QueueWorker[];
  readonly services: readonly Service[];
  readonly regionalTiers: readonly RegionalTier[];
  readonly cdn: Cdn | null;
  readonly globalRouting: GlobalRouting | null;
}

/** Where each region's resources go in the one Terraform configuration. */
export interface WatchingProviders {
  /** A further region's tier (level 7); undefined for the primary region and us-east-1's global-services alarms. */
  readonly regional: (region: AwsRegion) => RegionalTier | undefined;
  /** us-east-1's provider (undefined when it is the primary region's). */
  readonly usEast1: () => TerraformProvider | undefined;
  /** Any region's provider. */
  readonly of: (region: AwsRegion) => TerraformProvider | undefined;
}

/** What {@link watch} created. */
export interface Watching {
  readonly regions: Monitoring[];
  readonly slack: AlertsSlack | null;
  readonly globalDashboard: CloudwatchDashboard | null;
}

/**
 * The monitoring section, once every watched resource exists: the values its reference dimensions name, each
 * region's {@link Monitoring} under that region's provider (a further region's inside its tier; us-east-1's
 * global-services alarms under the us-east-1 provider), the Slack channel and level 7's global dashboard.
 */
export function watch(stack: Construct & WatchedParts, plan: ArchitecturePlan, providers: WatchingProviders): Watching {
  const home = plan.regions[0].region;
  const values = watchedValues(plan, stack);
  const regions = plan.monitoring.regions.flatMap((watched): Monitoring[] => {
    const props = { plan: watched, retention: plan.retention, values };
    if (watched.globalServicesOnly) return [new Monitoring(stack, `Monitoring-${watched.region}`, { ...props, provider: providers.usEast1() })];
    if (watched.region === home) return [new Monitoring(stack, 'Monitoring', { ...props, provider: undefined })];
    const tier = providers.regional(watched.region);
    return tier ? [tier.watch(props)] : [];
  });
  // Every topic the plan names is a resource of the one configuration.
  const topics = new Map(regions.flatMap((watched) => [...watched.topicsByTfName]));
  const { slack } = plan.monitoring.alerts;
  const global = plan.monitoring.globalDashboard;
  return {
    regions,
    slack: slack && new AlertsSlack(stack, slack.id, {
      plan: slack, provider: providers.of(slack.region), topics,
    }),
    globalDashboard: global && regions.length > 0 ? createDashboard(stack, global, providers.of(global.region), {
      dimension: (value) => values.resolve(value),
      // An alarm's own resource where a region created it, else its ARN built in the dashboard's region.
      alarmArn: (name) => (regions.find((watched) => watched.alarms.has(name)) ?? regions.find((watched) => watched.plan.region === global.region) ?? regions[0]).alarmArn(name),
    }) : null,
  };
}

/**
 * What the monitoring plan's reference dimensions name, from the resources that hold them: the server's
 * instance, every fleet's and worker group's Auto Scaling group, every load balancer and target group (a target
 * group by the fleet that owns it), the distribution (under the primary region and us-east-1, where its
 * metrics live) and level 7's health checks (key `health_check`, under the region each probes).
 */
export function watchedValues(plan: ArchitecturePlan, parts: WatchedParts): WatchedValues {
  const values = new WatchedValues();
  const home = plan.regions[0].region;
  if (plan.server && parts.server) values.set({ kind: 'server', key: plan.server.tfName, region: home }, 'instance-id', parts.server.instance.id);
  const regions = [
    { region: home, loadBalancer: parts.loadBalancer, fleet: parts.fleet, queues: parts.queues, services: parts.services },
    ...parts.regionalTiers.map((tier, index) => ({
      region: plan.regions[index + 1].region, loadBalancer: tier.loadBalancer, fleet: tier.fleet, queues: tier.queues, services: tier.services,
    })),
  ];
  for (const { region, loadBalancer, fleet, queues, services } of regions) {
    if (loadBalancer && plan.loadBalancer) values.set({ kind: 'load-balancer', key: plan.loadBalancer.tfName, region }, 'load-balancer-full-name', loadBalancer.loadBalancer.arnSuffix);
    for (const group of [fleet, ...services.map((service) => service.fleet)]) {
      if (!group) continue;
      values.set({ kind: 'fleet', key: group.tier.key, region }, 'auto-scaling-group-name', group.group.name);
      values.set({ kind: 'target-group', key: group.tier.key, region }, 'target-group-full-name', group.targetGroup.arnSuffix);
    }
    for (const queue of [...queues, ...services.flatMap((service) => service.queues)]) {
      if (queue.workers && queue.plan.worker) values.set({ kind: 'worker', key: queue.plan.worker.tfName, region }, 'auto-scaling-group-name', queue.workers.group.name);
    }
  }
  if (plan.cdn && parts.cdn) {
    for (const region of new Set<AwsRegion>([home, 'us-east-1'])) values.set({ kind: 'cdn', key: plan.cdn.tfName, region }, 'distribution-id', parts.cdn.distribution.id);
  }
  for (const [region, check] of parts.globalRouting?.healthChecksByRegion ?? []) values.set({ kind: 'health-check', key: 'health_check', region }, 'health-check-id', check.id);
  return values;
}
