import type { TerraformProvider } from 'cdktf';
import type { ArchitecturePlan, RegionPlan } from '../../plan';
import type { Construct } from 'constructs';
import type { WiringPlan, WiringRef } from '../../plan';
import { edgesTo } from '../../plan/wiring/wiring-queries';
import type { AwsRegion } from '../../spec';
import type { Network } from './network';
import { type SecurityGroupClient, TierSecurityGroup } from './security-group';

/** An app tier (server, fleet, workers): its security group as a client, and the role its instances run as. */
export interface AppTier extends SecurityGroupClient {
  /** Its key in the wiring graph (the plan's Terraform name, without the region suffix). */
  readonly key: string;
  readonly roleName: string;
}

/**
 * Where a regional construct lives: its region's provider (undefined for the default provider),
 * network, and the app tiers that may reach it there.
 */
export interface Placement {
  readonly provider: TerraformProvider | undefined;
  readonly region: string;
  readonly network: Network;
  readonly clients: readonly AppTier[];
  /** The plan's wiring graph: data stores admit the clients it connects to them. */
  readonly wiring: WiringPlan;
  /** What instances here boot: the plan, this region, and the service whose tiers these are (null for the app's). */
  readonly boot: BootPlacement;
}

/** The part of a boot script's choice that a placement knows; each tier adds itself (lib/plan/boot). */
export interface BootPlacement {
  readonly plan: ArchitecturePlan;
  readonly region: RegionPlan;
  readonly service: string | null;
}

/** A data tier's security group: the edges of the wiring graph into `target`, from the placement's tiers, nothing else. */
export function appTierOnly(scope: Construct, id: string, tfName: string, placement: Placement, target: Pick<WiringRef, 'kind' | 'key'>): TierSecurityGroup {
  const group = new TierSecurityGroup(scope, id, {
    tfName, vpcId: placement.network.vpc.id, description: `tierup ${tfName}: app tier only`, provider: placement.provider,
  });
  for (const edge of edgesTo(placement.wiring, target.kind, target.key, placement.region as AwsRegion)) {
    const client = placement.clients.find((candidate) => candidate.key === edge.from.key);
    if (client) group.allowFrom(client, edge.port);
  }
  return group;
}
