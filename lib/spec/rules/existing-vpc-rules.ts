import type { BlueprintSpec, ScalingSpec } from '../blueprint-schema';
import { blockContains, blocksOverlap, type Ipv4Block, ipv4Block, usableAddresses } from '../cidr';
import type { ExistingSubnetsSpec, RegionalVpcSpec } from '../existing-vpc-schema';
import type { Level } from '../levels';
import { allQueues, type BlueprintRule, type RuleIssue } from './rule-context';

// What each level needs from the team's VPC (`network.vpcId`). Everything is read from the blueprint: tierup
// has no AWS credentials when it validates, so routes and free addresses it cannot see are the user's word.

type Tier = keyof ExistingSubnetsSpec;
type Path = readonly (string | number)[];
const TIERS: readonly Tier[] = ['public', 'private', 'isolated'];

/** The `network` keys that describe only the VPC tierup creates. */
const CREATED_VPC_KEYS = ['maxAzs', 'natGateways'] as const;
/** The `network` keys that describe only the team's VPC. */
const EXISTING_VPC_KEYS = ['subnets', 'privateEgress', 'secretsManagerEndpoint', 'regions'] as const;

/** The fleets' default ceiling when `scaling.max` is left out (lib/plan's ENVIRONMENT_DEFAULTS.scalingMax, which a test keeps equal). */
export const DEFAULT_SCALING_MAX = { production: 10, staging: 4, development: 4 } as const satisfies Record<BlueprintSpec['environment'], number>;

/** One VPC the blueprint names, where it is written and what it must hold. */
interface NamedVpc {
  readonly region: string;
  readonly path: Path;
  readonly vpc: RegionalVpcSpec;
  /** The VPC's block when the blueprint states it. */
  readonly cidr: string | undefined;
}

/** The team's VPC has what the level needs, and its fields appear only with `vpcId`. */
export const existingVpcFitsTheLevel: BlueprintRule = ({ spec, level, raw }) => {
  const written = (raw.network ?? {}) as Record<string, unknown>;
  const { network } = spec;
  if (!network.vpcId) {
    return Object.keys(written).filter((key) => (EXISTING_VPC_KEYS as readonly string[]).includes(key)).map((key) => ({
      path: ['network', key], atKey: true,
      message: `network.${key} describes your own VPC, but the blueprint names none`,
      fix: `add network.vpcId (your VPC's id, e.g. vpc-0123456789abcdef0), or remove ${key} to let tierup create the VPC`,
    }));
  }
  const issues: RuleIssue[] = CREATED_VPC_KEYS.filter((key) => key in written).map((key) => ({
    path: ['network', key], atKey: true,
    message: `network.${key} shapes the VPC tierup creates; with vpcId tierup creates none (${key === 'maxAzs' ? 'the zones are those of your subnets' : 'the NAT is yours'})`,
    fix: `remove ${key}`,
  }));
  const primary: NamedVpc = {
    region: spec.regions[0], path: ['network'], cidr: 'cidr' in written ? network.cidr : undefined,
    vpc: { vpcId: network.vpcId, subnets: network.subnets, privateEgress: network.privateEgress },
  };
  const further = Object.entries(network.regions ?? {}).flatMap(([region, vpc]) =>
    vpc ? [{ region, path: ['network', 'regions', region], cidr: vpc.cidr, vpc }] : []);
  issues.push(...regionIssues(spec, level, further));
  if (level >= 2 && !network.secretsManagerEndpoint) {
    issues.push({
      path: ['network'], atKey: true,
      message: `level ${level} with vpcId needs network.secretsManagerEndpoint: the password rotation function runs in the isolated subnets, which reach Secrets Manager only through an interface endpoint`,
      fix: 'add `secretsManagerEndpoint: create` to let tierup add one (with private DNS, so it serves the whole VPC), or `secretsManagerEndpoint: existing` if your VPC already has one the isolated subnets reach',
    });
  }
  for (const named of [primary, ...further.filter((vpc) => spec.regions.slice(1).includes(vpc.region as never))]) {
    issues.push(...vpcIssues(spec, level, named));
  }
  return issues;
};

/** Level 7 names a VPC for every further region, and only for those. */
function regionIssues(spec: BlueprintSpec, level: Level, further: readonly NamedVpc[]): RuleIssue[] {
  const others = spec.regions.slice(1);
  const named = new Set(further.map((vpc) => vpc.region));
  return [
    ...further.filter((vpc) => !others.includes(vpc.region as never)).map((vpc) => ({
      path: vpc.path, atKey: true,
      message: others.length === 0
        ? `network.regions names ${vpc.region}, but the blueprint has one region; further regions need level 7 (multi-region)`
        : `network.regions names ${vpc.region}, which is not one of the blueprint's further regions (${others.join(', ')})`,
      fix: others.length === 0 ? 'remove network.regions' : `key it by one of ${others.join(', ')}, or remove it`,
    })),
    ...(level >= 7 ? others.filter((region) => !named.has(region)).map((region) => ({
      path: ['network', ...(spec.network.regions ? ['regions'] : [])], atKey: true,
      message: `with vpcId, every region needs your VPC there, and network.regions has none for ${region}`,
      fix: `add network.regions.${region}: { vpcId, cidr, subnets, privateEgress } (a VPC of that region), or remove vpcId to let tierup create every region's VPC`,
    })) : []),
  ];
}

