import { readFileSync } from 'node:fs';
import { type ArchitecturePlan, createPlan, type OverrideEngine, parityExceptionWarnings } from '../plan';
import { type BlueprintSpec, parseBlueprint, SpecError, type SpecProblem } from '../spec';
import { overrideProblems } from './check-overrides';

/** A blueprint that loaded, validated and planned, with the warnings worth showing its author. */
export interface PlannedBlueprintResult {
  readonly ok: true;
  /** The file as named by the caller (or the name given to inline text). */
  readonly file: string;
  readonly spec: BlueprintSpec;
  /** The resolved plan both renderers read: every default applied, every id chosen. */
  readonly plan: ArchitecturePlan;
  readonly warnings: readonly string[];
}

/** A blueprint that cannot be used: every problem found, each with file, line, field and how to fix it. */
export interface FailedBlueprintResult {
  readonly ok: false;
  readonly file: string;
  readonly problems: readonly SpecProblem[];
}

/** What {@link planBlueprint} returns: errors are data, never thrown and never printed. */
export type BlueprintResult = PlannedBlueprintResult | FailedBlueprintResult;

/** Options of {@link planBlueprint}. */
export interface PlanBlueprintOptions {
  /**
   * The engines whose overrides are checked against what tierup generates (building that engine's
   * constructs in memory); a CDK-only app passes `['cloudformation']` and never loads cdktf.
   * @default ['cloudformation', 'terraform']
   */
  readonly engines?: readonly OverrideEngine[];
}

/** Reads, validates and plans a blueprint file (YAML or JSON); problems come back in the result. */
export function planBlueprint(file: string, options: PlanBlueprintOptions = {}): BlueprintResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return failed(file, [{
      file, line: 0, column: 0, field: '',
      message: code === 'ENOENT' ? 'does not exist' : `cannot be read (${code ?? 'unknown error'})`,
      fix: 'check the path, or create a blueprint with `tierup init > blueprint.yaml`',
    }]);
  }
  return planBlueprintText(text, file, options);
}

/**
 * Validates and plans blueprint text; `file` names it in problems. A blueprint with overrides also has them
 * checked against what the engines they target generate (which loads those engines).
 */
export function planBlueprintText(text: string, file = 'blueprint.yaml', options: PlanBlueprintOptions = {}): BlueprintResult {
  try {
    const { spec } = parseBlueprint(text, file);
    const plan = createPlan(spec);
    const problems = overrideProblems(plan, file, text, options.engines);
    if (problems.length > 0) return failed(file, problems);
    return { ok: true, file, spec, plan, warnings: parityExceptionWarnings(plan.overrides) };
  } catch (error) {
    if (error instanceof SpecError) return failed(file, error.problems);
    throw error;
  }
}

function failed(file: string, problems: readonly SpecProblem[]): FailedBlueprintResult {
  return { ok: false, file, problems };
}
