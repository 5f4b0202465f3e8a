import { basename, extname, join, resolve } from 'node:path';
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

interface SynthOptions extends GlobalOptions {
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
  // --watch: lib/cli/watch.ts runs this same handler (without --watch) once, then on every save.
  handler: (argv) => (argv.watch ? watchSynth(argv, () => synthCommand.handler({ ...argv, watch: false })) : runCommand(argv, async () => {
    const engines: Engine[] = argv.target === 'both' ? ['cfn', 'tf'] : [argv.target];
    // Started first, so that its workers load their engines while this thread reads the blueprints.
    const pool = SynthPool.start(argv.specs.length, engines);
    const blueprints = loadPlans(argv.specs);
    const folders = blueprints.map((blueprint) => (blueprints.length === 1 ? '' : outputFolder(blueprint, blueprints)));
    const output = StagedOutput.open(argv.out);
    if (!argv.quiet) for (const path of output.removedLeftovers) process.stderr.write(`tierup: removed ${path}, left by an interrupted run\n`);
    // One job per engine and blueprint, in the order a single thread runs them: CloudFormation of every blueprint, then Terraform.
    const paths = engines.flatMap((engine) => folders.map((folder, index) => ({ engine, index, path: join(folder, OUTPUT_FOLDER[engine]) })));
    const jobs = paths.map(({ engine, index, path }): SynthJob => ({ engine, plan: blueprints[index].plan, outdir: output.stage(path), validate: argv.validate, hcl: argv.hcl }));
    // A signal stops the pool's workers before the staging folders they write into are removed.
    output.stopWritersFirst(() => pool.halt());
    const progress = new Progress(jobs.length, argv.quiet === true, 2 * engines.length);
    let finished = 0;
    let stacks: StackWritten[][];
    try {
      stacks = await pool.run(jobs, (index) => progress.step(finished++, `${blueprints[paths[index].index].file} (${paths[index].engine})`));
      await yieldToSignals();
      output.commit();
    } catch (error) {
      output.discard();
      throw error;
    } finally {
      progress.done();
    }
    // Per blueprint, CloudFormation's stacks then Terraform's, as the jobs of a single thread would print them.
    const written: Written[] = blueprints.flatMap((_, blueprint) => paths.flatMap(({ engine, index, path }, job) => (index !== blueprint ? []
      : stacks[job].map((stack) => ({ target: engine, stack: stack.stack, path: join(path, stack.file), resources: stack.resources })))));
    // Result lines are results: --quiet drops progress and notices, never these.
    if (argv.json) {
      const lines = written.map((line) => ({ target: line.target, stack: line.stack, path: join(argv.out, line.path), resources: line.resources }));
      process.stdout.write(`${JSON.stringify({ out: argv.out, written: lines }, null, 2)}\n`);
    } else {
      for (const line of written) {
        process.stdout.write(`${line.target.padEnd(3)}  ${line.stack}  ${join(argv.out, line.path)}  (${line.resources} resources)\n`);
      }
    }
  })),
};

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
