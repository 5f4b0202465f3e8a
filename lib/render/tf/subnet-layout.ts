import type { NetworkPlan } from '../../plan';

/** CIDR blocks of one VPC's subnets, by tier, one per zone. */
export interface SubnetLayout {
  readonly public: readonly string[];
  readonly private: readonly string[];
  readonly isolated: readonly string[];
}

/**
 * Allocates subnets the way aws-cdk-lib's `Vpc` does for the CloudFormation target: tier after tier
 * (public, private, isolated), one block per zone, each block at the next address aligned to its size.
 * Both targets therefore give every subnet the same CIDR.
 */
export function subnetLayout(plan: NetworkPlan): SubnetLayout {
  const [address] = plan.cidr.split('/');
  let next = toNumber(address);
  const allocate = (mask: number): string[] =>
    Array.from({ length: plan.maxAzs }, () => {
      const size = 2 ** (32 - mask);
      const start = Math.ceil(next / size) * size;
      next = start + size;
      return `${toAddress(start)}/${mask}`;
    });
  return {
    public: allocate(plan.subnetMasks.public),
    private: allocate(plan.subnetMasks.private),
    isolated: allocate(plan.subnetMasks.isolated),
  };
}

function toNumber(address: string): number {
  return address.split('.').reduce((total, octet) => total * 256 + Number(octet), 0);
}

function toAddress(value: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}
