import { createPlan } from '../../lib/plan';
import { loadBlueprint } from '../../lib/spec';

/** The plan of an example blueprint, by its level number. */
export function examplePlan(level: number) {
  const files = ['shop-1-single-server', 'shop-2-separate-db', 'shop-3-cache', 'shop-4-fleet', 'shop-5-sharded', 'shop-6-microservices', 'shop-7-multi-region'];
  return createPlan(loadBlueprint(`blueprints/${files[level - 1]}.yaml`).spec);
}
