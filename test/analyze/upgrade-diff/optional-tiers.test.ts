import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffBlueprints, losesData, type RenderedBlueprint } from '../../../lib/analyze/upgrade-diff';
import { CHILD_TMPDIR, runCli } from '../../cli/run-cli';
import { renderBoth } from './render-both';

// Levels do only what a team wants (issue 22): a ladder that never has a cache, and level 1's data volume grown, climb
// without losing anything; turning a deployed cache off destroys a data store, which `diff` flags.

const example = (file: string) => readFileSync(join(__dirname, '../../../blueprints', file), 'utf8');
/** The example with the app's cache section replaced by `cache: { enabled: false }`. */
const withoutCache = (text: string) => text.replace(/^cache:\n(?: {2}.*\n)+/m, 'cache: { enabled: false }\n');

describe('the shop ladder with the cache off from level 3', () => {
  const files = ['shop-2-separate-db.yaml', 'shop-3-cache.yaml', 'shop-4-fleet.yaml', 'shop-5-sharded.yaml', 'shop-6-microservices.yaml', 'shop-7-multi-region.yaml'];
  let rendered: RenderedBlueprint[];
  beforeAll(() => {
    rendered = files.map((file, index) => {
      const text = index === 0 ? example(file) : withoutCache(example(file));
      if (index > 0) expect(text).toContain('cache: { enabled: false }\n');
      return renderBoth(text, file);
    });
  });

  it('has no app cache from level 3 on', () => {
    expect(rendered.map((r) => [r.plan.level, r.plan.cache])).toEqual([[2, null], [3, null], [4, null], [5, null], [6, null], [7, null]]);
  });

  it.each(files.slice(1).map((file, index) => [files[index], file, index] as const))('%s → %s loses nothing in either target', (_from, _to, index) => {
    const diff = diffBlueprints(rendered[index], rendered[index + 1]);
    expect(diff.changes.filter(losesData)).toEqual([]);
    expect(diff.safe).toBe(true);
    // The app's cache never appears (a service's own cache, from level 6, lives in its stack and has its own name).
    const appCache = (c: (typeof diff.changes)[number]) => (c.target === 'cfn' ? !c.stack.includes('/') && c.type === 'AWS::ElastiCache::ReplicationGroup' : c.id === 'aws_elasticache_replication_group.cache');
    expect(diff.changes.filter(appCache)).toEqual([]);
  });

  it('turning the cache on later adds it, in both targets', () => {
    const diff = diffBlueprints(rendered[1], renderBoth(example('shop-3-cache.yaml')));
    expect(diff.safe).toBe(true);
    expect(diff.changes.filter((c) => c.stateful && c.action === 'add').map((c) => [c.target, c.type]))
      .toEqual(expect.arrayContaining([['cfn', 'AWS::ElastiCache::ReplicationGroup'], ['tf', 'aws_elasticache_replication_group']]));
  });
});

describe('turning a deployed cache off', () => {
  it.each([
    ['production', [['tf', 'aws_elasticache_replication_group']], 'orphan'],
    ['development', [['cfn', 'AWS::ElastiCache::ReplicationGroup'], ['tf', 'aws_elasticache_replication_group']], 'destroy'],
  ] as const)('in %s destroys the replication group: unsafe, exit 3', (environment, losing, cfnAction) => {
    const before = example('shop-3-cache.yaml').replace('environment: production', `environment: ${environment}`);
    const diff = diffBlueprints(renderBoth(before), renderBoth(withoutCache(before)));
    expect(diff.safe).toBe(false);
    expect(diff.changes.filter(losesData).filter((c) => c.type.includes('ReplicationGroup') || c.type.includes('replication_group')).map((c) => [c.target, c.type])).toEqual(losing);
    // CloudFormation keeps a production cache by its retain policy (a warning), and deletes one elsewhere.
    expect(diff.changes.find((c) => c.type === 'AWS::ElastiCache::ReplicationGroup')?.action).toBe(cfnAction);
  });

  it('the CLI exits 3', () => {
    const before = join(CHILD_TMPDIR, 'cache-on.yaml');
    const after = join(CHILD_TMPDIR, 'cache-off.yaml');
    writeFileSync(before, example('shop-3-cache.yaml'));
    writeFileSync(after, withoutCache(example('shop-3-cache.yaml')));
    const run = runCli(['diff', before, after, '--target', 'tf']);
    expect(run.stdout).toMatch(/- destroy aws_elasticache_replication_group +aws_elasticache_replication_group\.cache .*<< LOSES DATA/);
    expect(run.status).toBe(3);
  });
});

describe('level 1 with a grown data volume', () => {
  it('climbs to level 2 losing nothing: the volume is kept, whatever its size', () => {
    const level1 = example('shop-1-single-server.yaml').replace('  rpsPerInstance: 200\n', '  rpsPerInstance: 200\n  dataVolumeGb: 500\n');
    const diff = diffBlueprints(renderBoth(level1), renderBoth(example('shop-2-separate-db.yaml')));
    expect(diff.safe).toBe(true);
    expect(diff.changes.filter((c) => c.action === 'orphan').map((c) => [c.target, c.type])).toEqual([['cfn', 'AWS::EC2::Volume'], ['tf', 'aws_ebs_volume']]);
  });

  it('the CLI exits 3 when the volume would shrink, even with --allow-replace', () => {
    const sized = (gb: number) => example('shop-1-single-server.yaml').replace('  rpsPerInstance: 200\n', `  rpsPerInstance: 200\n  dataVolumeGb: ${gb}\n`);
    const before = join(CHILD_TMPDIR, 'volume-100.yaml');
    const after = join(CHILD_TMPDIR, 'volume-50.yaml');
    writeFileSync(before, sized(100));
    writeFileSync(after, sized(50));
    const run = runCli(['diff', before, after, '--allow-replace', '--target', 'tf']);
    expect(run.stdout).toContain('fix: keep app.dataVolumeGb at 100 or more');
    expect(run.status).toBe(3);
    const json = JSON.parse(runCli(['diff', before, after, '--json', '--target', 'tf']).stdout) as { safe: boolean; blueprintChanges: { field: string; refused: boolean }[] };
    expect(json).toMatchObject({ safe: false, blueprintChanges: [{ field: 'app.dataVolumeGb', refused: true }] });
  });
});
