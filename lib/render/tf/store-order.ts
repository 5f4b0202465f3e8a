import { dependable, type TerraformResource } from 'cdktf';
import type { ArchitecturePlan } from '../../plan';
import type { WiringPlan, WiringRef } from '../../plan';
import { awaitedStores, refKey, regionTiers } from '../../plan/wiring/wiring-queries';
import type { AwsRegion } from '../../spec';
import type { BlueprintStack } from './blueprint-stack';
import type { Cache } from './cache';
import type { Database } from './database';
import type { Fleet } from './fleet';
import type { QueueWorker } from './queue-worker';

/** A data store as the stack created it: its node in the wiring graph and the resource its tiers wait for. */
export interface BuiltStore {
  readonly ref: WiringRef;
  /** What must exist before the store's settings do (a database: its primary and its same-region readers). */
  readonly resources: readonly TerraformResource[];
}

/**
 * A database's stores: in `home` the primary with its read replicas (`reader-endpoints` names them) and its proxy;
 * its cross-region replicas in their regions.
 */
export function databaseStores(database: Database, home: AwsRegion): BuiltStore[] {
  const { plan } = database;
  const regional = database.regionalReplicas.flatMap((instance) => {
    const replica = plan.regionalReplicas.find((candidate) => candidate.tfName === instance.friendlyUniqueId);
    return replica ? [{ ref: { kind: 'regional-replica' as const, key: replica.tfName, region: replica.region }, resources: [instance] }] : [];
  });
  const proxy = plan.proxy && database.proxy ? [{ ref: { kind: 'proxy' as const, key: plan.proxy.tfName, region: home }, resources: [database.proxy] }] : [];
  return [{ ref: { kind: 'database', key: plan.tfName, region: home }, resources: [database.instance, ...database.replicas] }, ...proxy, ...regional];
}

/** A cache's store in `region`. */
export function cacheStore(cache: Cache, region: AwsRegion): BuiltStore {
  return { ref: { kind: 'cache', key: cache.plan.tfName, region }, resources: [cache.group] };
}

/** A fleet's Auto Scaling group, by its key in the graph. */
export function fleetGroup(fleet: Fleet): [string, TerraformResource] {
  return [fleet.tier.key, fleet.group];
}

/** The workers' Auto Scaling groups of queues, by the workers' keys in the graph. */
export function workerGroups(queues: readonly QueueWorker[]): [string, TerraformResource][] {
  return queues.flatMap((queue) => (queue.workers ? [[queue.workers.tier.key, queue.workers.group] as [string, TerraformResource]] : []));
}

/**
 * Creates every tier's Auto Scaling group after the data stores its settings name (the plan's wiring graph), as the
 * CloudFormation target does: the instances wait for those settings at boot, and the group's creation waits for
 * healthy instances, so a database or cross-region replica slower than that wait would fail the apply.
 */
export function orderAfterStores(wiring: WiringPlan, region: AwsRegion, groups: ReadonlyMap<string, TerraformResource>, stores: readonly BuiltStore[]): void {
  for (const tier of regionTiers(wiring, region)) {
    const group = groups.get(tier.ref.key);
    if (!group) continue;
    const awaited = new Set(awaitedStores(tier).map(refKey));
    const after = stores.filter((store) => awaited.has(refKey(store.ref))).flatMap((store) => store.resources.map((resource) => dependable(resource)));
    // `dependable`, not `fqn`: Terraform reads `depends_on` as bare addresses (`aws_db_instance.database`) and
    // refuses `${aws_db_instance.database}` ("A single static variable reference is required"); checkTfConfig says so.
    if (after.length > 0) group.dependsOn = [...(group.dependsOn ? group.dependsOn : []), ...after];
  }
}

/** Every region's tiers of a stack start after the databases, proxies, replicas and caches their settings name. */
export function orderTiers(plan: ArchitecturePlan, stack: BlueprintStack): void {
  const home = plan.regions[0].region;
  const databases = [...(stack.shards ? stack.shards.databases : stack.database ? [stack.database] : []), ...stack.services.flatMap((service) => (service.database ? [service.database] : []))];
  const parts = [
    { region: home, cache: stack.cache, fleet: stack.fleet, queues: stack.queues, services: stack.services },
    ...stack.regionalTiers.map((tier, index) => ({ region: plan.regions[index + 1].region, cache: tier.cache, fleet: tier.fleet, queues: tier.queues, services: tier.services })),
  ];
  const stores = [
    ...databases.flatMap((database) => databaseStores(database, home)),
    ...parts.flatMap((part) => [part.cache, ...part.services.map((service) => service.cache)].flatMap((cache) => (cache ? [cacheStore(cache, part.region)] : []))),
  ];
  for (const part of parts) {
    const groups = new Map<string, TerraformResource>([
      ...(part.region === home && plan.server && stack.server ? [[plan.server.tfName, stack.server.instance] as const] : []),
      ...(part.fleet ? [fleetGroup(part.fleet)] : []),
      ...workerGroups(part.queues),
      ...part.services.flatMap((service) => [fleetGroup(service.fleet), ...workerGroups(service.queues)]),
    ]);
    orderAfterStores(plan.wiring, part.region, groups, stores);
  }
}
