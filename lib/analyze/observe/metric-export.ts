import type { ObservationCatalogue } from './observed-series';
import { ObserveInputError } from './observe-input-error';
import type { Point } from './series-stats';

// Reads what `aws cloudwatch get-metric-data` printed: `{ MetricDataResults: [{ Id, Label, Timestamps, Values,
// StatusCode }], Messages }`, one file per call, possibly several pages (the CLI's own pagination repeats an Id
// across pages; `--no-paginate` runs give one file per page). Every Id must be one of the blueprint's query.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricData.html

/** One export file as read from disk. */
export interface ExportFile {
  readonly file: string;
  readonly text: string;
}

/** The datapoints of every series the exports hold, by query id, in time order; and what to tell the user. */
export interface MetricData {
  readonly series: ReadonlyMap<string, readonly Point[]>;
  readonly warnings: readonly string[];
}

/** Merges the exports into one set of series, refusing anything that is not a GetMetricData result of this query. */
export function readMetricExports(files: readonly ExportFile[], catalogue: ObservationCatalogue, spec: string): MetricData {
  const known = new Set(catalogue.series.map((series) => series.id));
  const members = new Set(catalogue.series.flatMap((series) => (series.source.kind === 'math' ? Object.keys(series.source.metrics).map((key) => `${series.id}_${key}`) : [])));
  const points = new Map<string, Map<number, number>>();
  const statuses = new Map<string, string[]>();
  const warnings: string[] = [];
  for (const { file, text } of files) {
    for (const result of resultsOf(file, text, spec)) {
      if (members.has(result.id)) continue; // an expression's input, returned only if someone edited ReturnData
      if (!known.has(result.id)) {
        throw new ObserveInputError(`${file}: result id "${result.id}" is not one of the query's ids for ${spec} (they look like ${[...known].slice(0, 2).join(', ')}); ` +
          `the export was made from another blueprint's query or an older one: rebuild it with \`tierup observe ${spec} --query\` and fetch again`);
      }
      const series = points.get(result.id) ?? new Map<number, number>();
      // Pages repeat an id with more datapoints; a timestamp seen twice keeps its first value.
      result.points.forEach((point) => { if (!series.has(point.t)) series.set(point.t, point.v); });
      points.set(result.id, series);
      statuses.set(result.id, [...(statuses.get(result.id) ?? []), result.status]);
    }
    warnings.push(...messagesOf(file, text));
  }
  for (const [id, codes] of statuses) {
    if (codes.includes('Forbidden') || codes.includes('InternalError')) {
      warnings.push(`${id}: CloudWatch answered ${codes.find((code) => code !== 'Complete' && code !== 'PartialData')}; its datapoints are left out (check the caller's cloudwatch:GetMetricData permission, or fetch again)`);
      points.delete(id);
    } else if (!codes.includes('Complete')) {
      warnings.push(`${id}: only partial data (StatusCode PartialData): a page is missing; let the AWS CLI paginate, or pass every page's file`);
    }
  }
  const series = new Map([...points.entries()]
    .filter(([, values]) => values.size > 0)
    .map(([id, values]) => [id, [...values.entries()].map(([t, v]) => ({ t, v })).toSorted((a, b) => a.t - b.t)] as const));
  if (series.size === 0) {
    throw new ObserveInputError(`${files.map((entry) => entry.file).join(', ')}: no datapoints at all. Check that each query ran in the region \`--query\` named for it, ` +
      'that the outputs file came from the deployment you want to observe, and that the window (--days, --end) covers a time it served traffic');
  }
  return { series, warnings };
}

interface RawResult {
  readonly id: string;
  readonly status: string;
  readonly points: readonly Point[];
}

function resultsOf(file: string, text: string, spec: string): RawResult[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ObserveInputError(`${file}: not JSON (${(error as Error).message}); pass what \`aws cloudwatch get-metric-data --cli-input-json ...\` printed, in its default JSON output`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ObserveInputError(`${file}: expected the object \`aws cloudwatch get-metric-data\` prints ({ "MetricDataResults": [...] }), found ${Array.isArray(data) ? 'an array' : typeof data}`);
  }
  const record = data as Record<string, unknown>;
  if (!('MetricDataResults' in record)) {
    const hint = 'MetricDataQueries' in record
      ? `this is a query (the input of get-metric-data), not its result: run \`aws cloudwatch get-metric-data --region REGION --cli-input-json file://${file}\` and pass what it prints`
      : `run the commands \`tierup observe ${spec} --query\` prints and pass the files they write`;
    throw new ObserveInputError(`${file}: no "MetricDataResults": ${hint}`);
  }
  const results = record.MetricDataResults;
  if (!Array.isArray(results)) throw new ObserveInputError(`${file}: "MetricDataResults" should be an array of results, found ${typeof results}`);
  return results.map((result, index) => resultOf(file, result, index));
}

function resultOf(file: string, result: unknown, index: number): RawResult {
  const where = `${file}: MetricDataResults[${index}]`;
  if (typeof result !== 'object' || result === null) throw new ObserveInputError(`${where} should be an object with Id, Timestamps and Values`);
  const { Id: id, Timestamps: timestamps, Values: values, StatusCode: status } = result as Record<string, unknown>;
  if (typeof id !== 'string' || id === '') throw new ObserveInputError(`${where} has no "Id"; every result names the query it answers`);
  const at = `${where} ("${id}")`;
  if (!Array.isArray(timestamps) || !Array.isArray(values)) throw new ObserveInputError(`${at} needs the arrays "Timestamps" and "Values"`);
  if (timestamps.length !== values.length) throw new ObserveInputError(`${at} has ${timestamps.length} timestamps but ${values.length} values; they go in pairs`);
  const points = timestamps.map((stamp, position): Point => {
    const t = typeof stamp === 'string' ? Date.parse(stamp) : Number.NaN;
    if (Number.isNaN(t)) throw new ObserveInputError(`${at}: Timestamps[${position}] is not a time (${JSON.stringify(stamp)}); the CLI prints ISO 8601, e.g. 2026-12-05T10:00:00+00:00`);
    const v = values[position];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new ObserveInputError(`${at}: Values[${position}] is not a number (${JSON.stringify(v)})`);
    return { t, v };
  });
  return { id, status: typeof status === 'string' ? status : 'Complete', points };
}

/** The call's own messages (e.g. a query that returned too many datapoints), as warnings. */
function messagesOf(file: string, text: string): string[] {
  const messages = (JSON.parse(text) as { Messages?: unknown }).Messages;
  if (!Array.isArray(messages)) return [];
  return messages.filter((message): message is { Code?: string; Value?: string } => typeof message === 'object' && message !== null)
    .map((message) => `${file}: CloudWatch says ${message.Code ?? 'note'}: ${message.Value ?? ''}`.trim());
}
