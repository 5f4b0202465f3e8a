import { costLines } from '../../lib/analyze/cost-lines';
import { summarizeCost } from '../../lib/analyze/cost-model';
import { DEFAULT_USAGE } from '../../lib/analyze/data/usage-defaults';
import { EC2_HOURLY, RDS_HOURLY, REGIONAL_RATES } from '../../lib/analyze/data/prices';
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
    ];
    expect(items.map((item) => item.monthly)).toEqual(expected);
    expect(expected).toEqual([15.18, 1.6, 1.6, 3.65, 9, 0]);
    expect(monthly).toEqual({ min: 31.03, expected: 31.03, max: 31.03 });
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
    // Max: fleet 10 × 730 × 0.0208 = 151.84 instead of 30.37, root volumes 80 GB × 0.08 = 6.40 instead of 1.28.
    expect(cents(monthly.max - monthly.min)).toEqual(cents(151.84 - 30.37 + 6.4 - 1.28));
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
    const plan = examplePlan(1);
    const result = summarizeCost(costLines({ ...plan, regions: [{ ...plan.regions[0], region: 'sa-east-1' }] }, DEFAULT_USAGE));
    expect(result.items.filter((item) => item.unitPrice === null).length).toBe(5);
    expect(result.monthly.expected).toBe(0);
  });
});
