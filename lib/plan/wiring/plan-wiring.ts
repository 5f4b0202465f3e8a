import { acceptedOriginSecrets } from '../plan-domain';
import type { AwsRegion } from '../../spec';
import type { ArchitecturePlan } from '../architecture-plan';
import type { CachePlan, DatabasePlan, QueuePlan } from '../data-plan';
import { servingListener } from '../plan-domain';
import { ACCESS_ACTIONS } from './access-actions';
import type { AccessKind, CredentialPlan, DeliveryPlan, NetworkEdge, PermissionPlan, SecretReplicaPlan, SettingPlan, WiringPlan, WiringRef, WiringTier } from './wiring-graph';
import { regionSettings } from './wiring-settings';

/** The plan without its wiring: what the graph is derived from. */
export type UnwiredPlan = Omit<ArchitecturePlan, 'wiring' | 'monitoring'>;

/** What runs one owner's code in one region (the app's or a service's), and the data it owns there. */
interface Owner {
  readonly name: string;
  readonly settingsPrefix: string;
  readonly tiers: readonly WiringRef[];
  /** The fleet that takes requests (null for the single server, which also takes them). */
  readonly front: WiringRef | null;
  readonly databases: readonly DatabasePlan[];
  readonly cache: CachePlan | null;
  readonly queues: readonly QueuePlan[];
  readonly publishes: readonly string[];
}

/** The graph of who reaches whom, who may do what, and who is told what, for every region of the plan. */
export function planWiring(plan: UnwiredPlan): WiringPlan {
  const primaryRegion = plan.regions[0].region;
  const regions = plan.regions.filter((region) => region.primary || (plan.fleet !== null && plan.loadBalancer !== null)).map((region) => region.region);
  const settings = regions.flatMap((region) => regionSettings({ ...plan, primaryRegion }, region));
  const tiers: WiringTier[] = [];
  const edges: NetworkEdge[] = [];
  for (const region of regions) {
    const owners = regionOwners(plan, region);
    for (const owner of owners) {
      for (const tier of owner.tiers) {
        const told = toldSettings(settings, region, owner.settingsPrefix, owners);
        tiers.push({
          ref: tier,
          owner: owner.name,
          settingsPrefix: owner.settingsPrefix,
          settings: told,
          credentials: toldCredentials(told, owner.settingsPrefix),
          permissions: permissionsOf(plan, owner, tier, region, primaryRegion),
          egress: 'all',
        });
      }
    }
    edges.push(...regionEdges(plan, owners, region, primaryRegion));
  }
  return { tiers, edges, settings, secretReplicas: secretReplicas(plan, regions, primaryRegion), deliveries: regions.flatMap((region) => regionDeliveries(plan, region)) };
}

/** Each event's topic in a region to the inbox queues its subscribers have there (services run only behind a load balancer). */
function regionDeliveries(plan: UnwiredPlan, region: AwsRegion): DeliveryPlan[] {
  if (!plan.loadBalancer) return [];
  return plan.events.filter((event) => event.regions.includes(region)).flatMap((event) => plan.services.flatMap((service) =>
    service.queues.filter((queue) => queue.subscribesTo === event.name).map((queue): DeliveryPlan => ({
      topic: { kind: 'topic', key: event.tfName, region },
      queue: { kind: 'queue', key: queue.tfName, region },
      subscriber: service.name,
    }))));
}

/** The replicas of every master secret in the further regions whose tiers read them. */
function secretReplicas(plan: UnwiredPlan, regions: readonly AwsRegion[], primaryRegion: AwsRegion): SecretReplicaPlan[] {
  return regionOwners(plan, primaryRegion).flatMap((owner) => owner.databases.flatMap((database, index) =>
    database.credentials.replicaRegions.filter((region) => regions.includes(region)).map((region): SecretReplicaPlan => ({
      replica: { kind: 'database-secret', key: database.tfName, region },
      primary: { kind: 'database-secret', key: database.tfName, region: primaryRegion },
      copyOf: secretArnSetting(owner, index),
    }))));
}

/** The setting holding the ARN of an owner's database secret; shard i's is published under the shards, shard 0 is the app database. */
function secretArnSetting(owner: Owner, index: number): string {
  return index === 0 ? `${owner.settingsPrefix}/database/secret-arn` : `${owner.settingsPrefix}/shards/${index}/secret-arn`;
}

