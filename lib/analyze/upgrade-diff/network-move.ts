import type { ArchitecturePlan, RegionPlan } from '../../plan';
import type { ResourceChange } from './change';
import type { CfnTemplates } from './diff-cfn';
import type { TfConfigs } from './diff-tf';
import type { Migration } from './migration-steps';

/**
 * Data stores that live in a VPC's subnets (or, for a volume, in the zone of the instance that moves with them).
 * None moves to another VPC in place: an RDS instance or ElastiCache group stays in its subnets' VPC, and the
 * deploy either recreates it empty or fails halfway. The templates do not show it (the subnet group is merely
 * "updated", the database untouched), so `diff` says so itself.
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html
 */
const SUBNET_BOUND_CFN_TYPES: ReadonlySet<string> = new Set(['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::ElastiCache::ReplicationGroup', 'AWS::EC2::Volume']);
const SUBNET_BOUND_TF_TYPES: ReadonlySet<string> = new Set(['aws_db_instance', 'aws_rds_cluster', 'aws_elasticache_replication_group', 'aws_ebs_volume']);

/** A region whose VPC changes, described in the blueprint's terms. */
interface MovedRegion {
  readonly region: RegionPlan;
  readonly from: string;
  readonly to: string;
}

const vpcName = (region: RegionPlan): string => (region.existingVpc ? region.existingVpc.vpcId : 'the VPC tierup creates');

/** The regions of both plans whose VPC changes: tierup's to the team's, the team's to tierup's, or one VPC id to another. */
export function movedRegions(before: ArchitecturePlan, after: ArchitecturePlan): MovedRegion[] {
  return after.regions.flatMap((region) => {
    const old = before.regions.find((candidate) => candidate.region === region.region);
    return old && vpcName(old) !== vpcName(region) ? [{ region, from: vpcName(old), to: vpcName(region) }] : [];
  });
}

/**
 * `changes` with every data store in a moved region's subnets marked as the replacement it is (in both
 * engines), whatever the templates' own diff said of it.
 */
export function withNetworkMoves(
  changes: readonly ResourceChange[], plans: { before: ArchitecturePlan; after: ArchitecturePlan },
  outputs: { before: { cfn: CfnTemplates | null; tf: TfConfigs | null }; after: { cfn: CfnTemplates | null; tf: TfConfigs | null } },
): ResourceChange[] {
  const moved = movedRegions(plans.before, plans.after);
  if (moved.length === 0) return [...changes];
  const replaced = [
    ...(outputs.before.cfn && outputs.after.cfn ? cfnMoves(moved, outputs.before.cfn, outputs.after.cfn) : []),
    ...(outputs.before.tf && outputs.after.tf ? tfMoves(moved, plans.after, outputs.before.tf, outputs.after.tf) : []),
  ];
  const key = (change: ResourceChange) => `${change.target} ${change.stack} ${change.id}`;
  const byKey = new Map(replaced.map((change) => [key(change), change]));
  const merged = changes.map((change) => {
    const move = byKey.get(key(change));
    if (!move) return change;
    byKey.delete(key(change));
    return { ...move, causes: [...move.causes, ...(change.action === 'replace' ? change.causes : [])] };
  });
  return [...merged, ...byKey.values()];
}

function cause(move: MovedRegion): string {
  return `its VPC changes in ${move.region.region} (${move.from} → ${move.to}): a database, cache or volume cannot move to another VPC in place`;
}

function cfnMoves(moved: readonly MovedRegion[], before: CfnTemplates, after: CfnTemplates): ResourceChange[] {
  return moved.flatMap((move) => Object.keys(after)
    .filter((stack) => stack === move.region.stackName || stack.startsWith(`${move.region.stackName}/`))
    .flatMap((stack) => Object.entries(after[stack].Resources ?? {}).flatMap(([id, resource]): ResourceChange[] => {
      const type = (resource as { Type?: string }).Type ?? '';
      const existed = before[stack]?.Resources?.[id] !== undefined;
      return existed && SUBNET_BOUND_CFN_TYPES.has(type) ? [{ target: 'cfn', stack, id, type, action: 'replace', stateful: true, causes: [cause(move)] }] : [];
    })));
}

function tfMoves(moved: readonly MovedRegion[], after: ArchitecturePlan, beforeConfigs: TfConfigs, afterConfigs: TfConfigs): ResourceChange[] {
  // One configuration holds every region; a resource's region is its provider's (none: the primary region's).
  const regionOf = (body: Readonly<Record<string, unknown>>): string => {
    const provider = typeof body.provider === 'string' ? body.provider.replace(/^\$\{|\}$/g, '') : null;
    return (provider && after.regions.find((region) => `aws.${region.providerAlias}` === provider)?.region) || after.regions[0].region;
  };
  return Object.entries(afterConfigs).flatMap(([stack, config]) => Object.entries(config.resource ?? {})
    .filter(([type]) => SUBNET_BOUND_TF_TYPES.has(type))
    .flatMap(([type, byName]) => Object.entries(byName).flatMap(([name, body]): ResourceChange[] => {
      const move = moved.find((candidate) => candidate.region.region === regionOf(body));
      const existed = beforeConfigs[stack]?.resource?.[type]?.[name] !== undefined;
      return move && existed ? [{ target: 'tf', stack, id: `${type}.${name}`, type, action: 'replace', stateful: true, causes: [cause(move)] }] : [];
    })));
}

/** What to do instead of deploying a VPC change over data: a second deployment in the new VPC, then a move. */
export function moveIntoAnotherVpc(before: ArchitecturePlan, after: ArchitecturePlan): Migration | null {
  const moved = movedRegions(before, after);
  if (moved.length === 0) return null;
  return {
    title: `Move to another VPC (${moved.map((move) => `${move.region.region}: ${move.from} → ${move.to}`).join('; ')})`,
    steps: [
      'Do not deploy this change over the running stack: RDS instances, ElastiCache groups and EBS volumes stay in their VPC, so the deploy would recreate them empty or fail halfway.',
      'Deploy the blueprint with the new network beside the old one under another `name` or `environment` (stack and physical names come from those, so the two do not collide).',
      'Move the data: snapshot or dump each database and restore it into the new one (pg_dump/pg_restore, mysqldump, or AWS DMS with change data capture for a short cut-over); caches refill themselves; copy a level-1 data volume from its snapshot.',
      'Switch traffic to the new deployment (its Url output, or your DNS record), check it, then delete the old stacks (retained data stores stay until you delete them by hand).',
    ],
  };
}
