import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { diffBlueprints, losesData, type RenderedBlueprint } from '../../../lib/analyze/upgrade-diff';
import { renderBoth, renderFile } from './render-both';

// The ladder guarantee (DESIGN.md §5.1): climbing one level never replaces or destroys a stateful
// resource in either target. This fails the day a construct id, a Terraform name or a
// replacement-forcing property moves.

// blueprints/ also holds the store-*-domain examples, which are not rungs of the shop ladder.
/**
 * The level-1 server's database (lib/plan/boot: its unit, the one-shot that requires it, its home on the data volume),
 * stopped and kept from starting again, and the volume unmounted and out of /etc/fstab.
 */
const POSTGRES_UNMOUNT = 'sudo systemctl stop tierup-app.service && sudo systemctl disable --now tierup-database.service postgresql.service ' +
  '&& sudo umount /var/lib/pgsql && sudo sed -i \'\\| /var/lib/pgsql |d\' /etc/fstab';

const LADDERS = {
  // `unmount`: what the level-1 server runs its database as, and where its data volume is mounted (lib/plan/boot).
  shop: { folder: join(__dirname, '../../../blueprints'), prefix: 'shop-', unmount: POSTGRES_UNMOUNT },
  blog: { folder: join(__dirname, '../../fixtures/ladder-blog'), prefix: '', unmount: POSTGRES_UNMOUNT },
} as const;

describe.each(Object.entries(LADDERS))('the %s ladder', (_name, { folder, prefix, unmount }) => {
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

  it('stops the database and unmounts the data volume after the dump leaves the server and before the deploy detaches the volume', () => {
    const { steps } = diffBlueprints(rendered[0], rendered[1]).migrations[0];
    const copy = steps.findIndex((step) => step.startsWith('Copy the dump off the server'));
    expect(copy).toBeGreaterThan(0);
    expect(steps[copy + 1]).toMatch(/^Stop the app, stop and disable the database and unmount the data volume, so that the deploy detaches it cleanly/);
    expect(steps[copy + 1].endsWith(`: ${unmount}.`)).toBe(true);
    expect(steps[copy + 2]).toMatch(/^Deploy level 2\./);
  });

  it('dumps where the dump outlives the deploy\'s stop and start (not the tmpfs /tmp)', () => {
    const text = diffBlueprints(rendered[0], rendered[1]).migrations[0].steps.join('\n');
    expect(text).toMatch(/ \/var\/tmp\/app\.(dump|sql)/);
    expect(text).not.toMatch(/ \/tmp\//);
  });

  it('detaches the level-1 data volume in Terraform only once the server is stopped', () => {
    const [config] = Object.values(rendered[0].tf!);
    expect(config.resource?.aws_volume_attachment?.data_volume_attachment).toMatchObject({ stop_instance_before_detaching: true });
  });
});

describe('level 1 → 2 on MariaDB, and with an app from a machine image', () => {
  const level1 = (app: string) => `name: shop\nlevel: 1\ndatabase: { engine: mysql }\napp: { port: 8080${app} }\n`;
  const unmountStep = (app = '') => diffBlueprints(renderBoth(level1(app)), renderBoth(level1(app).replace('level: 1', 'level: 2'))).migrations[0].steps
    .find((step) => step.startsWith('Stop the app, stop and disable the database'));

  it('stops MariaDB\'s unit and unmounts its home, as the level-1 boot set them up', () => {
    expect(unmountStep()?.endsWith(': sudo systemctl stop tierup-app.service && sudo systemctl disable --now tierup-database.service mariadb.service ' +
      '&& sudo umount /var/lib/mysql && sudo sed -i \'\\| /var/lib/mysql |d\' /etc/fstab.')).toBe(true);
  });

  it('leaves the app\'s unit to the machine image that starts it', () => {
    expect(unmountStep(', ami: ami-0123456789abcdef0')?.endsWith(': stop the app your machine image runs, then ' +
      'sudo systemctl disable --now tierup-database.service mariadb.service && sudo umount /var/lib/mysql && sudo sed -i \'\\| /var/lib/mysql |d\' /etc/fstab.')).toBe(true);
  });
});
