import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffBlueprints } from '../../lib/analyze/upgrade-diff';
import { describePlan, planBlueprintText, type ArchitecturePlan, type BlueprintResult } from '../../lib';
import { renderCfnTemplates } from '../../lib/render/cfn';
import { renderTfConfigs } from '../../lib/render/tf';
import { runCli } from '../cli/run-cli';

const BASE = 'name: shop\nlevel: separate-db\nenvironment: development\n';
const STACK = 'shop-development-us-east-1';

function planned(result: BlueprintResult): ArchitecturePlan {
  if (!result.ok) throw new Error(`expected a valid blueprint: ${JSON.stringify(result.problems)}`);
  return result.plan;
}

function withOverrides(overrides: string): BlueprintResult {
  return planBlueprintText(`${BASE}overrides:\n${overrides}`, 'shop.yaml');
}

function primaryDatabase(template: { Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }> }): Record<string, unknown> {
  const found = Object.values(template.Resources).filter((resource) => resource.Type === 'AWS::RDS::DBInstance');
  expect(found).toHaveLength(1);
  return found[0].Properties ?? {};
}

const BOTH = `
  - name: backup-window
    reason: back up before the morning peak
    cloudformation:
      resource: Database/Instance
      set: { PreferredBackupWindow: "03:00-04:00", DeleteAutomatedBackups: false }
      remove: [EnableCloudwatchLogsExports]
    terraform:
      resource: aws_db_instance.database
      set: { backup_window: "03:00-04:00", delete_automated_backups: false }
      remove: [storage_type]
`;

describe('overrides that apply', () => {
  const before = planned(planBlueprintText(BASE, 'shop.yaml'));
  const after = planned(withOverrides(BOTH));

  it('set and remove CloudFormation properties by construct path', () => {
    const original = primaryDatabase(renderCfnTemplates(before)[STACK]);
    const changed = primaryDatabase(renderCfnTemplates(after)[STACK]);
    expect(original.PreferredBackupWindow).toBeUndefined();
    expect(original.EnableCloudwatchLogsExports).toBeDefined();
    expect(changed).toMatchObject({ PreferredBackupWindow: '03:00-04:00', DeleteAutomatedBackups: false });
    expect(changed.EnableCloudwatchLogsExports).toBeUndefined();
    expect(changed.DBInstanceClass).toBe(original.DBInstanceClass);
  });

  it('set and remove Terraform arguments by resource address', () => {
    const original = renderTfConfigs(before)[STACK].resource?.aws_db_instance.database ?? {};
    const changed = renderTfConfigs(after)[STACK].resource?.aws_db_instance.database ?? {};
    expect(original.storage_type).toBeDefined();
    expect(changed).toMatchObject({ backup_window: '03:00-04:00', delete_automated_backups: false });
    expect(changed.storage_type).toBeUndefined();
    expect(changed.instance_class).toBe(original.instance_class);
  });

  it('are part of the plan, so every synthesis applies them again', () => {
    expect(after.overrides).toEqual([{
      name: 'backup-window', reason: 'back up before the morning peak', index: 0,
      cloudformation: { resource: 'Database/Instance', set: { PreferredBackupWindow: '03:00-04:00', DeleteAutomatedBackups: false }, remove: ['EnableCloudwatchLogsExports'] },
      terraform: { resource: 'aws_db_instance.database', set: { backup_window: '03:00-04:00', delete_automated_backups: false }, remove: ['storage_type'] },
    }]);
    expect(renderCfnTemplates(after)).toEqual(renderCfnTemplates(after));
  });

  it('show in explain', () => {
    expect(describePlan(after)).toContain('override backup-window: cloudformation Database/Instance set PreferredBackupWindow="03:00-04:00" set DeleteAutomatedBackups=false remove EnableCloudwatchLogsExports; terraform aws_db_instance.database set backup_window="03:00-04:00" set delete_automated_backups=false remove storage_type — back up before the morning peak');
  });

  it('count in diff, in both engines (as updates: these properties change in place)', () => {
    const diff = diffBlueprints({ plan: before, cfn: renderCfnTemplates(before), tf: renderTfConfigs(before) }, { plan: after, cfn: renderCfnTemplates(after), tf: renderTfConfigs(after) });
    expect(diff.safe).toBe(true);
    expect(diff.changes).toEqual(expect.arrayContaining([
      expect.objectContaining({ target: 'cfn', type: 'AWS::RDS::DBInstance', action: 'update', causes: ['DeleteAutomatedBackups', 'EnableCloudwatchLogsExports', 'PreferredBackupWindow'] }),
      expect.objectContaining({ target: 'tf', id: 'aws_db_instance.database', action: 'update', causes: ['backup_window', 'delete_automated_backups', 'storage_type'] }),
    ]));
  });

  it('name a construct with one main resource by the construct itself', () => {
    const plan = planned(withOverrides(`
  - name: instance-backups
    cloudformation: { resource: Database/Instance/Resource, set: { BackupRetentionPeriod: 9 } }
    terraform: { resource: aws_db_instance.database, set: { backup_retention_period: 9 } }
`));
    expect(primaryDatabase(renderCfnTemplates(plan)[STACK]).BackupRetentionPeriod).toBe(9);
  });
});

