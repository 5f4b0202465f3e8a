import { App, Stack } from 'aws-cdk-lib';
import { Vpc } from 'aws-cdk-lib/aws-ec2';
import { loadBlueprint } from '../../../../lib/spec';
import { createPlan, type ArchitecturePlan } from '../../../../lib/plan';

/** The plan of one of the example blueprints, e.g. `examplePlan('shop-5-sharded')`. */
export function examplePlan(name: string): ArchitecturePlan {
  return createPlan(loadBlueprint(`blueprints/${name}.yaml`).spec);
}

/** A bare stack with a VPC, for testing one construct on its own. */
export function stackWithVpc(): { stack: Stack; vpc: Vpc } {
  const app = new App();
  const stack = new Stack(app, 'Test', { env: { region: 'us-east-1' } });
  const vpc = new Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 1 });
  return { stack, vpc };
}
