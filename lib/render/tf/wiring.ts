import { Fn, TerraformLocal, type TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import type { SecretReplicaPlan, SettingPublisher, WiringPlan } from '../../plan';
import { publishedSettings } from '../../plan/wiring/wiring-queries';
import type { AwsRegion } from '../../spec';
import type { AppConfig } from './app-config';
import type { Cache } from './cache';
import type { Database } from './database';
import type { Domain } from './domain';
import type { Events } from './events';
import { grantPermissions } from './instance-identity';
import type { OriginProof } from './origin-proof';
import type { AppTier } from './placement';
import type { QueueWorker } from './queue-worker';
import type { SettingValues } from './setting-values';
import { helperName, named } from './terraform-names';

/** Registers a database's writer, readers, secret, proxy and cross-region replicas. */
export function registerDatabase(values: SettingValues, database: Database, region: AwsRegion): void {
  const { plan } = database;
  values.set({ kind: 'database', key: plan.tfName, region }, 'address', database.instance.address);
  values.set({ kind: 'database', key: plan.tfName, region }, 'reader-addresses', database.replicas.map((replica) => replica.address));
  values.set({ kind: 'database-secret', key: plan.tfName, region }, 'secret-arn', database.secretArn);
  if (plan.proxy && database.proxy) values.set({ kind: 'proxy', key: plan.proxy.tfName, region }, 'address', database.proxy.endpoint);
  plan.regionalReplicas.forEach((replica, index) => {
    const instance = database.regionalReplicas[index];
    if (instance) values.set({ kind: 'regional-replica', key: replica.tfName, region: replica.region }, 'address', instance.address);
  });
}

/**
 * Registers the ARN of each master secret's replica, a local (`<db>_master_secret_<region>_arn`) that the
 * settings and grants name: the primary's ARN with the region swapped, since the provider exports no ARN per
 * `replica` block. A secret's name holds no colon (letters, digits and `/_+=.@-`:
 * https://docs.aws.amazon.com/secretsmanager/latest/apireference/API_CreateSecret.html#SecretsManager-CreateSecret-request-Name),
 * so `:<region>:` matches the ARN's region field alone. A local, not the expression itself, keeps the policies'
 * JSON free of the expression's quotes.
 */
export function registerSecretReplicas(scope: Construct, values: SettingValues, replicas: readonly SecretReplicaPlan[]): void {
  for (const { replica, primary } of replicas) {
    const name = helperName(primary.key, `master_secret_${replica.region.replace(/-/g, '_')}_arn`);
    values.set(replica, 'secret-arn', values.list(primary, 'secret-arn').map((arn) =>
      named(new TerraformLocal(scope, name, Fn.replace(arn, `:${primary.region}:`, `:${replica.region}:`)), name).asString));
  }
}

/** Registers a cache's endpoints, user and the ARNs IAM authentication names. */
export function registerCache(values: SettingValues, cache: Cache, region: AwsRegion): void {
  const ref = { kind: 'cache', key: cache.plan.tfName, region } as const;
  values.set(ref, 'address', cache.group.primaryEndpointAddress);
  values.set(ref, 'reader-address', cache.group.readerEndpointAddress);
  values.set(ref, 'user', cache.user.userName);
  values.set(ref, 'arn', [cache.group.arn, cache.user.arn]);
}

/** Registers a queue's URL and ARN. */
export function registerQueue(values: SettingValues, queue: QueueWorker, region: AwsRegion): void {
  values.set({ kind: 'queue', key: queue.plan.tfName, region }, 'url', queue.queue.url);
  values.set({ kind: 'queue', key: queue.plan.tfName, region }, 'arn', queue.queue.arn);
}

/** Registers each event topic's ARN in the events' region. */
export function registerTopics(values: SettingValues, events: Events, region: AwsRegion): void {
  for (const plan of events.plans) {
    const topic = events.topics.get(plan.name);
    if (topic) values.set({ kind: 'topic', key: plan.tfName, region }, 'arn', topic.arn);
  }
}

/** Registers each accepted origin secret's ARN (the server reads them to check the header itself). */
export function registerOriginProof(values: SettingValues, originProof: OriginProof, region: AwsRegion): void {
  for (const { plan, secret } of originProof.accepted) values.set({ kind: 'origin-secret', key: plan.tfName, region }, 'secret-arn', secret.arn);
}

/**
 * Registers the hosted zone's ARN (the server writes its DNS challenge there) and Route 53's read-only calls,
 * which name no resource: `ListHostedZones` and `GetChange` take only `*`.
 * https://docs.aws.amazon.com/service-authorization/latest/reference/list_amazonroute53.html
 */
export function registerDomain(values: SettingValues, domain: Domain, region: AwsRegion): void {
  values.set({ kind: 'hosted-zone', key: domain.plan.hostedZone, region }, 'arn', domain.zone.arn);
  values.set({ kind: 'route53', key: 'route53', region }, 'arn', '*');
}

/** The settings of one publisher in a region, Terraform's share of them. */
export function settingsOf(wiring: WiringPlan, region: AwsRegion, matches: (publisher: SettingPublisher) => boolean) {
  return publishedSettings(wiring, region, 'terraform', matches);
}

/** The config settings under one prefix. */
export const configOf = (prefix: string) => (publisher: SettingPublisher): boolean => publisher.kind === 'config' && publisher.prefix === prefix;

/** What one region holds for the grants: its provider, its tiers by graph key, its configs by prefix. */
export interface WiredRegion {
  readonly region: AwsRegion;
  readonly provider: TerraformProvider | undefined;
  readonly tiers: readonly AppTier[];
  readonly configs: readonly AppConfig[];
}

/**
 * Registers what the CloudWatch agent's grants name in a region: each log group's ARN as IAM policies name it, with
 * the trailing `:*` that covers its streams (https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogGroup.html),
 * and `*` for CloudWatch's and EC2's actions that name no resource.
 */
function registerAgentResources(wiring: WiringPlan, wired: WiredRegion, values: SettingValues): void {
  const [config] = wired.configs;
  for (const { resource } of wiring.tiers.flatMap((tier) => tier.permissions).filter((permission) => permission.resource.region === wired.region)) {
    if (resource.kind === 'cloudwatch' || resource.kind === 'ec2') values.set(resource, 'arn', '*');
    if (resource.kind === 'log-group' && config) values.set(resource, 'arn', `arn:${config.partition}:logs:${resource.region}:${config.accountId}:log-group:${resource.key}:*`);
  }
}

/** Grants every tier of every region its graph permissions, one role policy per tier. */
export function grantTiers(scope: Construct, wiring: WiringPlan, regions: readonly WiredRegion[], values: SettingValues): void {
  for (const wired of regions) {
    registerAgentResources(wiring, wired, values);
    for (const tier of wiring.tiers.filter((candidate) => candidate.ref.region === wired.region)) {
      const appTier = wired.tiers.find((candidate) => candidate.key === tier.ref.key);
      if (!appTier) continue;
      const settingsPath = (prefix: string): string => wired.configs.find((config) => config.prefix === prefix)?.pathArn ?? '';
      grantPermissions(scope, tier, appTier.roleName, appTier.tfName, values, settingsPath, wired.provider);
    }
  }
}
