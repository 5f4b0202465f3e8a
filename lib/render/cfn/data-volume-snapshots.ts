import { CfnLifecyclePolicy } from 'aws-cdk-lib/aws-dlm';
import { ManagedPolicy, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { DataVolumeSnapshotsPlan } from '../../plan';
import { acknowledge } from './nag';

/** The AWS-managed policy Data Lifecycle Manager documents for EBS snapshot policies. */
const DLM_POLICY = 'service-role/AWSDataLifecycleManagerServiceRole';

/**
 * Level 1: a Data Lifecycle Manager policy that snapshots the data volume (selected by its tag) once a
 * day and keeps the last `retainCount` (https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-lifecycle.html).
 */
export class DataVolumeSnapshots extends Construct {
  public readonly role: Role;
  public readonly policy: CfnLifecyclePolicy;

  constructor(scope: Construct, id: string, plan: DataVolumeSnapshotsPlan) {
    super(scope, id);
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('dlm.amazonaws.com'),
      description: 'Data Lifecycle Manager: daily snapshots of the level-1 data volume',
      managedPolicies: [ManagedPolicy.fromAwsManagedPolicyName(DLM_POLICY)],
    });
    acknowledge(this.role, 'snapshotServiceRole', `Policy::arn:<AWS::Partition>:iam::aws:policy/${DLM_POLICY}`);
    this.policy = new CfnLifecyclePolicy(this, 'Policy', {
      description: `Daily snapshots of ${plan.tagValue}`,
      state: 'ENABLED',
      executionRoleArn: this.role.roleArn,
      policyDetails: {
        policyType: 'EBS_SNAPSHOT_MANAGEMENT',
        resourceTypes: ['VOLUME'],
        targetTags: [{ key: plan.tagKey, value: plan.tagValue }],
        schedules: [{
          name: 'Daily',
          copyTags: true,
          createRule: { interval: 24, intervalUnit: 'HOURS', times: [plan.timeUtc] },
          retainRule: { count: plan.retainCount },
        }],
      },
    });
  }
}
