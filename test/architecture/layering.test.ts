import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// The layers of DESIGN.md §3, enforced: spec → plan → renderers, analyses reading plans and
// outputs; every cdktf import inside lib/render/tf; the provider bindings imported per resource.

const ROOT = join(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : []);
}

/** Every module specifier a file imports or requires. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(/(?:from\s+|require\(\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((match) => match[1]);
}

const files = [...sourceFiles('lib'), ...sourceFiles('bin')];

describe('layering', () => {
  it.each(['lib/spec', 'lib/plan'])('%s imports neither aws-cdk-lib, cdktf nor a renderer', (layer) => {
    const offenders = files.filter((f) => f.startsWith(layer)).flatMap((file) =>
      importsOf(file).filter((spec) => /^(aws-cdk-lib|cdktf|@cdktf\/|constructs|cdk-nag)/.test(spec) || spec.includes('/render/')).map((spec) => `${file}: ${spec}`));
    expect(offenders).toEqual([]);
  });

  it('keeps every cdktf import inside lib/render/tf', () => {
    const offenders = files.filter((f) => !f.startsWith('lib/render/tf')).flatMap((file) =>
      importsOf(file).filter((spec) => /^(cdktf|@cdktf\/)/.test(spec)).map((spec) => `${file}: ${spec}`));
    expect(offenders).toEqual([]);
  });

  it('imports @cdktf/provider-aws per resource, never through its barrel', () => {
    const offenders = files.flatMap((file) =>
      importsOf(file).filter((spec) => spec === '@cdktf/provider-aws' || spec === '@cdktf/provider-aws/lib' || spec === '@cdktf/provider-aws/lib/index').map((spec) => `${file}: ${spec}`));
    expect(offenders).toEqual([]);
    expect(files.some((file) => importsOf(file).some((spec) => spec.startsWith('@cdktf/provider-aws/lib/')))).toBe(true);
  });

  it('keeps aws-cdk-lib out of the Terraform renderer, and cdktf out of the CloudFormation one', () => {
    const crossed = files.flatMap((file) => importsOf(file)
      .filter((spec) => (file.startsWith('lib/render/tf') && /^aws-cdk-lib/.test(spec)) || (file.startsWith('lib/render/cfn') && /^(cdktf|@cdktf\/)/.test(spec)))
      .map((spec) => `${file}: ${spec}`));
    expect(crossed).toEqual([]);
  });

  it('loads renderers lazily in the CLI, so --help and validate never pay for them', () => {
    const eager = files.filter((f) => f.startsWith('lib/cli') || f.startsWith('bin/tierup')).flatMap((file) => {
      const text = readFileSync(join(ROOT, file), 'utf8');
      return [...text.matchAll(/^import\s+(?!type\b)[^;]*from\s+['"]([^'"]+)['"]/gm)]
        .map((match) => match[1])
        .filter((spec) => /render\/(cfn|tf)|^aws-cdk-lib|^cdktf|analyze\/upgrade-diff/.test(spec))
        .map((spec) => `${relative(ROOT, join(ROOT, file))}: ${spec}`);
    });
    expect(eager).toEqual([]);
  });
});
