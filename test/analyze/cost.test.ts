import { readFileSync } from 'node:fs';
import { costLines } from '../../lib/analyze/cost-lines';
import { createPlan } from '../../lib/plan';
import { parseBlueprint } from '../../lib/spec';
import { summarizeCost } from '../../lib/analyze/cost-model';
import { DEFAULT_USAGE } from '../../lib/analyze/data/usage-defaults';
import { EC2_HOURLY, GLOBAL_RATES, RDS_HOURLY, REGIONAL_RATES } from '../../lib/analyze/data/prices';
import { examplePlan } from './plan-of';

const estimate = (level: number) => summarizeCost(costLines(examplePlan(level), DEFAULT_USAGE));
const cents = (value: number) => Math.round(value * 100) / 100;
const us = REGIONAL_RATES['us-east-1'];

describe('tierup cost', () => {
  it('prices level 1 line by line from the price data', () => {
    const { items, monthly } = estimate(1);
    const expected = [
      cents(EC2_HOURLY['t3.small'] * 730), // server: 0.0208 × 730 = 15.18
      cents(20 * us.ebsGp3GbMonth), // root volume 20 GB × 0.08 = 1.60
      cents(20 * us.ebsGp3GbMonth), // data volume 20 GB × 0.08 = 1.60
      cents(730 * us.publicIpv4Hourly), // Elastic IP: 730 h × 0.005 = 3.65
      cents(100 * us.internetEgressGb), // 100 GB out × 0.09 = 9.00
      0, // SSM standard parameters
      // Watching (https://aws.amazon.com/cloudwatch/pricing/): 6 alarms reading 7 metrics (the 5xx rate reads two) × 0.10,
      cents(7 * GLOBAL_RATES.cloudWatchAlarmMetricMonth),
      GLOBAL_RATES.cloudWatchCompositeAlarmMonth, // the climb signal, 0.50
      GLOBAL_RATES.kmsKeyMonth, // the topics' key, 1.00
      cents(4 * GLOBAL_RATES.cloudWatchCustomMetricMonth), // the agent's 2 metrics + the access log's 2 × 0.30 = 1.20
      cents(0.5 * GLOBAL_RATES.cloudWatchLogsIngestionGb), // 0.5 GB of logs × 0.50 = 0.25
      cents(1.5 * GLOBAL_RATES.cloudWatchLogsStorageGbMonth), // kept 90 days: 1.5 GB × 0.03 = 0.05
      0, // one dashboard of the three free ones
    ];
    expect(items.map((item) => item.monthly)).toEqual(expected);
    expect(expected).toEqual([15.18, 1.6, 1.6, 3.65, 9, 0, 0.7, 0.5, 1, 1.2, 0.25, 0.05, 0]);
    expect(monthly).toEqual({ min: 34.73, expected: 34.73, max: 34.73 });
  });

  it('prices level 4 with fleet ranges, Multi-AZ doubling, replicas and proxy', () => {
    // Without shop-4's weekday-peak schedule, which test/analyze/cost-schedules.test.ts prices.
    const plan = examplePlan(4);
    const { items, monthly } = summarizeCost(costLines({ ...plan, fleet: { ...plan.fleet!, schedules: [] } }, DEFAULT_USAGE));
    const byResource = (part: string) => items.find((item) => item.resource.includes(part))!;
    expect(byResource('Fleet t3.small')).toMatchObject({ quantity: 2 * 730, unitPrice: 0.0208, monthly: 30.37 }); // 1460 × 0.0208
    expect(byResource('postgres Multi-AZ')).toMatchObject({ quantity: 1460, monthly: cents(2 * 730 * RDS_HOURLY.postgres['db.t4g.medium']) }); // 94.90
    expect(byResource('storage ×2')).toMatchObject({ quantity: 200, monthly: 23 }); // 100 GB × 2 × 0.115
    expect(byResource('read replicas ×2')).toMatchObject({ quantity: 1460, monthly: 94.9 });
    expect(byResource('DatabaseProxy')).toMatchObject({ quantity: 1460, unitPrice: 0.015, monthly: 21.9 }); // 2 vCPUs × 730 × 0.015
    expect(byResource('cache.t4g.small ×2 nodes')).toMatchObject({ quantity: 1460, monthly: 46.72 }); // 2 × 730 × 0.032
    expect(byResource('NAT gateways')).toMatchObject({ monthly: 32.85 }); // 730 × 0.045
    expect(byResource('LoadBalancer (ALB)')).toMatchObject({ monthly: 16.43 }); // 730 × 0.0225
    expect(byResource('LoadBalancer addresses')).toMatchObject({ quantity: 1460, monthly: 7.3 }); // 2 zones × 730 × 0.005
    // Max: fleet 10 × 730 × 0.0208 = 151.84 instead of 30.37, root volumes 80 GB × 0.08 = 6.40 instead of 1.28; 8 more
    // instances also send the agent's 2 metrics (8 × 2 × 0.30 = 4.80) and 0.5 GB of logs each (8 × 0.5 × 0.50 = 2.00, kept
    // 90 days: 8 × 1.5 GB × 0.03 = 0.36).
    expect(cents(monthly.max - monthly.min)).toEqual(cents(151.84 - 30.37 + 6.4 - 1.28 + 4.8 + 2 + 0.36));
    expect(monthly.expected).toEqual(cents(items.reduce((sum, item) => sum + (item.monthly ?? 0), 0)));
  });

  it('keeps the JSON keys exact', () => {
    const result = estimate(3);
    expect(Object.keys(result)).toEqual(['currency', 'priceDate', 'monthly', 'items', 'warnings']);
    expect(Object.keys(result.items[0])).toEqual(['component', 'resource', 'quantity', 'unit', 'unitPrice', 'monthly']);
  });

  it('rises strictly along shop-1..7', () => {
    const totals = [1, 2, 3, 4, 5, 6, 7].map((level) => estimate(level).monthly.expected);
    for (let i = 1; i < totals.length; i += 1) expect(totals[i]).toBeGreaterThan(totals[i - 1]);
  });

  it('marks an unknown instance type as unpriced with a warning, never a silent zero', () => {
    const plan = examplePlan(1);
    const odd = { ...plan, server: { ...plan.server!, instanceType: 'x9.huge' } };
    const result = summarizeCost(costLines(odd, DEFAULT_USAGE));
    const line = result.items.find((item) => item.resource.includes('x9.huge'))!;
    expect(line).toMatchObject({ unitPrice: null, monthly: null });
    expect(result.warnings).toEqual([expect.stringContaining('x9.huge')]);
  });

  it('marks every regional part unpriced in a region without prices', () => {
    const text = readFileSync('blueprints/shop-1-single-server.yaml', 'utf8').replace('regions: [us-east-1]', 'regions: [sa-east-1]');
    const result = summarizeCost(costLines(createPlan(parseBlueprint(text, 'sa.yaml').spec), DEFAULT_USAGE));
    // The server, its two volumes, its address, egress; the alarms, composite, key, custom metrics, log ingestion and storage.
    expect(result.items.filter((item) => item.unitPrice === null).length).toBe(11);
    expect(result.monthly.expected).toBe(0);
  });
});

