import { loadBlueprint, SpecError, type SpecProblem } from '../spec';
import { type ArchitecturePlan, createPlan } from '../plan';

/** A blueprint file and the plan resolved from it. */
export interface PlannedBlueprint {
  readonly file: string;
  readonly plan: ArchitecturePlan;
}

/** Loads every blueprint and plans it; reports the problems of all files together. */
export function loadPlans(files: readonly string[]): PlannedBlueprint[] {
  const problems: SpecProblem[] = [];
  const planned: PlannedBlueprint[] = [];
  for (const file of files) {
    try {
      planned.push({ file, plan: createPlan(loadBlueprint(file).spec) });
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new SpecError(problems);
  return planned;
}
