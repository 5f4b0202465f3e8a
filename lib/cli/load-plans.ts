import type { ArchitecturePlan } from '../plan';
import type { BlueprintSpec, SpecProblem } from '../spec';
import { SpecError } from '../spec/spec-error';

/** A blueprint file, its parsed spec and the plan resolved from it. */
export interface PlannedBlueprint {
  readonly file: string;
  readonly spec: BlueprintSpec;
  readonly plan: ArchitecturePlan;
}

/** Loads every blueprint and plans it (overrides checked against the outputs); reports the problems of all files together. */
export function loadPlans(files: readonly string[]): PlannedBlueprint[] {
  // Loaded here, not at the top: zod and yaml are a third of what `tierup --help` would compile.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadBlueprint } = require('../spec/load-blueprint') as typeof import('../spec/load-blueprint');
  const { createPlan } = require('../plan/create-plan') as typeof import('../plan/create-plan');
  const { parityExceptionWarnings } = require('../plan/override-plan') as typeof import('../plan/override-plan');
  const { overrideProblems } = require('../library/check-overrides') as typeof import('../library/check-overrides');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const problems: SpecProblem[] = [];
  const planned: PlannedBlueprint[] = [];
  for (const file of files) {
    try {
      const { spec } = loadBlueprint(file);
      const plan = createPlan(spec);
      const unknown = overrideProblems(plan, file);
      if (unknown.length > 0) throw new SpecError(unknown);
      for (const warning of parityExceptionWarnings(plan.overrides)) process.stderr.write(`tierup: warning: ${file}: ${warning}\n`);
      planned.push({ file, spec, plan });
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new SpecError(problems);
  return planned;
}
