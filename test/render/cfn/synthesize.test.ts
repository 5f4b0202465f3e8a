import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
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
    // In a temporary directory of its own: other tests (and other runs on the machine) synthesize into the
    // shared one at the same time, so counting there races with them. os.tmpdir() reads TMPDIR on each call.
    const previous = process.env.TMPDIR;
    const own = mkdtempSync(join(tmpdir(), 'tierup-synth-test-'));
    process.env.TMPDIR = own;
    try {
      const templates = renderCfnTemplates(examplePlan(2));
      expect(Object.keys(templates)).toEqual(['shop-production-us-east-1']);
      expect(Object.values(templates['shop-production-us-east-1'].Resources).map((resource) => resource.Type)).toContain('AWS::RDS::DBInstance');
      expect(readdirSync(own)).toEqual([]);
    } finally {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
      rmSync(own, { recursive: true, force: true });
    }
  });
});
