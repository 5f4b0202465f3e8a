import type { CommandModule } from 'yargs';
import { CAPACITY_FIGURES } from '../../analyze/data/capacity-figures';
import { loadPlans } from '../load-plans';
import { CliError, EXIT } from '../cli-error';
import { type GlobalOptions, runCommand } from '../run-command';

interface CapacityOptions extends GlobalOptions {
  readonly spec: string;
  readonly json: boolean;
  readonly rps?: number;
  readonly 'read-ratio': number;
  readonly 'queries-per-request': number;
}

/** `tierup capacity`: modeled ceiling of each tier, the bottleneck and the headroom for a load. */
export const capacityCommand: CommandModule<GlobalOptions, CapacityOptions> = {
  command: 'capacity <spec>',
  describe: 'Model the capacity of each tier: bottleneck and headroom',
  builder: (yargs) => yargs
    .positional('spec', { type: 'string', demandOption: true, describe: 'blueprint file' })
    .option('json', { type: 'boolean', default: false, describe: 'print the report as JSON' })
    .option('rps', { type: 'number', describe: 'load in requests per second, for the headroom' })
    .option('read-ratio', { type: 'number', default: CAPACITY_FIGURES.readRatio, describe: 'share of requests that only read, 0-1' })
    .option('queries-per-request', { type: 'number', default: CAPACITY_FIGURES.queriesPerRequest, describe: 'database queries per request' }),
  handler: (argv) => runCommand(argv, async () => {
    const problem = usageProblem(argv);
    if (problem) throw new CliError(problem, EXIT.usage);
    const { modelCapacity } = await import('../../analyze/capacity');
    const { formatCapacity } = await import('../../analyze/capacity-format');
    const [{ plan }] = loadPlans([argv.spec]);
    const workload = { readRatio: argv['read-ratio'], queriesPerRequest: argv['queries-per-request'] };
    const report = modelCapacity(plan, workload, argv.rps);
    process.stdout.write(argv.json ? `${JSON.stringify(report, null, 2)}\n` : formatCapacity(plan, report, workload, argv.rps));
  }),
};

/** The first flag value that makes no sense, or null. */
function usageProblem(argv: CapacityOptions): string | null {
  if (argv.rps !== undefined && !(argv.rps > 0)) return '--rps must be a number above 0';
  if (!(argv['read-ratio'] >= 0 && argv['read-ratio'] <= 1)) return '--read-ratio is the share of requests that only read, from 0 to 1 (0.9 means 9 reads per write)';
  if (!(argv['queries-per-request'] > 0)) return '--queries-per-request must be a number above 0';
  return null;
}
