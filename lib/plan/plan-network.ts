import type { AwsRegion, ExistingSubnetsSpec, NetworkSpec, RegionalVpcSpec } from '../spec';
import type { Environment, ExistingVpcPlan, NetworkPlan } from './architecture-plan';
import { ENVIRONMENT_DEFAULTS } from './environment-defaults';

/**
 * The VPC. The subnet layout is the same at every level: changing it would move subnets and with
 * them the database's subnet group. Below level 4 the private subnets have no NAT (nothing runs there).
 * In the team's own VPC (`vpcId`) tierup creates no NAT, and the endpoint only when told to.
 */
export function planNetwork(network: NetworkSpec, environment: Environment, hasFleet: boolean, hasDatabase: boolean): NetworkPlan {
  const prefix = Number(network.cidr.split('/')[1]);
  const existing = network.vpcId !== undefined;
  const natGateways = hasFleet && !existing
    ? Math.min(network.natGateways ?? ENVIRONMENT_DEFAULTS[environment].natGateways, network.maxAzs)
    : 0;
  return {
    id: 'Network',
    tfName: 'network',
    cidr: network.cidr,
    maxAzs: existing ? network.subnets.public.length : network.maxAzs,
    natGateways,
    // Three zones of public /p+4, private /p+3 and isolated /p+4 use 3/4 of the block.
    subnetMasks: { public: prefix + 4, private: prefix + 3, isolated: prefix + 4 },
    secretsEndpoint: hasDatabase && (!existing || network.secretsManagerEndpoint === 'create'),
  };
}

/**
 * The team's VPC in `region`, or null when tierup creates the region's VPC: the primary region's from `network`,
 * a further region's from `network.regions`. Subnets are put in the public subnets' zone order.
 */
export function planExistingVpc(network: NetworkSpec, region: AwsRegion, primary: boolean, hasDatabase: boolean): ExistingVpcPlan | null {
  if (network.vpcId === undefined) return null;
  const vpc: RegionalVpcSpec | undefined = primary
    ? { vpcId: network.vpcId, cidr: network.cidr, subnets: network.subnets }
    : network.regions?.[region];
  if (!vpc) return null;
  const zones = vpc.subnets.public.map((subnet) => subnet.zone);
  const inZoneOrder = (tier: keyof ExistingSubnetsSpec): string[] =>
    vpc.subnets[tier].toSorted((a, b) => zones.indexOf(a.zone) - zones.indexOf(b.zone)).map((subnet) => subnet.id);
  return {
    vpcId: vpc.vpcId,
    zones,
    subnets: { public: inZoneOrder('public'), private: inZoneOrder('private'), isolated: inZoneOrder('isolated') },
    // Validation requires the VPC's block with `create` from level 2 (lib/spec/rules/existing-vpc-rules.ts).
    secretsEndpoint: hasDatabase && network.secretsManagerEndpoint === 'create' && vpc.cidr !== undefined
      ? { serviceName: `com.amazonaws.${region}.secretsmanager`, admittedCidr: vpc.cidr }
      : null,
  };
}