describe('an override for one engine only', () => {
  const result = withOverrides(`
  - name: cfn-only
    cloudformation: { resource: Database/Instance, set: { BackupRetentionPeriod: 14 } }
`);

  it('is a parity exception: a warning, not an error', () => {
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.warnings).toEqual([expect.stringMatching(/^parity exception: override "cfn-only" changes the cloudformation output only/)]);
    expect(describePlan(result.plan)).toContain('(cloudformation only: parity exception)');
    expect(renderTfConfigs(result.plan)[STACK].resource?.aws_db_instance.database.backup_retention_period).not.toBe(14);
  });
});

describe('overrides that name nothing', () => {
  it('report unknown resources of both engines with did-you-mean, file, line and field', () => {
    const result = withOverrides(`
  - name: typos
    cloudformation:
      resource: Database/Instanse
      set: { BackupRetentionPeriod: 14 }
    terraform:
      resource: aws_db_instance.databse
      set: { backup_retention_period: 14 }
`);
    expect(result).toEqual({
      ok: false, file: 'shop.yaml',
      problems: [
        { file: 'shop.yaml', line: 8, column: 17, field: 'overrides[0].cloudformation.resource', message: 'the CloudFormation output has no resource "Database/Instanse"', fix: 'did you mean "Database/Instance"?' },
        { file: 'shop.yaml', line: 11, column: 17, field: 'overrides[0].terraform.resource', message: 'the Terraform output has no resource aws_db_instance.databse', fix: 'did you mean "aws_db_instance.database"?' },
      ],
    });
  });

  it('report unknown properties against the resource spec and the provider schema, nested ones included', () => {
    const result = withOverrides(`
  - name: typos
    cloudformation:
      resource: Database/Instance
      set: { BackupRetentionPeriode: 14 }
      remove: [Tags.Key]
    terraform:
      resource: aws_db_instance.database
      set: { backup_retension_period: 14, tags.team: web, lifecycle.ignore_changes: [tags] }
      remove: [blue_green_update.enabeld]
`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map(({ line, field, message, fix }) => ({ line, field, message, fix }))).toEqual([
      { line: 9, field: 'overrides[0].cloudformation.set.BackupRetentionPeriode', message: 'AWS::RDS::DBInstance has no property BackupRetentionPeriode', fix: 'did you mean "BackupRetentionPeriod"?' },
      { line: 10, field: 'overrides[0].cloudformation.remove[0]', message: 'AWS::RDS::DBInstance property Tags is a list; "Tags.Key" cannot address inside it', fix: 'set Tags as a whole' },
      { line: 13, field: 'overrides[0].terraform.set.backup_retension_period', message: 'aws_db_instance has no argument backup_retension_period', fix: 'did you mean "backup_retention_period"?' },
      { line: 14, field: 'overrides[0].terraform.remove[0]', message: 'aws_db_instance has no argument blue_green_update.enabeld', fix: 'did you mean "blue_green_update.enabled"?' },
    ]);
  });

  it('are checked only for the engines asked for', () => {
    const text = `${BASE}overrides:\n  - name: typo\n    terraform: { resource: aws_db_instance.databse, set: { port: 5433 } }\n`;
    expect(planBlueprintText(text, 'shop.yaml', { engines: ['cloudformation'] }).ok).toBe(true);
    expect(planBlueprintText(text, 'shop.yaml', { engines: ['terraform'] }).ok).toBe(false);
  });

  it('report a construct that groups several resources, naming them', () => {
    const result = withOverrides(`
  - name: group
    cloudformation: { resource: Database, set: { BackupRetentionPeriod: 14 } }
`);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([expect.objectContaining({ field: 'overrides[0].cloudformation.resource', message: '"Database" is a group of resources, not one', fix: expect.stringContaining('Database/Instance') })]);
  });

  it.each([
    ['a hashed logical id', '  - name: hashed\n    cloudformation: { resource: DatabaseInstanceAA8A5FDE, set: { Port: "5433" } }\n', /no resource "DatabaseInstanceAA8A5FDE"/],
    ['an override that changes nothing', '  - name: empty\n', /changes nothing in either engine/],
    ['a patch without set or remove', '  - name: empty\n    terraform: { resource: aws_db_instance.database }\n', /sets and removes nothing/],
    ['a path both set and removed', '  - name: twice\n    terraform: { resource: aws_db_instance.database, set: { port: 5433 }, remove: [port] }\n', /"port" is both set and removed/],
    ['two overrides of one name', '  - name: same\n    terraform: { resource: aws_db_instance.database, set: { port: 5433 } }\n  - name: same\n    terraform: { resource: aws_db_instance.database, set: { port: 5434 } }\n', /override name "same" appears twice/],
    ['a Terraform address without a type', '  - name: bad\n    terraform: { resource: database, set: { port: 5433 } }\n', /must be a Terraform address like aws_db_instance.database/],
    ['an unknown field', '  - name: bad\n    terraform: { resource: aws_db_instance.database, sett: { port: 5433 } }\n', /unknown field "sett"/],
  ])('reject %s', (_what, overrides, message) => {
    const result = withOverrides(overrides);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.map((problem) => `${problem.message} ${problem.fix}`).join('\n')).toMatch(message);
    expect(result.problems.every((problem) => problem.line > 3)).toBe(true);
  });
});