/** One VPC: ids, zones and blocks that hang together, and the tiers, zones, egress and room the level needs. */
function vpcIssues(spec: BlueprintSpec, level: Level, named: NamedVpc): RuleIssue[] {
  const { vpc, path, region } = named;
  const subnetsPath = [...path, 'subnets'];
  const issues: RuleIssue[] = [];
  const seen = new Map<string, string>();
  for (const tier of TIERS) {
    vpc.subnets[tier].forEach((subnet, index) => {
      const at = [...subnetsPath, tier, index];
      if (!new RegExp(`^${region}[a-z]$`).test(subnet.zone)) {
        issues.push({ path: [...at, 'zone'], message: `"${subnet.zone}" is not an Availability Zone of ${region}`, fix: `write a zone of ${region} by name, like ${region}a` });
      }
      const before = seen.get(subnet.id);
      if (before) issues.push({ path: [...at, 'id'], message: `subnet ${subnet.id} is listed twice (also as ${before})`, fix: 'give each tier its own subnets: tierup\'s tiers have different routes and reach' });
      seen.set(subnet.id, `${tier}[${index}]`);
      const zoneBefore = vpc.subnets[tier].findIndex((other) => other.zone === subnet.zone);
      if (zoneBefore < index) {
        issues.push({ path: [...at, 'zone'], message: `two ${tier} subnets in ${subnet.zone}`, fix: `keep one ${tier} subnet per zone: tierup spreads each tier over the zones, one subnet in each` });
      }
    });
  }
  // Zones of another region would only repeat themselves as mismatches between tiers.
  if (issues.length === 0) issues.push(...tierIssues(level, vpc.subnets, subnetsPath));
  issues.push(...blockIssues(spec, level, named));
  if (level >= 4 && vpc.privateEgress !== true) {
    issues.push({
      path: vpc.privateEgress === undefined ? path : [...path, 'privateEgress'], atKey: vpc.privateEgress === undefined,
      message: `level ${level} runs its fleets in the private subnets, which need a way out (packages, the image registry, AWS APIs); tierup cannot read their routes without AWS credentials`,
      fix: 'once the private subnets route 0.0.0.0/0 to a NAT gateway (or a NAT instance or firewall), say so with `privateEgress: true`',
    });
  }
  if (level >= 2 && spec.network.secretsManagerEndpoint === 'create' && named.cidr === undefined) {
    issues.push({
      path, atKey: true,
      message: `tierup's Secrets Manager endpoint (secretsManagerEndpoint: create) admits HTTPS from the VPC's block, and ${path.join('.')} does not give it`,
      fix: `add \`cidr:\` with your VPC's IPv4 block (e.g. 10.20.0.0/16) to ${path.join('.')}, or set secretsManagerEndpoint: existing`,
    });
  }
  return issues;
}

/** Which tiers a level places something in, and how many zones each needs. */
function tierIssues(level: Level, subnets: ExistingSubnetsSpec, path: Path): RuleIssue[] {
  const needs: readonly { tier: Tier; zones: number; why: string }[] = [
    // The server runs in the first public subnet; from level 4 the load balancer needs two zones.
    // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#subnets-load-balancer
    { tier: 'public', zones: level >= 4 ? 2 : 1, why: level >= 4 ? 'an Application Load Balancer needs subnets in at least two Availability Zones' : 'the server runs in the first public subnet' },
    ...(level >= 4 ? [{ tier: 'private' as const, zones: 2, why: 'the fleets run in the private subnets, across the load balancer\'s zones' }] : []),
    // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Subnets
    ...(level >= 2 ? [{ tier: 'isolated' as const, zones: 2, why: 'an RDS DB subnet group needs subnets in at least two Availability Zones' }] : []),
  ];
  const tooFew = needs.filter(({ tier, zones }) => subnets[tier].length < zones);
  const issues: RuleIssue[] = tooFew.map(({ tier, zones, why }) => ({
    path: subnets[tier].length > 0 ? [...path, tier] : path, atKey: subnets[tier].length === 0,
    message: `level ${level} needs ${zones === 1 ? 'a' : zones} ${tier} subnet${zones === 1 ? '' : 's'}${zones > 1 ? ' in different zones' : ''} and has ${subnets[tier].length}: ${why}`,
    fix: `list ${zones === 1 ? 'one' : `at least ${zones}`} under ${[...path, tier].join('.')} as { id, zone }`,
  }));
  // Every tier in the same zones: the load balancer reaches targets only in zones it has a subnet in, and the
  // CloudFormation import (Vpc.fromVpcAttributes) places each tier's subnets over one list of zones.
  const used = TIERS.filter((tier) => subnets[tier].length > 0 && !tooFew.some((need) => need.tier === tier));
  const zonesOf = (tier: Tier) => subnets[tier].map((subnet) => subnet.zone).toSorted();
  const [first] = used;
  for (const tier of used.slice(1)) {
    if (zonesOf(tier).join() !== zonesOf(first).join()) {
      issues.push({
        path: [...path, tier],
        message: `the ${tier} subnets are in ${zonesOf(tier).join(', ')}, the ${first} ones in ${zonesOf(first).join(', ')}`,
        fix: 'give every tier one subnet in each of the same zones',
      });
    }
  }
  return issues;
}

