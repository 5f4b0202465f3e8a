import type { Construct } from 'constructs';
import type { ArchitecturePlan } from '../../plan';
import { BlueprintStack } from './blueprint-stack';

/**
 * Adds a planned blueprint's Terraform stack (every region in one configuration) to a caller's cdktf
 * `App`, beside the caller's own stacks; its fields (`database.instance`, `fleet.group`, …) reach every part.
 */
export function addBlueprint(scope: Construct, plan: ArchitecturePlan): BlueprintStack {
  return new BlueprintStack(scope, { plan });
}
