import type { AwsRegion, DatabaseSpec, ShardsSpec } from '../spec';
import type { DatabasePlan, Environment, ShardMap, ShardsPlan } from './architecture-plan';
import { planDatabase } from './plan-database';
import { shardNodeNames } from './shard-ring';

/** The top of the key space that range boundaries split by default (32-bit hashes or ids). */
const RANGE_KEY_SPACE = 2 ** 32;

/** Level 5: shards 1..n-1 copy shard 0's settings; the map tells the routing layer where keys live. */
export function planShards(
  database: DatabaseSpec & { shards: ShardsSpec },
  environment: Environment,
  physicalPrefix: string,
  parameterPrefix: string,
  regions: readonly AwsRegion[],
  databaseName: string,
): ShardsPlan {
  const { shards } = database;
  const endpointsPrefix = `${parameterPrefix}/shards`;
  const planned = Array.from({ length: shards.count - 1 }, (_, offset) => {
    const index = offset + 1;
    const shard: DatabasePlan = planDatabase(database, environment, {
      id: `Shard${index}`,
      tfName: `shard_${index}`,
      identifier: `${physicalPrefix}-shard-${index}`,
      databaseName,
    }, { replicasAllowed: true, otherRegions: regions.slice(1), physicalPrefix });
    return { index, database: shard };
  });
  return {
    strategy: shards.strategy,
    key: shards.key,
    shards: planned,
    map: shardMap(shards, endpointsPrefix, regions),
    mapParameterName: `${endpointsPrefix}/map`,
  };
}

function shardMap(shards: ShardsSpec, endpointsPrefix: string, regions: readonly AwsRegion[]): ShardMap {
  const common = { version: 1, key: shards.key, shardCount: shards.count, endpointsPrefix } as const;
  switch (shards.strategy) {
    case 'hash':
      return { ...common, strategy: 'hash', ring: { hash: 'fnv1a-32-fmix32', virtualNodes: shards.virtualNodes, nodes: shardNodeNames(shards.count) } };
    case 'range': {
      const bounds = shards.boundaries ?? Array.from({ length: shards.count - 1 }, (_, i) => Math.floor((RANGE_KEY_SPACE * (i + 1)) / shards.count));
      const starts = [0, ...bounds];
      return {
        ...common,
        strategy: 'range',
        ranges: starts.map((from, shard) => ({ shard, from, to: shard + 1 < starts.length ? starts[shard + 1] : null })),
      };
    }
    case 'directory':
      return { ...common, strategy: 'directory', directory: { shard: 0, table: 'shard_directory', cacheKeyPrefix: 'shard-directory:' } };
    case 'geo': {
      const geo = shards.geo ?? Object.fromEntries(regions.map((region, index) => [region, index % shards.count]));
      return { ...common, strategy: 'geo', geo, defaultShard: 0 };
    }
  }
}
