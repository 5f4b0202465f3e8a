import type { BlueprintSpec, ServiceSpec } from '../blueprint-schema';
import type { Level } from '../levels';

/** A problem found by a rule, located by its path in the blueprint. */
export interface RuleIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly fix: string;
  /** Point at the key rather than its value (for sections that should not be there). */
  readonly atKey?: boolean;
}

/** What a rule sees: the parsed spec, its resolved level, and the raw input to tell what was written. */
export interface RuleContext {
  readonly spec: BlueprintSpec;
  readonly level: Level;
  readonly raw: Record<string, unknown>;
}

/** A cross-field check that zod's per-field schema cannot express. */
export type BlueprintRule = (context: RuleContext) => RuleIssue[];

/** Every queue of a blueprint (the app's, then each service's) with its path. */
export function allQueues(spec: BlueprintSpec) {
  return [
    ...(spec.queues ?? []).map((queue, index) => ({ queue, path: ['queues', index] as (string | number)[] })),
    ...(spec.services ?? []).flatMap((service: ServiceSpec, s) =>
      service.queues.map((queue, index) => ({ queue, path: ['services', s, 'queues', index] as (string | number)[] })),
    ),
  ];
}

/** Issues for values that appear more than once in a list. */
export function duplicates(values: readonly string[], path: readonly (string | number)[], what: string, field?: string): RuleIssue[] {
  return values.flatMap((value, index) =>
    values.indexOf(value) < index
      ? [{ path: field ? [...path, index, field] : [...path, index], message: `${what} "${value}" appears twice`, fix: `remove the repeat or rename it` }]
      : [],
  );
}
