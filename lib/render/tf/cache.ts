import { Construct } from 'constructs';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { ElasticacheUser } from '@cdktf/provider-aws/lib/elasticache-user';
import { ElasticacheUserGroup } from '@cdktf/provider-aws/lib/elasticache-user-group';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { CachePlan, RetentionPlan } from '../../plan';
import { appTierOnly, type Placement } from './placement';
import { policyDocument } from './policy-documents';
import type { TierSecurityGroup } from './security-group';
import { helperName, named, statefulLifecycle } from './terraform-names';

/** Props of {@link Cache}. */
export interface CacheProps {
  readonly plan: CachePlan;
  /** '' in the primary region, `_<provider alias>` in the others (level 7). */
  readonly regionSuffix: string;
  readonly placement: Placement;
  readonly retention: RetentionPlan;
}

/** Snapshots kept by ElastiCache, when the data outlives the group. */
const SNAPSHOT_RETENTION_DAYS = 7;

/**
 * An ElastiCache (Redis OSS or Valkey) replication group in the isolated subnets: TLS, encryption at
 * rest, failover when there is a replica. Clients authenticate with IAM (RBAC user group with an
 * IAM-authenticated user, the default user disabled) instead of an AUTH token: provider 6.25 has no
 * write-only `auth_token`, and a token passed to Terraform would sit in the state in clear text.
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth-iam.html
 */
export class Cache extends Construct {
  public readonly plan: CachePlan;
  public readonly group: ElasticacheReplicationGroup;
  public readonly securityGroup: TierSecurityGroup;
  /** The IAM-authenticated user the app connects as (user id = user name, as IAM auth requires). */
  public readonly user: ElasticacheUser;

  constructor(scope: Construct, id: string, props: CacheProps) {
    super(scope, id);
    const { plan, placement, retention } = props;
    this.plan = plan;
    const { provider } = placement;
    const tfName = `${plan.tfName}${props.regionSuffix}`;
    const name = (part: string): string => helperName(tfName, part);

    const subnetGroup = named(new ElasticacheSubnetGroup(this, 'SubnetGroup', {
      provider, name: plan.replicationGroupId, description: `tierup ${plan.replicationGroupId}`, subnetIds: placement.network.isolatedSubnetIds,
    }), name('subnet_group'));
    this.securityGroup = appTierOnly(this, 'SecurityGroup', name('security_group'), placement, plan.port);

    // A user group must contain a user named "default"; this one can do nothing.
    const defaultUser = named(new ElasticacheUser(this, 'DefaultUser', {
      provider, engine: plan.engine, userId: `${plan.replicationGroupId}-default`, userName: 'default',
      accessString: 'off -@all', authenticationMode: { type: 'no-password-required' },
    }), name('default_user'));
    this.user = named(new ElasticacheUser(this, 'AppUser', {
      provider, engine: plan.engine, userId: `${plan.replicationGroupId}-app`, userName: `${plan.replicationGroupId}-app`,
      accessString: 'on ~* +@all', authenticationMode: { type: 'iam' },
    }), name('app_user'));
    const userGroup = named(new ElasticacheUserGroup(this, 'UserGroup', {
      provider, engine: plan.engine, userGroupId: plan.replicationGroupId, userIds: [defaultUser.userId, this.user.userId],
    }), name('user_group'));

    this.group = named(new ElasticacheReplicationGroup(this, 'ReplicationGroup', {
      provider,
      replicationGroupId: plan.replicationGroupId,
      description: `tierup cache (${plan.strategy}, ttl ${plan.ttlSeconds}s)`,
      engine: plan.engine,
      engineVersion: plan.engineVersion,
      nodeType: plan.nodeType,
      numCacheClusters: plan.replicas + 1,
      automaticFailoverEnabled: plan.automaticFailover,
      multiAzEnabled: plan.multiAz,
      port: plan.port,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [this.securityGroup.group.id],
      atRestEncryptionEnabled: 'true',
      transitEncryptionEnabled: true,
      userGroupIds: [userGroup.userGroupId],
      autoMinorVersionUpgrade: 'true',
      snapshotRetentionLimit: retention.dataStores === 'destroy' ? 0 : SNAPSHOT_RETENTION_DAYS,
      finalSnapshotIdentifier: retention.dataStores === 'destroy' ? undefined : `${plan.replicationGroupId}-final`,
      lifecycle: statefulLifecycle(retention.preventDestroy),
    }), tfName);

    for (const client of placement.clients) {
      named(new IamRolePolicy(this, `Connect-${client.tfName}`, {
        provider,
        role: client.roleName,
        policy: policyDocument([{ Effect: 'Allow', Action: 'elasticache:Connect', Resource: [this.group.arn, this.user.arn] }]),
      }), name(`connect_${client.tfName}`));
    }
  }
}
