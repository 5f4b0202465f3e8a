import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { type ArchitecturePlan, createPlan } from '../../lib/plan';
import { synthesizeCfn } from '../../lib/render/cfn';
import { renderTfConfigs, type TfConfig } from '../../lib/render/tf';
import { checkovComments } from '../../lib/render/tf/hcl-checkov-skips';
import { writeHcl } from '../../lib/render/tf/hcl-writer';
import { parseBlueprint } from '../../lib/spec';
import { generatedBlueprint } from '../parity/semantic/generated-blueprint';

const ROOT = join(__dirname, '..', '..');

/**
 * The generated blueprint (test/parity/semantic/generated-blueprint.ts) cut down to each level: only the
 * sections that level takes, so every level's renderers meet checkov with many services, queues and shards.
 */
export function generatedAtLevel(level: number): ArchitecturePlan {
  const full = parse(generatedBlueprint(3)) as Record<string, unknown>;
  const database = full.database as Record<string, unknown>;
  const spec: Record<string, unknown> = { version: 1, name: `gen${level}`, level, environment: 'production', regions: level === 7 ? full.regions : ['us-east-1'], app: full.app };
  if (level >= 2) spec.database = level >= 5 ? database : level >= 4 ? { engine: 'postgres', readReplicas: 2, proxy: true } : { engine: 'postgres' };
  if (level >= 3) spec.cache = full.cache;
  if (level >= 5) spec.queues = full.queues;
  if (level >= 6) spec.services = full.services;
  if (level >= 7) spec.multiRegion = full.multiRegion;
  return createPlan(parseBlueprint(stringify(spec), `gen${level}.yaml`).spec);
}

/** Writes a plan's CloudFormation templates (nested ones too) into `cfnDir` as `<label>--<file>` and its HCL into `tfDir/<label>/cdk.tf`. */
export function writeCheckovInputs(label: string, plan: ArchitecturePlan, scratch: string, cfnDir: string, tfDir: string, edit: { cfn?: (name: string, template: Record<string, unknown>) => void; tf?: (config: TfConfig) => TfConfig } = {}): void {
  const outdir = join(scratch, label);
  synthesizeCfn([plan], { outdir, validate: false });
  for (const file of readdirSync(outdir).filter((name) => name.endsWith('.template.json'))) {
    const target = join(cfnDir, `${label}--${file}`);
    if (edit.cfn === undefined) {
      copyFileSync(join(outdir, file), target);
    } else {
      const template = JSON.parse(readFileSync(join(outdir, file), 'utf8')) as Record<string, unknown>;
      edit.cfn(file, template);
      writeFileSync(target, JSON.stringify(template, null, 1));
    }
  }
  for (const [stack, json] of Object.entries(renderTfConfigs(plan))) {
    const config = edit.tf === undefined ? json : edit.tf(structuredClone(json) as TfConfig);
    mkdirSync(join(tfDir, label, stack), { recursive: true });
    writeFileSync(join(tfDir, label, stack, 'cdk.tf'), writeHcl(config, { comments: checkovComments(plan, config) }));
  }
}

/** The check ids the pinned checkov has for each engine, read from its installed checks (resource and graph checks). */
export function checkovCheckIds(): { cloudformation: ReadonlySet<string>; terraform: ReadonlySet<string> } {
  const lib = join(ROOT, '.venv-checkov', 'lib');
  const python = readdirSync(lib).find((name) => name.startsWith('python')) ?? 'python3';
  const checks = join(lib, python, 'site-packages', 'checkov');
  return { cloudformation: idsUnder(join(checks, 'cloudformation', 'checks')), terraform: idsUnder(join(checks, 'terraform', 'checks')) };
}

function idsUnder(directory: string): Set<string> {
  const ids = new Set<string>();
  for (const entry of readdirSync(directory)) {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) {
      for (const id of idsUnder(path)) ids.add(id);
    } else if (/\.(py|json|yaml)$/.test(entry)) {
      for (const match of readFileSync(path, 'utf8').matchAll(/["'](CKV2?_AWS_\d+)["']/g)) ids.add(match[1]);
    }
  }
  return ids;
}