/** The app's and each service's tiers in a region. */
function regionOwners(plan: UnwiredPlan, region: AwsRegion): Owner[] {
  const primary = region === plan.regions[0].region;
  const ref = (kind: WiringRef['kind'], key: string): WiringRef => ({ kind, key, region });
  const workers = (queues: readonly QueuePlan[]): WiringRef[] => queues.flatMap((queue) => (queue.worker ? [ref('worker', queue.worker.tfName)] : []));
  const appFront = plan.server && primary ? ref('server', plan.server.tfName) : plan.fleet ? ref('fleet', plan.fleet.tfName) : null;
  const app: Owner = {
    name: 'app',
    settingsPrefix: plan.parameterPrefix,
    tiers: [...(appFront ? [appFront] : []), ...workers(plan.queues)],
    front: plan.fleet ? appFront : null,
    databases: [...(plan.database ? [plan.database] : []), ...(plan.shards ? plan.shards.shards.map((shard) => shard.database) : [])],
    cache: plan.cache,
    queues: plan.queues,
    publishes: [],
  };
  const services = plan.loadBalancer ? plan.services.map((service): Owner => {
    const front = ref('fleet', service.fleet.tfName);
    return {
      name: service.name,
      settingsPrefix: service.parameterPrefix,
      tiers: [front, ...workers(service.queues)],
      front,
      databases: service.database ? [service.database] : [],
      cache: service.cache,
      queues: service.queues,
      publishes: service.publishes,
    };
  }) : [];
  return [app, ...services];
}

/** The settings under a tier's prefix in its region, without those of another owner nested under it (services under the app). */
function toldSettings(settings: readonly SettingPlan[], region: AwsRegion, prefix: string, owners: readonly Owner[]): SettingPlan[] {
  const nested = owners.map((owner) => owner.settingsPrefix).filter((other) => other !== prefix && other.startsWith(`${prefix}/`));
  return settings.filter((setting) => setting.region === region && setting.name.startsWith(`${prefix}/`)
    && !nested.some((other) => setting.name.startsWith(`${other}/`)));
}

/**
 * The user and password of the owner's own database (`database/`), from the secret its told `database/secret-arn`
 * names: the same keys the level-1 server tells its app about its local database. Shards' credentials stay in
 * their secrets (`shards/<i>/secret-arn`), which the routing layer reads.
 */
function toldCredentials(told: readonly SettingPlan[], prefix: string): CredentialPlan[] {
  const secretArn = told.find((setting) => setting.name === `${prefix}/database/secret-arn`);
  if (!secretArn || secretArn.value.kind !== 'reference') return [];
  return [{ secretArnSetting: secretArn.name, secret: secretArn.value.resource, username: `${prefix}/database/username`, password: `${prefix}/database/password` }];
}

/** A tier's role: its settings, its databases' secrets, its cache, and its queues and topics. */
function permissionsOf(plan: UnwiredPlan, owner: Owner, tier: WiringRef, region: AwsRegion, primaryRegion: AwsRegion): PermissionPlan[] {
  const grant = (access: AccessKind, resource: WiringRef, only: PermissionPlan['only'] = null, arnSetting: string | null = null, conditions: PermissionPlan['conditions'] = []): PermissionPlan =>
    ({ access, resource, actions: ACCESS_ACTIONS[access], copyOf: resource.region === region ? null : arnSetting, only, conditions });
  const permissions: PermissionPlan[] = [grant('read-settings', { kind: 'settings', key: owner.settingsPrefix, region })];
  // A further region's instances read the replica of each secret in their own region, which outlives the primary
  // region; a secret not replicated there they read in the primary region.
  owner.databases.forEach((database, index) => {
    const secretRegion = database.credentials.replicaRegions.includes(region) ? region : primaryRegion;
    permissions.push(grant('read-secret', { kind: 'database-secret', key: database.tfName, region: secretRegion }, null, secretArnSetting(owner, index)));
  });
  if (owner.cache) {
    permissions.push(grant('read-secret', { kind: 'cache-auth', key: owner.cache.tfName, region }, 'cloudformation'));
    permissions.push(grant('connect-cache', { kind: 'cache', key: owner.cache.tfName, region }, 'terraform'));
  }
  const queue = (plan: QueuePlan): WiringRef => ({ kind: 'queue', key: plan.tfName, region });
  for (const candidate of owner.queues) {
    const worker = candidate.worker ? candidate.worker.tfName : null;
    if (tier.kind === 'worker' && tier.key === worker) permissions.push(grant('consume', queue(candidate)));
    if (tier !== owner.front) continue;
    // The front tier sends work to its queues, and drains those no worker drains: its events' inboxes and
    // queues planned without workers.
    if (candidate.subscribesTo === null) permissions.push(grant('send', queue(candidate)));
    if (worker === null) permissions.push(grant('consume', queue(candidate)));
  }
  if (tier.kind === 'server' && plan.server) {
    // Behind CloudFront the server checks the origin secret itself; with a domain it obtains its own certificate.
    const { originProof, tls } = plan.server;
    for (const secret of originProof ? acceptedOriginSecrets(originProof) : []) {
      permissions.push(grant('read-secret', { kind: 'origin-secret', key: secret.tfName, region }));
    }
    if (tls) {
      permissions.push(grant('answer-dns-challenge', { kind: 'hosted-zone', key: tls.hostedZone, region }, null, null, [
        { operator: 'ForAllValues:StringEquals', key: 'route53:ChangeResourceRecordSetsNormalizedRecordNames', values: [tls.challengeRecordName] },
        { operator: 'ForAllValues:StringEquals', key: 'route53:ChangeResourceRecordSetsRecordTypes', values: ['TXT'] },
      ]));
      permissions.push(grant('watch-dns-change', { kind: 'route53', key: 'route53', region }));
    }
  }
  if (tier === owner.front) {
    // Each region's publishers publish to their own region's topic, which outlives the primary region.
    for (const event of plan.events.filter((candidate) => owner.publishes.includes(candidate.name) && candidate.regions.includes(region))) {
      permissions.push(grant('publish', { kind: 'topic', key: event.tfName, region }));
    }
  }
  return permissions;
}

