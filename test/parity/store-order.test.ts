import { awaitedStores, type ArchitecturePlan, type DatabasePlan, type WiringRef, WIRING_TAG } from '../../lib/plan';
import { renderCfnTemplates } from '../../lib/render/cfn';
import { renderTfConfigs } from '../../lib/render/tf';
import { EXAMPLE_FILES, planOf } from '../security/examples';

// Both engines create each tier's instances (the server, an Auto Scaling group) after every data store its settings
// name, in its region (issue 21): read off each output as the stores a tier's group is ordered after, through its
// references and explicit dependencies, by their physical names, and compared with what the wiring graph names.

type Json = Record<string, unknown>;
type Ordering = Record<string, string[]>;

/** The physical names a wiring ref stands for: a database is its primary and its same-region readers. */
function physicalNames(plan: ArchitecturePlan, ref: WiringRef): string[] {
  const databases: DatabasePlan[] = [plan.database, ...(plan.shards ? plan.shards.shards.map((shard) => shard.database) : []), ...plan.services.map((service) => service.database)]
    .filter((database) => database !== null);
  const caches = [plan.cache, ...plan.services.map((service) => service.cache)].filter((cache) => cache !== null);
  if (ref.kind === 'database') return databases.filter((db) => db.tfName === ref.key).flatMap((db) => [db.identifier, ...db.replicas.map((replica) => replica.identifier)]);
  if (ref.kind === 'proxy') return databases.flatMap((db) => (db.proxy && db.proxy.tfName === ref.key ? [db.proxy.name] : []));
  if (ref.kind === 'regional-replica') return databases.flatMap((db) => db.regionalReplicas.filter((replica) => replica.tfName === ref.key).map((replica) => replica.identifier));
  return caches.filter((cache) => cache.tfName === ref.key).map((cache) => cache.replicationGroupId);
}

/** What the graph says: per tier, the physical names of the stores its settings name. */
function expected(plan: ArchitecturePlan): Ordering {
  return Object.fromEntries(plan.wiring.tiers.map((tier) => [`${tier.ref.key}@${tier.ref.region}`, awaitedStores(tier).flatMap((ref) => physicalNames(plan, ref)).toSorted()]));
}

/** Every name of a resource another one references (`Ref`, `Fn::GetAtt`, `${…}` in `Fn::Sub`). */
function cfnReferences(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => cfnReferences(item, into));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value as Json)) {
      if (key === 'Ref' && typeof inner === 'string') into.add(inner);
      else if (key === 'Fn::GetAtt') into.add(Array.isArray(inner) ? String(inner[0]) : String(inner).split('.')[0]);
      else cfnReferences(inner, into);
    }
  }
  return into;
}

const STORE_NAMES: Record<string, string> = {
  'AWS::RDS::DBInstance': 'DBInstanceIdentifier', 'AWS::RDS::DBProxy': 'DBProxyName', 'AWS::ElastiCache::ReplicationGroup': 'ReplicationGroupId',
};

