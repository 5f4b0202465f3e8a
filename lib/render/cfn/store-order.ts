import type { CfnResource } from 'aws-cdk-lib';
import type { CfnDBInstance } from 'aws-cdk-lib/aws-rds';
import type { IConstruct } from 'constructs';
import type { WiringPlan, WiringRef } from '../../plan';
import { awaitedStores, refKey, regionTiers } from '../../plan/wiring/wiring-queries';
import type { AwsRegion } from '../../spec';
import type { Cache } from './cache';
import type { Database } from './database';
import type { Fleet } from './fleet';
import type { QueueWorker } from './queue-worker';
import type { Server } from './server';

/** A data store as the stack created it: its node in the wiring graph and the resource its tiers wait for. */
export interface BuiltStore {
  readonly ref: WiringRef;
  /** What must exist before the store's settings do (a database: its primary and its same-region readers). */
  readonly resources: readonly CfnResource[];
}

/** A database's stores in `region`: the primary with its read replicas (`reader-endpoints` names them), and its proxy. */
export function databaseStores(database: Database, region: AwsRegion): BuiltStore[] {
  const { plan } = database;
  const instances = [database.instance, ...database.replicas].map((instance) => instance.node.defaultChild as CfnResource);
  const proxy = plan.proxy && database.proxy ? [{ ref: { kind: 'proxy' as const, key: plan.proxy.tfName, region }, resources: [database.proxy.node.defaultChild as CfnResource] }] : [];
  return [{ ref: { kind: 'database', key: plan.tfName, region }, resources: instances }, ...proxy];
}

/** A cache's store in `region`. */
export function cacheStore(cache: Cache, region: AwsRegion): BuiltStore {
  return { ref: { kind: 'cache', key: cache.plan.tfName, region }, resources: [cache.replicationGroup] };
}

/** A further region's cross-region replicas, each with the plan's Terraform name of it. */
export function replicaStores(replicas: readonly { readonly tfName: string; readonly instance: CfnDBInstance }[], region: AwsRegion): BuiltStore[] {
  return replicas.map(({ tfName, instance }) => ({ ref: { kind: 'regional-replica', key: tfName, region }, resources: [instance] }));
}

/** The resource whose creation starts a tier's instances: the server, or an Auto Scaling group. */
export function serverGroup(server: Server): CfnResource {
  return server.instance.node.defaultChild as CfnResource;
}

/** A fleet's Auto Scaling group. */
export function fleetGroup(fleet: Fleet): CfnResource {
  return fleet.autoScalingGroup.node.defaultChild as CfnResource;
}

/** The workers' Auto Scaling groups of queues, by the workers' keys in the graph. */
export function workerGroups(queues: readonly QueueWorker[]): [string, CfnResource][] {
  return queues.flatMap((queue) => (queue.plan.worker && queue.workers
    ? [[queue.plan.worker.tfName, queue.workers.autoScalingGroup.node.defaultChild as CfnResource] as [string, CfnResource]]
    : []));
}

/**
 * Creates every tier of the region after the data stores its settings name (the plan's wiring graph): its instances
 * wait for those settings at boot, and a database or cross-region replica slower than the wait would otherwise fail
 * the creation policy and roll the stack back. A tier in a nested stack (a service) makes its nested stack wait.
 */
export function orderAfterStores(wiring: WiringPlan, region: AwsRegion, groups: ReadonlyMap<string, IConstruct>, stores: readonly BuiltStore[]): void {
  for (const tier of regionTiers(wiring, region)) {
    const group = groups.get(tier.ref.key);
    if (!group) continue;
    const awaited = new Set(awaitedStores(tier).map(refKey));
    for (const store of stores.filter((candidate) => awaited.has(refKey(candidate.ref)))) store.resources.forEach((resource) => group.node.addDependency(resource));
  }
}
