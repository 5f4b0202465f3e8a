import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffBlueprints, formatUpgradeDiff } from '../../../lib/analyze/upgrade-diff';
import { runCli } from '../../cli/run-cli';
import { renderBoth } from './render-both';

// A stack deployed with a pinned minor (tierup's old default, written out: `engineVersion: "16.4"`) moving to
// the major-only default: `diff` says what each engine does to the deployed database, and never lets a major
// upgrade pass as safe.

const LEVEL2 = readFileSync(join(__dirname, '../../../blueprints/shop-2-separate-db.yaml'), 'utf8');
const pinned = (engine: string, version: string | null) =>
  LEVEL2.replace('  engine: postgres\n', `  engine: ${engine}\n${version === null ? '' : `  engineVersion: "${version}"\n`}`);
const diffOf = (before: string, after: string) => diffBlueprints(renderBoth(before), renderBoth(after));

describe('diff: a deployed database whose version pin changes', () => {
  it('the old default 16.4 against the new default 17 is a major upgrade RDS refuses: unsafe, with the pin that keeps 16', () => {
    const diff = diffOf(pinned('postgres', '16.4'), pinned('postgres', null));
    expect(diff.safe).toBe(false);
    expect(diff.engineVersions).toEqual([expect.objectContaining({
      database: 'shop-prod-db', engine: 'postgres', from: '16.4', to: '17', fromMajor: '16', toMajor: '17', majorChange: true,
      cloudformation: expect.stringContaining('AllowMajorVersionUpgrade: false): RDS refuses it'),
      terraform: expect.stringContaining('engine_version 16 → 17'),
    })]);
    const report = formatUpgradeDiff(diff, 'title', { allowReplace: true });
    expect(report).toMatch(/UNSAFE: 1 deployed database\(s\) would be asked for another major version[^\n]*\n {2}shop-prod-db \(postgres 16\.4 → 17\)/);
    expect(report).toContain('fix: keep the deployed major: write `engineVersion: "16"`');
  });

  it.each([
    ['postgres', '16.4', '16'],
    ['mysql', '8.0.39', '8.0'],
  ])('%s %s → %s keeps the major: CloudFormation moves at most to the default minor, Terraform changes nothing', (engine, from, to) => {
    const diff = diffOf(pinned(engine, from), pinned(engine, to));
    expect(diff.safe).toBe(true);
    expect(diff.engineVersions).toEqual([expect.objectContaining({ from, to, majorChange: false, terraform: `engine_version stays ${to}: no change` })]);
    expect(diff.engineVersions[0].cloudformation).toMatch(/RDS keeps the minor the instance runs if it is .*'s default minor or later/);
    // CloudFormation updates the instance in place (EngineVersion only); Terraform has no change to the instance at all.
    expect(diff.changes.filter((change) => change.type === 'AWS::RDS::DBInstance')).toEqual([expect.objectContaining({ action: 'update', causes: ['EngineVersion'] })]);
    expect(diff.changes.filter((change) => change.type === 'aws_db_instance' || change.type === 'aws_db_parameter_group')).toEqual([]);
    expect(diff.warnings.join('\n')).toContain(`database shop-prod-db: CloudFormation: EngineVersion ${from} → ${to}`);
  });

  it('a written minor warns that RDS refuses a downgrade once automatic upgrades passed it', () => {
    const diff = diffOf(pinned('postgres', '16'), pinned('postgres', '16.11'));
    expect(diff.engineVersions[0]).toMatchObject({ majorChange: false, cloudformation: expect.stringContaining('RDS refuses the downgrade') });
  });

  it('a major downgrade is refused too', () => {
    expect(diffOf(pinned('postgres', null), pinned('postgres', '16')).engineVersions).toEqual([expect.objectContaining({
      majorChange: true, cloudformation: expect.stringContaining('major version downgrade'),
    })]);
  });

  it('says nothing when the pin stays', () => {
    expect(diffOf(pinned('postgres', null), pinned('postgres', null))).toMatchObject({ safe: true, engineVersions: [] });
  });
});

describe('tierup diff: a major version change', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierup-engine-diff-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('exits 3 even with --allow-replace, which permits losing migrated data, not a refused major upgrade', () => {
    const deployed = join(dir, 'deployed.yaml');
    const next = join(dir, 'next.yaml');
    writeFileSync(deployed, pinned('postgres', '16.4'));
    writeFileSync(next, pinned('postgres', null));
    expect(runCli(['diff', deployed, next, '--allow-replace', '--target', 'tf']).status).toBe(3);
    writeFileSync(next, pinned('postgres', '16'));
    expect(runCli(['diff', deployed, next, '--target', 'tf']).status).toBe(0);
  });
});