/** CloudFormation: the stores each tier's group is ordered after, its nested stack's own order included. */
function cfnOrdering(plan: ArchitecturePlan): Ordering {
  const templates = renderCfnTemplates(plan) as unknown as Record<string, { Resources: Record<string, { Type: string; Properties?: Json; DependsOn?: string[] }> }>;
  const regionOf = (stack: string) => plan.regions.find((region) => stack.split('/')[0] === region.stackName)!.region;
  /** The stores a resource of a stack comes after, transitively; a nested stack's resources also after what its stack resource comes after. */
  const after = (stack: string, id: string, seen = new Set<string>()): string[] => {
    const resources = templates[stack].Resources;
    const visit = (node: string): string[] => {
      if (seen.has(`${stack}/${node}`) || !resources[node]) return [];
      seen.add(`${stack}/${node}`);
      const resource = resources[node];
      const name = STORE_NAMES[resource.Type] && resource.Properties?.[STORE_NAMES[resource.Type]];
      const next = [...cfnReferences(resource.Properties, new Set()), ...(resource.DependsOn ?? [])];
      return [...(typeof name === 'string' ? [name] : []), ...next.flatMap(visit)];
    };
    const own = visit(id);
    const parent = stack.includes('/') ? stack.slice(0, stack.lastIndexOf('/')) : null;
    if (!parent) return own;
    const nested = Object.keys(templates[parent].Resources).find((candidate) => candidate.startsWith(stack.slice(stack.lastIndexOf('/') + 1)) && templates[parent].Resources[candidate].Type === 'AWS::CloudFormation::Stack')!;
    return [...own, ...after(parent, nested, seen)];
  };
  const ordering: Ordering = {};
  for (const [stack, template] of Object.entries(templates)) {
    const resources = template.Resources;
    const tierOf = (groups: unknown): string | undefined => [...cfnReferences(groups, new Set())].map((id) => (resources[id]?.Properties?.Tags as { Key: string; Value: string }[] | undefined)
      ?.find((tag) => tag.Key === WIRING_TAG)?.Value).find((tag) => tag !== undefined);
    for (const [id, resource] of Object.entries(resources)) {
      const properties = resource.Properties ?? {};
      const groups = resource.Type === 'AWS::EC2::Instance' ? properties.NetworkInterfaces
        : resource.Type === 'AWS::AutoScaling::AutoScalingGroup'
          ? (resources[[...cfnReferences(properties.LaunchTemplate, new Set())][0]]?.Properties?.LaunchTemplateData as Json | undefined)?.SecurityGroupIds
          : undefined;
      const tier = groups === undefined ? undefined : tierOf(groups);
      if (tier) ordering[`${tier}@${regionOf(stack)}`] = [...new Set(after(stack, id))].toSorted();
    }
  }
  return ordering;
}

/** Terraform: the stores each tier's group is ordered after, through references and `depends_on`. */
function tfOrdering(plan: ArchitecturePlan): Ordering {
  const [config] = Object.values(renderTfConfigs(plan)) as unknown as { resource: Record<string, Record<string, Json>> }[];
  const bodies = new Map<string, Json>(Object.entries(config.resource).flatMap(([type, byName]) => Object.entries(byName).map(([name, body]) => [`${type}.${name}`, body] as const)));
  const names: Record<string, string> = { aws_db_instance: 'identifier', aws_db_proxy: 'name', aws_elasticache_replication_group: 'replication_group_id' };
  const after = (address: string, seen = new Set<string>()): string[] => {
    if (seen.has(address) || !bodies.has(address)) return [];
    seen.add(address);
    const body = bodies.get(address)!;
    const name = names[address.split('.')[0]] && body[names[address.split('.')[0]]];
    // References inside expressions (`${aws_db_instance.database.endpoint}`) and `depends_on`'s bare addresses.
    const references = [...JSON.stringify(body).matchAll(/\$\{(aws_[a-z0-9_]+\.[A-Za-z0-9_-]+)/g)].map((match) => match[1]);
    const dependsOn = Array.isArray(body.depends_on) ? body.depends_on.filter((entry): entry is string => typeof entry === 'string') : [];
    const next = [...references, ...dependsOn];
    return [...(typeof name === 'string' ? [name] : []), ...next.flatMap((other) => after(other, seen))];
  };
  const ordering: Ordering = {};
  for (const region of plan.regions) {
    const suffix = region.primary ? '' : `_${region.providerAlias}`;
    for (const tier of plan.wiring.tiers.filter((candidate) => candidate.ref.region === region.region)) {
      const address = tier.ref.kind === 'server' ? `aws_instance.${tier.ref.key}` : `aws_autoscaling_group.${tier.ref.key}${suffix}`;
      if (bodies.has(address)) ordering[`${tier.ref.key}@${region.region}`] = [...new Set(after(address))].toSorted();
    }
  }
  return ordering;
}

describe('tiers start after the stores they wait for, in both engines', () => {
  it.each(EXAMPLE_FILES)('%s', (file) => {
    const plan = planOf(file);
    const wanted = expected(plan);
    const subset = (ordering: Ordering) => Object.fromEntries(Object.entries(ordering).map(([tier, stores]) => [tier, stores.filter((store) => wanted[tier]?.includes(store))]));
    expect(subset(cfnOrdering(plan))).toEqual(wanted);
    expect(subset(tfOrdering(plan))).toEqual(wanted);
  });
});
