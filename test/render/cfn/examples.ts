import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { type ArchitecturePlan, createPlan } from '../../../lib/plan';
import { BlueprintStack, CFN_APP_PROPS } from '../../../lib/render/cfn';
import { loadBlueprint, parseBlueprint } from '../../../lib/spec';

/** The example blueprints, shop-1 … shop-7, by level. */
export const EXAMPLES_DIR = join(__dirname, '..', '..', '..', 'blueprints');

/** The example file of a level. */
export function exampleFile(level: number): string {
  return join(EXAMPLES_DIR, readdirSync(EXAMPLES_DIR).filter((file) => file.startsWith(`shop-${level}-`))[0]);
}

/** The plan of an example, optionally with YAML lines replaced (`{ 'environment: production': 'environment: development' }`). */
export function examplePlan(level: number, edits: Readonly<Record<string, string>> = {}): ArchitecturePlan {
  if (Object.keys(edits).length === 0) {
    return createPlan(loadBlueprint(exampleFile(level)).spec);
  }
  const text = Object.entries(edits).reduce((yaml, [from, to]) => yaml.replace(from, to), readFileSync(exampleFile(level), 'utf8'));
  return createPlan(parseBlueprint(text, exampleFile(level)).spec);
}

/** A plan's primary stack as an assertions Template. */
export function templateOf(plan: ArchitecturePlan): { stack: BlueprintStack; template: Template } {
  const stack = new BlueprintStack(new App(CFN_APP_PROPS), { plan });
  return { stack, template: Template.fromStack(stack) };
}

/** How many resources of each type a template holds. */
export function resourceTypes(template: Template): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const resource of Object.values<{ Type: string }>(template.toJSON().Resources)) {
    counts[resource.Type] = (counts[resource.Type] ?? 0) + 1;
  }
  return counts;
}
