import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GET_METRIC_DATA_LIMITS, type RegionQuery } from '../../lib/analyze/observe/metric-query';
import { observationCatalogue } from '../../lib/analyze/observe/observe-metrics';
import type { ObserveReport } from '../../lib/analyze/observe/observe-report';
import { examplePlan } from '../analyze/plan-of';
import { dailyLoad, synthesizeExport } from '../analyze/observe/synthetic-export';
import { runCli } from './run-cli';

const ROOT = join(__dirname, '../..');
const work = mkdtempSync(join(tmpdir(), 'tierup-observe-'));
const write = (name: string, content: unknown) => {
  const path = join(work, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const shop = (level: number) => join(ROOT, 'blueprints', ['shop-1-single-server', 'shop-2-separate-db', 'shop-3-cache', 'shop-4-fleet', 'shop-5-sharded', 'shop-6-microservices', 'shop-7-multi-region'][level - 1] + '.yaml');
// No --end: the period depends on how old the window's start is, so a fixed date would change these outputs once it ages.

// What `cdk deploy --all --outputs-file` writes for shop-4 and shop-7: each region's stack holds its own reference
// outputs (a further region's carry its name), us-east-1's monitoring stack the global services' at level 7.
const cdkOutputs = write('cdk-outputs.json', {
  'shop-production-us-east-1': {
    WatchServerInstanceId: 'i-0abc123', WatchLoadBalancerFullName: 'app/shop-prod/50dc6c495c0c9188', WatchAppTargetGroupFullName: 'targetgroup/shop-app/73e2d6bc24d8a067',
    WatchAppAutoScalingGroupName: 'shop-prod-fleet-asg', WatchCdnDistributionId: 'E2QWRUHAPOMQZL',
    WatchServiceOrdersTargetGroupFullName: 'targetgroup/shop-orders/1', WatchServiceOrdersAutoScalingGroupName: 'shop-prod-orders-asg',
    WatchServiceSearchTargetGroupFullName: 'targetgroup/shop-search/1', WatchServiceSearchAutoScalingGroupName: 'shop-prod-search-asg',
  },
  'shop-production-eu-west-1': {
    WatchLoadBalancerFullNameEuWest1: 'app/shop-prod-eu/1', WatchAppTargetGroupFullNameEuWest1: 'targetgroup/shop-app-eu/2', WatchAppAutoScalingGroupNameEuWest1: 'shop-prod-fleet-eu-asg',
    WatchServiceOrdersTargetGroupFullNameEuWest1: 'targetgroup/shop-orders-eu/2', WatchServiceOrdersAutoScalingGroupNameEuWest1: 'shop-prod-orders-eu-asg',
    WatchServiceSearchTargetGroupFullNameEuWest1: 'targetgroup/shop-search-eu/2', WatchServiceSearchAutoScalingGroupNameEuWest1: 'shop-prod-search-eu-asg',
  },
  'shop-production-monitoring-us-east-1': { WatchCdnDistributionId: 'E7GLOBAL', WatchHealthCheckId: 'hc-us', WatchHealthCheckIdEuWest1: 'hc-eu' },
});
const tfOutputs = write('tf-outputs.json', {
  watch_load_balancer_full_name: { sensitive: false, type: 'string', value: 'app/shop-prod/tf' },
  watch_app_target_group_full_name: { sensitive: false, type: 'string', value: 'targetgroup/shop-app/tf' },
  watch_app_auto_scaling_group_name: { sensitive: false, type: 'string', value: 'shop-prod-fleet-tf' },
  watch_cdn_distribution_id: { sensitive: false, type: 'string', value: 'ETF' },
  url: { sensitive: false, type: 'string', value: 'https://example.com' },
});

function queryJson(level: number, outputs: string, ...extra: string[]): { region: string; file: string; input: RegionQuery['input'] }[] {
  const run = runCli(['observe', shop(level), '--query', '--json', '--outputs', outputs, ...extra]);
  expect(run.stderr).not.toContain('    at ');
  expect(run.status).toBe(0);
  return JSON.parse(run.stdout);
}

const dimensionValues = (calls: ReturnType<typeof queryJson>) => calls.flatMap((call) => call.input.MetricDataQueries
  .flatMap((query) => ('MetricStat' in query ? query.MetricStat.Metric.Dimensions.map((dimension) => `${dimension.Name}=${dimension.Value}`) : [])));

describe('tierup observe --query', () => {
  it('shop-1: a script of one call per region, the access log\'s request count and the server\'s instance id from the CDK outputs file', () => {
    const run = runCli(['observe', shop(1), '--query', '--outputs', cdkOutputs]);
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('# tierup observe: CloudWatch metrics of shop (production) at level 1 (single-server),');
    expect(lines[1]).toMatch(/^# \d{4}-\d\d-\d\dT\d\d:\d\d:00Z → \d{4}-\d\d-\d\dT\d\d:\d\d:00Z, 1-minute datapoints, 1 call\(s\): CloudWatch is regional\.$/);
    const call = lines.at(-1)!;
    expect(call).toMatch(/^aws cloudwatch get-metric-data --region us-east-1 --cli-input-json '\{.*\}' > metrics-us-east-1\.json$/);
    const input = JSON.parse(call.slice(call.indexOf("'") + 1, call.lastIndexOf("'")));
    expect(input.MetricDataQueries).toEqual([{
      Id: 'server_requests_m1', Label: 'server · requests/s (m1)', ReturnData: false,
      MetricStat: { Metric: { Namespace: 'tierup/shop/production', MetricName: 'ServerRequests', Dimensions: [] }, Period: 60, Stat: 'Sum' },
    }, { Id: 'server_requests', Expression: 'server_requests_m1 / PERIOD(server_requests_m1)', Label: 'server · requests/s' }, {
      Id: 'server_cpu', Label: 'server · CPU %', ReturnData: true,
      MetricStat: { Metric: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', Dimensions: [{ Name: 'InstanceId', Value: 'i-0abc123' }] }, Period: 60, Stat: 'Average' },
    }]);
  });

  it('shop-4: dimensions from `terraform output -json`, literal ones from the plan', () => {
    const calls = queryJson(4, tfOutputs);
    expect(calls.map((call) => [call.region, call.file])).toEqual([['us-east-1', 'metrics-us-east-1.json']]);
    expect(new Set(dimensionValues(calls))).toEqual(new Set([
      'LoadBalancer=app/shop-prod/tf', 'TargetGroup=targetgroup/shop-app/tf', 'DBInstanceIdentifier=shop-prod-db',
      'DBInstanceIdentifier=shop-prod-db-replica-1', 'DBInstanceIdentifier=shop-prod-db-replica-2',
      'CacheClusterId=shop-prod-cache-001', 'CacheClusterId=shop-prod-cache-002', 'AutoScalingGroupName=shop-prod-fleet-tf',
      'DistributionId=ETF', 'Region=Global',
    ]));
  });

  it('shop-7: one input per region, each region\'s outputs from its own stack, within GetMetricData\'s limits', () => {
    const calls = queryJson(7, cdkOutputs);
    expect(calls.map((call) => call.region)).toEqual(['us-east-1', 'eu-west-1']);
    expect(dimensionValues([calls[1]])).toContain('TargetGroup=targetgroup/shop-app-eu/2');
    expect(dimensionValues([calls[0]])).toContain('TargetGroup=targetgroup/shop-app/73e2d6bc24d8a067');
    expect(dimensionValues([calls[1]])).toContain('AutoScalingGroupName=shop-prod-fleet-eu-asg');
    // CloudFront's output lives in the stack that watches it at level 7: us-east-1's monitoring stack.
    expect(dimensionValues([calls[0]])).toContain('DistributionId=E7GLOBAL');
    expect(dimensionValues(calls)).not.toContain('DistributionId=E2QWRUHAPOMQZL');
    for (const { input } of calls) {
      const period = input.MetricDataQueries.flatMap((query) => ('MetricStat' in query ? [query.MetricStat.Period] : []))[0];
      const points = (Date.parse(input.EndTime) - Date.parse(input.StartTime)) / 1000 / period;
      expect(input.MetricDataQueries.length).toBeLessThanOrEqual(GET_METRIC_DATA_LIMITS.queries);
      expect(input.MetricDataQueries.length * points).toBeLessThanOrEqual(GET_METRIC_DATA_LIMITS.datapoints);
    }
  });

  it('says which output is missing and how to get it (exit 1)', () => {
    const partial = write('partial.json', { 'shop-production-us-east-1': { WatchLoadBalancerFullName: 'app/x/1' } });
    const run = runCli(['observe', shop(4), '--query', '--outputs', partial]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`tierup: ${partial}: no output WatchAppTargetGroupFullName (the target group full name of target-group fleet in us-east-1); ` +
      'CloudFormation: output WatchAppTargetGroupFullName of stack shop-production-us-east-1 (`cdk deploy --all --outputs-file outputs.json`); ' +
      'Terraform: output watch_app_target_group_full_name (`terraform output -json > outputs.json`), from a deployment of this blueprint');
    expect(run.stdout).toBe('');
  });

  it.each([
    [['--query'], 2, 'the query names deployed resources; pass their names with --outputs FILE'],
    [[], 2, 'give --query to print the CloudWatch query, or the files its results were written to'],
    [['--query', 'm.json'], 2, '--query prints the query; the metrics files are its results: give one or the other'],
    [['m.json', '--days', '3'], 2, '--days shapes the query: use it with --query'],
    [['--query', '--plot', 'x.svg'], 2, '--plot draws the results'],
    [['--query', '--days', '0'], 2, '--days must be a number above 0 and at most 455'],
    [['--query', '--end', 'someday'], 2, '--end must be a time in ISO 8601'],
    [['--query', '--period', '90'], 2, '--period must be a whole number of minutes in seconds'],
    [['--query', '--outputs', 'nowhere.json'], 1, 'cannot read --outputs nowhere.json (ENOENT)'],
  ])('shop-4 observe %j exits %i: %s', (args, status, message) => {
    const run = runCli(['observe', shop(4), ...args], work);
    expect(run.status).toBe(status);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('    at ');
  });

  it('refuses a period CloudWatch no longer holds for an old window (exit 2)', () => {
    const run = runCli(['observe', shop(4), '--query', '--outputs', cdkOutputs, '--end', '2025-01-01T00:00:00Z', '--period', '300']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('use a multiple of 3600');
  });
});

describe('tierup observe <metrics.json>', () => {
  const plan = examplePlan(4);
  const catalogue = observationCatalogue(plan);
  const calls = queryJson(4, cdkOutputs);
  const exports = calls.map((call) => write(`export-${call.file}`,
    synthesizeExport(plan, catalogue, { region: call.region as 'us-east-1', file: call.file, input: call.input }, { loadRps: dailyLoad(400, 1500), rpsPerInstance: 140, hitRate: 72 })));

  it('round trip: the query\'s results give the load, the headroom against capacity\'s ceiling and advise\'s answer', () => {
    const run = runCli(['observe', shop(4), ...exports, '--json']);
    expect(run.status).toBe(0);
    const report = JSON.parse(run.stdout) as ObserveReport;
    expect(report.load).toMatchObject({ source: 'load-balancer', peakRps: 1500, peakAt: expect.stringMatching(/T18:00:00\.000Z$/) });
    expect(report.load!.typicalRps).toBeCloseTo(400, -1);
    expect(report.headroom).toMatchObject({ ceilingRps: 2000, bottleneck: 'app', headroom: 0.33 });
    expect(report.contradictions.map((found) => found.figure)).toEqual(['rpsPerInstance', 'requestsPerTarget', 'cache hit rate']);
    // Measured, an instance serves 140 rps, not 200: 10 of them carry 1400, below the 1500 peak, so a bigger fleet.
    expect(report.headroom!.measured).toMatchObject({ ceilingRps: 1400, bottleneck: 'app' });
    expect(report.advice).toMatchObject({ verdict: 'resize', level: 4 });
    // The plan names an output for the fleet's group: its CPU is queried, so the rate one instance serves is measured.
    expect(report.unqueried).toEqual([]);
    expect(report.instanceRates).toEqual([{ tier: 'app', region: 'us-east-1', declared: 200, cpuTarget: 60, peakRps: 200, cpuAtPeak: 83.57, atTarget: 140, method: 'fit' }]);
  });

  it('prints the report as text, and --plot writes the same SVG every time', () => {
    const first = join(work, 'first.svg');
    const second = join(work, 'second.svg');
    const run = runCli(['observe', shop(4), ...exports, '--plot', first]);
    runCli(['observe', shop(4), ...exports, '--plot', second]);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^load: peak 1500 rps \(\d{4}-\d\d-\d\d 18:00 UTC\), typical 40\d(\.\d+)? rps \(median\), at the load balancer$/m);
    expect(run.stdout).toContain('  ceiling 2000 rps (bottleneck: app), headroom 33%; capacity alarms fire from 1538 rps');
    const svg = readFileSync(first, 'utf8');
    expect(svg).toContain('level 4 ceiling 2000 rps (app)');
    expect(readFileSync(second, 'utf8')).toBe(svg);
  });

  it.each([
    ['malformed JSON', '{"MetricDataResults": [', 'not JSON'],
    ['the query itself', JSON.stringify({ MetricDataQueries: [] }), 'this is a query (the input of get-metric-data), not its result'],
    ['another blueprint\'s export', JSON.stringify({ MetricDataResults: [{ Id: 'eu_west_1_app_requests', Timestamps: ['2026-12-05T10:00:00Z'], Values: [1], StatusCode: 'Complete' }] }),
      'result id "eu_west_1_app_requests" is not one of the query\'s ids'],
    ['an empty export', JSON.stringify({ MetricDataResults: [], Messages: [] }), 'no datapoints at all'],
  ])('refuses %s with the file named (exit 1, no stack trace)', (_name, text, message) => {
    const file = write('bad.json', text);
    const run = runCli(['observe', shop(4), file]);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`tierup: ${file}`);
    expect(run.stderr).toContain(message);
    expect(run.stderr).not.toContain('    at ');
  });
});
