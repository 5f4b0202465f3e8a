import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { type ArchitecturePlan, createPlan } from '../../lib/plan';
import { loadBlueprint } from '../../lib/spec';

const ROOT = join(__dirname, '..', '..');

/** Every example of both ladders: blueprints/shop-1..7 (production), the blog fixtures (staging, MySQL, Valkey, 3 AZs), and shop in the team's own VPC. */
export const EXAMPLE_FILES: readonly string[] = [
  ...readdirSync(join(ROOT, 'blueprints')).filter((file) => file.endsWith('.yaml')).map((file) => join('blueprints', file)),
  ...readdirSync(join(ROOT, 'test', 'fixtures', 'ladder-blog')).filter((file) => file.endsWith('.yaml')).map((file) => join('test', 'fixtures', 'ladder-blog', file)),
  ...readdirSync(join(ROOT, 'test', 'fixtures', 'existing-vpc')).filter((file) => file.endsWith('.yaml')).map((file) => join('test', 'fixtures', 'existing-vpc', file)),
].toSorted();

/** An example's plan, by its path relative to the repository. */
export function planOf(file: string): ArchitecturePlan {
  return createPlan(loadBlueprint(join(ROOT, file)).spec);
}
