import type { CommandModule } from 'yargs';
import { describeLevel } from '../../spec/levels';
import { loadPlans } from '../load-plans';
import { type GlobalOptions, runCommand } from '../run-command';

interface ValidateOptions extends GlobalOptions {
  readonly specs: string[];
}

/** `tierup validate`: checks blueprints without writing anything. */
export const validateCommand: CommandModule<GlobalOptions, ValidateOptions> = {
  command: 'validate <specs..>',
  describe: 'Check blueprints; writes nothing',
  builder: (yargs) => yargs.positional('specs', { type: 'string', array: true, demandOption: true, describe: 'blueprint files' }),
  handler: (argv) => runCommand(argv, () => {
    for (const { file, plan } of loadPlans(argv.specs)) {
      if (!argv.quiet) process.stdout.write(`ok  ${file}  ${plan.name} at level ${describeLevel(plan.level)}, ${plan.environment}\n`);
    }
  }),
};
