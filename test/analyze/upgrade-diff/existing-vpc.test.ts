import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffBlueprints, losesData, type ResourceChange } from '../../../lib/analyze/upgrade-diff';
import { existingVpcFixture, inTeamVpc, TEAM_VPC } from '../../fixtures/existing-vpc/existing-vpc';
import { renderBoth } from './render-both';

const example = (file: string) => readFileSync(join(__dirname, '../../../blueprints', file), 'utf8');
const losing = (changes: readonly ResourceChange[]) => changes.filter(losesData).map((change) => `${change.target} ${change.action} ${change.type} ${change.id}`);
const moveCause = /^its VPC changes in (us-east-1|eu-west-1) \(.+ → .+\): a database, cache or volume cannot move to another VPC in place$/;

describe('diff from one VPC to another is the replacement it is', () => {
  it('tierup\'s VPC → the team\'s at level 4: every database instance and the cache are replaced, in both engines (exit 3)', () => {
    const diff = diffBlueprints(renderBoth(example('shop-4-fleet.yaml')), renderBoth(existingVpcFixture(4)));
    expect(diff.safe).toBe(false);
    const stores = diff.changes.filter((change) => /DBInstance|ReplicationGroup|aws_db_instance|aws_elasticache_replication_group/.test(change.type));
    expect(stores.map((change) => [change.target, change.id.replace(/[0-9A-F]{8}$/, ''), change.action])).toEqual(expect.arrayContaining([
      ['cfn', 'DatabaseInstance', 'replace'], ['cfn', 'CacheReplicationGroup', 'replace'],
      ['tf', 'aws_db_instance.database', 'replace'], ['tf', 'aws_db_instance.database_replica_1', 'replace'], ['tf', 'aws_elasticache_replication_group.cache', 'replace'],
    ]));
    expect(stores.every((change) => losesData(change) && change.causes.some((cause) => moveCause.test(cause)))).toBe(true);
    expect(stores.filter((change) => change.target === 'cfn')).toHaveLength(stores.filter((change) => change.target === 'tf').length);
    expect(diff.migrations.map((migration) => migration.title)).toContain(`Move to another VPC (us-east-1: the VPC tierup creates → ${TEAM_VPC['us-east-1'].vpcId})`);
  });

  it('at level 1 the server\'s data volume is replaced in both engines', () => {
    const diff = diffBlueprints(renderBoth(example('shop-1-single-server.yaml')), renderBoth(existingVpcFixture(1)));
    expect(losing(diff.changes)).toEqual(expect.arrayContaining([
      expect.stringMatching(/^cfn replace AWS::EC2::Volume /), 'tf replace aws_ebs_volume aws_ebs_volume.data_volume',
    ]));
  });

  it('one team VPC → another is a move too; the same VPC is not', () => {
    const other = existingVpcFixture(4).replace(TEAM_VPC['us-east-1'].vpcId, 'vpc-0ffffffffffffffff');
    const moved = diffBlueprints(renderBoth(existingVpcFixture(4)), renderBoth(other));
    expect(moved.safe).toBe(false);
    expect(losing(moved.changes)).toContain('tf replace aws_db_instance aws_db_instance.database');
    const same = diffBlueprints(renderBoth(existingVpcFixture(4)), renderBoth(existingVpcFixture(4)));
    expect(same.changes).toEqual([]);
    expect(same.migrations).toEqual([]);
  });

  it('level 7: a new VPC in one region replaces only that region\'s data stores', () => {
    const moved = existingVpcFixture(7).replace(TEAM_VPC['eu-west-1'].vpcId, 'vpc-0eeeeeeeeeeeeeeee');
    const diff = diffBlueprints(renderBoth(existingVpcFixture(7)), renderBoth(moved));
    const replaced = diff.changes.filter(losesData);
    expect(replaced.length).toBeGreaterThan(0);
    expect(replaced.every((change) => change.causes.some((cause) => cause.startsWith('its VPC changes in eu-west-1')))).toBe(true);
    expect(replaced.filter((change) => change.target === 'cfn').every((change) => change.stack.startsWith('shop-production-eu-west-1'))).toBe(true);
    expect(replaced.filter((change) => change.target === 'tf').map((change) => change.id)).toEqual(expect.arrayContaining(['aws_elasticache_replication_group.cache_eu_west_1']));
    expect(replaced.map((change) => change.id)).not.toContain('aws_db_instance.database');
  });
});

describe('climbing inside the team\'s VPC loses nothing', () => {
  const ladder = ['shop-1-single-server.yaml', 'shop-2-separate-db.yaml', 'shop-3-cache.yaml', 'shop-4-fleet.yaml'].map((file) => [file, renderBoth(inTeamVpc(file))] as const);

  it.each(ladder.slice(1).map(([file, after], index) => [ladder[index][0], file, ladder[index][1], after] as const))('%s → %s', (_from, _to, before, after) => {
    const diff = diffBlueprints(before, after);
    expect(losing(diff.changes)).toEqual([]);
    expect(diff.safe).toBe(true);
    expect(diff.migrations.filter((migration) => migration.title.startsWith('Move to another VPC'))).toEqual([]);
  });
});
