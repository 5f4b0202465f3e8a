import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import type { ReplicaKeyPlan, RetentionPlan } from '../../plan';
import type { Placement } from './placement';
import { policyDocument } from './policy-documents';
import { helperName, named, statefulLifecycle } from './terraform-names';

/** Props of {@link ReplicaKey}. */
export interface ReplicaKeyProps {
  readonly plan: ReplicaKeyPlan;
  /** The further region's provider. */
  readonly provider: TerraformProvider;
  readonly retention: RetentionPlan;
}

/** The principals a key policy names, by the plan's word for them. */
const PRINCIPALS = {
  'account-root': (partition: string, account: string) => ({ AWS: `arn:${partition}:iam::${account}:root` }),
} as const satisfies Record<ReplicaKeyPlan['policy']['principal'], (partition: string, account: string) => unknown>;

/**
 * The plan's KMS key of a further region's cross-region read replicas (level 7), as the CloudFormation target's
 * `RegionalReplicas/Key`: the same key policy and yearly rotation, where Terraform used the AWS-managed `aws/rds`.
 */
export class ReplicaKey extends Construct {
  public readonly key: KmsKey;

  constructor(scope: Construct, id: string, props: ReplicaKeyProps) {
    super(scope, id);
    const { plan, provider } = props;
    const name = (part: string): string => helperName(plan.tfName, part);
    const partition = named(new DataAwsPartition(this, 'Partition', { provider }), name('partition'));
    const account = named(new DataAwsCallerIdentity(this, 'Account', { provider }), name('account'));
    this.key = named(new KmsKey(this, 'Key', {
      provider,
      description: plan.description,
      enableKeyRotation: plan.rotation,
      policy: policyDocument([{
        Effect: 'Allow', Principal: PRINCIPALS[plan.policy.principal](partition.partition, account.accountId), Action: [...plan.policy.actions], Resource: '*',
      }]),
      lifecycle: statefulLifecycle(props.retention.preventDestroy),
    }), plan.tfName);
  }
}

/** A further region as a database's cross-region replicas see it: where they go and the key they are encrypted with. */
export interface ReplicaRegion {
  readonly placement: Placement;
  readonly key: KmsKey;
}
