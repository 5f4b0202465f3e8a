import { Token } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import type { ArchitecturePlan, DeploymentEnvironment, OverrideIssue } from '../../plan';
import { deploymentEnvironmentProblem } from '../../plan/deployment-environment';
import { BlueprintStack } from './blueprint-stack';
import type { CertificateStack } from './certificate-stack';
import { addMonitoringStacks, type MonitoringStack } from './monitoring-stack';
import { RegionalStack } from './regional-stack';
import { addCheckovSkips } from './checkov-skips';

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

/** Options of {@link addBlueprint}. */
export interface AddBlueprintOptions {
  /**
   * The caller's environment, as its own stacks pin it (`env: { account, region }`). tierup's stacks then deploy to
   * that account, so the caller's stacks may use theirs (grant the fleet's role, read the database's endpoint):
   * aws-cdk-lib refuses references between an account-pinned stack and an environment-agnostic one
   * (`CannotUseCrossEnvironment`). `region`, when given, must be the blueprint's primary region (its first in
   * `regions`): the blueprint decides where each stack goes, level 7's further regions and CloudFront's us-east-1
   * certificate stack included.
   * @default - the enclosing Stage's account, if it has one; otherwise environment-agnostic stacks
   */
  readonly env?: DeploymentEnvironment;
}

/**
 * Adds a planned blueprint's stacks to a caller's CDK `App` (or `Stage`), beside the caller's own stacks;
 * the caller synthesizes, applies Aspects and deploys as with any CDK app. An `env` that does not fit the
 * blueprint (another region, an account that is not 12 digits) is refused with an Error that says which.
 */
export function addBlueprint(scope: Construct, plan: ArchitecturePlan, options: AddBlueprintOptions = {}): CdkBlueprint {
  const problem = options.env ? deploymentEnvironmentProblem(plan, options.env, (value) => Token.isUnresolved(value)) : null;
  // The caller's argument, not a rendering decision: refused before anything is added to the app.
  if (problem) throw new Error(`addBlueprint: ${problem.message}; ${problem.fix}`);
  const account = options.env?.account;
  const stack = new BlueprintStack(scope, { plan, account });
  const regionalStacks = plan.regions.filter((region) => !region.primary).map((region) => new RegionalStack(scope, { plan, region, account }));
  const monitoringStacks = addMonitoringStacks(scope, plan, account);
  [stack, ...(stack.certificateStack ? [stack.certificateStack] : []), ...regionalStacks, ...monitoringStacks].forEach((each) => addCheckovSkips(each, plan));
  return { stack, certificateStack: stack.certificateStack, regionalStacks, monitoringStacks, overrideIssues: stack.overrideIssues };
}
