import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BAD_INPUTS } from '../spec/bad-input-corpus';
import { filesUnder, runCli } from './run-cli';

const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;

describe('the tierup CLI', () => {
  it('prints help and exits 0', () => {
    const run = runCli(['--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/tierup synth/);
    expect(run.stdout).toMatch(/tierup validate/);
  });

  it('exits 2 on a usage error', () => {
    expect(runCli(['frobnicate']).status).toBe(2);
    expect(runCli(['explain']).status).toBe(2);
    expect(runCli(['synth', 'blueprints/shop-1-single-server.yaml', '--target', 'pulumi']).status).toBe(2);
  });

  it('validates every example', () => {
    const examples = readdirSync('blueprints').filter((f) => f.endsWith('.yaml'));
    const run = runCli(['validate', ...examples.map((f) => `blueprints/${f}`)]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    // One `ok` line per example (the shop ladder and the store-*-domain pair); the examples' workers run the probe, which validate warns about.
    expect(examples.length).toBeGreaterThanOrEqual(9);
    expect(run.stdout.trim().split('\n').filter((line) => line.startsWith('ok  '))).toHaveLength(examples.length);
  });

  it('explains the plan as text and as JSON', () => {
    const text = runCli(['explain', 'blueprints/shop-4-fleet.yaml']);
    expect(text.stdout).toMatch(/at level 4 \(fleet\)/);
    const json = JSON.parse(runCli(['explain', 'blueprints/shop-4-fleet.yaml', '--json']).stdout);
    expect(json).toMatchObject({ name: 'shop', level: 4, fleet: { min: 2, max: 10 } });
    expect(text.stdout).toMatch(/wiring in us-east-1:\n/);
    expect(text.stdout).toMatch(/fleet fleet \(app\): egress all\n {4}reaches: database database :5432/);
    expect(json.wiring.tiers.map((tier: { ref: { key: string } }) => tier.ref.key)).toEqual(['fleet']);
  });

  it('prints a starter blueprint that validates', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierup-init-'));
    const file = join(dir, 'starter.yaml');
    writeFileSync(file, runCli(['init', '--level', 'sharded', '--name', 'blog']).stdout);
    expect(runCli(['validate', file]).status).toBe(0);
  });

  it('names a missing file without a stack trace', () => {
    const run = runCli(['validate', 'nope.yaml']);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^nope\.yaml: error: does not exist/);
    expect(run.stderr).not.toMatch(STACK_TRACE);
  });

  it('synth --hcl writes each stack\'s Terraform as cdk.tf, through the synth pool, and the manifest names it', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tierup-hcl-')), 'out');
    const run = runCli(['synth', 'blueprints/shop-1-single-server.yaml', 'blueprints/shop-4-fleet.yaml', '--target', 'tf', '--hcl', '--out', out]);
    expect(run.status).toBe(0);
    const files = Object.keys(filesUnder(out)).filter((file) => file.includes('/stacks/')).toSorted();
    expect(files).toEqual(['shop-1-single-server/cdktf.out/stacks/shop-production-us-east-1/cdk.tf', 'shop-4-fleet/cdktf.out/stacks/shop-production-us-east-1/cdk.tf']);
    expect(run.stdout).toContain(join(out, 'shop-4-fleet/cdktf.out/stacks/shop-production-us-east-1/cdk.tf'));
    expect(readFileSync(join(out, files[1]), 'utf8')).toMatch(/^resource "aws_lb" "load_balancer" \{$/m);
    expect(JSON.parse(readFileSync(join(out, 'shop-4-fleet/cdktf.out/manifest.json'), 'utf8')).stacks['shop-production-us-east-1'].synthesizedStackPath)
      .toBe('stacks/shop-production-us-east-1/cdk.tf');
  });

  it('refuses an output directory it cannot write, leaving nothing behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tierup-out-'));
    writeFileSync(join(dir, 'a-file'), 'x');
    const run = runCli(['synth', 'blueprints/shop-1-single-server.yaml', '--out', join(dir, 'a-file', 'out')]);
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/cannot create output directory .* choose another --out/);
    expect(readdirSync(dir)).toEqual(['a-file']);
  });

  describe('bad input never crashes and never half-writes', () => {
    const work = mkdtempSync(join(tmpdir(), 'tierup-bad-'));
    const out = join(work, 'out');
    mkdirSync(join(out, 'cdk.out'), { recursive: true });
    writeFileSync(join(out, 'cdk.out', 'manifest.json'), '{"previous":true}');
    const before = filesUnder(out);

    it.each(BAD_INPUTS.map((input, index) => [input.name, input, index] as const))('%s', (_name, input, index) => {
      const file = join(work, `bad-${index}.yaml`);
      writeFileSync(file, input.text);
      const run = runCli(['synth', file, '--out', out]);
      expect(run.status).toBe(1);
      const where = input.line > 0 ? `${file}:${input.line}:` : `${file}: error`;
      expect(run.stderr).toContain(where);
      if (input.field) expect(run.stderr).toContain(`\`${input.field}\``);
      expect(run.stderr).toMatch(/fix: /);
      expect(run.stderr).not.toMatch(STACK_TRACE);
      expect(filesUnder(out)).toEqual(before);
    });
  });
});
