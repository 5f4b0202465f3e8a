import { type IRole, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { RuntimePlan } from '../../plan';
import { acknowledge } from './nag';

/** The app's own permissions from the plan (ECR pulls of a private image), added to the tier's role. */
export function grantRuntime(role: IRole, runtime: RuntimePlan): void {
  for (const grant of runtime.grants) {
    role.addToPrincipalPolicy(new PolicyStatement({ actions: [...grant.actions], resources: [...grant.resources] }));
    if (grant.resources.includes('*')) acknowledge(role, 'ecrAuthorizationToken', 'Resource::*');
  }
}
