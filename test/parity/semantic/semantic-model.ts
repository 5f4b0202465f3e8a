import { acceptedOriginSecrets } from '../../../lib/plan';
import type { ArchitecturePlan, DatabasePlan, Engine, SettingValue, WiringRef } from '../../../lib/plan';

// What a deployed system means, in terms both engines' outputs and the plan can be read into: who reaches whom
// on which port, which tier may do which action on which resource, which settings exist with which values, what
// each tier is told, and the stateful properties that matter. Resources are named by their physical names
// (`{db:shop-prod-db@us-east-1#address}`), which both engines set from the plan.

/** The meaning of one blueprint's output, as sorted lines. */
export interface SemanticModel {
  /** `fleet:fleet@us-east-1 -> database:database:5432`. */
  readonly reach: readonly string[];
  /** `fleet@us-east-1 sqs:SendMessage {queue:shop-prod-emails@us-east-1#arn}`. */
  readonly grants: readonly string[];
  /** `us-east-1 /tierup/shop/production/database/endpoint = {db:shop-prod-db@us-east-1#address}`. */
  readonly settings: readonly string[];
  /** `fleet@us-east-1 /tierup/shop/production/database/endpoint`: what a tier may read under its settings path. */
  readonly told: readonly string[];
  /** `db:shop-prod-db multiAz=true`. */
  readonly stateful: readonly string[];
  /**
   * `{topic:shop-prod-order-placed@eu-west-1#arn} -> {queue:shop-prod-search-on-order-placed@eu-west-1#arn} raw=true`: a
   * subscription whose queue's policy lets the topic send; ` refused` at the end when the policy does not.
   */
  readonly deliveries: readonly string[];
  /** `alarm us-east-1 shop-prod-server-cpu AWS/EC2/CPUUtilization{…} Average/300s …`: what is watched and who is told (watch-model.ts). */
  readonly watching: readonly string[];
}

/** A delivery line: the topic's and the queue's ARN atoms, raw delivery, and whether the queue admits the topic. */
export const deliveryLine = (topic: string, queue: string, raw: boolean, admitted: boolean): string =>
  `${topic} -> ${queue} raw=${raw}${admitted ? '' : ' refused'}`;

/** An atom: one attribute of one physical resource. */
export const atom = (kind: string, name: string, region: string, attribute: string | null = null): string =>
  `{${kind}:${name}@${region}${attribute ? `#${attribute}` : ''}}`;

/** A master secret's atom as the ARN Secrets Manager gives it (name and suffix kept in the atom's own words). */
export function toSymbolicArn(value: string): string {
  const secret = /^\{db-secret:([^@]+)@([a-z0-9-]+)\}$/.exec(value);
  return secret ? `arn:{partition}:secretsmanager:${secret[2]}:{account}:secret:{db-secret=${secret[1]}}` : value;
}

/** A master secret's ARN, as {@link toSymbolicArn} writes it, back to its atom in the ARN's region; other values as they are. */
export function fromSymbolicArn(value: string): string {
  const arn = /^arn:\{partition\}:secretsmanager:([a-z0-9-]+):\{account\}:secret:\{db-secret=([^}]+)\}$/.exec(value);
  return arn ? atom('db-secret', arn[2], arn[1]) : value;
}

/** Every database plan: the app's, the shards', the services'. */
export function databasesOf(plan: ArchitecturePlan): DatabasePlan[] {
  return [plan.database, ...(plan.shards ? plan.shards.shards.map((shard) => shard.database) : []), ...plan.services.map((service) => service.database)]
    .filter((database): database is DatabasePlan => database !== null);
}

/** The graph node a physical resource belongs to, by its physical name (DB identifiers, proxy names, cache ids). */
export function nodeOfPhysical(plan: ArchitecturePlan): Map<string, string> {
  const nodes = new Map<string, string>();
  for (const database of databasesOf(plan)) {
    nodes.set(`db:${database.identifier}`, `database:${database.tfName}`);
    for (const replica of database.replicas) nodes.set(`db:${replica.identifier}`, `database:${database.tfName}`);
    for (const replica of database.regionalReplicas) nodes.set(`db:${replica.identifier}`, `regional-replica:${replica.tfName}`);
    if (database.proxy) nodes.set(`proxy:${database.proxy.name}`, `proxy:${database.proxy.tfName}`);
  }
  for (const cache of [plan.cache, ...plan.services.map((service) => service.cache)]) {
    if (cache) nodes.set(`cache:${cache.replicationGroupId}`, `cache:${cache.tfName}`);
  }
  return nodes;
}

