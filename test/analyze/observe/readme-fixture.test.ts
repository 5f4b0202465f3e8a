import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { metricQueries, queryWindow } from '../../../lib/analyze/observe/metric-query';
import { observationCatalogue } from '../../../lib/analyze/observe/observe-metrics';
import { parseStackOutputs, resolveReference } from '../../../lib/analyze/observe/stack-outputs';
import { examplePlan } from '../plan-of';
import { dailyLoad, synthesizeExport } from './synthetic-export';

/**
 * The README's `observe` sample reads a recorded-shape export made here, from the query `observe --query
 * --days 7 --period 3600` builds for shop-4 and a world whose instances serve 140 rps at their CPU target and
 * whose cache hits 72%. When the plan's monitoring changes what is queried, refresh it:
 * `TIERUP_UPDATE_FIXTURES=1 npx jest test/analyze/observe/readme-fixture.test.ts`, then the README sample.
 */
const DIR = join(__dirname, '../../fixtures/readme');
const END = new Date('2026-12-06T00:00:00Z');

const outputs = {
  'shop-production-us-east-1': {
    WatchLoadBalancerFullName: 'app/shop-prod/50dc6c495c0c9188',
    WatchAppTargetGroupFullName: 'targetgroup/shop-prod-app/73e2d6bc24d8a067',
    WatchAppAutoScalingGroupName: 'shop-production-us-east-1-FleetGroup-1UYB0NF9CH6G2',
    WatchCdnDistributionId: 'E2QWRUHAPOMQZL',
    Url: 'https://d111111abcdef8.cloudfront.net',
  },
};

function fixtures(): Record<string, string> {
  const plan = examplePlan(4);
  const catalogue = observationCatalogue(plan);
  const parsed = parseStackOutputs(JSON.stringify(outputs), 'shop-4-outputs.json');
  const window = queryWindow(catalogue.series, 7, END, END, 3600);
  const calls = metricQueries(catalogue.series, window, (reference) => resolveReference(plan, [parsed], reference)!);
  const profile = { loadRps: dailyLoad(400, 1500), rpsPerInstance: 140, hitRate: 72 };
  return {
    'shop-4-outputs.json': `${JSON.stringify(outputs, null, 4)}\n`,
    ...Object.fromEntries(calls.map((call) => [call.file, `${JSON.stringify(synthesizeExport(plan, catalogue, call, profile))}\n`])),
  };
}

describe('the README\'s observe fixtures', () => {
  it.each(Object.entries(fixtures()))('%s is what the query and the recorded world give today', (file, content) => {
    const path = join(DIR, file);
    if (process.env.TIERUP_UPDATE_FIXTURES === '1') writeFileSync(path, content);
    expect(existsSync(path) ? readFileSync(path, 'utf8') : '(missing)').toBe(content);
  });
});
