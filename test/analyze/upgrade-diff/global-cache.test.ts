import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffBlueprints, losesData, type RenderedBlueprint } from '../../../lib/analyze/upgrade-diff';
import { renderBoth } from './render-both';

// Level 6 → level 7 with `multiRegion.globalCache: true`: the primary region's cache becomes the global
// datastore's PRIMARY member and must be kept as it is (the ladder guarantee); the datastore, the further
// region's secondary and the static-asset replicas are additions.

const blueprints = join(__dirname, '../../../blueprints');
/** The shop blueprints with a node type global datastores accept (the t-family is refused by the spec rules). */
function withSupportedNode(file: string): string {
  return readFileSync(join(blueprints, file), 'utf8').replace('nodeType: cache.t4g.small', 'nodeType: cache.r7g.large');
}

describe('level 6 → level 7 with a global cache', () => {
  let level6: RenderedBlueprint;
  let level7: RenderedBlueprint;
  beforeAll(() => {
    level6 = renderBoth(withSupportedNode('shop-6-microservices.yaml'), 'shop-6.yaml');
    level7 = renderBoth(`${withSupportedNode('shop-7-multi-region.yaml')}  globalCache: true\n`, 'shop-7.yaml');
  });

  it('plans a global datastore named after the primary region', () => {
    expect(level7.plan.multiRegion?.globalCache?.globalReplicationGroupId).toBe('ldgnf-shop-prod-cache');
    expect(level7.plan.cache?.globalDatastore).toEqual(level7.plan.multiRegion?.globalCache);
  });

  it('is safe in both targets and leaves the primary cache untouched', () => {
    const diff = diffBlueprints(level6, level7);
    expect(diff.changes.filter(losesData)).toEqual([]);
    expect(diff.safe).toBe(true);
    const primaryCache = diff.changes.filter((c) => (c.target === 'cfn' && c.stack === 'shop-production-us-east-1' && c.id.startsWith('CacheReplicationGroup'))
      || (c.target === 'tf' && c.id === 'aws_elasticache_replication_group.cache'));
    expect(primaryCache).toEqual([]);
  });

  it('adds the datastore, the secondary cache and the static-asset replication in both targets', () => {
    const added = diffBlueprints(level6, level7).changes.filter((c) => c.action === 'add');
    const types = added.map((c) => `${c.target} ${c.type}`);
    expect(types).toEqual(expect.arrayContaining([
      'cfn AWS::ElastiCache::GlobalReplicationGroup', 'tf aws_elasticache_global_replication_group',
      'tf aws_s3_bucket_replication_configuration',
    ]));
    expect(added.map((c) => `${c.target} ${c.id}`)).toEqual(expect.arrayContaining([
      'tf aws_elasticache_replication_group.cache_eu_west_1', 'tf aws_s3_bucket.static_assets_replica_eu_west_1',
    ]));
    expect(added.some((c) => c.target === 'cfn' && c.stack === 'shop-production-eu-west-1' && c.id.startsWith('CacheReplicationGroup'))).toBe(true);
  });
});
