import type { CacheSpec } from '../spec';
import type { CacheAccessControlPlan, CachePlan, Environment } from './architecture-plan';
import { DEFAULT_ENGINE_VERSIONS, ENVIRONMENT_DEFAULTS } from './environment-defaults';

/** An ElastiCache replication group; failover and Multi-AZ exactly when there is a replica. */
export function planCache(
  cache: Omit<CacheSpec, 'enabled'>,
  environment: Environment,
  ids: { readonly id: string; readonly tfName: string; readonly replicationGroupId: string },
): CachePlan {
  const defaults = ENVIRONMENT_DEFAULTS[environment];
  const replicas = cache.replicas ?? defaults.cacheReplicas;
  return {
    ...ids,
    engine: cache.engine,
    engineVersion: DEFAULT_ENGINE_VERSIONS[cache.engine],
    nodeType: cache.nodeType ?? defaults.cacheNodeType,
    replicas,
    automaticFailover: replicas > 0,
    multiAz: replicas > 0,
    strategy: cache.strategy,
    ttlSeconds: cache.ttlSeconds,
    port: 6379,
    globalDatastore: null,
    accessControl: planAccessControl(ids.replicationGroupId),
  };
}

/** The user group of the cache `replicationGroupId` names, with the required `default` user off and the app's IAM user. */
function planAccessControl(replicationGroupId: string): CacheAccessControlPlan {
  const app = `${replicationGroupId}-app`;
  return {
    userGroupEngine: 'redis',
    userGroupId: replicationGroupId,
    defaultUser: { userId: `${replicationGroupId}-default`, userName: 'default', accessString: 'off -@all', authentication: 'no-password-required' },
    appUser: { userId: app, userName: app, accessString: 'on ~* +@all', authentication: 'iam' },
  };
}
