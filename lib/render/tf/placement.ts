import type { TerraformProvider } from 'cdktf';
import type { ArchitecturePlan, RegionPlan } from '../../plan';
import type { Construct } from 'constructs';
import type { Network } from './network';
import { type SecurityGroupClient, TierSecurityGroup } from './security-group';

/** An app tier (server, fleet, workers): its security group as a client, and the role its instances run as. */
export interface AppTier extends SecurityGroupClient {
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
  /** What instances here boot: the plan, this region, and the service whose tiers these are (null for the app's). */
  readonly boot: BootPlacement;
}

/** The part of a boot script's choice that a placement knows; each tier adds itself (lib/plan/boot). */
export interface BootPlacement {
  readonly plan: ArchitecturePlan;
  readonly region: RegionPlan;
  readonly service: string | null;
}

/** A data tier's security group: the placement's app tiers on the data port, nothing else. */
export function appTierOnly(scope: Construct, id: string, tfName: string, placement: Placement, port: number): TierSecurityGroup {
  const group = new TierSecurityGroup(scope, id, {
    tfName, vpcId: placement.network.vpc.id, description: `tierup ${tfName}: app tier only`, provider: placement.provider,
  });
  for (const client of placement.clients) group.allowFrom(client, port);
  return group;
}