describe('tierup cost: watching', () => {
  const linesOf = (text: string) => summarizeCost(costLines(createPlan(parseBlueprint(text, 'watch.yaml').spec), DEFAULT_USAGE)).items;

  it('prices alarms per metric they read, the climb composite and a key per region, dashboards past the first three', () => {
    const items = linesOf([
      'name: shop', 'level: 7', 'regions: [eu-west-1, eu-central-1, ap-southeast-1]',
      'multiRegion: { mode: active-active, domainName: shop.example.com, hostedZoneName: example.com }',
    ].join('\n'));
    const watching = items.filter((item) => ['cloudwatch', 'cloudwatch-logs', 'kms'].includes(item.component));
    // Three regions, the us-east-1 stack of CloudFront and Route 53 and the dashboard across regions: 5 dashboards, 2 paid.
    expect(watching.find((item) => item.resource.startsWith('dashboards'))).toMatchObject({ resource: 'dashboards: 5, the first 3 free', quantity: 2, monthly: 6 });
    expect(watching.filter((item) => item.component === 'kms').map((item) => item.resource)).toEqual([
      'eu-west-1 AlertsKey (customer managed, for the topics)', 'eu-central-1 AlertsKey (customer managed, for the topics)',
      'ap-southeast-1 AlertsKey (customer managed, for the topics)', 'us-east-1 AlertsKey (customer managed, for the topics)',
    ]);
    // The us-east-1 stack pages only: no composite, no logs.
    expect(watching.filter((item) => item.resource.startsWith('us-east-1')).map((item) => item.resource)).toEqual([
      'us-east-1 alarms: 4 (0 on metric math)', 'us-east-1 AlertsKey (customer managed, for the topics)',
    ]);
  });

  it('counts each metric of a math alarm', () => {
    const plan = examplePlan(4);
    const metrics = plan.monitoring.regions[0].alarms.reduce((sum, alarm) => sum + (alarm.source.kind === 'metric' ? 1 : Object.keys(alarm.source.metrics).length), 0);
    const line = summarizeCost(costLines(plan, DEFAULT_USAGE)).items.find((item) => item.resource.startsWith('us-east-1 alarms'))!;
    expect(line).toMatchObject({ quantity: metrics, unitPrice: GLOBAL_RATES.cloudWatchAlarmMetricMonth });
    expect(metrics).toBeGreaterThan(plan.monitoring.regions[0].alarms.length);
  });
});
