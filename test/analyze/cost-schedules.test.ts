import { costLines } from '../../lib/analyze/cost-lines';
import { summarizeCost } from '../../lib/analyze/cost-model';
import { scheduledFleetSize, unpricedScheduleWarnings, weeklyMinutes } from '../../lib/analyze/cost-schedules';
import { DEFAULT_USAGE } from '../../lib/analyze/data/usage-defaults';
import { createPlan } from '../../lib/plan';
import { parseBlueprint } from '../../lib/spec';

const fleetBlueprint = (schedules: string) =>
  `name: shop\nlevel: fleet\nenvironment: staging\napp:\n  scaling:\n    min: 2\n    max: 4\n    schedules:\n${schedules}`;
const planOf = (yaml: string) => createPlan(parseBlueprint(yaml, 'cost.yaml').spec);
const nightly = '      - { name: night, cron: "0 22 * * *", min: 0, max: 0, desired: 0 }\n      - { name: morning, cron: "0 6 * * *", min: 2, max: 4 }\n';

describe('scheduled scaling in the cost estimate', () => {
  it('reads cron as minutes of the week, in UTC', () => {
    expect(weeklyMinutes('30 8 * * MON-FRI')).toEqual([1, 2, 3, 4, 5].map((day) => day * 1440 + 8 * 60 + 30));
    expect(weeklyMinutes('0 22 * * *')).toHaveLength(7);
    expect(weeklyMinutes('0 0 1 * *')).toBeNull();
  });

  it('a nightly scale-down to 0 from 22:00 to 06:00 takes a third off the fleet', () => {
    const { quantity } = scheduledFleetSize(planOf(fleetBlueprint(nightly)).fleet!);
    expect(quantity).toEqual({ min: 1.333, expected: 1.333, max: 2.667 });
  });

  it('lowers the monthly total in min, expected and max', () => {
    const total = (yaml: string) => summarizeCost(costLines(planOf(yaml), DEFAULT_USAGE)).monthly;
    const withSchedule = total(fleetBlueprint(nightly));
    const without = total(fleetBlueprint('      []\n'));
    for (const bound of ['min', 'expected', 'max'] as const) expect(withSchedule[bound]).toBeLessThan(without[bound]);
  });

  it('a weekday peak raises the expected size for its hours, the state carrying over the week', () => {
    const peak = '      - { name: peak, cron: "0 8 * * MON-FRI", min: 4 }\n      - { name: calm, cron: "0 18 * * MON-FRI", min: 2 }\n';
    const { quantity } = scheduledFleetSize(planOf(fleetBlueprint(peak)).fleet!);
    // 5 days × 10 hours at 4 instances, the rest of the week at 2.
    expect(quantity.expected).toBeCloseTo((50 * 4 + 118 * 2) / 168, 3);
  });

  it('names a calendar schedule it cannot price instead of dropping it silently', () => {
    const monthly = '      - { name: month-end, cron: "0 0 28 * *", min: 4 }\n';
    expect(unpricedScheduleWarnings([planOf(fleetBlueprint(monthly)).fleet!])).toEqual([
      'app schedule month-end (0 0 28 * *) repeats on calendar days, not weekly; the estimate leaves it out',
    ]);
  });
});

describe('shop-4-fleet', () => {
  it('prices its weekday peak by the hour: 6 from 08:30 to 19:00 on weekdays, 2 otherwise', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { examplePlan } = require('./plan-of') as typeof import('./plan-of');
    // 5 × 10.5 h at 6 and the week's other 115.5 h at 2: (315 + 231) / 168 = 3.25.
    expect(scheduledFleetSize(examplePlan(4).fleet!).quantity).toEqual({ min: 3.25, expected: 3.25, max: 10 });
  });
});
