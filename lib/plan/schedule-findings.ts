import type { ArchitecturePlan, FleetPlan } from './architecture-plan';

/** A scheduled action that leaves a fleet larger than the blueprint means, for `validate` to warn about. */
export interface ScheduleFinding {
  readonly rule: 'schedule-never-lowered';
  readonly severity: 'warning';
  readonly message: string;
  readonly fix: string;
  /** The fleet's schedules in the blueprint (`['app', 'scaling', 'schedules']`). */
  readonly path: readonly (string | number)[];
}

/**
 * A scheduled action's `min` stays in force until another action changes it: Auto Scaling does not restore the
 * group's size when a peak ends. A fleet whose every `min`-setting action raises it above the blueprint's `min`
 * therefore never returns to it after the first peak (and `cost` would price the raised size).
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-scheduled-scaling.html
 */
export function scheduleFindings(plan: ArchitecturePlan): ScheduleFinding[] {
  const fleets: { fleet: FleetPlan; path: (string | number)[] }[] = [
    ...(plan.fleet ? [{ fleet: plan.fleet, path: ['app', 'scaling', 'schedules'] }] : []),
    ...plan.services.map((service, index) => ({ fleet: service.fleet, path: ['services', index, 'scaling', 'schedules'] })),
  ];
  return fleets.flatMap(({ fleet, path }) => {
    const setting = fleet.schedules.filter((schedule) => schedule.min !== null);
    if (setting.length === 0 || setting.some((schedule) => schedule.min! <= fleet.min)) return [];
    const highest = setting.reduce((top, schedule) => (schedule.min! > top.min! ? schedule : top));
    const where = fleet.name === 'app' ? 'the app\'s fleet' : `service ${fleet.name}'s fleet`;
    return [{
      rule: 'schedule-never-lowered',
      severity: 'warning',
      message: `schedule ${highest.name} raises the minimum of ${where} to ${highest.min} and no schedule lowers it again: from its first run the fleet keeps at least ${Math.min(...setting.map((schedule) => schedule.min!))} instances, not ${fleet.min}`,
      fix: `add a schedule that sets the minimum back after the peak, e.g. \`{ name: ${highest.name}-end, cron: "0 19 * * MON-FRI", min: ${fleet.min} }\``,
      // Schedules are planned sorted by name, so the finding points at the list; the message names the schedule.
      path,
    }];
  });
}
