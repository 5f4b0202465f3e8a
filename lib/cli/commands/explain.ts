import type { CommandModule } from 'yargs';
import { describePlan } from '../describe-plan';
import { loadPlans } from '../load-plans';
import { type GlobalOptions, runCommand } from '../run-command';

interface ExplainOptions extends GlobalOptions {
  readonly spec: string;
  readonly json: boolean;
}

/** `tierup explain`: the resolved plan, every default spelled out. */
export const explainCommand: CommandModule<GlobalOptions, ExplainOptions> = {
  command: 'explain <spec>',
  describe: 'Show the resolved plan: every default, count and id',
  builder: (yargs) => yargs
    .positional('spec', { type: 'string', demandOption: true, describe: 'blueprint file' })
    .option('json', { type: 'boolean', default: false, describe: 'print the plan as JSON' }),
  handler: (argv) => runCommand(argv, () => {
    const [{ plan }] = loadPlans([argv.spec]);
    process.stdout.write(argv.json ? `${JSON.stringify(plan, null, 2)}\n` : describePlan(plan));
  }),
};
