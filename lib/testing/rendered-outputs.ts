import type { ArchitecturePlan } from '../plan';
import { formatProblem } from '../spec';
import { planBlueprint } from '../library/plan-blueprint';

/** A CloudFormation template as JSON. */
export interface CloudFormationTemplate {
  readonly Resources?: Readonly<Record<string, { readonly Type: string; readonly Properties?: Readonly<Record<string, unknown>>; readonly [key: string]: unknown }>>;
  readonly [section: string]: unknown;
}

/** A Terraform JSON configuration. */
export interface TerraformConfig {
  readonly resource?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, unknown>>>>>>;
  readonly [block: string]: unknown;
}

/** What one blueprint renders to, keyed by stack name (CloudFormation nested stacks as "<parent>/<id>"). */
export interface RenderedOutputs {
  readonly cloudformation: Readonly<Record<string, CloudFormationTemplate>>;
  readonly terraform: Readonly<Record<string, TerraformConfig>>;
}

/** The engines to render; both unless asked. */
export type Engine = 'cloudformation' | 'terraform';

/** A blueprint file's path, or a plan made with `planBlueprint`/`createPlan`. */
export type BlueprintSource = string | ArchitecturePlan;

/** The plan of a source; a blueprint with problems throws them (formatted), which fails the calling test. */
export function planOf(source: BlueprintSource): ArchitecturePlan {
  if (typeof source !== 'string') return source;
  const result = planBlueprint(source);
  if (!result.ok) throw new Error(`tierup: ${source} is not a valid blueprint:\n${result.problems.map(formatProblem).join('\n')}`);
  return result.plan;
}

/**
 * Renders a blueprint exactly as `tierup synth` does, in memory; an engine left out renders as `{}`.
 * Each engine is loaded only when asked for.
 */
export function renderOutputs(source: BlueprintSource, engines: readonly Engine[] = ['cloudformation', 'terraform']): RenderedOutputs {
  const plan = planOf(source);
  /* eslint-disable @typescript-eslint/no-require-imports */
  const cloudformation = engines.includes('cloudformation')
    ? (require('../render/cfn/synthesize') as typeof import('../render/cfn/synthesize')).renderCfnTemplates(plan)
    : {};
  const terraform = engines.includes('terraform')
    ? (require('../render/tf/synthesize') as typeof import('../render/tf/synthesize')).renderTfConfigs(plan)
    : {};
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { cloudformation, terraform };
}
