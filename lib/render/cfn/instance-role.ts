import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import { acknowledge } from './nag';

/**
 * The role of every app instance: Systems Manager's core policy (Session Manager replaces SSH, so
 * there is no key pair and no port 22) and nothing else; read grants are added per data store.
 */
export function instanceRole(scope: Construct, id: string): Role {
  const role = new Role(scope, id, {
    assumedBy: new ServicePrincipal('ec2.amazonaws.com'),
    description: 'App instances: SSM Session Manager and the app settings',
    managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName(SSM_CORE_POLICY)],
  });
  acknowledge(role, 'ssmManagedPolicy', `Policy::arn:<AWS::Partition>:iam::aws:policy/${SSM_CORE_POLICY}`);
  return role;
}

/** The AWS-managed policy the SSM Agent needs. */
const SSM_CORE_POLICY = 'AmazonSSMManagedInstanceCore';
