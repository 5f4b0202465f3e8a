import { basename, extname, join, relative, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import type { ArchitecturePlan } from '../../plan';
import { CliError } from '../cli-error';
import { loadPlans, type PlannedBlueprint } from '../load-plans';
import { Progress } from '../progress';
import { renderTf, type TfJobResult } from '../render-tf';
import { type GlobalOptions, runCommand } from '../run-command';
import { StagedOutput } from '../staged-output';
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
    const blueprints = loadPlans(argv.specs);
    const folders = blueprints.map((blueprint) => (blueprints.length === 1 ? '' : outputFolder(blueprint, blueprints)));
    const output = StagedOutput.open(argv.out);
    if (!argv.quiet) for (const path of output.removedLeftovers) process.stderr.write(`tierup: removed ${path}, left by an interrupted run\n`);
    const progress = new Progress(blueprints.length, argv.quiet === true);
    const written: Written[] = [];
    // Terraform renders in a worker thread while CloudFormation renders here (lib/cli/render-tf.ts).
    const tfPaths = folders.map((folder) => join(folder, 'cdktf.out'));
    const tfJobs = argv.target === 'cfn' ? [] : blueprints.map((blueprint, index) => ({ plan: blueprint.plan, outdir: output.stage(tfPaths[index]), hcl: argv.hcl }));
    const tf = renderTf(tfJobs, { beside: argv.target === 'both' });
    try {
      const cfnWritten: Written[][] = [];
      for (const [index, blueprint] of blueprints.entries()) {
        progress.step(index, blueprint.file);
        const cfnPath = join(folders[index], 'cdk.out');
        // Synthesis is synchronous: yielding between steps lets SIGINT and SIGTERM clean up the staging folders.
        await yieldToSignals();
        cfnWritten.push(argv.target !== 'tf' ? synthCfn(blueprint.plan, output.stage(cfnPath), cfnPath, argv.validate) : []);
      }
      const tfResults = await tf.results();
      blueprints.forEach((_, index) => {
        written.push(...cfnWritten[index]);
        if (argv.target !== 'cfn') written.push(...tfWritten(tfResults[index], tfJobs[index].outdir, tfPaths[index]));
      });
      await yieldToSignals();
      output.commit();
    } catch (error) {
      await tf.cancel();
      output.discard();
      throw error;
    } finally {
      progress.done();
    }
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

function yieldToSignals(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function synthCfn(plan: ArchitecturePlan, outdir: string, outPath: string, validate: boolean): Written[] {
  // Loaded here, not at the top: `--target tf` never pays for aws-cdk-lib.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { synthesizeCfn } = require('../../render/cfn') as typeof import('../../render/cfn');
  const synthesis = synthesizeCfn([plan], { outdir, validate });
  const errors = synthesis.findings.filter((finding) => finding.severity === 'error' || finding.severity === 'fatal');
  if (errors.length > 0) {
    const lines = errors.map((f) => `  ${f.stack}/${f.resource ?? '(template)'}: [${f.rule}] ${f.message}`);
    throw new CliError(`CloudFormation validation found ${errors.length} error(s); nothing was written:\n${lines.join('\n')}`);
  }
  return synthesis.stacks.map((stack) => ({ target: 'cfn', stack: stack.stackName, path: join(outPath, stack.templateFile), resources: stack.resourceCount }));
}

function tfWritten(result: TfJobResult, outdir: string, outPath: string): Written[] {
  return result.stacks.map((stack) => ({ target: 'tf', stack: stack.stackName, path: join(outPath, relative(outdir, stack.file)), resources: stack.resourceCount }));
}

/** With several blueprints, each gets a folder named after its file; two files of one name are an error. */
function outputFolder(blueprint: PlannedBlueprint, all: readonly PlannedBlueprint[]): string {
  const name = basename(blueprint.file, extname(blueprint.file));
  const clash = all.find((other) => other !== blueprint && basename(other.file, extname(other.file)) === name);
  if (clash && resolve(clash.file) === resolve(blueprint.file)) throw new CliError(`${blueprint.file} is listed twice; name each blueprint once`, 1);
  if (clash) throw new CliError(`${blueprint.file} and ${clash.file} would both write ${name}/; synthesize them in separate runs or rename one`, 1);
  return name;
}
