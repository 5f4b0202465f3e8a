import type { NetworkSpec } from '../spec';
import type { Environment, NetworkPlan } from './architecture-plan';
import { ENVIRONMENT_DEFAULTS } from './environment-defaults';

/**
 * The VPC. The subnet layout is the same at every level: changing it would move subnets and with
 * them the database's subnet group. Below level 4 the private subnets have no NAT (nothing runs there).
 */
export function planNetwork(network: NetworkSpec, environment: Environment, hasFleet: boolean, hasDatabase: boolean): NetworkPlan {
  const prefix = Number(network.cidr.split('/')[1]);
  const natGateways = hasFleet
    ? Math.min(network.natGateways ?? ENVIRONMENT_DEFAULTS[environment].natGateways, network.maxAzs)
    : 0;
  return {
    id: 'Network',
    tfName: 'network',
    cidr: network.cidr,
    maxAzs: network.maxAzs,
    natGateways,
    // Three zones of public /p+4, private /p+3 and isolated /p+4 use 3/4 of the block.
    subnetMasks: { public: prefix + 4, private: prefix + 3, isolated: prefix + 4 },
    secretsEndpoint: hasDatabase,
  };
}
