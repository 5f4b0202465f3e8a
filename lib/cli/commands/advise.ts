import type { CommandModule } from 'yargs';
import { CAPACITY_FIGURES } from '../../analyze/data/capacity-figures';
import { BASELINE_RPS_PER_INSTANCE, PEAK_RPS_PER_USER, TARGET_HEADROOM } from '../../analyze/data/advice-rules';
import { CliError, EXIT } from '../cli-error';
import { type GlobalOptions, runCommand } from '../run-command';
import { schemaReferenceFor } from '../schema-reference';
import { writeOutputFile } from '../write-output-file';

interface AdviseOptions extends GlobalOptions {
  readonly rps?: number;
  readonly users?: number;
  readonly 'rps-per-user': number;
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
    .option('rps', { type: 'number', describe: 'peak requests per second (or give --users)' })
    .option('users', { type: 'number', describe: `users active at peak, the ladder's "typical load"; rps = users × --rps-per-user` })
    .option('rps-per-user', { type: 'number', default: PEAK_RPS_PER_USER, describe: 'peak requests per second per user (one every 40 s), to convert --users' })
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
    const rps = argv.rps ?? argv.users! * argv['rps-per-user'];
    const advice = advise({
      rps,
      readRatio: argv['read-ratio'],
      dataGb: argv['data-gb'],
      writesPerSecond: argv['writes-per-sec'],
      regions: argv.regions,
      teams: argv.teams,
      queriesPerRequest: argv['queries-per-request'],
      headroom: argv.headroom,
      rpsPerInstance: argv['rps-per-instance'],
      name: argv.name,
      schemaReference: argv.emit === undefined ? undefined : schemaReferenceFor(argv.emit),
    });
    if (advice.level === null) {
      throw new CliError(`no level carries this load within the sizing limits:\n  ${advice.reasons.join('\n  ')}`, EXIT.invalidInput);
    }
    if (argv.emit) {
      writeOutputFile(argv.emit, advice.blueprint, '--emit');
    }
    const summary = { level: advice.level, levelName: advice.levelName, reasons: advice.reasons, rps, users: Math.round(rps / argv['rps-per-user']) };
    process.stdout.write(argv.json
      ? `${JSON.stringify(summary, null, 2)}\n`
      : `level ${advice.level} (${advice.levelName})\n  load: ${loadLine(argv, rps)}\n${advice.reasons.map((reason) => `  - ${reason}`).join('\n')}\n` +
        (argv.emit ? `starter blueprint written to ${argv.emit}\n` : ''));
  }),
};

/** "400 rps ≈ 16K users at peak (0.025 requests per user per second)": the two ways the ladder states a load, side by side. */
function loadLine(argv: AdviseOptions, rps: number): string {
  const perUser = `${argv['rps-per-user']} requests per user per second`;
  return argv.rps !== undefined
    ? `${formatCount(rps)} rps ≈ ${formatCount(rps / argv['rps-per-user'])} users at peak (at ${perUser}; the ladder's "typical load" counts users)`
    : `${formatCount(argv.users!)} users at peak ≈ ${formatCount(rps)} rps (at ${perUser})`;
}

function formatCount(value: number): string {
  if (value >= 1_000_000) return `${Math.round(value / 100_000) / 10}M`;
  if (value >= 10_000) return `${Math.round(value / 1000)}K`;
  return String(Math.round(value * 100) / 100);
}

/** The first flag value that makes no sense, or null. */
function usageProblem(argv: AdviseOptions): string | null {
  if ((argv.rps === undefined) === (argv.users === undefined)) return 'give the peak load as --rps N (requests per second) or --users N (users active at peak), one of the two';
  const positive = ['queries-per-request', 'rps-per-instance', 'rps-per-user'] as const;
  for (const flag of positive) if (!(argv[flag] > 0)) return `--${flag} must be a number above 0`;
  if (argv.rps !== undefined && !(argv.rps > 0)) return '--rps must be a number above 0';
  if (argv.users !== undefined && !(argv.users > 0)) return '--users must be a number above 0';
  if (!(argv['read-ratio'] >= 0 && argv['read-ratio'] <= 1)) return '--read-ratio is the share of requests that only read, from 0 to 1 (0.9 means 9 reads per write)';
  if (!(argv['data-gb'] >= 0)) return '--data-gb must be a number of at least 0';
  if (argv['writes-per-sec'] !== undefined && !(argv['writes-per-sec'] >= 0)) return '--writes-per-sec must be a number of at least 0';
  if (!(Number.isInteger(argv.regions) && argv.regions >= 1 && argv.regions <= 5)) return '--regions must be a whole number from 1 to 5';
  if (!(Number.isInteger(argv.teams) && argv.teams >= 1)) return '--teams must be a whole number of at least 1';
  if (!(argv.headroom >= 0)) return '--headroom must be a number of at least 0';
  if (!/^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){0,15}$/.test(argv.name)) return '--name must be lower-case letters, digits and single hyphens, at most 16 characters';
  return null;
}
