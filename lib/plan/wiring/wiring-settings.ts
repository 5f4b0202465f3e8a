import { acceptedOriginSecrets } from '../plan-domain';
import type { AwsRegion } from '../../spec';
import type { ArchitecturePlan } from '../architecture-plan';
import type { CachePlan, DatabasePlan, QueuePlan, ShardsPlan } from '../data-plan';
import { DATA_VOLUME_ID_SETTING } from '../boot/required-settings';
import type { SettingPlan, SettingPublisher, SettingValue, WiringAttribute, WiringRef } from './wiring-graph';

// Every SSM parameter of a plan, region by region: what the app and each service are told. The names are the
// app-integration contract in the README ("Settings the app is told").

/** What {@link regionSettings} needs of the plan, and the primary region. */
/** Settings of the origin proof on the single server (under the app's prefix). */
export const ORIGIN_HEADER_SETTING = 'origin/header-name';
export const ORIGIN_SECRETS_SETTING = 'origin/secret-names';

export type SettingsInput = Pick<ArchitecturePlan, 'parameterPrefix' | 'database' | 'shards' | 'cache' | 'queues' | 'services' | 'events' | 'server'>
  & { readonly primaryRegion: AwsRegion };

const literal = (value: string): SettingValue => ({ kind: 'literal', value });

const reference = (resource: WiringRef, attribute: WiringAttribute, port: number | null = null, copyOf: string | null = null): SettingValue =>
  ({ kind: 'reference', resource, attribute, port, copyOf });

/**
 * The master secret a region's tiers read: in a region it is replicated into, that region's replica, so the
 * credentials survive the primary region; else the primary's, read across regions (`copyOf`, the setting of the
 * same name in the primary region).
 */
function secretArn(database: DatabasePlan, region: AwsRegion, primaryRegion: AwsRegion, setting: string): SettingValue {
  const here = region === primaryRegion || database.credentials.replicaRegions.includes(region);
  return reference({ kind: 'database-secret', key: database.tfName, region: here ? region : primaryRegion }, 'secret-arn', null, here ? null : setting);
}

