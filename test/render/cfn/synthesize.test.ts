import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderCfnTemplates, synthesizeCfn } from '../../../lib/render/cfn';
import { examplePlan } from './examples';

describe('synthesizeCfn', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierup-cfn-test-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('writes a cloud assembly and describes every stack', () => {
    const outdir = tempDir();
    const synthesis = synthesizeCfn([examplePlan(4)], { outdir, validate: false });
    expect(synthesis.stacks.map(({ template, ...stack }) => stack)).toEqual([{
      stackName: 'shop-production-us-east-1',
      region: 'us-east-1',
      templateFile: 'shop-production-us-east-1.template.json',
      resourceCount: Object.keys(synthesis.stacks[0].template.Resources).length,
    }]);
    expect(synthesis.stacks[0].resourceCount).toBeGreaterThan(50);
    expect(readdirSync(outdir)).toEqual(expect.arrayContaining(['manifest.json', 'shop-production-us-east-1.template.json']));
    expect(synthesis.findings).toEqual([]);
  });

  it('makes level 7\'s regional stacks depend on the primary in the cloud assembly (their replicas need its databases)', () => {
    const outdir = tempDir();
    synthesizeCfn([examplePlan(7)], { outdir, validate: false });
    const manifest = JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, { type: string; dependencies?: string[] }> };
    expect(manifest.artifacts['shop-production-eu-west-1'].dependencies).toEqual(expect.arrayContaining(['shop-production-us-east-1']));
    expect(manifest.artifacts['shop-production-us-east-1'].dependencies ?? []).not.toContain('shop-production-eu-west-1');
  });

  it('writes the same bytes twice, with no machine paths, stack traces or versions', () => {
    const [first, second] = [tempDir(), tempDir()];
    synthesizeCfn([examplePlan(1)], { outdir: first, validate: false });
    synthesizeCfn([examplePlan(1)], { outdir: second, validate: false });
    for (const file of readdirSync(first)) {
      const text = readFileSync(join(first, file), 'utf8');
      expect([file, text]).toEqual([file, readFileSync(join(second, file), 'utf8')]);
      expect([file, /\/(tmp|home|work|Users)\/|creationStack|"trace"|AWS::CDK::Metadata/.test(text)]).toEqual([file, false]);
    }
  });

  it('renders templates in memory and leaves no directory behind', () => {
    // The directories it creates itself, not a count of the shared temporary directory: other test workers render there too.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the module object itself, which the renderer's import reads
    const mkdtemp = jest.spyOn(require('node:fs') as typeof import('node:fs'), 'mkdtempSync');
    try {
      const templates = renderCfnTemplates(examplePlan(2));
      expect(Object.keys(templates)).toEqual(['shop-production-us-east-1']);
      expect(Object.values(templates['shop-production-us-east-1'].Resources).map((resource) => resource.Type)).toContain('AWS::RDS::DBInstance');
      const created = mkdtemp.mock.results.map((result) => String(result.value));
      expect(created).toEqual([expect.stringContaining(join(tmpdir(), 'tierup-cfn-'))]);
      expect(created.filter((dir) => existsSync(dir))).toEqual([]);
    } finally {
      mkdtemp.mockRestore();
    }
  });
});
