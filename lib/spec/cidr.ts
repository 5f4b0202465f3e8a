/** Checks an IPv4 VPC CIDR block; returns a reason when AWS would reject it or tierup cannot lay out subnets in it. */
export function vpcCidrProblem(cidr: string): string | undefined {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!match) return 'is not an IPv4 CIDR block like 10.0.0.0/16';
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255)) return 'has an octet above 255';
  if (prefix < 16 || prefix > 20) {
    return `has prefix /${prefix}; a VPC takes /16 to /28 and tierup's subnet layout needs /16 to /20`;
  }
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const hostBits = 32 - prefix;
  if (address % 2 ** hostBits !== 0) {
    return `has host bits set; the network address of that block is ${networkAddress(address, hostBits)}/${prefix}`;
  }
  return undefined;
}

function networkAddress(address: number, hostBits: number): string {
  const network = address - (address % 2 ** hostBits);
  return [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256).join('.');
}

/** An IPv4 block: its first address as a number, and its prefix length. */
export interface Ipv4Block {
  readonly start: number;
  readonly prefix: number;
}

/** Reads an IPv4 CIDR block of prefix /16 to /28 (what AWS allows a VPC or a subnet); a string says why it is not one. */
export function ipv4Block(cidr: string): Ipv4Block | string {
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr);
  if (!match) return 'is not an IPv4 CIDR block like 10.20.0.0/24';
  const octets = match.slice(1, 5).map(Number);
  const prefix = Number(match[5]);
  if (octets.some((octet) => octet > 255)) return 'has an octet above 255';
  // https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html: between /16 and /28, for VPCs and subnets alike.
  if (prefix < 16 || prefix > 28) return `has prefix /${prefix}; AWS takes /16 to /28`;
  const address = octets.reduce((sum, octet) => sum * 256 + octet, 0);
  const hostBits = 32 - prefix;
  if (address % 2 ** hostBits !== 0) return `has host bits set; the network address of that block is ${networkAddress(address, hostBits)}/${prefix}`;
  return { start: address, prefix };
}

/** True when `inner` lies wholly inside `outer`. */
export function blockContains(outer: Ipv4Block, inner: Ipv4Block): boolean {
  return inner.prefix >= outer.prefix && inner.start >= outer.start && inner.start + 2 ** (32 - inner.prefix) <= outer.start + 2 ** (32 - outer.prefix);
}

/** True when two blocks share an address. */
export function blocksOverlap(a: Ipv4Block, b: Ipv4Block): boolean {
  return a.start < b.start + 2 ** (32 - b.prefix) && b.start < a.start + 2 ** (32 - a.prefix);
}

/**
 * Addresses a subnet can hand out: AWS keeps the first four and the last one of every subnet.
 * https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
 */
export function usableAddresses(block: Ipv4Block): number {
  return 2 ** (32 - block.prefix) - 5;
}
