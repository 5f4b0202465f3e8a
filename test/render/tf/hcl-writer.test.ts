import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BlockSchema, loadTypeSchema, renderTfConfigs, synthesizeTf, type TfConfig } from '../../../lib/render/tf';
import { writeHcl } from '../../../lib/render/tf/hcl-writer';
import { EXAMPLE_FILES, planOf } from '../../security/examples';
import { levelPlan } from './examples';
import { generatedPlan, hclMeanings, terraformFmtProblems } from './hcl-tools';

/** What a block means: its blocks by type, in order, and its attributes by name (hcl-meaning.py's form). */
interface Meaning {
  readonly attributes: Record<string, unknown>;
  readonly blocks: Record<string, { labels: string[]; body: Meaning }[]>;
}

type Body = Record<string, unknown>;

describe('writeHcl', () => {
  const config: TfConfig = {
    terraform: { required_version: '>= 1.11', backend: { local: { path: 'x.tfstate' } }, required_providers: { aws: { source: 'hashicorp/aws' } } },
    provider: { aws: [{ region: 'us-east-1' }, { alias: 'eu_west_1', region: 'eu-west-1', default_tags: [{ tags: { 'tierup:app': 'shop', team: 'web' } }] }] },
    resource: {
      aws_instance: {
        server: {
          provider: 'aws.eu_west_1',
          ami: '${data.aws_ssm_parameter.image.value}',
          tags: { Name: 'server' },
          metadata_options: { http_tokens: 'required' },
          user_data: 'echo "${HOME}" \\ $${literal}\n',
          lifecycle: { ignore_changes: ['ami'] },
          depends_on: ['aws_internet_gateway.gateway'],
        },
      },
      aws_cloudwatch_metric_alarm: { low: { alarm_name: '${aws_autoscaling_group.fleet.name}-low-cpu', threshold: -1.5 } },
    },
    removed: [{ from: 'aws_ebs_volume.data', lifecycle: { destroy: false } }],
  };
  const text = writeHcl(config, { comments: new Map([['aws_instance.server', ['checkov:skip=CKV_AWS_88:reason']]]) });

  it('writes a nested block where the provider schema has one and a map attribute where it has a map', () => {
    expect(text).toContain('  metadata_options {\n    http_tokens = "required"\n  }');
    expect(text).toContain('  tags = {\n    Name = "server"\n  }');
    expect(text).toContain('  default_tags {\n    tags = {\n      "tierup:app" = "shop"\n      team         = "web"\n    }\n  }');
  });

  it('writes a string that is one interpolation as the expression, and any other template quoted and escaped', () => {
    expect(text).toContain('  ami = data.aws_ssm_parameter.image.value\n');
    expect(text).toContain('  alarm_name = "${aws_autoscaling_group.fleet.name}-low-cpu"\n');
    expect(text).toContain('  user_data = "echo \\"${HOME}\\" \\\\ $${literal}\\n"\n');
    expect(text).toContain('  threshold  = -1.5\n');
  });

  it('writes meta-arguments and removed blocks with bare references, the provider list as one block each', () => {
    expect(text).toContain('resource "aws_instance" "server" {\n  #checkov:skip=CKV_AWS_88:reason\n\n  provider = aws.eu_west_1\n\n');
    expect(text).toContain('  depends_on = [aws_internet_gateway.gateway]\n  lifecycle {\n    ignore_changes = [ami]\n  }\n}');
    expect(text).toContain('removed {\n  from = aws_ebs_volume.data\n  lifecycle {\n    destroy = false\n  }\n}');
    expect(text.match(/^provider "aws" \{/gm)).toHaveLength(2);
    expect(text).toContain('  backend "local" {\n    path = "x.tfstate"\n  }');
    expect(text).toContain('  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n    }\n  }');
  });

  it('spaces expressions as terraform fmt does', () => {
    const written = writeHcl({ locals: { a: '${jsonencode({"k" = "v", "n" = -1})}', b: '${tolist(x.y).0.z}', c: '${join(",",[a.id,b.id])}' } });
    expect(written).toContain('a = jsonencode({ "k" = "v", "n" = -1 })');
    expect(written).toContain('b = tolist(x.y).0.z');
    expect(written).toContain('c = join(",", [a.id, b.id])');
  });

  describe('over every example, in both ladders and the team\'s VPC, and the generated blueprint (Slack, an existing topic)', () => {
    const directory = mkdtempSync(join(tmpdir(), 'tierup-hcl-'));
    afterAll(() => rmSync(directory, { recursive: true, force: true }));
    const blueprints = [...EXAMPLE_FILES.map((file) => ({ file, plan: () => planOf(file) })), { file: 'generated', plan: generatedPlan }];
    const written = blueprints.map(({ file, plan }) => {
      const [[stack, json]] = Object.entries(renderTfConfigs(plan()));
      const folder = join(directory, file.replace(/[/.]/g, '_'));
      mkdirSync(folder);
      writeFileSync(join(folder, 'cdk.tf'), writeHcl(json));
      return { file, stack, json, path: join(folder, 'cdk.tf') };
    });

    it('is what terraform fmt -check accepts', () => {
      expect(terraformFmtProblems(directory)).toBe('');
    });

    it('means what the JSON means, read back by checkov\'s HCL parser', () => {
      const meanings = hclMeanings(written.map(({ path }) => path));
      for (const { file, json, path } of written) expect({ file, meaning: meanings[path] }).toEqual({ file, meaning: jsonMeaning(json) });
    });
  });

  it('would catch a difference: the meaning of a block written as an attribute differs', () => {
    const broken = join(mkdtempSync(join(tmpdir(), 'tierup-hcl-')), 'cdk.tf');
    writeFileSync(broken, 'resource "aws_instance" "server" {\n  metadata_options = {\n    http_tokens = "required"\n  }\n}\n');
    const meaning = hclMeanings([broken])[broken];
    expect(meaning).not.toEqual(jsonMeaning({ resource: { aws_instance: { server: { metadata_options: { http_tokens: 'required' } } } } }));
    expect(terraformFmtProblems(join(broken, '..'))).toBe('');
  });
});

describe('synth --hcl (synthesizeTf with hcl)', () => {
  it('writes cdk.tf alone, and the manifest names it', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'tierup-hcl-')), 'cdktf.out');
    const [stack] = synthesizeTf([levelPlan(4)], { outdir: out, hcl: true }).stacks;
    expect(stack.file).toBe(join(out, 'stacks', 'shop-production-us-east-1', 'cdk.tf'));
    expect(readFileSync(stack.file, 'utf8')).toMatch(/^terraform \{\n/);
    expect(readdirSync(join(stack.file, '..'))).toEqual(['cdk.tf']);
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).stacks['shop-production-us-east-1'].synthesizedStackPath)
      .toBe('stacks/shop-production-us-east-1/cdk.tf');
    rmSync(join(out, '..'), { recursive: true, force: true });
  });
});

