import type { ArchitecturePlan } from '../architecture-plan';
import type { CachePlan, DatabasePlan, QueuePlan } from '../data-plan';

/** Which instances a boot script is for. */
export type BootTier =
  | { readonly kind: 'server' }
  | { readonly kind: 'fleet'; readonly service: string | null }
  | { readonly kind: 'worker'; readonly service: string | null; readonly queue: string };

/** The level-1 server's setting naming its data volume, published beside the other settings. */
export const DATA_VOLUME_ID_SETTING = 'server/data-volume-id';

/**
 * The settings (paths under the tier's prefix) that must exist before a tier's app starts: what the
 * renderers publish under that prefix in that region, in both engines (the cache's auth settings differ
 * between them and are left out). Stands in for the wiring graph's settings per tier.
 */
export function requiredSettings(plan: ArchitecturePlan, tier: BootTier, primaryRegion: boolean): string[] {
  const service = tier.kind === 'server' ? null : tier.service;
  if (service !== null) {
    const owner = plan.services.find((candidate) => candidate.name === service);
    if (!owner) return [];
    return [
      ...(primaryRegion ? databaseSettings(owner.database) : []),
      ...cacheSettings(owner.cache),
      ...queueSettings(owner.queues, owner.parameterPrefix),
    ];
  }
  return [
    ...(tier.kind === 'server' && plan.server?.dataVolume ? [DATA_VOLUME_ID_SETTING] : []),
    ...(primaryRegion ? databaseSettings(plan.database) : []),
    ...(primaryRegion && plan.shards ? shardSettings(plan.shards.shards.length + 1, plan.shards.mapParameterName, plan.parameterPrefix) : []),
    ...cacheSettings(plan.cache),
    ...queueSettings(plan.queues, plan.parameterPrefix),
  ];
}

function databaseSettings(database: DatabasePlan | null): string[] {
  if (!database) return [];
  return [
    'database/engine', 'database/endpoint', 'database/port', 'database/secret-arn',
    ...(database.replicas.length > 0 ? ['database/reader-endpoints'] : []),
    ...(database.proxy ? ['database/proxy-endpoint'] : []),
  ];
}

function shardSettings(count: number, mapParameterName: string, prefix: string): string[] {
  const endpoints = Array.from({ length: count }, (_, index) => [`shards/${index}/writer`, `shards/${index}/readers`]).flat();
  return [relative(mapParameterName, prefix), ...endpoints];
}

function cacheSettings(cache: CachePlan | null): string[] {
  if (!cache) return [];
  return ['cache/engine', 'cache/endpoint', 'cache/reader-endpoint', 'cache/port', 'cache/strategy', 'cache/ttl-seconds'];
}

function queueSettings(queues: readonly QueuePlan[], prefix: string): string[] {
  return queues.map((queue) => relative(queue.urlParameterName, prefix));
}

function relative(name: string, prefix: string): string {
  return name.startsWith(`${prefix}/`) ? name.slice(prefix.length + 1) : name;
}
