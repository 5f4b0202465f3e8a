import type { TerraformProvider } from 'cdktf';
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
  /** Base64 user data of instances here: copy the settings under their parameter prefix from SSM at boot. */
  readonly bootScript: string;
}

/** A data tier's security group: the placement's app tiers on the data port, nothing else. */
export function appTierOnly(scope: Construct, id: string, tfName: string, placement: Placement, port: number): TierSecurityGroup {
  const group = new TierSecurityGroup(scope, id, {
    tfName, vpcId: placement.network.vpc.id, description: `tierup ${tfName}: app tier only`, provider: placement.provider,
  });
  for (const client of placement.clients) group.allowFrom(client, port);
  return group;
}
