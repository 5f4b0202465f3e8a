import type { ArchitecturePlan, NetworkEdge, WiringRef } from '../plan';

const name = (ref: WiringRef): string => `${ref.kind} ${ref.key}`;

/** The wiring graph as a reviewer reads it: per region, what reaches each tier, and per tier what it reaches, may do and is told. */
export function describeWiring(plan: ArchitecturePlan): string[] {
  const { wiring } = plan;
  const regions = [...new Set(wiring.tiers.map((tier) => tier.ref.region))];
  const edge = (item: NetworkEdge): string => `${name(item.from)} → ${name(item.to)} :${item.port}`;
  return regions.flatMap((region) => {
    const edges = wiring.edges.filter((item) => item.to.region === region);
    const front = edges.filter((item) => !wiring.tiers.some((tier) => tier.ref.key === item.from.key && tier.ref.region === region));
    return [
      `wiring in ${region}:`,
      `  from viewers, checkers and proxies: ${front.map(edge).join(', ') || 'nothing'}`,
      ...wiring.tiers.filter((tier) => tier.ref.region === region).flatMap((tier) => {
        const reaches = edges.filter((item) => item.from.key === tier.ref.key).map((item) => `${name(item.to)} :${item.port}`);
        const grants = tier.permissions.map((permission) =>
          `${permission.access} ${permission.resource.kind} ${permission.resource.key}${permission.resource.region === region ? '' : ` in ${permission.resource.region}`}`
          + (permission.only ? ` (${permission.only} only)` : ''));
        const told = tier.settings.map((setting) => setting.name.slice(tier.settingsPrefix.length + 1) + (setting.only ? ` (${setting.only} only)` : ''));
        return [
          `  ${name(tier.ref)} (${tier.owner}): egress ${tier.egress}`,
          `    reaches: ${reaches.join(', ') || 'nothing but AWS APIs'}`,
          `    may: ${grants.join('; ')}`,
          `    told under ${tier.settingsPrefix}: ${told.join(', ') || 'nothing'}`,
        ];
      }),
    ];
  });
}