/** The physical atoms a planned resource's attribute stands for. */
function refAtoms(plan: ArchitecturePlan, ref: WiringRef, attribute: string): string[] {
  const database = databasesOf(plan).find((candidate) => candidate.tfName === ref.key);
  const cache = [plan.cache, ...plan.services.map((service) => service.cache)].find((candidate) => candidate?.tfName === ref.key);
  const queue = [...plan.queues, ...plan.services.flatMap((service) => service.queues)].find((candidate) => candidate.tfName === ref.key);
  switch (ref.kind) {
    case 'database':
      return attribute === 'reader-addresses'
        ? (database?.replicas ?? []).map((replica) => atom('db', replica.identifier, ref.region, 'address'))
        : [atom('db', database?.identifier ?? '?', ref.region, 'address')];
    case 'database-secret':
      return [atom('db-secret', database?.identifier ?? '?', ref.region)];
    case 'proxy': {
      const owner = databasesOf(plan).find((candidate) => candidate.proxy?.tfName === ref.key);
      return [atom('proxy', owner?.proxy?.name ?? '?', ref.region, 'address')];
    }
    case 'regional-replica': {
      const replica = databasesOf(plan).flatMap((candidate) => candidate.regionalReplicas).find((candidate) => candidate.tfName === ref.key);
      return [atom('db', replica?.identifier ?? '?', ref.region, 'address')];
    }
    case 'cache':
      return attribute === 'arn'
        ? [atom('cache', cache?.replicationGroupId ?? '?', ref.region, 'arn'), atom('cache', cache?.replicationGroupId ?? '?', ref.region, 'user-arn')]
        : [atom('cache', cache?.replicationGroupId ?? '?', ref.region, attribute)];
    case 'cache-auth':
      return [atom('cache-auth', cache?.replicationGroupId ?? '?', ref.region)];
    case 'queue':
      return [atom('queue', queue?.queueName ?? '?', ref.region, attribute)];
    case 'topic':
      return [atom('topic', plan.events.find((event) => event.tfName === ref.key)?.topicName ?? '?', ref.region, 'arn')];
    case 'settings':
      return [atom('settings', ref.key, ref.region)];
    case 'origin-secret': {
      const proof = plan.cdn?.originProof;
      const secret = proof && acceptedOriginSecrets(proof).find((candidate) => candidate.tfName === ref.key);
      return [atom('origin-secret', secret ? secret.name : '?', ref.region)];
    }
    case 'hosted-zone':
      return [atom('hosted-zone', ref.key, 'global')];
    case 'route53':
    case 'cloudwatch':
    case 'ec2':
      return ['*'];
    case 'log-group':
      return [atom('log-group', ref.key, ref.region)];
    default:
      return [atom(ref.kind, ref.key, ref.region)];
  }
}

/** A setting's value as both engines' outputs read: literals as they are, references as atoms. */
function valueString(plan: ArchitecturePlan, value: SettingValue): string {
  if (value.kind === 'literal') return value.value;
  return refAtoms(plan, value.resource, value.attribute).map((item) => (value.port === null ? item : `${item}:${value.port}`)).join(',');
}

/** The attribute a permission's resource is named by. */
const GRANT_ATTRIBUTES: Record<string, string> = { send: 'arn', consume: 'arn', publish: 'arn', 'connect-cache': 'arn', 'read-secret': '', 'read-settings': '', 'answer-dns-challenge': '', 'watch-dns-change': '', 'write-logs': '', 'put-metrics': '', 'read-instance-tags': '' };

/** A log group's ARN as either engine writes it (partition and account as the engine's placeholders), as its atom; other values as they are. */
export function logGroupAtom(value: string): string {
  const arn = /^arn:\{[^}]*\}:logs:([a-z0-9-]+):\{[^}]*\}:log-group:(.+):\*$/.exec(value);
  return arn ? atom('log-group', arn[2], arn[1]) : value;
}

/** A permission's conditions as a grant line ends: ` if ForAllValues:StringEquals route53:…=a,b`, or nothing. */
export function conditionText(conditions: readonly { operator: string; key: string; values: readonly string[] }[]): string {
  return conditions.map((condition) => ` if ${condition.operator} ${condition.key}=${condition.values.join(',')}`).toSorted().join('');
}

/** An IAM statement's Condition block in the same words. */
export function statementConditions(condition: Record<string, Record<string, string | string[]>> | undefined): string {
  return conditionText(Object.entries(condition ?? {}).flatMap(([operator, entries]) =>
    Object.entries(entries).map(([key, values]) => ({ operator, key, values: [values].flat() }))));
}

