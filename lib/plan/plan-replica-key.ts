import type { AwsRegion } from '../spec';
import type { ReplicaKeyPlan } from './architecture-plan';
import { snakeCase } from './naming';

/** The key a further region's cross-region read replicas are encrypted with (level 7): KMS's default policy, rotated yearly. */
export function planReplicaKey(region: AwsRegion): ReplicaKeyPlan {
  return {
    id: 'Key',
    tfName: `regional_replicas_key_${snakeCase(region)}`,
    region,
    description: `Encrypts the cross-region read replicas in ${region}`,
    rotation: true,
    policy: { principal: 'account-root', actions: ['kms:*'] },
  };
}
