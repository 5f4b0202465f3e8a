import type { CommandModule } from 'yargs';
import { CAPACITY_FIGURES } from '../../analyze/data/capacity-figures';
import { BASELINE_RPS_PER_INSTANCE, TARGET_HEADROOM } from '../../analyze/data/advice-rules';
import { CliError, EXIT } from '../cli-error';
import { type GlobalOptions, runCommand } from '../run-command';
import { writeOutputFile } from '../write-output-file';

interface AdviseOptions extends GlobalOptions {
  readonly rps: number;
  readonly 'read-ratio': number;
  readonly 'data-gb': number;
  readonly 'writes-per-sec'?: number;
  readonly regions: number;
  readonly teams: number;
  readonly 'queries-per-request': number;
  readonly headroom: number;
  readonly 'rps-per-instance': number;
  readonly name: string;
  readonly json: boolean;
  readonly emit?: string;
}

/** `tierup advise`: the lowest level that carries a load with headroom, and why. */
export const adviseCommand: CommandModule<GlobalOptions, AdviseOptions> = {
  command: 'advise',
  describe: 'Recommend the lowest level that carries a load, with the reasons',
  builder: (yargs) => yargs
    .option('rps', { type: 'number', demandOption: true, describe: 'peak requests per second' })
    .option('read-ratio', { type: 'number', demandOption: true, describe: 'share of requests that only read, 0-1' })
    .option('data-gb', { type: 'number', demandOption: true, describe: 'active data in GB' })
    .option('writes-per-sec', { type: 'number', describe: 'database writes per second (default: from rps, read ratio and queries per request)' })
    .option('regions', { type: 'number', default: 1, describe: 'regions your users are in' })
    .option('teams', { type: 'number', default: 1, describe: 'teams working on the app' })
    .option('queries-per-request', { type: 'number', default: CAPACITY_FIGURES.queriesPerRequest, describe: 'database queries per request' })
    .option('headroom', { type: 'number', default: TARGET_HEADROOM, describe: 'headroom to keep: (capacity - load) / load' })
    .option('rps-per-instance', { type: 'number', default: BASELINE_RPS_PER_INSTANCE, describe: 'requests per second one t3.small serves' })
    .option('name', { type: 'string', default: 'app', describe: 'application name in the emitted blueprint' })
    .option('json', { type: 'boolean', default: false, describe: 'print the advice as JSON' })
    .option('emit', { type: 'string', describe: 'write a starter blueprint for the advised level to this file' }),
  handler: (argv) => runCommand(argv, async () => {
    const problem = usageProblem(argv);
    if (problem) throw new CliError(problem, EXIT.usage);
    const { advise } = await import('../../analyze/advise');
    const advice = advise({
      rps: argv.rps,
      readRatio: argv['read-ratio'],
      dataGb: argv['data-gb'],
      writesPerSecond: argv['writes-per-sec'],
      regions: argv.regions,
      teams: argv.teams,
      queriesPerRequest: argv['queries-per-request'],
      headroom: argv.headroom,
      rpsPerInstance: argv['rps-per-instance'],
      name: argv.name,
    });
    if (advice.level === null) {
      throw new CliError(`no level carries this load within the sizing limits:\n  ${advice.reasons.join('\n  ')}`, EXIT.invalidInput);
    }
    if (argv.emit) {
      writeOutputFile(argv.emit, advice.blueprint, '--emit');
    }
    const summary = { level: advice.level, levelName: advice.levelName, reasons: advice.reasons };
    process.stdout.write(argv.json
      ? `${JSON.stringify(summary, null, 2)}\n`
      : `level ${advice.level} (${advice.levelName})\n${advice.reasons.map((reason) => `  - ${reason}`).join('\n')}\n` +
        (argv.emit ? `starter blueprint written to ${argv.emit}\n` : ''));
  }),
};

/** The first flag value that makes no sense, or null. */
function usageProblem(argv: AdviseOptions): string | null {
  const positive = ['rps', 'queries-per-request', 'rps-per-instance'] as const;
  for (const flag of positive) if (!(argv[flag] > 0)) return `--${flag} must be a number above 0`;
  if (!(argv['read-ratio'] >= 0 && argv['read-ratio'] <= 1)) return '--read-ratio is the share of requests that only read, from 0 to 1 (0.9 means 9 reads per write)';
  if (!(argv['data-gb'] >= 0)) return '--data-gb must be a number of at least 0';
  if (argv['writes-per-sec'] !== undefined && !(argv['writes-per-sec'] >= 0)) return '--writes-per-sec must be a number of at least 0';
  if (!(Number.isInteger(argv.regions) && argv.regions >= 1 && argv.regions <= 5)) return '--regions must be a whole number from 1 to 5';
  if (!(Number.isInteger(argv.teams) && argv.teams >= 1)) return '--teams must be a whole number of at least 1';
  if (!(argv.headroom >= 0)) return '--headroom must be a number of at least 0';
  if (!/^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,15}$/.test(argv.name)) return '--name must be lower-case letters, digits and single hyphens, at most 16 characters';
  return null;
}
