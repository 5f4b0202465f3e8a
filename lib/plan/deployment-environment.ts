import type { ArchitecturePlan } from './architecture-plan';

/** Where a caller's app pins its own stacks (`env: { account, region }`), as a library caller hands it to `addBlueprint`. */
export interface DeploymentEnvironment {
  readonly account?: string;
  readonly region?: string;
}

/** Why a caller's environment cannot hold the blueprint's stacks. */
export interface DeploymentEnvironmentProblem {
  readonly message: string;
  readonly fix: string;
}

/**
 * Why `env` cannot hold a blueprint's stacks, or null when it can: its region must be the blueprint's primary one
 * (the blueprint decides where every stack goes), its account an AWS account id. Values the engine resolves only
 * at deploy time (`isUnresolved`: a token) are left to it.
 */
export function deploymentEnvironmentProblem(plan: ArchitecturePlan, env: DeploymentEnvironment, isUnresolved: (value: string) => boolean): DeploymentEnvironmentProblem | null {
  const primary = plan.regions[0].region;
  if (env.region !== undefined && !isUnresolved(env.region) && env.region !== primary) {
    return {
      message: `env.region is ${env.region}, but blueprint "${plan.name}" puts its primary stack in ${primary} (the first of its regions: ${plan.regions.map((region) => region.region).join(', ')})`,
      fix: `pass env: { account, region: '${primary}' } (or the account alone), or make ${env.region} the blueprint's first region`,
    };
  }
  // https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html: a 12-digit number.
  if (env.account !== undefined && !isUnresolved(env.account) && !/^\d{12}$/.test(env.account)) {
    return { message: `env.account "${env.account}" is not an AWS account id`, fix: 'pass the 12-digit account id, as your own stacks\' env has it' };
  }
  return null;
}