/** What the plan's wiring graph says one engine's output must mean. */
export function planModel(plan: ArchitecturePlan, engine: Engine): Omit<SemanticModel, 'stateful' | 'watching'> {
  const { wiring } = plan;
  const mine = <T extends { only: Engine | null }>(items: readonly T[]): T[] => items.filter((item) => item.only === null || item.only === engine);
  return {
    reach: wiring.edges.map((edge) => `${edge.from.kind}:${edge.from.key}@${edge.from.region} -> ${edge.to.kind}:${edge.to.key}:${edge.port}`).toSorted(),
    grants: [...new Set(wiring.tiers.flatMap((tier) => mine(tier.permissions).flatMap((permission) =>
      permission.actions.flatMap((action) => refAtoms(plan, permission.resource, GRANT_ATTRIBUTES[permission.access])
        .map((resource) => `${tier.ref.key}@${tier.ref.region} ${action} ${resource}${conditionText(permission.conditions)}`)))))].toSorted(),
    settings: mine(wiring.settings).map((setting) => `${setting.region} ${setting.name} = ${valueString(plan, setting.value)}`).toSorted(),
    told: wiring.tiers.flatMap((tier) => mine(tier.settings).map((setting) => `${tier.ref.key}@${tier.ref.region} ${setting.name}`)).toSorted(),
    deliveries: wiring.deliveries.map((delivery) => deliveryLine(refAtoms(plan, delivery.topic, 'arn')[0], refAtoms(plan, delivery.queue, 'arn')[0], true, true)).toSorted(),
  };
}

/**
 * Every told credential works, read off an output: each user and password a tier is told comes from a secret whose
 * ARN the output publishes in the setting the tier reads, and which the tier's role may read. Returns what is missing.
 */
export function unusableCredentials(plan: ArchitecturePlan, model: Pick<SemanticModel, 'settings' | 'grants' | 'told'>): string[] {
  return plan.wiring.tiers.flatMap((tier) => tier.credentials.flatMap((credential) => {
    const secret = refAtoms(plan, credential.secret, '')[0];
    const where = `${tier.ref.key}@${tier.ref.region}`;
    return [
      `${where} ${credential.secretArnSetting}`,
      `${tier.ref.region} ${credential.secretArnSetting} = ${secret}`,
      `${where} secretsmanager:GetSecretValue ${secret}`,
    ].filter((line) => ![...model.told, ...model.settings, ...model.grants].includes(line));
  })).toSorted();
}

/**
 * What every region's consumers need, read off an output alone: each inbox queue it publishes (by its URL setting,
 * in whatever region) hears its event's topic of the same region. Returns the missing deliveries.
 */
export function unheardInboxes(plan: ArchitecturePlan, model: Pick<SemanticModel, 'settings' | 'deliveries'>): string[] {
  const inboxes = plan.services.flatMap((service) => service.queues).filter((queue) => queue.subscribesTo !== null);
  return model.settings.flatMap((line) => {
    const published = / = \{queue:([^@]+)@([a-z0-9-]+)#url\}$/.exec(line);
    const inbox = published && inboxes.find((queue) => queue.queueName === published[1]);
    const event = inbox && plan.events.find((candidate) => candidate.name === inbox.subscribesTo);
    if (!published || !inbox || !event) return [];
    const wanted = deliveryLine(atom('topic', event.topicName, published[2], 'arn'), atom('queue', inbox.queueName, published[2], 'arn'), true, true);
    return model.deliveries.includes(wanted) ? [] : [wanted];
  }).toSorted();
}

/**
 * What a tier is told, read off an output: the settings of its region under the path its role may read,
 * less those under a path nested in it that other tiers read (a service's settings under the app's).
 */
export function toldFrom(grants: readonly string[], settings: readonly string[]): string[] {
  const readable = grants.flatMap((grant) => {
    const match = /^(\S+)@(\S+) ssm:GetParametersByPath \{settings:(\S+)@\S+\}$/.exec(grant);
    return match ? [{ tier: match[1], region: match[2], prefix: match[3] }] : [];
  });
  const prefixes = [...new Set(readable.map((entry) => entry.prefix))];
  return readable.flatMap(({ tier, region, prefix }) => {
    const nested = prefixes.filter((other) => other !== prefix && other.startsWith(`${prefix}/`));
    return settings.flatMap((line) => {
      const [settingRegion, name] = line.split(' ');
      return settingRegion === region && name.startsWith(`${prefix}/`) && !nested.some((other) => name.startsWith(`${other}/`)) ? [`${tier}@${region} ${name}`] : [];
    });
  }).toSorted();
}

/** The major part of an engine version as RDS names majors (PostgreSQL `16`, MySQL `8.0`). */
export function majorVersion(engine: string, version: unknown): string {
  return String(version).split('.').slice(0, engine === 'mysql' ? 2 : 1).join('.');
}
