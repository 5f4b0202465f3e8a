import { createPlan, scheduleFindings } from '../../lib/plan';
import { parseBlueprint } from '../../lib/spec';

const findingsOf = (schedules: string, extra = '') =>
  scheduleFindings(createPlan(parseBlueprint(`name: shop\nlevel: 4\napp: { scaling: { min: 2, schedules: ${schedules} } }\n${extra}`, 'test.yaml').spec));

describe('schedules that never lower the minimum again', () => {
  it('warns when every schedule raises the minimum, naming the schedule, the sizes and a fix', () => {
    const [finding, ...rest] = findingsOf('[{ name: peak, cron: "30 8 * * MON-FRI", min: 6 }]');
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ severity: 'warning', rule: 'schedule-never-lowered', path: ['app', 'scaling', 'schedules'] });
    expect(finding.message).toMatch(/schedule peak raises the minimum of the app's fleet to 6 .* keeps at least 6 instances, not 2/);
    expect(finding.fix).toMatch(/min: 2 \}/);
  });

  it('is quiet when a schedule brings the minimum back', () => {
    expect(findingsOf('[{ name: peak, cron: "30 8 * * MON-FRI", min: 6 }, { name: night, cron: "0 19 * * MON-FRI", min: 2 }]')).toEqual([]);
  });

  it('is quiet for schedules that change only max or desired', () => {
    expect(findingsOf('[{ name: cap, cron: "0 0 * * *", max: 4 }, { name: warm, cron: "0 7 * * *", desired: 5 }]')).toEqual([]);
  });

  it('names the smallest raised minimum when several schedules raise it', () => {
    const [finding] = findingsOf('[{ name: morning, cron: "0 7 * * *", min: 4 }, { name: noon, cron: "0 12 * * *", min: 8 }]');
    expect(finding.message).toMatch(/schedule noon raises .* to 8 .* keeps at least 4 instances/);
  });

  it('checks services\' fleets at their own path', () => {
    const findings = scheduleFindings(createPlan(parseBlueprint([
      'name: shop', 'level: 6',
      'services: [{ name: api, pathPattern: "/api/*", scaling: { min: 1, schedules: [{ name: peak, cron: "0 9 * * *", min: 3 }] } }]',
    ].join('\n'), 'test.yaml').spec));
    expect(findings.map((finding) => finding.path)).toEqual([['services', 0, 'scaling', 'schedules']]);
    expect(findings[0].message).toMatch(/service api's fleet to 3/);
  });
});
