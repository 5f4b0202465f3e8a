import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { synthesizeTf } from '../../../lib/render/tf';
import { levelPlan } from './examples';

describe('synthesizeTf', () => {
  const directories: string[] = [];
  const outdir = (): string => {
    const directory = mkdtempSync(join(tmpdir(), 'tierup-tf-test-'));
    directories.push(directory);
    return join(directory, 'cdktf.out');
  };
  afterAll(() => directories.forEach((directory) => rmSync(directory, { recursive: true, force: true })));

  it('writes cdktf\'s layout, one stack per blueprint', () => {
    const out = outdir();
    const synthesis = synthesizeTf([levelPlan(4)], { outdir: out });
    expect(synthesis.stacks.map((stack) => stack.file)).toEqual([join(out, 'stacks', 'shop-production-us-east-1', 'cdk.tf.json')]);
    expect(JSON.parse(readFileSync(synthesis.stacks[0].file, 'utf8'))).toEqual(synthesis.stacks[0].config);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).stacks['shop-production-us-east-1'].synthesizedStackPath)
      .toBe('stacks/shop-production-us-east-1/cdk.tf.json');
    expect(synthesis.stacks[0].resourceCount).toBe(Object.values(synthesis.stacks[0].config.resource ?? {})
      .reduce((total, byName) => total + Object.keys(byName).length, 0));
  });

  it('writes the same bytes every run, with no machine path or cdktf metadata', () => {
    const [first, second] = [outdir(), outdir()].map((out) => synthesizeTf([levelPlan(7)], { outdir: out }));
    const text = readFileSync(first.stacks[0].file, 'utf8');
    expect(readFileSync(second.stacks[0].file, 'utf8')).toBe(text);
    expect(text).not.toContain(tmpdir());
    expect(text).not.toContain(process.cwd());
    expect(text).not.toContain('"//"');
  });


  it('configures the S3 backend and the provider pin from the plan', () => {
    const plan = { ...levelPlan(2), terraform: { awsProviderVersion: '~> 6.25', backend: { bucket: 'tf-state', key: 'shop.tfstate', region: 'us-east-1' } } };
    const [stack] = synthesizeTf([plan], { outdir: outdir() }).stacks;
    expect(stack.config.terraform).toEqual({
      // S3-native locking, not the deprecated DynamoDB table.
      backend: { s3: { bucket: 'tf-state', key: 'shop.tfstate', region: 'us-east-1', use_lockfile: true, encrypt: true } },
      required_providers: { aws: { source: 'hashicorp/aws', version: '~> 6.25' } },
      required_version: '>= 1.11',
    });
  });

  it('keeps level 1\'s data volume out of the destroy plan from level 2 on, with a removed block', () => {
    const [level1] = synthesizeTf([levelPlan(1)], { outdir: outdir() }).stacks;
    const [level2] = synthesizeTf([levelPlan(2)], { outdir: outdir() }).stacks;
    expect(level1.config.removed).toBeUndefined();
    expect(level2.config.removed).toEqual([{ from: 'aws_ebs_volume.data_volume', lifecycle: { destroy: false } }]);
  });

  it('boots every instance with the script that waits for its settings from SSM and starts the app', () => {
    const [stack] = synthesizeTf([levelPlan(6)], { outdir: outdir() }).stacks;
    const resources = stack.config.resource as Record<string, Record<string, { user_data?: string }>>;
    const templates = Object.values(resources.aws_launch_template);
    expect(templates.length).toBeGreaterThan(2);
    for (const template of templates) {
      const script = Buffer.from(template.user_data!, 'base64').toString('utf8');
      expect(script).toMatch(/^#!\/bin\/bash\n/);
      expect(script).toMatch(/^prefix='\/tierup\/shop\/production(\/services\/[a-z-]+)?'$/m);
      expect(script).toContain('aws ssm get-parameters-by-path --region "$region" --path "$prefix"');
      expect(script).toContain('systemctl enable --now tierup-app.service');
    }
  });
});
