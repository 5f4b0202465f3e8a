import { Tags } from 'aws-cdk-lib';
import type { ISecurityGroup } from 'aws-cdk-lib/aws-ec2';
import type { IConstruct } from 'constructs';
import type { Role } from 'aws-cdk-lib/aws-iam';
import type { SettingPublisher, WiringPlan, WiringRef } from '../../plan';
import { WIRING_TAG } from '../../plan/wiring/access-actions';
import { edgesTo, publishedSettings, regionTiers } from '../../plan/wiring/wiring-queries';
import type { AwsRegion } from '../../spec';
import { grantPermissions } from './instance-role';
import type { QueueWorker } from './queue-worker';
import type { SettingValues } from './setting-values';

/** A compute tier as the stack created it, by its key in the wiring graph. */
export interface WiredTier {
  readonly role: Role;
  readonly securityGroup: ISecurityGroup;
}

/** The security groups of the graph's edges into `to`, among the tiers created so far. */
export function clientGroups(wiring: WiringPlan, to: Pick<WiringRef, 'kind' | 'key' | 'region'>, tiers: ReadonlyMap<string, WiredTier>): ISecurityGroup[] {
  return [...new Set(edgesTo(wiring, to.kind, to.key, to.region).flatMap((edge) => {
    const tier = tiers.get(edge.from.key);
    return tier ? [tier.securityGroup] : [];
  }))];
}

/** The settings of one publisher in the stack's region, CloudFormation's share of them. */
export function settingsOf(wiring: WiringPlan, region: AwsRegion, matches: (publisher: SettingPublisher) => boolean) {
  return publishedSettings(wiring, region, 'cloudformation', matches);
}

/** The config settings under one prefix. */
export const configOf = (prefix: string) => (publisher: SettingPublisher): boolean => publisher.kind === 'config' && publisher.prefix === prefix;

/**
 * Grants every tier of the region its graph permissions, and tags its role and security group with its key in the
 * graph (CloudFormation's logical ids are hashed; the tag says which tier a group or role is).
 */
export function grantTiers(wiring: WiringPlan, region: AwsRegion, tiers: ReadonlyMap<string, WiredTier>, values: SettingValues): void {
  for (const tier of regionTiers(wiring, region)) {
    const wired = tiers.get(tier.ref.key);
    if (!wired) continue;
    grantPermissions(wired.role, tier, values);
    Tags.of(wired.role).add(WIRING_TAG, tier.ref.key);
    Tags.of(wired.securityGroup).add(WIRING_TAG, tier.ref.key);
  }
}

/** Tags the load balancer's security groups with its key in the graph. */
export function tagLoadBalancer(key: string, groups: readonly IConstruct[]): void {
  for (const group of groups) Tags.of(group).add(WIRING_TAG, key);
}

/** Queue workers by their keys in the graph. */
export function workersByKey(queues: readonly QueueWorker[]): [string, WiredTier][] {
  return queues.flatMap((queue) => (queue.plan.worker && queue.workers ? [[queue.plan.worker.tfName, queue.workers] as [string, WiredTier]] : []));
}
