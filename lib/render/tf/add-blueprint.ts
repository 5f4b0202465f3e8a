import { Token } from 'cdktf';
import type { Construct } from 'constructs';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { ArchitecturePlan, DeploymentEnvironment } from '../../plan';
import { deploymentEnvironmentProblem } from '../../plan/deployment-environment';
import { BlueprintStack } from './blueprint-stack';

/** Options of {@link addBlueprint}. */
export interface AddBlueprintOptions {
  /**
   * The caller's environment, as the CloudFormation side's `addBlueprint` takes it: with an `account`, every AWS
   * provider of the stack names it in `allowed_account_ids`, so Terraform refuses to plan or apply with credentials
   * of another account. `region`, when given, must be the blueprint's primary region.
   * @default - any account the credentials name
   */
  readonly env?: DeploymentEnvironment;
}

/**
 * Adds a planned blueprint's Terraform stack (every region in one configuration) to a caller's cdktf
 * `App`, beside the caller's own stacks; its fields (`database.instance`, `fleet.group`, …) reach every part.
 * An `env` that does not fit the blueprint (another region, an account that is not 12 digits) is refused with an
 * Error that says which.
 */
export function addBlueprint(scope: Construct, plan: ArchitecturePlan, options: AddBlueprintOptions = {}): BlueprintStack {
  const problem = options.env ? deploymentEnvironmentProblem(plan, options.env, (value) => Token.isUnresolved(value)) : null;
  // The caller's argument, not a rendering decision: refused before anything is added to the app.
  if (problem) throw new Error(`addBlueprint: ${problem.message}; ${problem.fix}`);
  const stack = new BlueprintStack(scope, { plan });
  const account = options.env?.account;
  if (account !== undefined) {
    for (const provider of stack.node.findAll().filter((node): node is AwsProvider => node instanceof AwsProvider)) provider.allowedAccountIds = [account];
  }
  return stack;
}
