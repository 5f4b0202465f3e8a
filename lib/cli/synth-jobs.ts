import { relative } from 'node:path';
import type { ArchitecturePlan } from '../plan';
import { AwsLimitError } from '../plan/aws-limit-error';
import { SpecError, type SpecProblem } from '../spec/spec-error';
import { CliError } from './cli-error';

/** The two engines `synth` renders with. */
export type Engine = 'cfn' | 'tf';

/** One blueprint rendered by one engine into its (staging) directory: the unit the synth pool schedules. */
export interface SynthJob {
  readonly engine: Engine;
  readonly plan: ArchitecturePlan;
  /** The cloud assembly (cfn) or cdktf output directory (tf) to write. */
  readonly outdir: string;
  /** Run aws-cdk-lib's CloudFormation validation too (cfn only). */
  readonly validate: boolean;
  /** Write Terraform as HCL, `cdk.tf`, instead of `cdk.tf.json` (tf only). */
  readonly hcl: boolean;
}

/** One stack a job wrote: its name, its file relative to the job's `outdir`, and its resource count. */
export interface StackWritten {
  readonly stack: string;
  readonly file: string;
  readonly resources: number;
}

/** Renders one job in this thread (main thread or pool worker alike) and says what it wrote. */
export function runSynthJob(job: SynthJob): StackWritten[] {
  return job.engine === 'cfn' ? synthCfn(job) : synthTf(job);
}

function synthCfn({ plan, outdir, validate }: SynthJob): StackWritten[] {
  // Loaded here, not at the top: `--target tf` never pays for aws-cdk-lib.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { synthesizeCfn } = require('../render/cfn') as typeof import('../render/cfn');
  // aws-cdk-lib remembers, for the life of the process, which assets it staged into which output directory, and
  // does not stage them there again. `synth --watch` renders into a staging directory of the same name on every
  // save (the last one was swapped in), so a re-synthesis left out an asset a fresh process writes (level 7's
  // cross-region reader); forgetting makes every job stage its assets as the first job of a process does.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('aws-cdk-lib/core') as typeof import('aws-cdk-lib/core')).AssetStaging.clearAssetHashCache();
  const synthesis = synthesizeCfn([plan], { outdir, validate });
  const errors = synthesis.findings.filter((finding) => finding.severity === 'error' || finding.severity === 'fatal');
  if (errors.length > 0) {
    const lines = errors.map((f) => `  ${f.stack}/${f.resource ?? '(template)'}: [${f.rule}] ${f.message}`);
    throw new CliError(`CloudFormation validation found ${errors.length} error(s); nothing was written:\n${lines.join('\n')}`);
  }
  return synthesis.stacks.map((stack) => ({ stack: stack.stackName, file: stack.templateFile, resources: stack.resourceCount }));
}

function synthTf({ plan, outdir, hcl }: SynthJob): StackWritten[] {
  // Loaded here, not at the top: `--target cfn` never pays for cdktf and the provider bindings.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { synthesizeTf } = require('../render/tf') as typeof import('../render/tf');
  return synthesizeTf([plan], { outdir, hcl }).stacks.map((stack) => ({ stack: stack.stackName, file: relative(outdir, stack.file), resources: stack.resourceCount }));
}

/** Loads an engine's renderer without rendering anything: a pool worker does it while the main thread reads the blueprints. */
export function preloadEngine(engine: Engine): void {
  /* eslint-disable @typescript-eslint/no-require-imports */
  if (engine === 'cfn') require('../render/cfn');
  else require('../render/tf');
  /* eslint-enable @typescript-eslint/no-require-imports */
}

/**
 * An error as it crosses from a pool worker to the main thread. Structured clone keeps only an
 * Error's message and stack, not its class or fields, and the CLI reports each class its own way
 * (lib/cli/run-command.ts), so the classes it distinguishes travel as data and are rebuilt.
 */
export type SerializedError =
  | { readonly kind: 'spec'; readonly problems: readonly SpecProblem[] }
  | { readonly kind: 'aws-limit'; readonly name: string; readonly message: string; readonly fix: string; readonly stack: string }
  | { readonly kind: 'cli'; readonly message: string; readonly exitCode: CliError['exitCode'] }
  | { readonly kind: 'other'; readonly name: string; readonly message: string; readonly stack: string };

/** {@link SerializedError} of anything thrown. */
export function serializeError(error: unknown): SerializedError {
  if (error instanceof SpecError) return { kind: 'spec', problems: error.problems };
  if (error instanceof AwsLimitError) return { kind: 'aws-limit', name: error.name, message: error.message, fix: error.fix, stack: error.stack ?? '' };
  if (error instanceof CliError) return { kind: 'cli', message: error.message, exitCode: error.exitCode };
  const failure = error instanceof Error ? error : new Error(String(error));
  return { kind: 'other', name: failure.name, message: failure.message, stack: failure.stack ?? failure.message };
}

/** The error {@link serializeError} described, of the class the CLI reports it by. */
export function reviveError(serialized: SerializedError): Error {
  switch (serialized.kind) {
    case 'spec':
      return new SpecError(serialized.problems);
    case 'cli':
      return new CliError(serialized.message, serialized.exitCode);
    case 'aws-limit': {
      const error = new AwsLimitError(serialized.message, serialized.fix);
      error.name = serialized.name;
      error.stack = serialized.stack;
      return error;
    }
    default: {
      const error = new Error(serialized.message);
      error.name = serialized.name;
      error.stack = serialized.stack;
      return error;
    }
  }
}
