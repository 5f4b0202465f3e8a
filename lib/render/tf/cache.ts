import { Construct } from 'constructs';
import { ElasticacheGlobalReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-global-replication-group';
import { ElasticacheReplicationGroup } from '@cdktf/provider-aws/lib/elasticache-replication-group';
import { ElasticacheSubnetGroup } from '@cdktf/provider-aws/lib/elasticache-subnet-group';
import { ElasticacheUser } from '@cdktf/provider-aws/lib/elasticache-user';
import { ElasticacheUserGroup } from '@cdktf/provider-aws/lib/elasticache-user-group';
import type { CachePlan, CacheUserPlan, GlobalCachePlan, RetentionPlan } from '../../plan';
import { appTierOnly, type Placement } from './placement';
import type { TierSecurityGroup } from './security-group';
import { helperName, named, statefulLifecycle } from './terraform-names';

/** Props of {@link Cache}. */
export interface CacheProps {
  readonly plan: CachePlan;
  /** '' in the primary region, `_<provider alias>` in the others (level 7). */
  readonly regionSuffix: string;
  readonly placement: Placement;
  readonly retention: RetentionPlan;
  /**
   * True in a further region: the cache joins the plan's global datastore as a secondary instead of
   * creating it. Default false (the primary region, or no global datastore).
   */
  readonly joinsGlobalDatastore?: boolean;
}

/**
 * The datastore's id as a reference to the primary region's resource: the further regions' caches are
 * created before it in the construct tree, and the reference also orders them after it in Terraform.
 */
function globalDatastoreId(plan: GlobalCachePlan): string {
  return `\${aws_elasticache_global_replication_group.${plan.tfName}.global_replication_group_id}`;
}

/** Snapshots kept by ElastiCache, when the data outlives the group. */
const SNAPSHOT_RETENTION_DAYS = 7;

/**
 * An ElastiCache (Redis OSS or Valkey) replication group in the isolated subnets: TLS, encryption at
 * rest, failover when there is a replica. Clients authenticate with IAM (the plan's RBAC user group with an
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
  /** The global datastore this (primary region's) cache created, or null. */
  public readonly globalDatastore: ElasticacheGlobalReplicationGroup | null;

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
    this.securityGroup = appTierOnly(this, 'SecurityGroup', name('security_group'), placement, { kind: 'cache', key: plan.tfName });

    // A user group must contain a user named "default"; this one can do nothing. The plan picks the group's engine.
    const access = plan.accessControl;
    const user = (id: string, part: string, planned: CacheUserPlan): ElasticacheUser => named(new ElasticacheUser(this, id, {
      provider, engine: access.userGroupEngine, userId: planned.userId, userName: planned.userName,
      accessString: planned.accessString, authenticationMode: { type: planned.authentication },
    }), name(part));
    const defaultUser = user('DefaultUser', 'default_user', access.defaultUser);
    this.user = user('AppUser', 'app_user', access.appUser);
    const userGroup = named(new ElasticacheUserGroup(this, 'UserGroup', {
      provider, engine: access.userGroupEngine, userGroupId: access.userGroupId, userIds: [defaultUser.userId, this.user.userId],
    }), name('user_group'));

    // A secondary inherits engine, version, node type and encryption from the global datastore; the
    // provider refuses them next to `global_replication_group_id`.
    const secondary = props.joinsGlobalDatastore ? plan.globalDatastore : null;
    const inheritable = {
      engine: plan.engine, engineVersion: plan.engineVersion, nodeType: plan.nodeType, atRestEncryptionEnabled: 'true', transitEncryptionEnabled: true,
    };
    this.group = named(new ElasticacheReplicationGroup(this, 'ReplicationGroup', {
      provider,
      replicationGroupId: plan.replicationGroupId,
      description: `tierup cache (${plan.strategy}, ttl ${plan.ttlSeconds}s)`,
      ...(secondary ? { globalReplicationGroupId: globalDatastoreId(secondary) } : inheritable),
      numCacheClusters: plan.replicas + 1,
      automaticFailoverEnabled: plan.automaticFailover,
      multiAzEnabled: plan.multiAz,
      port: plan.port,
      subnetGroupName: subnetGroup.name,
      securityGroupIds: [this.securityGroup.group.id],
      userGroupIds: [userGroup.userGroupId],
      autoMinorVersionUpgrade: 'true',
      snapshotRetentionLimit: retention.dataStores === 'destroy' ? 0 : SNAPSHOT_RETENTION_DAYS,
      finalSnapshotIdentifier: retention.dataStores === 'destroy' ? undefined : `${plan.replicationGroupId}-final`,
      lifecycle: statefulLifecycle(retention.preventDestroy),
    }), tfName);

    this.globalDatastore = plan.globalDatastore && !props.joinsGlobalDatastore
      ? named(new ElasticacheGlobalReplicationGroup(this, 'GlobalDatastore', {
          provider,
          globalReplicationGroupIdSuffix: plan.globalDatastore.idSuffix,
          globalReplicationGroupDescription: `${plan.replicationGroupId} across regions`,
          primaryReplicationGroupId: this.group.id,
        }), plan.globalDatastore.tfName)
      : null;
  }
}
