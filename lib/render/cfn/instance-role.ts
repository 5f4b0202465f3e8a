import { ArnFormat, Stack } from 'aws-cdk-lib';
import { ManagedPolicy, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { PermissionPlan, WiringAttribute, WiringTier } from '../../plan';
import { acknowledge, acknowledgeTogether, type NagAcknowledgementName } from './nag';
import type { SettingValues } from './setting-values';

/**
 * The role of every app instance: Systems Manager's core policy (Session Manager replaces SSH, so
 * there is no key pair and no port 22) and nothing else; {@link grantPermissions} adds the graph's grants.
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

/** The attribute holding the ARN a permission names. */
const ARN_ATTRIBUTES = {
  'read-settings': 'arn', 'read-secret': 'secret-arn', 'connect-cache': 'arn', send: 'arn', consume: 'arn', publish: 'arn',
  'answer-dns-challenge': 'arn', 'watch-dns-change': 'arn', 'write-logs': 'arn', 'put-metrics': 'arn', 'read-instance-tags': 'arn',
} as const satisfies Record<PermissionPlan['access'], WiringAttribute>;

/** The plan's kinds that stand for all of a service (actions that name no resource), with why cdk-nag may see `*`. */
const ANY_RESOURCE: Partial<Record<PermissionPlan['resource']['kind'], NagAcknowledgementName>> = {
  route53: 'dnsChangeAnyResource', cloudwatch: 'agentMetricsAnyResource', ec2: 'agentTagsAnyResource',
};

/** Adds a tier's permissions from the wiring graph to its role, one statement each; nothing else is granted. */
export function grantPermissions(role: Role, tier: WiringTier, values: SettingValues): void {
  const permissions = tier.permissions.filter((candidate) => candidate.only !== 'terraform');
  for (const permission of permissions) {
    role.addToPrincipalPolicy(new PolicyStatement({
      actions: [...permission.actions], resources: resourceArns(role, permission, values), conditions: conditionsOf(permission),
    }));
  }
  // cdk-nag sees one `Resource::*` finding per role, whichever statements name `*`: one acknowledgement gives every reason.
  const anyResource = [...new Set(permissions.flatMap((permission) => ANY_RESOURCE[permission.resource.kind] ?? []))];
  if (anyResource.length > 0) acknowledgeTogether(role, anyResource, 'Resource::*');
}

/** A permission's IAM conditions, grouped by operator as a policy writes them. */
function conditionsOf(permission: PermissionPlan): Record<string, Record<string, string[]>> {
  const conditions: Record<string, Record<string, string[]>> = {};
  for (const condition of permission.conditions) {
    conditions[condition.operator] = { ...conditions[condition.operator], [condition.key]: [...condition.values] };
  }
  return conditions;
}

function resourceArns(role: Role, permission: PermissionPlan, values: SettingValues): string[] {
  if (permission.access === 'read-settings') {
    const stack = Stack.of(role);
    const prefix = permission.resource.key;
    const path = stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: prefix.slice(1) });
    // cdk-nag names the finding after the ARN with its partition and account left as placeholders.
    acknowledge(role, 'appSettingsPath', `Resource::arn:<AWS::Partition>:ssm:${stack.region}:<AWS::AccountId>:parameter${prefix}/*`);
    return [path, `${path}/*`];
  }
  if (ANY_RESOURCE[permission.resource.kind]) return ['*'];
  if (permission.resource.kind === 'log-group') {
    // A log group's ARN as IAM policies name it, with the trailing `:*` that covers its streams:
    // https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_LogGroup.html
    const { key: name, region } = permission.resource;
    acknowledge(role, 'agentLogStreams', `Resource::arn:<AWS::Partition>:logs:${region}:<AWS::AccountId>:log-group:${name}:*`);
    return [Stack.of(role).formatArn({ service: 'logs', region, resource: 'log-group', resourceName: `${name}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME })];
  }
  return [values.resolve({ kind: 'reference', resource: permission.resource, attribute: ARN_ATTRIBUTES[permission.access], port: null, copyOf: permission.copyOf })];
}

/** The AWS-managed policy the SSM Agent needs. */
const SSM_CORE_POLICY = 'AmazonSSMManagedInstanceCore';
