import { tmpdir } from 'node:os';
import { App } from 'aws-cdk-lib';
import type { ArchitecturePlan, OverrideIssue } from '../../plan';
import { BlueprintStack } from './blueprint-stack';
import { CFN_APP_PROPS } from './synthesize';

/**
 * The plan's CloudFormation override issues, from its primary stack built in memory. The app never
 * synthesizes: inside a caller's `cdk synth` (CDK_OUTDIR set) an app would otherwise write itself over the
 * caller's cloud assembly when the process exits.
 */
export function cfnOverrideIssues(plan: ArchitecturePlan): readonly OverrideIssue[] {
  return new BlueprintStack(new App({ ...CFN_APP_PROPS, outdir: tmpdir(), autoSynth: false }), { plan }).overrideIssues;
}
