import { App } from 'aws-cdk-lib';
import type { ArchitecturePlan, OverrideIssue } from '../../plan';
import { BlueprintStack } from './blueprint-stack';
import { CFN_APP_PROPS } from './synthesize';

/** The plan's CloudFormation override issues, from its primary stack built in memory (nothing synthesized). */
export function cfnOverrideIssues(plan: ArchitecturePlan): readonly OverrideIssue[] {
  return new BlueprintStack(new App(CFN_APP_PROPS), { plan }).overrideIssues;
}
