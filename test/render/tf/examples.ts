import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type ArchitecturePlan, createPlan } from '../../../lib/plan';
import { loadBlueprint, parseBlueprint } from '../../../lib/spec';

const BLUEPRINTS = join(__dirname, '..', '..', '..', 'blueprints');

/** Every example blueprint file, in ladder order. */
export const EXAMPLE_FILES: readonly string[] = readdirSync(BLUEPRINTS).filter((file) => file.endsWith('.yaml')).toSorted();

/** The plan of one example by file name, with optional text edits of the blueprint. */
export function examplePlan(file: string, edits: Readonly<Record<string, string>> = {}): ArchitecturePlan {
  if (Object.keys(edits).length === 0) return createPlan(loadBlueprint(join(BLUEPRINTS, file)).spec);
  const text = Object.entries(edits).reduce((yaml, [from, to]) => yaml.replace(from, to), readFileSync(join(BLUEPRINTS, file), 'utf8'));
  return createPlan(parseBlueprint(text, file).spec);
}

/** The plan of the ladder's example for a level (shop-<level>-*.yaml). */
export function levelPlan(level: number): ArchitecturePlan {
  const file = EXAMPLE_FILES.find((name) => name.startsWith(`shop-${level}-`));
  return examplePlan(file ?? `shop-${level}-missing.yaml`);
}