/**
 * What Terraform reads a JSON configuration as, in hcl-meaning.py's form: an object (or list of objects) is a
 * nested block where the provider schema (or Terraform's own language) has one, an attribute elsewhere; a
 * meta-argument's strings are references.
 */
function jsonMeaning(config: TfConfig): Meaning {
  const blocks: Meaning['blocks'] = {};
  const add = (kind: string, labels: string[], body: Meaning) => (blocks[kind] ??= []).push({ labels, body });
  for (const [section, value] of Object.entries(config)) {
    if (section === 'resource' || section === 'data' || section === 'ephemeral') {
      for (const [type, byName] of Object.entries(value as Record<string, Record<string, Body>>)) {
        for (const [name, body] of Object.entries(byName)) add(section, [type, name], bodyMeaning(body, loadTypeSchema(section === 'resource' ? 'resource' : 'data', type), RESOURCE_BLOCKS, ['provider', 'depends_on']));
      }
    } else if (section === 'provider') {
      for (const [name, items] of Object.entries(value as Record<string, Body[]>)) for (const item of items) add('provider', [name], bodyMeaning(item, loadTypeSchema('provider', name), {}, []));
    } else if (section === 'terraform') {
      add('terraform', [], bodyMeaning(value as Body, null, { backend: 'labelled', required_providers: {} }, []));
    } else if (section === 'removed') {
      for (const item of value as Body[]) add('removed', [], bodyMeaning(item, null, { lifecycle: {} }, ['from']));
    } else if (section === 'locals') {
      add('locals', [], bodyMeaning(value as Body, null, {}, []));
    } else {
      for (const [name, body] of Object.entries(value as Record<string, Body>)) add(section, [name], bodyMeaning(body, null, {}, ['depends_on']));
    }
  }
  return { attributes: {}, blocks };
}