/** The connections a region's tiers open: viewers to the front, the load balancer to fleets, tiers to their data. */
function regionEdges(plan: UnwiredPlan, owners: readonly Owner[], region: AwsRegion, primaryRegion: AwsRegion): NetworkEdge[] {
  const edges: NetworkEdge[] = [];
  const ref = (kind: WiringRef['kind'], key: string): WiringRef => ({ kind, key, region });
  const edge = (from: WiringRef, to: WiringRef, port: number): void => { edges.push({ from, to, port, protocol: 'tcp' }); };
  const primary = region === primaryRegion;
  if (plan.server && primary) {
    const viewers = plan.server.viewers === 'cloudfront' ? ref('cloudfront', 'cloudfront') : ref('internet', 'internet');
    for (const port of plan.server.publicPorts) edge(viewers, ref('server', plan.server.tfName), port);
  }
  if (plan.loadBalancer) {
    const balancer = ref('load-balancer', plan.loadBalancer.tfName);
    const viewers = plan.loadBalancer.cloudFrontOnly ? ref('cloudfront', 'cloudfront') : ref('internet', 'internet');
    // Viewers (CloudFront, or anyone) reach every listener's port.
    for (const { port } of plan.loadBalancer.listeners) edge(viewers, balancer, port);
    if (plan.multiRegion?.records.some((record) => record.region === region)) edge(ref('health-checkers', 'health-checkers'), balancer, servingListener(plan.loadBalancer).port);
    if (plan.fleet) edge(balancer, ref('fleet', plan.fleet.tfName), plan.fleet.port);
    for (const service of plan.services) edge(balancer, ref('fleet', service.fleet.tfName), service.fleet.port);
  }
  if (primary) {
    for (const owner of owners) {
      for (const database of owner.databases) {
        const target = ref('database', database.tfName);
        for (const tier of owner.tiers) edge(tier, target, database.port);
        if (database.proxy) {
          const proxy = ref('proxy', database.proxy.tfName);
          for (const tier of owner.tiers) edge(tier, proxy, database.port);
          edge(proxy, target, database.port);
        }
      }
    }
  } else {
    // One set of cross-region replicas per region, reachable from every tier of the region.
    const tiers = owners.flatMap((owner) => owner.tiers);
    for (const database of owners.flatMap((owner) => owner.databases)) {
      for (const replica of database.regionalReplicas.filter((candidate) => candidate.region === region)) {
        for (const tier of tiers) edge(tier, ref('regional-replica', replica.tfName), database.port);
      }
    }
  }
  for (const owner of owners) {
    if (owner.cache) for (const tier of owner.tiers) edge(tier, ref('cache', owner.cache.tfName), owner.cache.port);
  }
  return edges;
}
