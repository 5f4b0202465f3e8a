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