type Blocks = Readonly<Record<string, Readonly<Record<string, unknown>> | 'labelled'>>;
// Terraform's lifecycle arguments whose strings are references (https://developer.hashicorp.com/terraform/language/meta-arguments/lifecycle).
const RESOURCE_BLOCKS: Blocks = { lifecycle: { ignore_changes: 'references', replace_triggered_by: 'references' } };

function bodyMeaning(body: Body, schema: BlockSchema | null, known: Blocks, references: readonly string[]): Meaning {
  const meaning: Meaning = { attributes: {}, blocks: {} };
  for (const [key, value] of Object.entries(body)) {
    const objects = (Array.isArray(value) ? value : [value]).filter((item): item is Body => item !== null && typeof item === 'object' && !Array.isArray(item));
    const isObjects = objects.length > 0 && objects.length === (Array.isArray(value) ? value.length : 1);
    if (known[key] === 'labelled') {
      meaning.blocks[key] = Object.entries(value as Record<string, Body>).map(([label, inner]) => ({ labels: [label], body: bodyMeaning(inner, null, {}, []) }));
    } else if (key in known && isObjects) {
      meaning.blocks[key] = objects.map((item) => ({ labels: [], body: bodyMeaning(item, null, {}, Object.keys(known[key] as object)) }));
    } else if (schema?.get(key)?.isBlock === true && (isObjects || (Array.isArray(value) && value.length === 0))) {
      if (objects.length > 0) meaning.blocks[key] = objects.map((item) => ({ labels: [], body: bodyMeaning(item, schema.get(key)?.nested ?? null, {}, []) }));
    } else {
      meaning.attributes[key] = valueMeaning(value, references.includes(key));
    }
  }
  return meaning;
}

function valueMeaning(value: unknown, reference: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => valueMeaning(item, reference));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, valueMeaning(item, reference)]));
  if (typeof value !== 'string') return value;
  return reference ? `\${${squeeze(value.replace(/^\$\{([\s\S]*)\}$/, '$1'))}}` : templateText(value);
}

/** A JSON template's text with its `${...}` / `%{...}` sequences squeezed, as hcl-meaning.py gives it. */
function templateText(value: string): string {
  let out = '';
  let at = 0;
  while (at < value.length) {
    if (/^[$%]{2}\{/.test(value.slice(at, at + 3))) {
      out += value.slice(at, at + 3);
      at += 3;
    } else if (/^[$%]\{/.test(value.slice(at, at + 2))) {
      const end = sequenceEnd(value, at + 2);
      out += `${value.slice(at, at + 2)}${squeeze(value.slice(at + 2, end - 1))}}`;
      at = end;
    } else {
      out += value[at];
      at += 1;
    }
  }
  return out;
}

function sequenceEnd(text: string, start: number): number {
  let depth = 0;
  for (let at = start; at < text.length; at += 1) {
    if (text[at] === '"') {
      for (at += 1; at < text.length && text[at] !== '"'; at += text[at] === '\\' ? 2 : 1);
    } else if (text[at] === '{') {
      depth += 1;
    } else if (text[at] === '}') {
      if (depth === 0) return at + 1;
      depth -= 1;
    }
  }
  return text.length;
}

function squeeze(source: string): string {
  let out = '';
  let quoted = false;
  for (let at = 0; at < source.length; at += 1) {
    const char = source[at];
    if (quoted && char === '\\') {
      out += source.slice(at, at + 2);
      at += 1;
      continue;
    }
    if (char === '"') quoted = !quoted;
    if (quoted || !/\s/.test(char)) out += char;
  }
  return out;
}
