import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArchitecturePlan } from '../../plan';
import { BlueprintStack } from './blueprint-stack';
import { inMemoryApp } from './in-memory-app';
import { disableTokenStackTraces } from './token-stack-traces';

/**
 * Options of {@link synthesizeTf}. Output is JSON only, which Terraform reads natively: cdktf 0.21's
 * HCL renderer writes invalid HCL (JSON policy strings unescaped, overrides such as `required_version`
 * as `0 = "required_version"`), which `terraform validate` rejects.
 */
export interface TfSynthesisOptions {
  /** cdktf's output directory (the CLI passes `<out>/cdktf.out`). */
  readonly outdir: string;
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
  /** The written file: `<outdir>/stacks/<stack>/cdk.tf.json`. */
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

/** cdktf's version, written in the manifest as cdktf does (pinned in package.json, so it never varies between runs). */
const CDKTF_VERSION = '0.21.0';

/**
 * Synthesizes every plan's stack into cdktf's layout, `<outdir>/stacks/<stack>/cdk.tf.json` plus
 * `manifest.json`, with deterministic bytes: keys sorted, cdktf's `//` metadata (construct paths,
 * version) left out.
 */
export function synthesizeTf(plans: readonly ArchitecturePlan[], options: TfSynthesisOptions): TfSynthesis {
  disableTokenStackTraces();
  // One app per plan keeps stack names from clashing.
  const stacks = plans.map((plan) => new BlueprintStack(inMemoryApp(), { plan }));
  const fileName = 'cdk.tf.json';
  const outputs = stacks.map((stack): TfStackOutput => {
    const config = toConfig(stack);
    const directory = join(options.outdir, 'stacks', stack.node.id);
    mkdirSync(directory, { recursive: true });
    const file = join(directory, fileName);
    writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
    return { stackName: stack.node.id, file, config, resourceCount: countResources(config) };
  });
  mkdirSync(options.outdir, { recursive: true });
  writeFileSync(join(options.outdir, 'manifest.json'), `${JSON.stringify(manifest(outputs, fileName), null, 2)}\n`);
  return { outdir: options.outdir, stacks: outputs };
}

/** Renders one plan's configurations in memory (for diffs and parity checks), keyed by stack name. */
export function renderTfConfigs(plan: ArchitecturePlan): Record<string, TfConfig> {
  disableTokenStackTraces();
  const stack = new BlueprintStack(inMemoryApp(), { plan });
  return { [stack.node.id]: toConfig(stack) };
}

/** The stack's JSON without cdktf's metadata, keys sorted. */
function toConfig(stack: BlueprintStack): TfConfig {
  return withoutMetadata(stack.toTerraform()) as TfConfig;
}

function withoutMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutMetadata);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value)
    .filter(([key, child]) => key !== '//' && !(key === 'output' && Object.keys(child as object).length === 0))
    .toSorted(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, child]) => [key, withoutMetadata(child)]));
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
