import type { ScalingSpec } from '../blueprint-schema';
import { cronProblem } from '../cron';
import { allQueues, type BlueprintRule, duplicates, type RuleIssue } from './rule-context';

/** min ≤ max everywhere, and schedules that are valid crons within the fleet's bounds. */
export const scalingIsConsistent: BlueprintRule = ({ spec }) => [
  ...scalingIssues(spec.app.scaling, ['app', 'scaling']),
  ...(spec.services ?? []).flatMap((service, index) => scalingIssues(service.scaling, ['services', index, 'scaling'])),
  ...allQueues(spec).flatMap(({ queue, path }) =>
    queue.worker && queue.worker.min > queue.worker.max
      ? [minAboveMax(queue.worker.min, queue.worker.max, [...path, 'worker'])]
      : [],
  ),
];

function scalingIssues(scaling: ScalingSpec | undefined, path: (string | number)[]): RuleIssue[] {
  if (!scaling) return [];
  const issues: RuleIssue[] = [];
  if (scaling.min !== undefined && scaling.max !== undefined && scaling.min > scaling.max) {
    issues.push(minAboveMax(scaling.min, scaling.max, path));
  }
  scaling.schedules.forEach((schedule, index) => {
    const schedulePath = [...path, 'schedules', index];
    const problem = cronProblem(schedule.cron);
    if (problem) issues.push({ path: [...schedulePath, 'cron'], message: `cron "${schedule.cron}" ${problem}`, fix: 'write a five-field cron in UTC, e.g. "30 8 * * MON-FRI"' });
    if (schedule.min !== undefined && schedule.max !== undefined && schedule.min > schedule.max) {
      issues.push(minAboveMax(schedule.min, schedule.max, schedulePath));
    }
    // AWS rejects a scheduled action whose sizes fall outside the group's (or its own) bounds when it runs.
    const ceiling = schedule.max ?? scaling.max;
    for (const field of ['min', 'desired'] as const) {
      const value = schedule[field];
      if (value !== undefined && ceiling !== undefined && value > ceiling) {
        issues.push({
          path: [...schedulePath, field],
          message: `schedule "${schedule.name}" sets ${field} ${value}, above the ${schedule.max !== undefined ? "schedule's" : "fleet's"} max of ${ceiling}`,
          fix: `lower ${field} to ${ceiling} or raise ${schedule.max !== undefined ? 'the schedule\'s' : 'scaling.'}max`,
        });
      }
    }
    if (schedule.min === undefined && schedule.max === undefined && schedule.desired === undefined) {
      issues.push({ path: schedulePath, message: `schedule "${schedule.name}" changes nothing`, fix: 'give it min, max or desired' });
    }
  });
  issues.push(...duplicates(scaling.schedules.map((s) => s.name), [...path, 'schedules'], 'schedule name', 'name'));
  return issues;
}

function minAboveMax(min: number, max: number, path: readonly (string | number)[]): RuleIssue {
  return { path: [...path, 'min'], message: `min (${min}) is above max (${max})`, fix: `lower min to ${max} or raise max to ${min}` };
}
