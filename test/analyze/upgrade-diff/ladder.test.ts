import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { diffBlueprints, losesData, type RenderedBlueprint } from '../../../lib/analyze/upgrade-diff';
import { renderFile } from './render-both';

// The ladder guarantee (DESIGN.md §5.1): climbing one level never replaces or destroys a stateful
// resource in either target. This fails the day a construct id, a Terraform name or a
// replacement-forcing property moves.

// blueprints/ also holds the store-*-domain examples, which are not rungs of the shop ladder.
const LADDERS = {
  shop: { folder: join(__dirname, '../../../blueprints'), prefix: 'shop-' },
  blog: { folder: join(__dirname, '../../fixtures/ladder-blog'), prefix: '' },
} as const;

describe.each(Object.entries(LADDERS))('the %s ladder', (_name, { folder, prefix }) => {
  const files = readdirSync(folder).filter((f) => f.startsWith(prefix) && f.endsWith('.yaml')).toSorted();
  let rendered: RenderedBlueprint[];
  beforeAll(() => {
    rendered = files.map((file) => renderFile(join(folder, file)));
  });

  it('has seven levels', () => {
    expect(rendered.map((r) => r.plan.level)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it.each(files.slice(1).map((file, index) => [files[index], file, index] as const))('%s → %s loses nothing in either target', (_from, _to, index) => {
    const diff = diffBlueprints(rendered[index], rendered[index + 1]);
    expect(diff.changes.filter(losesData)).toEqual([]);
    expect(diff.safe).toBe(true);
    // Both targets were really compared: each climb adds resources in both.
    expect(diff.changes.some((c) => c.target === 'cfn' && c.action === 'add')).toBe(true);
    expect(diff.changes.some((c) => c.target === 'tf' && c.action === 'add')).toBe(true);
  });

  it('keeps the level-1 data volume when the data moves to RDS, in both targets, and says how to migrate', () => {
    const diff = diffBlueprints(rendered[0], rendered[1]);
    const orphaned = diff.changes.filter((c) => c.action === 'orphan');
    expect(orphaned.map((c) => [c.target, c.type])).toEqual(expect.arrayContaining([['cfn', 'AWS::EC2::Volume'], ['tf', 'aws_ebs_volume']]));
    expect(diff.warnings.length).toBeGreaterThanOrEqual(2);
    expect(diff.migrations.map((m) => m.title)).toEqual([expect.stringMatching(/Move the database off the server/)]);
  });
});
