import { existsSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { CommandModule } from 'yargs';
import { CliError } from '../cli-error';
import { loadPlans, type PlannedBlueprint } from '../load-plans';
import { Progress } from '../progress';
import { type GlobalOptions, runCommand } from '../run-command';
import { StagedOutput } from '../staged-output';
import type { Engine, StackWritten, SynthJob } from '../synth-jobs';
import { SynthPool } from '../synth-pool';
import { watchSynth } from '../watch';

type Target = 'cfn' | 'tf' | 'both';

export interface SynthOptions extends GlobalOptions {
  readonly specs: string[];
  readonly target: Target;
  readonly out: string;
  readonly validate: boolean;
  readonly hcl: boolean;
  readonly watch: boolean;
  readonly json: boolean;
}

/** One line of the synth summary. */
interface Written {
  readonly target: 'cfn' | 'tf';
  readonly stack: string;
  readonly path: string;
  readonly resources: number;
}

/** `tierup synth`: writes a CDK cloud assembly and cdktf Terraform for each blueprint, all or nothing. */
export const synthCommand: CommandModule<GlobalOptions, SynthOptions> = {
  command: 'synth <specs..>',
  describe: 'Write CloudFormation (DIR/cdk.out) and Terraform (DIR/cdktf.out) for blueprints',
  builder: (yargs) => yargs
    .positional('specs', { type: 'string', array: true, demandOption: true, describe: 'blueprint files' })
    .option('target', { choices: ['cfn', 'tf', 'both'] as const, default: 'both' as Target, describe: 'which engine to render' })
    .option('out', { type: 'string', default: 'out', describe: 'output directory; with several blueprints, one subdirectory each' })
    .option('validate', { type: 'boolean', default: false, describe: "also run aws-cdk-lib's CloudFormation validation (about 2 s more)" })
    .option('hcl', { type: 'boolean', default: false, describe: 'write Terraform as HCL (stacks/<stack>/cdk.tf) instead of JSON (cdk.tf.json)' })
    .option('watch', { type: 'boolean', default: false, describe: 'stay running and synthesize again on every save, printing what changed' })
    .option('json', { type: 'boolean', default: false, describe: 'print { out, written: [{ target, stack, path, resources }] } as JSON' }),
  // --watch: lib/cli/watch.ts runs the same synthesis (synthesizeBlueprints) once, then on every save.
  handler: (argv) => (argv.watch ? watchSynth(argv, (hooks) => synthOnce(argv, hooks))
    : runCommand(argv, async () => printWritten(argv, await synthesizeBlueprints(argv)))),
};

/** One blueprint's output of one engine: the folder it went to and the stacks it holds. */
export interface EngineOutput {
  readonly engine: Engine;
  /** Relative to the output directory: `cdk.out`, or `<blueprint>/cdktf.out` with several blueprints. */
  readonly path: string;
  readonly stacks: readonly StackWritten[];
}

/** What one synthesis left in the output directory; `synth --watch` keeps it for the next save. */
export interface SynthRun {
  /** The options it ran with: output is reused only from a run with the same ones. */
  readonly key: string;
  readonly blueprints: readonly PlannedBlueprint[];
  /** Per blueprint, per engine in the order a single thread renders them. */
  readonly outputs: readonly (readonly EngineOutput[])[];
  /** Per blueprint: rendered by this run (false: its plan was the previous run's, and its output was left as it was). */
  readonly rendered: readonly boolean[];
}

/** What `synth --watch` asks of a synthesis besides the command's own work. */
export interface SynthHooks {
  /** The last synthesis that succeeded: a blueprint whose plan is unchanged keeps its output (see {@link WATCH_REUSE_ENV}). */
  readonly previous?: SynthRun;
  /** Told as soon as a job's files are complete in `outdir` (its staging directory), before they are swapped in. */
  readonly written?: (blueprint: number, engine: Engine, outdir: string) => void;
  /** Called at most once, when this thread has rendered its share and waits for the pool's workers. */
  readonly idle?: () => void;
}

/**
 * `TIERUP_WATCH_REUSE=0` makes `synth --watch` render every blueprint on every save; by default a
 * blueprint whose plan is deep-equal to the one its current output was rendered from keeps that output.
 */
export const WATCH_REUSE_ENV = 'TIERUP_WATCH_REUSE';

/**
 * Renders every blueprint with every engine into staging folders and swaps them in, all or nothing;
 * throws the first failure a single thread would meet, with nothing written.
 */
export async function synthesizeBlueprints(argv: SynthOptions, hooks: SynthHooks = {}): Promise<SynthRun> {
  const engines: Engine[] = argv.target === 'both' ? ['cfn', 'tf'] : [argv.target];
  // Started first, so that its workers load their engines while this thread reads the blueprints.
  const pool = SynthPool.start(argv.specs.length, engines);
  const blueprints = loadPlans(argv.specs);
  const folders = blueprints.map((blueprint) => (blueprints.length === 1 ? '' : outputFolder(blueprint, blueprints)));
  const key = JSON.stringify([argv.out, argv.target, argv.validate, argv.hcl, folders]);
  const kept = blueprints.map((blueprint, index) => keptOutput(hooks.previous, key, index, blueprint, engines.map((engine) => join(argv.out, folders[index], OUTPUT_FOLDER[engine]))));
  const output = StagedOutput.open(argv.out);
  if (!argv.quiet) for (const path of output.removedLeftovers) process.stderr.write(`tierup: removed ${path}, left by an interrupted run\n`);
  // One job per engine and blueprint, in the order a single thread runs them: CloudFormation of every blueprint, then Terraform.
  const paths = engines.flatMap((engine) => folders.flatMap((folder, index) => (kept[index] ? [] : [{ engine, index, path: join(folder, OUTPUT_FOLDER[engine]) }])));
  const jobs = paths.map(({ engine, index, path }): SynthJob => ({ engine, plan: blueprints[index].plan, outdir: output.stage(path), validate: argv.validate, hcl: argv.hcl }));
  // A signal stops the pool's workers before the staging folders they write into are removed.
  output.stopWritersFirst(() => pool.halt());
  const progress = new Progress(jobs.length, argv.quiet === true, 2 * engines.length);
  let finished = 0;
  let stacks: StackWritten[][] = [];
  try {
    if (jobs.length > 0) {
      stacks = await pool.run(jobs, (index) => {
        progress.step(finished++, `${blueprints[paths[index].index].file} (${paths[index].engine})`);
        hooks.written?.(paths[index].index, paths[index].engine, jobs[index].outdir);
      }, hooks.idle);
    }
    await yieldToSignals();
    output.commit();
  } catch (error) {
    output.discard();
    throw error;
  } finally {
    progress.done();
  }
  const outputs = kept.map((keeps, blueprint) => keeps
    ?? paths.flatMap(({ engine, index, path }, job) => (index === blueprint ? [{ engine, path, stacks: stacks[job] }] : [])));
  return { key, blueprints, outputs, rendered: kept.map((keeps) => keeps === undefined) };
}

/**
 * The output `previous` wrote for blueprint `index` (in the folders `finals`) when it can stay as it is,
 * being exactly what rendering the blueprint again would write: rendering reads the plan and the options
 * and nothing else (no clock, no file but the installed packages'), so an equal plan renders equal bytes.
 * The spec (1 KB at level 4, the plan 76 KB) is compared first, so that an edit is told apart without
 * walking the plan; a save that leaves the spec as it was compares both.
 */
function keptOutput(previous: SynthRun | undefined, key: string, index: number, blueprint: PlannedBlueprint, finals: readonly string[]): readonly EngineOutput[] | undefined {
  if (previous === undefined || previous.key !== key || process.env[WATCH_REUSE_ENV] === '0') return undefined;
  const before = previous.blueprints[index];
  const same = before?.file === blueprint.file && isDeepStrictEqual(before.spec, blueprint.spec) && isDeepStrictEqual(before.plan, blueprint.plan)
    && finals.every((folder) => existsSync(folder));
  return same ? previous.outputs[index] : undefined;
}

/** The synth command as `synth --watch` runs it on every save: errors reported as the command reports them; undefined when it failed. */
async function synthOnce(argv: SynthOptions, hooks: SynthHooks): Promise<SynthRun | undefined> {
  let run: SynthRun | undefined;
  await runCommand(argv, async () => {
    run = await synthesizeBlueprints({ ...argv, watch: false }, hooks);
    printWritten(argv, run);
  });
  return run;
}

/** The result lines: per blueprint, CloudFormation's stacks then Terraform's, as the jobs of a single thread would print them. */
function printWritten(argv: SynthOptions, run: SynthRun): void {
  const written: Written[] = run.outputs.flatMap((outputs) => outputs.flatMap(({ engine, path, stacks }) =>
    stacks.map((stack) => ({ target: engine, stack: stack.stack, path: join(path, stack.file), resources: stack.resources }))));
  // Result lines are results: --quiet drops progress and notices, never these.
  if (argv.json) {
    const lines = written.map((line) => ({ target: line.target, stack: line.stack, path: join(argv.out, line.path), resources: line.resources }));
    process.stdout.write(`${JSON.stringify({ out: argv.out, written: lines }, null, 2)}\n`);
  } else {
    for (const line of written) {
      process.stdout.write(`${line.target.padEnd(3)}  ${line.stack}  ${join(argv.out, line.path)}  (${line.resources} resources)\n`);
    }
  }
}

/** Where each engine writes, in the output directory or a blueprint's folder of it. */
const OUTPUT_FOLDER: Record<Engine, string> = { cfn: 'cdk.out', tf: 'cdktf.out' };

function yieldToSignals(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** With several blueprints, each gets a folder named after its file; two files of one name are an error. */
function outputFolder(blueprint: PlannedBlueprint, all: readonly PlannedBlueprint[]): string {
  const name = basename(blueprint.file, extname(blueprint.file));
  const clash = all.find((other) => other !== blueprint && basename(other.file, extname(other.file)) === name);
  if (clash && resolve(clash.file) === resolve(blueprint.file)) throw new CliError(`${blueprint.file} is listed twice; name each blueprint once`, 1);
  if (clash) throw new CliError(`${blueprint.file} and ${clash.file} would both write ${name}/; synthesize them in separate runs or rename one`, 1);
  return name;
}
