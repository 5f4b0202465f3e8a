import { RemovalPolicy } from 'aws-cdk-lib';
import { AccountRootPrincipal, type IPrincipal, PolicyDocument, PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { ReplicaKeyPlan } from '../../plan';

/** The principals a key policy names, by the plan's word for them. */
const PRINCIPALS = { 'account-root': () => new AccountRootPrincipal() } as const satisfies Record<ReplicaKeyPlan['policy']['principal'], () => IPrincipal>;

/**
 * The plan's KMS key of a further region's cross-region read replicas, with the plan's key policy and rotation.
 * Retained when it leaves the stack, as the replicas' other regional helpers are: snapshots it encrypted stay readable.
 */
export function replicaKey(scope: Construct, plan: ReplicaKeyPlan): Key {
  return new Key(scope, plan.id, {
    description: plan.description,
    enableKeyRotation: plan.rotation,
    policy: new PolicyDocument({
      statements: [new PolicyStatement({ principals: [PRINCIPALS[plan.policy.principal]()], actions: [...plan.policy.actions], resources: ['*'] })],
    }),
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
