import type { FleetPlan, SchedulePlan } from '../plan';
import type { Quantity } from './cost-model';

const MINUTES_PER_WEEK = 7 * 24 * 60;

/** A fleet's average size over a week once its scheduled actions apply, and the schedules that could not be priced. */
export interface ScheduledFleetSize {
  /** Average instances at the fleet's minimum, expected (desired) and maximum bounds. */
  readonly quantity: Quantity;
  /** Schedules left out of the average (with why): their cron repeats on a calendar, not weekly. */
  readonly unpriced: readonly string[];
}

/**
 * Prices scheduled scaling: replays a fleet's scheduled actions minute by minute over a week (in UTC,
 * as Auto Scaling runs them) and averages the group's min, desired and max. A scheduled `min` above
 * the expected size raises it, a `max` below lowers it, as Auto Scaling does; a `desired` holds until the next action. A week is simulated twice so
 * the state carried over from last week's final action (a nightly scale-down that ends at 06:00) counts.
 * Schedules whose day-of-month or month is not `*` do not repeat weekly; they are left out and named.
 */
export function scheduledFleetSize(fleet: FleetPlan): ScheduledFleetSize {
  const base = { min: fleet.min, expected: fleet.desired, max: fleet.max };
  const weekly = fleet.schedules.filter((schedule) => weeklyMinutes(schedule.cron) !== null);
  const unpriced = fleet.schedules
    .filter((schedule) => !weekly.includes(schedule))
    .map((schedule) => `${fleet.name} schedule ${schedule.name} (${schedule.cron}) repeats on calendar days, not weekly`);
  if (weekly.length === 0) return { quantity: base, unpriced };
  const fires = new Map<number, SchedulePlan[]>();
  for (const schedule of weekly) {
    for (const minute of weeklyMinutes(schedule.cron)!) fires.set(minute, [...(fires.get(minute) ?? []), schedule]);
  }
  let { min, max } = fleet;
  let desired = fleet.desired;
  const sums = { min: 0, expected: 0, max: 0 };
  for (let minute = 0; minute < 2 * MINUTES_PER_WEEK; minute++) {
    for (const schedule of fires.get(minute % MINUTES_PER_WEEK) ?? []) {
      min = schedule.min ?? min;
      max = schedule.max ?? max;
      // Target tracking keeps the expected size once an action's bounds allow it; an explicit desired holds until the next action.
      desired = schedule.desired ?? fleet.desired;
    }
    desired = Math.min(max, Math.max(min, desired));
    if (minute >= MINUTES_PER_WEEK) {
      sums.min += min;
      sums.expected += desired;
      sums.max += max;
    }
  }
  const average = (sum: number) => Math.round((sum / MINUTES_PER_WEEK) * 1000) / 1000;
  return { quantity: { min: average(sums.min), expected: average(sums.expected), max: average(sums.max) }, unpriced };
}

/** Minutes of the week (0 = Sunday 00:00 UTC) at which a cron fires, or null when it is not a weekly pattern. */
export function weeklyMinutes(cron: string): number[] | null {
  const [minute, hour, dayOfMonth, month, dayOfWeek] = cron.trim().split(/\s+/);
  if (dayOfMonth !== '*' || month !== '*') return null;
  const minutes = expand(minute, 0, 59, []);
  const hours = expand(hour, 0, 23, []);
  const days = expand(dayOfWeek, 0, 7, ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'])?.map((day) => day % 7);
  if (!minutes || !hours || !days) return null;
  const result = new Set<number>();
  for (const day of new Set(days)) for (const h of hours) for (const m of minutes) result.add(day * 1440 + h * 60 + m);
  return [...result].toSorted((a, b) => a - b);
}

function expand(field: string, low: number, high: number, names: readonly string[]): number[] | null {
  const values = new Set<number>();
  for (const part of field.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    const value = (token: string) => (/^\d+$/.test(token) ? Number(token) : names.indexOf(token.toUpperCase()));
    const [from, to] = range === '*' ? [low, high] : range.includes('-') ? range.split('-').map(value) : [value(range), stepText === undefined ? value(range) : high];
    if (!(from >= low && to <= high && from <= to && step >= 1)) return null;
    for (let current = from; current <= to; current += step) values.add(current);
  }
  return [...values];
}

/** Warnings for the schedules of every fleet that the estimate could not price. */
export function unpricedScheduleWarnings(fleets: readonly FleetPlan[]): string[] {
  return fleets.flatMap((fleet) => scheduledFleetSize(fleet).unpriced.map((reason) => `${reason}; the estimate leaves it out`));
}