describe('an override that forces a stateful replacement', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tierup-overrides-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const file = join(directory, name);
    writeFileSync(file, text);
    return file;
  };
  const before = write('before.yaml', BASE);

  it.each([
    ['cfn', '    cloudformation: { resource: Database/Instance, set: { DBInstanceIdentifier: shop-dev-db-2 } }\n', 'AWS::RDS::DBInstance'],
    ['tf', '    terraform: { resource: aws_db_instance.database, set: { identifier: shop-dev-db-2 } }\n', 'aws_db_instance'],
  ])('is caught by diff in %s: exit 3, a replacement of the database', (target, patch, type) => {
    const after = write(`after-${target}.yaml`, `${BASE}overrides:\n  - name: rename-database\n${patch}`);
    const run = runCli(['diff', before, after, '--json', '--target', target]);
    expect(run.status).toBe(3);
    const diff = JSON.parse(run.stdout) as { safe: boolean; changes: { type: string; action: string; stateful: boolean }[] };
    expect(diff.safe).toBe(false);
    expect(diff.changes).toEqual(expect.arrayContaining([expect.objectContaining({ type, action: 'replace', stateful: true })]));
    expect(run.stderr).toContain('parity exception: override "rename-database"');
  });

  it('fails validate with the located problem when an override names nothing', () => {
    const bad = write('bad.yaml', `${BASE}overrides:\n  - name: typo\n    terraform: { resource: aws_db_instance.databse, set: { port: 5433 } }\n`);
    const run = runCli(['validate', bad]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${bad}:6:`);
    expect(run.stderr).toContain('did you mean "aws_db_instance.database"?');
  });

  it('fails cdk.json\'s app (`cdk synth -c blueprint=…`) the same way, writing nothing', () => {
    const bad = write('bad-cdk.yaml', `${BASE}overrides:\n  - name: typo\n    cloudformation: { resource: Database/Instanse, set: { Port: "5433" } }\n`);
    const outdir = join(directory, 'cdk.out');
    const run = spawnSync(process.execPath, [join(__dirname, '../../dist/bin/cdk-app.js')], {
      encoding: 'utf8', env: { ...process.env, CDK_CONTEXT_JSON: JSON.stringify({ blueprint: bad }), CDK_OUTDIR: outdir },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`${bad}:6:`);
    expect(run.stderr).toContain('did you mean "Database/Instance"?');
    expect(existsSync(join(outdir, 'manifest.json'))).toBe(false);
  });
});
