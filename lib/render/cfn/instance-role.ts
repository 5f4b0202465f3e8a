import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';

/**
 * The role of every app instance: Systems Manager's core policy (Session Manager replaces SSH, so
 * there is no key pair and no port 22) and nothing else; read grants are added per data store.
 */
export function instanceRole(scope: Construct, id: string): Role {
  return new Role(scope, id, {
    assumedBy: new ServicePrincipal('ec2.amazonaws.com'),
    description: 'App instances: SSM Session Manager and the app settings',
    managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName('AmazonSSMManagedInstanceCore')],
  });
}
