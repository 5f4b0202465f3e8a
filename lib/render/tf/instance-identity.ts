import type { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { DataAwsSsmParameter } from '@cdktf/provider-aws/lib/data-aws-ssm-parameter';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import type { PermissionPlan, RuntimePlan, WiringAttribute, WiringTier } from '../../plan';
import { policyDocument, type PolicyStatement, serviceAssumeRolePolicy } from './policy-documents';
import type { SettingValues } from './setting-values';
import { helperName, named } from './terraform-names';

/** What every EC2 tier runs as: a role reachable through Session Manager (no SSH, no key pair), and its image. */
export interface InstanceIdentity {
  readonly role: IamRole;
  readonly profile: IamInstanceProfile;
  /** The AMI id: the blueprint's, or read from SSM at plan time (Amazon Linux 2023's or the blueprint's parameter; not marked sensitive). */
  readonly imageId: string;
}

/**
 * Creates `<owner>_role`, `<owner>_instance_profile`, `<owner>_image` (unless the blueprint names an AMI
 * id) and, for a private ECR image, `<owner>_runtime` (its pull permissions) for one compute tier.
 */
export function createInstanceIdentity(
  scope: Construct, owner: string, runtime: RuntimePlan, provider: TerraformProvider | undefined,
): InstanceIdentity {
  const role = named(new IamRole(scope, 'Role', {
    provider, namePrefix: `${owner.slice(0, 30)}-`, assumeRolePolicy: serviceAssumeRolePolicy('ec2.amazonaws.com'),
  }), helperName(owner, 'role'));
  named(new IamRolePolicyAttachment(scope, 'SessionManager', {
    provider, role: role.name, policyArn: 'arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore',
  }), helperName(owner, 'session_manager'));
  const profile = named(new IamInstanceProfile(scope, 'InstanceProfile', {
    provider, namePrefix: `${owner.slice(0, 30)}-`, role: role.name,
  }), helperName(owner, 'instance_profile'));
  if (runtime.grants.length > 0) {
    named(new IamRolePolicy(scope, 'Runtime', {
      provider,
      role: role.name,
      policy: policyDocument(runtime.grants.map((grant) => ({ Effect: 'Allow', Action: grant.actions, Resource: grant.resources }))),
    }), helperName(owner, 'runtime'));
  }
  const { machineImage } = runtime;
  if (machineImage.kind === 'id') return { role, profile, imageId: machineImage.id };
  const image = named(new DataAwsSsmParameter(scope, 'Image', { provider, name: machineImage.parameter }), helperName(owner, 'image'));
  return { role, profile, imageId: image.insecureValue };
}

/** The attribute holding the ARN a permission names. */
const ARN_ATTRIBUTES = {
  'read-settings': 'arn', 'read-secret': 'secret-arn', 'connect-cache': 'arn', send: 'arn', consume: 'arn', publish: 'arn',
  'answer-dns-challenge': 'arn', 'watch-dns-change': 'arn', 'write-logs': 'arn', 'put-metrics': 'arn', 'read-instance-tags': 'arn',
} as const satisfies Record<PermissionPlan['access'], WiringAttribute>;

/**
 * `<tier>_permissions`: the tier's permissions from the wiring graph, one statement each, on its role; nothing
 * else is granted. `settingsPath` gives the ARN of a settings prefix in the tier's region.
 */
export function grantPermissions(
  scope: Construct, tier: WiringTier, roleName: string, tfName: string, values: SettingValues,
  settingsPath: (prefix: string) => string, provider: TerraformProvider | undefined,
): IamRolePolicy {
  const statements: PolicyStatement[] = tier.permissions.filter((permission) => permission.only !== 'cloudformation').map((permission) => {
    const resources = permission.access === 'read-settings'
      ? [settingsPath(permission.resource.key), `${settingsPath(permission.resource.key)}/*`]
      : values.list(permission.resource, ARN_ATTRIBUTES[permission.access]);
    return { Effect: 'Allow', Action: [...permission.actions], Resource: [...resources], ...conditionsOf(permission) };
  });
  return named(new IamRolePolicy(scope, `Permissions-${tfName}`, { provider, role: roleName, policy: policyDocument(statements) }), helperName(tfName, 'permissions'));
}

/** A permission's conditions as an IAM `Condition` block (operator → key → values); nothing when it has none. */
function conditionsOf(permission: PermissionPlan): Pick<PolicyStatement, 'Condition'> {
  if (permission.conditions.length === 0) return {};
  const condition: Record<string, Record<string, string[]>> = {};
  for (const { operator, key, values } of permission.conditions) condition[operator] = { ...condition[operator], [key]: [...values] };
  return { Condition: condition };
}
