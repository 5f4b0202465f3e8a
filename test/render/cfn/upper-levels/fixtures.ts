import { App, RemovalPolicy, Stack } from 'aws-cdk-lib';
import { CFN_APP_PROPS } from '../../../../lib/render/cfn/synthesize';
import type { IVpc } from 'aws-cdk-lib/aws-ec2';
import { type BlueprintSpec, loadBlueprint } from '../../../../lib/spec';
import { createPlan, type ArchitecturePlan } from '../../../../lib/plan';
import { Network } from '../../../../lib/render/cfn/network';

/** The plan of one of the example blueprints, e.g. `examplePlan('shop-5-sharded')`. */
export function examplePlan(name: string): ArchitecturePlan {
  return createPlan(loadBlueprint(`blueprints/${name}.yaml`).spec);
}

/** An example's plan after `change` edits its parsed spec, e.g. to give its workers an image. */
export function examplePlanWith(name: string, change: (spec: BlueprintSpec) => void): ArchitecturePlan {
  const { spec } = loadBlueprint(`blueprints/${name}.yaml`);
  change(spec);
  return createPlan(spec);
}

/** A bare stack with the level-4 network, for testing one construct on its own. */
export function stackWithVpc(): { stack: Stack; vpc: IVpc } {
  const app = new App(CFN_APP_PROPS);
  const stack = new Stack(app, 'Test', { env: { region: 'us-east-1' } });
  const network = new Network(stack, 'Network', { plan: examplePlan('shop-5-sharded').network, existing: null, logRemovalPolicy: RemovalPolicy.DESTROY });
  return { stack, vpc: network.vpc };
}