/** Every setting published in `region` (the primary region or, at level 7, a further one). */
export function regionSettings(input: SettingsInput, region: AwsRegion): SettingPlan[] {
  const primary = region === input.primaryRegion;
  const config = (prefix: string): SettingPublisher => ({ kind: 'config', prefix });
  const appPrefix = input.parameterPrefix;
  const settings: SettingPlan[] = [];
  const add = (name: string, value: SettingValue, description: string, publisher: SettingPublisher, only: SettingPlan['only'] = null): void => {
    settings.push({ name, region, value, description, publisher, only });
  };

  const addDatabase = (prefix: string, database: DatabasePlan): void => {
    const path = `${prefix}/database`;
    const publisher = config(prefix);
    const local = primary ? null : database.regionalReplicas.find((replica) => replica.region === region);
    add(`${path}/engine`, literal(database.engine), 'postgres or mysql', publisher);
    add(`${path}/port`, literal(String(database.port)), 'Engine port', publisher);
    // Replicas copy the primary whole, so every region names the same database.
    add(`${path}/name`, literal(database.databaseName), 'The database the app uses on the instance', publisher);
    add(`${path}/secret-arn`, secretArn(database, region, input.primaryRegion, `${path}/secret-arn`),
      'Secrets Manager secret (JSON with username and password), rotated every 30 days', publisher);
    if (primary) {
      add(`${path}/role`, literal('primary'), 'primary: the endpoint takes writes', publisher);
      add(`${path}/endpoint`, reference({ kind: 'database', key: database.tfName, region }, 'address'), 'Primary (writer) host name', publisher);
      if (database.replicas.length > 0) {
        add(`${path}/reader-endpoints`, reference({ kind: 'database', key: database.tfName, region }, 'reader-addresses'),
          'Read replica host names, comma-separated', publisher);
      }
      if (database.proxy) {
        add(`${path}/proxy-endpoint`, reference({ kind: 'proxy', key: database.proxy.tfName, region }, 'address'),
          'RDS Proxy host name (TLS required); prefer it to the primary', publisher);
      }
    } else if (local) {
      const replica: WiringRef = { kind: 'regional-replica', key: local.tfName, region };
      add(`${path}/role`, literal('replica'), 'replica: read-only until promoted (docs/upper-levels.md); then set to primary', publisher);
      add(`${path}/endpoint`, reference(replica, 'address'), 'This region\'s copy: read-only replica, the writer once promoted', publisher);
      add(`${path}/reader-endpoints`, reference(replica, 'address'), 'This region\'s read replica host name', publisher);
    }
  };

  const addCache = (prefix: string, cache: CachePlan): void => {
    const path = `${prefix}/cache`;
    const publisher = config(prefix);
    const ref: WiringRef = { kind: 'cache', key: cache.tfName, region };
    add(`${path}/engine`, literal(cache.engine), 'redis or valkey', publisher);
    add(`${path}/endpoint`, reference(ref, 'address'), 'Primary host name (TLS required)', publisher);
    add(`${path}/reader-endpoint`, reference(ref, 'reader-address'), 'Reader host name (TLS required)', publisher);
    add(`${path}/port`, literal(String(cache.port)), 'Cache port', publisher);
    // CloudFormation authenticates with an AUTH token; Terraform, whose state would hold the token, with IAM.
    add(`${path}/auth-secret-arn`, reference({ kind: 'cache-auth', key: cache.tfName, region }, 'secret-arn'),
      'Secrets Manager secret holding the AUTH token', publisher, 'cloudformation');
    add(`${path}/auth`, literal('iam'), 'Authenticate with an IAM token (elasticache:Connect) as the user below', publisher, 'terraform');
    add(`${path}/user`, reference(ref, 'user'), 'ElastiCache user to connect as', publisher, 'terraform');
    add(`${path}/strategy`, literal(cache.strategy), 'cache-aside, write-through or write-behind', publisher);
    add(`${path}/ttl-seconds`, literal(String(cache.ttlSeconds)), 'Time to live of cached entries, in seconds', publisher);
  };

  const addQueues = (queues: readonly QueuePlan[]): void => {
    for (const queue of queues) {
      add(queue.urlParameterName, reference({ kind: 'queue', key: queue.tfName, region }, 'url'), `URL of the ${queue.name} queue`,
        { kind: 'queue', queue: queue.tfName });
    }
  };

  if (primary && input.server?.dataVolume) {
    add(`${appPrefix}/${DATA_VOLUME_ID_SETTING}`, reference({ kind: 'data-volume', key: input.server.dataVolume.tfName, region }, 'id'),
      'Level 1: the data volume the server mounts by its id', config(appPrefix));
  }
  if (primary && input.server?.originProof) {
    // Behind CloudFront the server refuses requests without the secret header; a rotation changes these, not the boot script.
    const { originProof } = input.server;
    add(`${appPrefix}/${ORIGIN_HEADER_SETTING}`, literal(originProof.headerName), 'Header CloudFront adds to prove a request came through the distribution', config(appPrefix));
    add(`${appPrefix}/${ORIGIN_SECRETS_SETTING}`, literal(acceptedOriginSecrets(originProof).map((secret) => secret.name).join(' ')),
      'Secrets Manager names of the accepted header values, the one CloudFront sends first', config(appPrefix));
  }
  if (input.database) addDatabase(appPrefix, input.database);
  if (input.shards && input.database) addShards(input.shards, input.database, region, input.primaryRegion, add);
  if (input.cache) addCache(appPrefix, input.cache);
  addQueues(input.queues);
  for (const event of input.events.filter((candidate) => candidate.regions.includes(region))) {
    add(event.arnParameterName, reference({ kind: 'topic', key: event.tfName, region }, 'arn'), `ARN of the ${event.name} event topic`,
      { kind: 'topic', event: event.name });
  }
  for (const service of input.services) {
    if (service.database) addDatabase(service.parameterPrefix, service.database);
    if (service.cache) addCache(service.parameterPrefix, service.cache);
    addQueues(service.queues);
    // Each publisher is told its topics under its own prefix, the only one it reads: its own region's, whose
    // subscribers' inboxes in the region hear it.
    for (const event of input.events.filter((candidate) => service.publishes.includes(candidate.name) && candidate.regions.includes(region))) {
      add(`${service.parameterPrefix}/events/${event.name}/arn`, reference({ kind: 'topic', key: event.tfName, region }, 'arn'),
        `ARN of the ${event.name} event topic, to publish to`, config(service.parameterPrefix));
    }
  }
  return settings;
}

/**
 * The shard map and, for every shard (shard 0 is the app database), its writer and readers as `host:port`: the
 * proxy (else the primary) and the replicas (else the writer); in a further region, the region's replica for both.
 */
function addShards(
  shards: ShardsPlan, shard0: DatabasePlan, region: AwsRegion, primaryRegion: AwsRegion,
  add: (name: string, value: SettingValue, description: string, publisher: SettingPublisher) => void,
): void {
  const primary = region === primaryRegion;
  const publisher: SettingPublisher = { kind: 'shard-map' };
  add(shards.mapParameterName, literal(JSON.stringify(shards.map)), `Shard map (${shards.strategy} on ${shards.key}) for the routing layer`, publisher);
  [shard0, ...shards.shards.map((shard) => shard.database)].forEach((database, index) => {
    const prefix = `${shards.map.endpointsPrefix}/${index}`;
    let writer: SettingValue;
    let readers: SettingValue;
    if (primary) {
      writer = database.proxy
        ? reference({ kind: 'proxy', key: database.proxy.tfName, region }, 'address', database.port)
        : reference({ kind: 'database', key: database.tfName, region }, 'address', database.port);
      readers = database.replicas.length > 0 ? reference({ kind: 'database', key: database.tfName, region }, 'reader-addresses', database.port) : writer;
    } else {
      const local = database.regionalReplicas.find((replica) => replica.region === region);
      if (!local) return;
      writer = reference({ kind: 'regional-replica', key: local.tfName, region }, 'address', database.port);
      readers = writer;
    }
    add(`${prefix}/writer`, writer, `Shard ${index}: writer endpoint (host:port)`, publisher);
    add(`${prefix}/readers`, readers, `Shard ${index}: reader endpoints (host:port, comma-separated)`, publisher);
    add(`${prefix}/secret-arn`, secretArn(database, region, primaryRegion, `${prefix}/secret-arn`),
      `Shard ${index}: Secrets Manager secret (JSON with username and password)`, publisher);
  });
}
