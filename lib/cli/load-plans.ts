import { loadBlueprint, SpecError, type SpecProblem } from '../spec';
import { type ArchitecturePlan, createPlan, parityExceptionWarnings } from '../plan';
import { overrideProblems } from '../library/check-overrides';

/** A blueprint file and the plan resolved from it. */
export interface PlannedBlueprint {
  readonly file: string;
  readonly plan: ArchitecturePlan;
}

/** Loads every blueprint and plans it (overrides checked against the outputs); reports the problems of all files together. */
export function loadPlans(files: readonly string[]): PlannedBlueprint[] {
  const problems: SpecProblem[] = [];
  const planned: PlannedBlueprint[] = [];
  for (const file of files) {
    try {
      const plan = createPlan(loadBlueprint(file).spec);
      const unknown = overrideProblems(plan, file);
      if (unknown.length > 0) throw new SpecError(unknown);
      for (const warning of parityExceptionWarnings(plan.overrides)) process.stderr.write(`tierup: warning: ${file}: ${warning}\n`);
      planned.push({ file, plan });
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new SpecError(problems);
  return planned;
}
