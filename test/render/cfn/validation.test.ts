import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { createPlan } from '../../../lib/plan';
import { synthesizeCfn, validateTemplates } from '../../../lib/render/cfn';
import { loadBlueprint } from '../../../lib/spec';
import { EXAMPLES_DIR, examplePlan } from './examples';

// DESIGN.md §5.4: every template passes aws-cdk-lib's built-in CloudFormation validation. The examples
// share one name, environment and region, hence one stack name: each gets its own synthesis (so one
// level's failure names that level), while the validation engine starts once per process.
describe('built-in CloudFormation validation', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'tierup-cfn-validate-'));
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it.each([1, 2, 3, 4, 5, 6, 7])('shop-%i has no error', (level) => {
    const { findings } = synthesizeCfn([examplePlan(level)], { outdir: join(outdir, String(level)), validate: true });
    expect(findings.filter((finding) => finding.severity === 'error' || finding.severity === 'fatal')).toEqual([]);
  });

  // The domain examples: the certificate stack in us-east-1 is validated with the primary one.
  it.each(['store-2-domain', 'store-4-domain'])('%s has no error in any of its stacks', (name) => {
    const { findings, stacks } = synthesizeCfn([createPlan(loadBlueprint(join(EXAMPLES_DIR, `${name}.yaml`)).spec)], { outdir: join(outdir, name), validate: true });
    // store-4 (eu-west-1): its stack, CloudFront's certificate in us-east-1, and the us-east-1 monitoring stack of CloudFront's alarms.
    expect(stacks.length).toBe(name === 'store-4-domain' ? 3 : 1);
    expect(findings.filter((finding) => finding.severity === 'error' || finding.severity === 'fatal')).toEqual([]);
  });

  it('returns what it finds, with stack, resource and rule', () => {
    const templatePath = join(outdir, 'broken.template.json');
    writeFileSync(templatePath, JSON.stringify({
      Resources: {
        Replica: { Type: 'AWS::RDS::DBInstance', Properties: { SourceDBInstanceIdentifier: 'shop-prod-db', DBInstanceClass: 'db.t4g.micro', StorageEncrypted: true } },
      },
    }));
    const findings = validateTemplates(new App(), [{ stackName: 'broken', constructPath: 'broken', templatePath, region: 'us-east-1' }]);
    expect(findings).toContainEqual(expect.objectContaining({ severity: 'error', rule: 'F3020', stack: 'broken', resource: 'Replica' }));
  });

  it.each([
    ['a major alone is acknowledged (RDS creates its default minor)', '8.4', 'info'],
    ['a minor the engine does not know stays an error', '8.4.99', 'error'],
  ])('%s', (_what, version, severity) => {
    const templatePath = join(outdir, `mysql-${version}.template.json`);
    writeFileSync(templatePath, JSON.stringify({
      Resources: {
        Database: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql', EngineVersion: version, DBInstanceClass: 'db.t4g.micro', AllocatedStorage: '20', StorageEncrypted: true, MasterUsername: 'app', ManageMasterUserPassword: true } },
      },
    }));
    const findings = validateTemplates(new App(), [{ stackName: 'mysql', constructPath: 'mysql', templatePath, region: 'us-east-1' }]);
    expect(findings.filter((finding) => finding.rule === 'E9006')).toEqual([expect.objectContaining({ severity, resource: 'Database' })]);
  });
});
