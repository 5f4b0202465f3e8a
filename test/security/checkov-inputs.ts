import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ArchitecturePlan } from '../../lib/plan';
import { synthesizeCfn } from '../../lib/render/cfn';
import { renderTfConfigs, type TfConfig } from '../../lib/render/tf';
import { checkovComments } from '../../lib/render/tf/hcl-checkov-skips';
import { writeHcl } from '../../lib/render/tf/hcl-writer';
import { EXAMPLE_FILES, planOf } from './examples';

const ROOT = join(__dirname, '..', '..');

/** One blueprint checkov scans: its label names its files. */
export interface CheckovLabel {
  readonly label: string;
  readonly plan: () => ArchitecturePlan;
}

/**
 * An example's label, unique among the examples: `blueprints/shop-4-fleet.yaml` is `shop-4-fleet`, a fixture is
 * named after its folder too (`existing-vpc.shop-4-fleet`), since the team-VPC fixtures reuse the ladder's names.
 */
export function exampleLabel(file: string): string {
  const name = basename(file, '.yaml');
  return dirname(file) === 'blueprints' ? name : `${basename(dirname(file))}.${name}`;
}

/**
 * Every blueprint the checkov test scans: each example of both ladders and of the team's VPC. The generated
 * blueprint (test/parity/semantic/generated-blueprint.ts), at every level and with every kind of alert, produced
 * no outcome (check, resource type, status, acknowledgement) the examples lack, in either engine, while adding a
 * fifth of the scan's time: the semantic parity and HCL tests keep covering it.
 */
export const CHECKOV_LABELS: readonly CheckovLabel[] = EXAMPLE_FILES.map((file) => ({ label: exampleLabel(file), plan: () => planOf(file) }));

/**
 * Writes a plan's Terraform as `synth --hcl` does, with checkov's skip comments, into `tfDir/<label>/<stack>/cdk.tf`,
 * each configuration edited when asked (`configs`: already rendered ones); returns the configurations as rendered.
 */
export function writeTfInputs(
  label: string, plan: ArchitecturePlan, tfDir: string, edit: (config: TfConfig) => TfConfig = (config) => config, configs = renderTfConfigs(plan),
): Record<string, TfConfig> {
  for (const [stack, json] of Object.entries(configs)) {
    const config = edit(structuredClone(json) as TfConfig);
    mkdirSync(join(tfDir, label, stack), { recursive: true });
    writeFileSync(join(tfDir, label, stack, 'cdk.tf'), writeHcl(config, { comments: checkovComments(plan, config) }));
  }
  return configs;
}

/** A CloudFormation template as checkov reads it. */
export interface CfnInput {
  readonly Resources: Record<string, { readonly Type: string; Properties?: Record<string, unknown> }>;
  readonly [section: string]: unknown;
}

/** Synthesizes a plan's cloud assembly into `scratch/<label>` and copies its templates (nested ones too) into `cfnDir` as `<label>--<file>`; returns the assembly's folder. */
export function writeCfnInputs(label: string, plan: ArchitecturePlan, scratch: string, cfnDir: string): string {
  const outdir = join(scratch, label);
  synthesizeCfn([plan], { outdir, validate: false });
  for (const file of readdirSync(outdir).filter((name) => name.endsWith('.template.json'))) copyFileSync(join(outdir, file), join(cfnDir, `${label}--${file}`));
  return outdir;
}

/** Writes an assembly's templates into `cfnDir` as `<label>--<file>`, each changed by `edit`, or left out where it returns null. */
export function writeEditedCfnInputs(label: string, assembly: string, cfnDir: string, edit: (template: CfnInput) => CfnInput | null): void {
  for (const file of readdirSync(assembly).filter((name) => name.endsWith('.template.json'))) {
    const template = edit(JSON.parse(readFileSync(join(assembly, file), 'utf8')) as CfnInput);
    if (template !== null) writeFileSync(join(cfnDir, `${label}--${file}`), JSON.stringify(template, null, 1));
  }
}

/** The template's resources of the types `keep` accepts (null when none): a weakened copy scans only what it weakens. */
export function cfnResourcesOf(template: CfnInput, keep: (type: string) => boolean): CfnInput | null {
  const resources = Object.entries(template.Resources).filter(([, resource]) => keep(resource.Type));
  return resources.length === 0 ? null : { Resources: Object.fromEntries(resources) };
}

/** The configuration's providers and the resources of the types `keep` accepts. */
export function tfResourcesOf(config: TfConfig, keep: (type: string) => boolean): TfConfig {
  return { terraform: config.terraform, provider: config.provider, resource: Object.fromEntries(Object.entries(config.resource ?? {}).filter(([type]) => keep(type))) };
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
