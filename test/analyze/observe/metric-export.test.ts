import { readMetricExports } from '../../../lib/analyze/observe/metric-export';
import { observationCatalogue } from '../../../lib/analyze/observe/observe-metrics';
import { ObserveInputError } from '../../../lib/analyze/observe/observe-input-error';
import { examplePlan } from '../plan-of';

const catalogue = observationCatalogue(examplePlan(4));
const result = (Id: string, Timestamps: string[], Values: number[], StatusCode = 'Complete') => ({ Id, Label: Id, Timestamps, Values, StatusCode });
const file = (name: string, results: object[], extra: object = {}) => ({ file: name, text: JSON.stringify({ MetricDataResults: results, Messages: [], ...extra }) });
const read = (...files: { file: string; text: string }[]) => readMetricExports(files, catalogue, 'shop.yaml');

describe('reading get-metric-data exports', () => {
  it('keeps each series in time order, whatever order the file has', () => {
    const data = read(file('m.json', [result('app_requests', ['2026-12-05T10:05:00+00:00', '2026-12-05T10:00:00+00:00'], [20, 10])]));
    expect(data.series.get('app_requests')).toEqual([{ t: Date.parse('2026-12-05T10:00:00Z'), v: 10 }, { t: Date.parse('2026-12-05T10:05:00Z'), v: 20 }]);
    expect(data.warnings).toEqual([]);
  });

  it('merges pages: an id repeated across results and files adds its datapoints', () => {
    const data = read(
      file('page-1.json', [result('app_requests', ['2026-12-05T10:00:00Z'], [10], 'PartialData'), result('database_cpu', ['2026-12-05T10:00:00Z'], [40])]),
      file('page-2.json', [result('app_requests', ['2026-12-05T10:05:00Z', '2026-12-05T10:00:00Z'], [20, 99])]),
    );
    expect(data.series.get('app_requests')!.map((point) => point.v)).toEqual([10, 20]);
    expect(data.warnings).toEqual([]);
  });

  it('warns when a series never completed, and drops one CloudWatch refused', () => {
    const data = read(file('m.json', [
      result('app_requests', ['2026-12-05T10:00:00Z'], [10], 'PartialData'),
      result('database_cpu', ['2026-12-05T10:00:00Z'], [40], 'Forbidden'),
    ], { Messages: [{ Code: 'MaxDatapointsExceeded', Value: 'too many' }] }));
    expect(data.series.has('database_cpu')).toBe(false);
    expect(data.warnings).toEqual([
      'm.json: CloudWatch says MaxDatapointsExceeded: too many',
      'app_requests: only partial data (StatusCode PartialData): a page is missing; let the AWS CLI paginate, or pass every page\'s file',
      'database_cpu: CloudWatch answered Forbidden; its datapoints are left out (check the caller\'s cloudwatch:GetMetricData permission, or fetch again)',
    ]);
  });

  it('ignores an expression\'s input returned by mistake (its id is the query\'s too)', () => {
    const data = read(file('m.json', [result('app_requests_m1', ['2026-12-05T10:00:00Z'], [600]), result('app_requests', ['2026-12-05T10:00:00Z'], [2])]));
    expect([...data.series.keys()]).toEqual(['app_requests']);
  });

  it.each([
    ['malformed JSON', { file: 'm.json', text: '{"MetricDataResults": [' }, 'm.json: not JSON'],
    ['the query instead of its result', { file: 'q.json', text: JSON.stringify({ MetricDataQueries: [], StartTime: 'x' }) },
      'q.json: no "MetricDataResults": this is a query (the input of get-metric-data), not its result: run `aws cloudwatch get-metric-data --region REGION --cli-input-json file://q.json`'],
    ['another file entirely', { file: 'o.json', text: JSON.stringify({ Stacks: [] }) }, 'o.json: no "MetricDataResults": run the commands `tierup observe shop.yaml --query` prints'],
    ['an array', { file: 'm.json', text: '[]' }, 'm.json: expected the object `aws cloudwatch get-metric-data` prints'],
    ['results that are not a list', { file: 'm.json', text: JSON.stringify({ MetricDataResults: {} }) }, 'm.json: "MetricDataResults" should be an array'],
    ['a result without an id', file('m.json', [{ Timestamps: [], Values: [] }]), 'm.json: MetricDataResults[0] has no "Id"'],
    ['unpaired timestamps and values', file('m.json', [result('app_requests', ['2026-12-05T10:00:00Z'], [])]), 'm.json: MetricDataResults[0] ("app_requests") has 1 timestamps but 0 values'],
    ['a timestamp that is no time', file('m.json', [result('app_requests', ['yesterday'], [1])]), 'm.json: MetricDataResults[0] ("app_requests"): Timestamps[0] is not a time ("yesterday")'],
    ['a value that is no number', file('m.json', [{ ...result('app_requests', ['2026-12-05T10:00:00Z'], []), Values: ['1'] }]), 'Values[0] is not a number ("1")'],
    ['an id the query does not have', file('m.json', [result('orders_requests', ['2026-12-05T10:00:00Z'], [1])]),
      'm.json: result id "orders_requests" is not one of the query\'s ids for shop.yaml (they look like app_requests, app_requests_per_instance); the export was made from another blueprint\'s query'],
    ['no datapoints at all', file('m.json', [result('app_requests', [], [])]), 'm.json: no datapoints at all. Check that each query ran in the region `--query` named for it'],
    ['no results at all', file('m.json', []), 'm.json: no datapoints at all.'],
  ])('refuses %s, naming the file and what to do', (_name, input, message) => {
    expect(() => read(input)).toThrow(ObserveInputError);
    expect(() => read(input)).toThrow(message);
  });
});
