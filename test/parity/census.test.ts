import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { census, type CensusTemplate, cfnCensus, tfCensus } from '../../lib/analyze/census';
import { synthesizeCfn } from '../../lib/render/cfn';
import { renderTfConfigs } from '../../lib/render/tf';
import type { ArchitecturePlan } from '../../lib/plan';
import { EXAMPLE_FILES, examplePlan } from '../render/tf/examples';

/** Every template of the plan's cloud assembly, nested stacks' templates included. */
function cfnTemplates(plan: ArchitecturePlan): Record<string, CensusTemplate> {
  const outdir = mkdtempSync(join(tmpdir(), 'tierup-census-'));
  try {
    synthesizeCfn([plan], { outdir, validate: false });
    return Object.fromEntries(readdirSync(outdir).filter((file) => file.endsWith('.template.json'))
      .map((file) => [file, JSON.parse(readFileSync(join(outdir, file), 'utf8')) as CensusTemplate]));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

describe.each(EXAMPLE_FILES)('%s', (file) => {
  it('holds as many of each kind in CloudFormation as in Terraform', () => {
    const plan = examplePlan(file);
    const rows = census(cfnTemplates(plan), renderTfConfigs(plan));
    expect(rows.filter((row) => row.cfn !== row.tf)).toEqual([]);
    expect(rows.some((row) => row.cfn > 0)).toBe(true);
  });
});

describe('census', () => {
  it('tells database primaries from read replicas in both targets', () => {
    const templates = { stack: { Resources: {
      Primary: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'postgres' } },
      Replica: { Type: 'AWS::RDS::DBInstance', Properties: { SourceDBInstanceIdentifier: 'db' } },
    } } };
    const configs = { stack: { resource: { aws_db_instance: { database: { engine: 'postgres' }, replica: { replicate_source_db: 'db' } } } } };
    expect(cfnCensus(templates)).toMatchObject({ 'database primary': 1, 'read replica': 1 });
    expect(tfCensus(configs)).toMatchObject({ 'database primary': 1, 'read replica': 1 });
  });

  it('counts the example ladder as it grows', () => {
    const level = (n: number) => tfCensus(renderTfConfigs(examplePlan(EXAMPLE_FILES[n - 1])));
    expect(level(1)).toMatchObject({ server: 1, 'data volume': 1, fleet: 0 });
    expect(level(4)).toMatchObject({ server: 0, fleet: 1, 'read replica': 2, distribution: 1 });
    expect(level(7)).toMatchObject({ vpc: 2, 'health check': 2 });
  });
});
