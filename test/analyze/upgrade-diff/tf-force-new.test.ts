import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { diffBlueprints } from '../../../lib/analyze/upgrade-diff';
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
});
