import { readFileSync } from 'node:fs';
import type { CommandModule } from 'yargs';
import { MAX_WINDOW_DAYS } from '../../analyze/observe/metric-query';
import { CliError, EXIT } from '../cli-error';
import { loadPlans } from '../load-plans';
import { type GlobalOptions, runCommand } from '../run-command';
import { writeOutputFile } from '../write-output-file';

interface ObserveOptions extends GlobalOptions {
  readonly spec: string;
  readonly metrics: string[];
  readonly query: boolean;
  readonly days?: number;
  readonly period?: number;
  readonly outputs?: string[];
  readonly end?: string;
  readonly json: boolean;
  readonly plot?: string;
}

/** The window `--query` covers when `--days` is not given. */
const DEFAULT_DAYS = 14;

/** `tierup observe`: the deployed tiers' real load (CloudWatch's, fetched by the user) against the capacity model. */
export const observeCommand: CommandModule<GlobalOptions, ObserveOptions> = {
  command: 'observe <spec> [metrics..]',
  describe: "Compare the deployed tiers' real load with the model: --query prints the CloudWatch query, then pass its results",
  builder: (yargs) => yargs
    .positional('spec', { type: 'string', demandOption: true, describe: 'blueprint file (the one deployed)' })
    .positional('metrics', { type: 'string', array: true, default: [], describe: 'files `aws cloudwatch get-metric-data` wrote, one or more per region' })
    .option('query', { type: 'boolean', default: false, describe: 'print the get-metric-data calls (one per region) instead of reading results' })
    .option('days', { type: 'number', describe: `--query: the window in days, up to the end (default ${DEFAULT_DAYS})` })
    .option('period', { type: 'number', describe: '--query: seconds per datapoint, a multiple of 60 (default: the shortest that fits one call per region)' })
    .option('end', { type: 'string', describe: '--query: the window\'s end, ISO 8601 (default: now)' })
    .option('outputs', { type: 'string', array: true, describe: '--query: `cdk deploy --outputs-file` or `terraform output -json` file(s) with the deployed names' })
    .option('json', { type: 'boolean', default: false, describe: 'print JSON: the calls as [{ region, file, input }], or the analysis' })
    .option('plot', { type: 'string', describe: 'write an SVG of the load against the level\'s ceilings to this file' }),
  handler: (argv) => runCommand(argv, async () => {
    const problem = usageProblem(argv);
    if (problem) throw new CliError(problem, EXIT.usage);
    const observe = await import('../../analyze/observe');
    const [{ plan }] = loadPlans([argv.spec]);
    const catalogue = observe.observationCatalogue(plan);
    try {
      if (argv.query) {
        if (catalogue.series.length === 0) throw new CliError(`${argv.spec}: nothing to query: ${catalogue.unqueried.map((signal) => `${signal.tier} ${signal.signal}: ${signal.reason}`).join('; ')}`);
        const outputs = (argv.outputs ?? []).map((file) => observe.parseStackOutputs(readInput(file, '--outputs'), file));
        const references = observe.referencesOf(catalogue.series);
        if (references.length > 0 && outputs.length === 0) {
          throw new CliError(`${argv.spec}: the query names deployed resources; pass their names with --outputs FILE, from \`cdk deploy --all --outputs-file outputs.json\` ` +
            `or \`terraform output -json > outputs.json\`. It needs: ${references.map((reference) => reference.outputName).join(', ')}`, EXIT.usage);
        }
        const values = new Map(references.map((reference) => [reference, observe.resolveReference(plan, outputs, reference)]));
        const missing = references.filter((reference) => values.get(reference) === null);
        if (missing.length > 0) {
          const files = outputs.map((entry) => entry.file).join(', ');
          throw new CliError(missing.map((reference) => `${files}: no output ${reference.outputName} (the ${reference.attribute.replace(/-/g, ' ')} of ${reference.resource.kind} ` +
            `${reference.resource.key} in ${reference.resource.region}); ${observe.howToGetOutput(plan, reference)}, from a deployment of this blueprint`).join('\n'));
        }
        const now = new Date();
        const end = argv.end === undefined ? null : new Date(argv.end);
        const days = argv.days ?? DEFAULT_DAYS;
        const multiple = observe.retentionMultiple(days, end ?? now, now);
        if (argv.period !== undefined && argv.period % multiple !== 0) {
          throw new CliError(`--period ${argv.period}: a window starting ${days} days before its end reaches back to where CloudWatch keeps only ` +
            `${multiple}-second datapoints; use a multiple of ${multiple}`, EXIT.usage);
        }
        const window = observe.queryWindow(catalogue.series, days, end, now, argv.period);
        const calls = observe.metricQueries(catalogue.series, window, (reference) => values.get(reference)!);
        if (argv.json) {
          for (const signal of catalogue.unqueried) if (!argv.quiet) process.stderr.write(`tierup: not queried: ${signal.tier} ${signal.signal}: ${signal.reason}\n`);
          process.stdout.write(`${JSON.stringify(calls.map((call) => ({ region: call.region, file: call.file, input: call.input })), null, 2)}\n`);
        } else {
          process.stdout.write(observe.formatQueryScript(plan, argv.spec, calls, window, catalogue.unqueried));
        }
        return;
      }
      const data = observe.readMetricExports(argv.metrics.map((file) => ({ file, text: readInput(file, 'metrics file') })), catalogue, argv.spec);
      const { report, load } = observe.analyzeObservations(plan, catalogue, data);
      if (argv.plot) {
        const title = `${plan.name} (${plan.environment}), level ${plan.level} (${plan.levelName}): load against the ceilings`;
        writeOutputFile(argv.plot, observe.loadPlot(title, load, observe.ceilingLines(report)), '--plot');
      }
      process.stdout.write(argv.json ? `${JSON.stringify(report, null, 2)}\n` : observe.formatObserveReport(plan, report));
    } catch (error) {
      if (error instanceof observe.ObserveInputError) throw new CliError(error.message, EXIT.invalidInput);
      throw error;
    }
  }),
};

/** A file the user named; one that cannot be read is bad input, said plainly. */
function readInput(file: string, what: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${what} ${file} (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** The first flag combination that makes no sense, or null. */
function usageProblem(argv: ObserveOptions): string | null {
  if (argv.query && argv.metrics.length > 0) return '--query prints the query; the metrics files are its results: give one or the other';
  if (!argv.query && argv.metrics.length === 0) {
    return 'give --query to print the CloudWatch query, or the files its results were written to: tierup observe SPEC metrics-us-east-1.json';
  }
  if (!argv.query) {
    for (const flag of ['days', 'end', 'outputs', 'period'] as const) if (argv[flag] !== undefined) return `--${flag} shapes the query: use it with --query`;
  }
  if (argv.query && argv.plot !== undefined) return '--plot draws the results: use it when reading the metrics files, not with --query';
  if (argv.days !== undefined && !(argv.days > 0 && argv.days <= MAX_WINDOW_DAYS)) return `--days must be a number above 0 and at most ${MAX_WINDOW_DAYS} (CloudWatch keeps hourly datapoints ${MAX_WINDOW_DAYS} days)`;
  if (argv.period !== undefined && !(Number.isInteger(argv.period) && argv.period >= 60 && argv.period % 60 === 0)) {
    return '--period must be a whole number of minutes in seconds: 60, 300, 3600…';
  }
  if (argv.end !== undefined && Number.isNaN(Date.parse(argv.end))) return `--end must be a time in ISO 8601, e.g. 2026-12-06T00:00:00Z (got ${argv.end})`;
  return null;
}
