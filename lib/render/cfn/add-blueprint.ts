import type { Construct } from 'constructs';
import type { ArchitecturePlan, OverrideIssue } from '../../plan';
import { BlueprintStack } from './blueprint-stack';
import type { CertificateStack } from './certificate-stack';
import { addMonitoringStacks, type MonitoringStack } from './monitoring-stack';
import { RegionalStack } from './regional-stack';

/** The stacks one blueprint adds to a caller's app. */
export interface CdkBlueprint {
  /** The primary region's stack; its fields (`database.instance`, `fleet.autoScalingGroup`, …) reach every part. */
  readonly stack: BlueprintStack;
  /** CloudFront's certificate in us-east-1 when the domain's primary region is another (the stack depends on it); else null. */
  readonly certificateStack: CertificateStack | null;
  /** Level 7: one stack per further region, in the order of the blueprint's `regions`. */
  readonly regionalStacks: readonly RegionalStack[];
  /** The us-east-1 alarms of CloudFront and Route 53 when no blueprint region is us-east-1 (`RegionMonitoringPlan.globalServicesOnly`). */
  readonly monitoringStacks: readonly MonitoringStack[];
  /** The blueprint's CloudFormation overrides that name nothing here, and so were not applied (none when it was planned with `planBlueprint`). */
  readonly overrideIssues: readonly OverrideIssue[];
}

/**
 * Adds a planned blueprint's stacks to a caller's CDK `App` (or `Stage`), beside the caller's own stacks;
 * the caller synthesizes, applies Aspects and deploys as with any CDK app.
 */
export function addBlueprint(scope: Construct, plan: ArchitecturePlan): CdkBlueprint {
  const stack = new BlueprintStack(scope, { plan });
  const regionalStacks = plan.regions.filter((region) => !region.primary).map((region) => new RegionalStack(scope, { plan, region }));
  const monitoringStacks = addMonitoringStacks(scope, plan);
  return { stack, certificateStack: stack.certificateStack, regionalStacks, monitoringStacks, overrideIssues: stack.overrideIssues };
}
