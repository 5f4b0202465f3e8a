import type { Construct } from 'constructs';
import { DlmLifecyclePolicy } from '@cdktf/provider-aws/lib/dlm-lifecycle-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { DataVolumeSnapshotsPlan } from '../../plan';
import { serviceAssumeRolePolicy } from './policy-documents';
import { helperName, named } from './terraform-names';

/**
 * Level 1: `data_volume_snapshots`, a Data Lifecycle Manager policy that snapshots the data volume (by its
 * tag) once a day and keeps the last `retainCount`, as the CloudFormation target's DataVolumeSnapshots does
 * (https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-lifecycle.html).
 */
export function createDataVolumeSnapshots(scope: Construct, plan: DataVolumeSnapshotsPlan): DlmLifecyclePolicy {
  const role = named(new IamRole(scope, 'SnapshotsRole', {
    namePrefix: 'tierup-dlm-', assumeRolePolicy: serviceAssumeRolePolicy('dlm.amazonaws.com'),
  }), helperName(plan.tfName, 'role'));
  named(new IamRolePolicyAttachment(scope, 'SnapshotsPolicy', {
    role: role.name, policyArn: 'arn:aws:iam::aws:policy/service-role/AWSDataLifecycleManagerServiceRole',
  }), helperName(plan.tfName, 'service_role'));
  return named(new DlmLifecyclePolicy(scope, 'Snapshots', {
    description: `Daily snapshots of ${plan.tagValue}`,
    state: 'ENABLED',
    executionRoleArn: role.arn,
    policyDetails: {
      policyType: 'EBS_SNAPSHOT_MANAGEMENT',
      resourceTypes: ['VOLUME'],
      targetTags: { [plan.tagKey]: plan.tagValue },
      schedule: [{
        name: 'Daily',
        copyTags: true,
        createRule: { interval: 24, intervalUnit: 'HOURS', times: [plan.timeUtc] },
        retainRule: { count: plan.retainCount },
      }],
    },
  }), plan.tfName);
}
