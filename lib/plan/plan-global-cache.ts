import { GLOBAL_DATASTORE_PREFIXES, type AwsRegion } from '../spec';
import type { GlobalCachePlan } from './architecture-plan';

/** The app cache's global datastore: created by the primary region, joined by every further region's cache. */
export function planGlobalCache(primaryRegion: AwsRegion, replicationGroupId: string): GlobalCachePlan | null {
  const prefix = GLOBAL_DATASTORE_PREFIXES[primaryRegion];
  if (prefix === undefined) return null;
  return {
    id: 'GlobalDatastore',
    tfName: 'cache_global_datastore',
    idSuffix: replicationGroupId,
    globalReplicationGroupId: `${prefix}-${replicationGroupId}`,
  };
}
