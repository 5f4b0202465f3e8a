import { Aws, type CfnResource, Stack } from 'aws-cdk-lib';
import type { UserData } from 'aws-cdk-lib/aws-ec2';
import type { ArchitecturePlan, BootTier, RegionPlan } from '../../plan';
import { bootScriptLines } from '../../plan/boot/boot-script';

export { APP_ENV_FILE } from '../../plan/boot/settings-script';

/** Which boot script a tier's instances run: the plan, the region of the stack and the tier. */
export interface BootContext {
  readonly plan: ArchitecturePlan;
  readonly region: RegionPlan;
  readonly tier: BootTier;
}

/**
 * Adds the tier's boot script (lib/plan/boot) to `userData`; once its app is healthy the instance
 * signals `signalled` (the instance or Auto Scaling group whose creation and update policies wait).
 * Called after that resource exists: instances and launch templates render their user data lazily.
 */
export function addBootScript(userData: UserData, boot: BootContext, signalled: CfnResource | null): void {
  const signal = signalled && { stack: Aws.STACK_NAME, resource: Stack.of(signalled).getLogicalId(signalled), region: Aws.REGION };
  userData.addCommands(...bootScriptLines(boot.plan, boot.tier, boot.region, signal));
}
