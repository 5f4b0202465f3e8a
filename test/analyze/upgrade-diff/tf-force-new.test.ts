import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { diffBlueprints } from '../../../lib/analyze/upgrade-diff';
import { diffTfConfigs } from '../../../lib/analyze/upgrade-diff/diff-tf';
import { TF_FORCE_NEW_ARGUMENTS } from '../../../lib/analyze/upgrade-diff/tf-force-new';
import { loadTypeSchema } from '../../../lib/render/tf/provider-schema';
import { renderBoth, renderFile } from './render-both';

const ROOT = join(__dirname, '../../..');
const EXAMPLES = [
  ...readdirSync(join(ROOT, 'blueprints')).map((file) => join(ROOT, 'blueprints', file)),
  ...readdirSync(join(ROOT, 'test/fixtures/ladder-blog')).map((file) => join(ROOT, 'test/fixtures/ladder-blog', file)),
].filter((file) => file.endsWith('.yaml'));

describe('the Terraform ForceNew table', () => {
  const rendered = new Set(EXAMPLES.flatMap((file) => Object.values(renderFile(file).tf ?? {}).flatMap((config) => Object.keys(config.resource ?? {}))));

  it('has an entry for every resource type tierup renders, so none is diffed as update by omission', () => {
    expect([...rendered].filter((type) => !(type in TF_FORCE_NEW_ARGUMENTS)).toSorted()).toEqual([]);
  });

  it.each(Object.entries(TF_FORCE_NEW_ARGUMENTS))('%s names only arguments the provider schema has', (type, argumentsForcingNew) => {
    const schema = loadTypeSchema('resource', type);
    expect(schema).not.toBeNull();
    expect(argumentsForcingNew.filter((argument) => !schema!.has(argument))).toEqual([]);
  });

  it('reports the DB parameter group as replaced when the engine changes (its family forces a new one)', () => {
    const postgres = 'name: shop\nlevel: separate-db\ndatabase: { engine: postgres }\n';
    const diff = diffBlueprints(renderBoth(postgres), renderBoth(postgres.replace('engine: postgres', 'engine: mysql')));
    const group = diff.changes.find((change) => change.target === 'tf' && change.type === 'aws_db_parameter_group');
    expect(group).toMatchObject({ action: 'replace', causes: [expect.stringMatching(/^family: "postgres17" → "mysql8.4"/)] });
  });

  it('reports no change to an argument the new configuration tells Terraform to ignore (a replica\'s key from before the region had its own)', () => {
    const replica = { identifier: 'shop-prod-db-eu-west-1', storage_encrypted: true };
    const before = { stack: { resource: { aws_db_instance: { database_replica_eu_west_1: { ...replica, kms_key_id: '${data.aws_kms_alias.database_replica_eu_west_1_key.target_key_arn}' } } } } };
    const after = (lifecycle: object) => ({ stack: { resource: { aws_db_instance: { database_replica_eu_west_1: { ...replica, kms_key_id: '${aws_kms_key.regional_replicas_key_eu_west_1.arn}', lifecycle } } } } });
    expect(diffTfConfigs(before, after({ ignore_changes: ['kms_key_id'] }))).toEqual([]);
    expect(diffTfConfigs(before, after({}))).toEqual([expect.objectContaining({ action: 'replace', causes: [expect.stringMatching(/^kms_key_id: /)] })]);
  });
});
