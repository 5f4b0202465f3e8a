import type { CommandModule } from 'yargs';
import { loadPlans } from '../load-plans';
import { CliError, EXIT } from '../cli-error';
import { type GlobalOptions, runCommand } from '../run-command';
import { DEFAULT_USAGE, type UsageAssumptions } from '../../analyze/data/usage-defaults';

interface CostOptions extends GlobalOptions {
  readonly spec: string;
  readonly json: boolean;
  readonly 'requests-per-month': number;
  readonly 'transfer-gb': number;
  readonly 'nat-gb': number;
  readonly 'static-gb': number;
  readonly 'messages-per-month': number;
  readonly 'events-per-month': number;
}

/** `tierup cost`: monthly estimate of a blueprint from on-demand list prices. */
export const costCommand: CommandModule<GlobalOptions, CostOptions> = {
  command: 'cost <spec>',
  describe: 'Estimate the monthly AWS bill: min / expected / max',
  builder: (yargs) => yargs
    .positional('spec', { type: 'string', demandOption: true, describe: 'blueprint file' })
    .option('json', { type: 'boolean', default: false, describe: 'print the estimate as JSON' })
    .option('requests-per-month', { type: 'number', default: DEFAULT_USAGE.requestsPerMonth, describe: 'HTTP requests per month' })
    .option('transfer-gb', { type: 'number', default: DEFAULT_USAGE.transferGb, describe: 'GB served to users per month' })
    .option('nat-gb', { type: 'number', default: DEFAULT_USAGE.natGbPerRegion, describe: 'GB through NAT gateways per region per month' })
    .option('static-gb', { type: 'number', default: DEFAULT_USAGE.staticGb, describe: 'GB of static assets in S3' })
    .option('messages-per-month', { type: 'number', default: DEFAULT_USAGE.messagesPerQueuePerMonth, describe: 'messages per queue per month' })
    .option('events-per-month', { type: 'number', default: DEFAULT_USAGE.publishesPerEventPerMonth, describe: 'publishes per event per month' }),
  handler: (argv) => runCommand(argv, async () => {
    const problem = usageProblem(argv);
    if (problem) throw new CliError(problem, EXIT.usage);
    const { costLines } = await import('../../analyze/cost-lines');
    const { summarizeCost } = await import('../../analyze/cost-model');
    const { formatCost } = await import('../../analyze/cost-format');
    const [{ plan }] = loadPlans([argv.spec]);
    const usage: UsageAssumptions = {
      requestsPerMonth: argv['requests-per-month'],
      transferGb: argv['transfer-gb'],
      natGbPerRegion: argv['nat-gb'],
      staticGb: argv['static-gb'],
      messagesPerQueuePerMonth: argv['messages-per-month'],
      publishesPerEventPerMonth: argv['events-per-month'],
    };
    const lines = costLines(plan, usage);
    const { unpricedScheduleWarnings } = await import('../../analyze/cost-schedules');
    const summary = summarizeCost(lines);
    const fleets = [...(plan.fleet ? [plan.fleet] : []), ...plan.services.map((service) => service.fleet)];
    const estimate = { ...summary, warnings: [...summary.warnings, ...unpricedScheduleWarnings(fleets)] };
    for (const warning of estimate.warnings) process.stderr.write(`tierup: warning: ${warning}\n`);
    process.stdout.write(argv.json ? `${JSON.stringify(estimate, null, 2)}\n` : formatCost(plan, lines, estimate, usage));
  }),
};

/** The first flag value that makes no sense, or null. */
function usageProblem(argv: CostOptions): string | null {
  const flags = ['requests-per-month', 'transfer-gb', 'nat-gb', 'static-gb', 'messages-per-month', 'events-per-month'] as const;
  for (const flag of flags) {
    const value = argv[flag];
    if (!Number.isFinite(value) || value < 0) return `--${flag} must be a number of at least 0`;
  }
  return null;
}
