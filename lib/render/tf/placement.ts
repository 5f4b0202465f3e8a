import type { TerraformProvider } from 'cdktf';
import type { Network } from './network';
import type { SecurityGroupClient } from './security-group';

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
  readonly network: Network;
  readonly clients: readonly AppTier[];
}