/** Blocks that parse, sit inside the VPC's block without overlapping, and have room for what tierup places there. */
function blockIssues(spec: BlueprintSpec, level: Level, named: NamedVpc): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const vpcBlock = named.cidr === undefined ? undefined : ipv4Block(named.cidr);
  if (typeof vpcBlock === 'string') issues.push({ path: [...named.path, 'cidr'], message: `"${named.cidr}" ${vpcBlock}`, fix: 'write your VPC\'s IPv4 block, e.g. 10.20.0.0/16' });
  const blocks: { block: Ipv4Block; cidr: string; at: Path }[] = [];
  for (const tier of TIERS) {
    named.vpc.subnets[tier].forEach((subnet, index) => {
      if (subnet.cidr === undefined) return;
      const at = [...named.path, 'subnets', tier, index, 'cidr'];
      const block = ipv4Block(subnet.cidr);
      if (typeof block === 'string') {
        issues.push({ path: at, message: `"${subnet.cidr}" ${block}`, fix: `write the IPv4 block of ${subnet.id}, e.g. 10.20.1.0/24` });
        return;
      }
      if (vpcBlock && typeof vpcBlock !== 'string' && !blockContains(vpcBlock, block)) {
        issues.push({ path: at, message: `${subnet.cidr} is outside the VPC's block ${named.cidr}`, fix: `check that ${subnet.id} is in ${named.vpc.vpcId}, and its block` });
      }
      const overlapping = blocks.find((other) => blocksOverlap(other.block, block));
      if (overlapping) {
        const [otherTier, otherIndex] = overlapping.at.slice(-3, -1);
        issues.push({ path: at, message: `${subnet.cidr} overlaps ${overlapping.cidr} (the ${otherTier} subnet ${Number(otherIndex) + 1})`, fix: 'subnets of one VPC never overlap: check both blocks' });
      }
      blocks.push({ block, cidr: subnet.cidr, at });
      issues.push(...roomIssues(spec, level, tier, subnet.id, subnet.cidr, block, at, named.vpc.subnets[tier].length));
    });
  }
  return issues;
}

/** Room in one subnet for what the level places there (only what tierup can count before deploy). */
function roomIssues(spec: BlueprintSpec, level: Level, tier: Tier, id: string, cidr: string, block: Ipv4Block, at: Path, zones: number): RuleIssue[] {
  // "Your load balancer's subnets must have at least a /27 bitmask ... and at least 8 free IP addresses."
  // https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#subnets-load-balancer
  if (tier === 'public' && level >= 4 && block.prefix > 27) {
    return [{ path: at, message: `${id} (${cidr}) is smaller than the /27 an Application Load Balancer's subnets need`, fix: 'give a public subnet of /27 or larger with at least 8 free addresses' }];
  }
  if (tier !== 'private' || level < 4) return [];
  const perSubnet = fleetCeilings(spec, level).reduce((sum, fleet) => sum + Math.ceil(fleet.instances / zones), 0);
  const usable = usableAddresses(block);
  return perSubnet > usable
    ? [{
        path: at,
        message: `${id} (${cidr}) has ${usable} usable addresses, and the fleets may place ${perSubnet} instances in each of the ${zones} private subnets (${fleetCeilings(spec, level).map((fleet) => `${fleet.name} ${fleet.instances}`).join(', ')}, with the margin Auto Scaling may go over max by while it rebalances zones)`,
        fix: 'give larger private subnets, or lower the fleets\' scaling max',
      }]
    : [];
}

/**
 * Each fleet's most instances: its max (or the one its schedules raise it to) plus the 10% (at least one) Auto
 * Scaling may exceed it by while rebalancing zones.
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/auto-scaling-benefits.html#AutoScalingBehavior.Rebalancing
 */
function fleetCeilings(spec: BlueprintSpec, level: Level): { name: string; instances: number }[] {
  const withMargin = (max: number) => max + Math.max(1, Math.ceil(max / 10));
  const ceiling = (scaling: ScalingSpec | undefined) => {
    const max = scaling?.max ?? Math.max(DEFAULT_SCALING_MAX[spec.environment], scaling?.min ?? 0);
    return Math.max(max, ...(scaling?.schedules ?? []).map((schedule) => schedule.max ?? 0));
  };
  return [
    { name: 'app', instances: withMargin(ceiling(spec.app.scaling)) },
    ...(level >= 6 ? (spec.services ?? []).map((service) => ({ name: service.name, instances: withMargin(ceiling(service.scaling)) })) : []),
    ...(level >= 5 ? allQueues(spec).flatMap(({ queue }) => (queue.worker && queue.worker.max > 0 ? [{ name: `${queue.name} workers`, instances: withMargin(queue.worker.max) }] : [])) : []),
  ];
}
