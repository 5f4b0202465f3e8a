import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InstanceClass, InstanceSize } from 'aws-cdk-lib/aws-ec2';
import { parseBlueprint, SpecError, type SpecProblem } from '../../lib/spec';
import { CACHE_NODE_FAMILIES, EC2_INSTANCE_FAMILIES, RDS_INSTANCE_FAMILIES } from '../../lib/spec/data/instance-types';

const FILE = join(__dirname, '..', '..', 'blueprints', 'shop-6-microservices.yaml');
const BASE = readFileSync(FILE, 'utf8');

/** The problems of the level-6 example with one line replaced, or [] when it loads. */
function problems(from: string, to: string): SpecProblem[] {
  expect(BASE).toContain(from);
  try {
    parseBlueprint(BASE.replace(from, to), 'shop.yaml');
    return [];
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    return [...error.problems];
  }
}

describe('known engine versions', () => {
  // Retired versions still load (a deployed blueprint that pins one can be diffed); `validate` refuses them by date
  // (test/analyze/engine-version-lifecycle.test.ts).
  it.each([
    ['postgres', '16'], ['postgres', '16.4'], ['postgres', '17.2'], ['mysql', '8.0'], ['mysql', '8.0.39'], ['mysql', '8.4.3'],
  ])('accepts %s %s', (engine, version) => {
    expect(problems('  engine: postgres\n', `  engine: ${engine}\n  engineVersion: "${version}"\n`)).toEqual([]);
  });

  it.each([
    ['postgres', '9.9.9', undefined], ['postgres', '16.44', 'did you mean `engineVersion: "16.4"`?'], ['mysql', '8', 'did you mean `engineVersion: "8.0"`?'],
    ['mysql', '16.4', undefined], ['postgres', '16.4.1', undefined],
  ])('rejects %s %s with file, line, field and fix', (engine, version, fix) => {
    const found = problems('  engine: postgres\n', `  engine: ${engine}\n  engineVersion: "${version}"\n`);
    expect(found).toEqual([expect.objectContaining({ file: 'shop.yaml', line: 30, field: 'database.engineVersion', message: expect.stringContaining(`no ${engine} version "${version}"`) })]);
    if (fix) expect(found[0].fix).toBe(fix);
    else expect(found[0].fix).toMatch(/majors|did you mean/);
  });

  it('checks services\' databases too', () => {
    expect(problems('database: { engine: postgres }', 'database: { engine: postgres, engineVersion: "99" }'))
      .toEqual([expect.objectContaining({ field: 'services[0].database.engineVersion' })]);
  });
});

describe('known instance types, classes and node types', () => {
  it.each([
    ['instanceType: t3.small\n', 'instanceType: m7g.larg\n', 'app.instanceType', 'did you mean `m7g.large`?'],
    ['database: { engine: postgres }', 'database: { engine: postgres, instanceClass: db.r7g.larg }', 'services[0].database.instanceClass', 'did you mean `db.r7g.large`?'],
    ['cache: { engine: valkey }', 'cache: { engine: valkey, nodeType: cache.t4g.smal }', 'services[1].cache.nodeType', 'did you mean `cache.t4g.small`?'],
    ['worker: { instanceType: t3.small,', 'worker: { instanceType: t3.smal,', 'queues[0].worker.instanceType', 'did you mean `t3.small`?'],
  ])('rejects a typo in %s', (from, to, field, fix) => {
    expect(problems(from, to)).toEqual([expect.objectContaining({ field, fix, message: expect.stringContaining('tierup knows') })]);
  });

  it('accepts every example', () => {
    expect(problems('instanceType: t3.small\n', 'instanceType: m7g.large\n')).toEqual([]);
  });

  it('names only families and sizes aws-cdk-lib knows', () => {
    const classes = new Set<string>(Object.values(InstanceClass));
    const sizes = new Set<string>(Object.values(InstanceSize));
    const tables = [EC2_INSTANCE_FAMILIES, RDS_INSTANCE_FAMILIES, CACHE_NODE_FAMILIES];
    expect(tables.flatMap((table) => Object.keys(table)).filter((family) => !classes.has(family))).toEqual([]);
    expect(tables.flatMap((table) => Object.values(table).flat()).filter((size) => !sizes.has(size))).toEqual([]);
  });
});
