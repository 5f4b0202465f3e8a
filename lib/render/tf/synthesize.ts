import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArchitecturePlan } from '../../plan';
import { BlueprintStack } from './blueprint-stack';
import { checkovComments } from './hcl-checkov-skips';
import { writeHcl } from './hcl-writer';
import { inMemoryApp } from './in-memory-app';
import { cdktfShortcutsEnabled, withCdktfShortcuts } from './synthesis/cdktf-shortcuts';
import { disableTokenStackTraces } from './token-stack-traces';

/**
 * Options of {@link synthesizeTf}. Output is JSON, which Terraform reads natively, or HCL written by tierup's
 * own writer (`hcl-writer.ts`): cdktf 0.21's HCL renderer writes invalid HCL (JSON policy strings unescaped,
 * overrides such as `required_version` as `0 = "required_version"`), which `terraform validate` rejects.
 */
export interface TfSynthesisOptions {
  /** cdktf's output directory (the CLI passes `<out>/cdktf.out`). */
  readonly outdir: string;
  /**
   * Write each stack as HCL, `cdk.tf` (with checkov's skip comments for tierup's acknowledgements), instead of
   * `cdk.tf.json`; never both, since Terraform would load both files of a folder.
   * @default false
   */
  readonly hcl?: boolean;
}

/** A Terraform JSON configuration. */
export interface TfConfig {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>>;
  readonly data?: Readonly<Record<string, Readonly<Record<string, Record<string, unknown>>>>>;
  readonly [block: string]: unknown;
}

/** One synthesized stack. */
export interface TfStackOutput {
  readonly stackName: string;
  /** The written file: `<outdir>/stacks/<stack>/cdk.tf.json`, or `cdk.tf` with {@link TfSynthesisOptions.hcl}. */
  readonly file: string;
  /** The configuration, as written. */
  readonly config: TfConfig;
  /** Managed resources, data sources excluded. */
  readonly resourceCount: number;
}

/** What {@link synthesizeTf} produced. */
export interface TfSynthesis {
  readonly outdir: string;
  readonly stacks: readonly TfStackOutput[];
}

/** The file each stack's Terraform is written to: cdktf's JSON name, or (HCL) the name cdktf's own HCL output takes. */
export const TF_JSON_FILE = 'cdk.tf.json';
/** See {@link TF_JSON_FILE}. */
export const TF_HCL_FILE = 'cdk.tf';

/** cdktf's version, written in the manifest as cdktf does (pinned in package.json, so it never varies between runs). */
const CDKTF_VERSION = '0.21.0';

/**
 * Synthesizes every plan's stack into cdktf's layout, `<outdir>/stacks/<stack>/cdk.tf.json` (or `cdk.tf`) plus
 * `manifest.json`, with deterministic bytes: keys sorted, cdktf's `//` metadata (construct paths,
 * version) left out.
 */
export function synthesizeTf(plans: readonly ArchitecturePlan[], options: TfSynthesisOptions): TfSynthesis {
  return withCdktfShortcuts(() => synthesize(plans, options));
}

function synthesize(plans: readonly ArchitecturePlan[], options: TfSynthesisOptions): TfSynthesis {
  disableTokenStackTraces();
  // One app per plan keeps stack names from clashing; each takes the output directory, which it leaves as it is.
  const appOutdir = cdktfShortcutsEnabled() ? options.outdir : undefined;
  const stacks = plans.map((plan) => ({ plan, stack: new BlueprintStack(inMemoryApp(appOutdir), { plan }) }));
  const fileName = options.hcl === true ? TF_HCL_FILE : TF_JSON_FILE;
  const outputs = stacks.map(({ plan, stack }): TfStackOutput => {
    const config = toConfig(stack);
    const directory = join(options.outdir, 'stacks', stack.node.id);
    mkdirSync(directory, { recursive: true });
    const file = join(directory, fileName);
    writeFileSync(file, options.hcl === true ? writeHcl(config, { comments: checkovComments(plan, config) }) : `${JSON.stringify(config, null, 2)}\n`);
    return { stackName: stack.node.id, file, config, resourceCount: countResources(config) };
  });
  mkdirSync(options.outdir, { recursive: true });
  writeFileSync(join(options.outdir, 'manifest.json'), `${JSON.stringify(manifest(outputs, fileName), null, 2)}\n`);
  return { outdir: options.outdir, stacks: outputs };
}

/** Renders one plan's configurations in memory (for diffs and parity checks), keyed by stack name. */
export function renderTfConfigs(plan: ArchitecturePlan): Record<string, TfConfig> {
  return withCdktfShortcuts(() => {
    disableTokenStackTraces();
    const stack = new BlueprintStack(inMemoryApp(), { plan });
    return { [stack.node.id]: toConfig(stack) };
  });
}

/** The stack's JSON without cdktf's metadata, keys sorted. */
function toConfig(stack: BlueprintStack): TfConfig {
  return withoutMetadata(stack.toTerraform()) as TfConfig;
}

function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== 'object') return value;
  // Keys in code-unit order (`sort()`'s default), written in that order; one pass, no entry arrays.
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const child = (value as Record<string, unknown>)[key];
    if (key === '//' || (key === 'output' && Object.keys(child as object).length === 0)) continue;
    result[key] = withoutMetadata(child);
  }
  return result;
}

function countResources(config: TfConfig): number {
  return Object.values(config.resource ?? {}).reduce((total, byName) => total + Object.keys(byName).length, 0);
}

function manifest(outputs: readonly TfStackOutput[], fileName: string): object {
  return {
    stacks: Object.fromEntries(outputs.map((output) => [output.stackName, {
      annotations: [],
      constructPath: output.stackName,
      dependencies: [],
      name: output.stackName,
      stackMetadataPath: `stacks/${output.stackName}/metadata.json`,
      synthesizedStackPath: `stacks/${output.stackName}/${fileName}`,
      workingDirectory: `stacks/${output.stackName}`,
    }])),
    version: CDKTF_VERSION,
  };
}
