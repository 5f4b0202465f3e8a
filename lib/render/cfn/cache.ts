import { Aws, type RemovalPolicy } from 'aws-cdk-lib';
import { Port, SecurityGroup, type ISecurityGroup, type IVpc } from 'aws-cdk-lib/aws-ec2';
import { CfnGlobalReplicationGroup, CfnReplicationGroup, CfnSubnetGroup } from 'aws-cdk-lib/aws-elasticache';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { CachePlan, GlobalCachePlan, RetentionPlan } from '../../plan';
import { acknowledge } from './nag';
import { SUBNET_GROUPS } from './network';
import { REMOVAL_POLICIES } from './removal-policy';

/** Props of {@link Cache}. */
export interface CacheProps {
  readonly plan: CachePlan;
  readonly vpc: IVpc;
  readonly retention: RetentionPlan;
  /** Security groups of the tier that may connect (on the cache port only). */
  readonly clients: readonly ISecurityGroup[];
  /**
   * True in a further region's stack: the cache joins the plan's global datastore as a SECONDARY instead
   * of creating it. Default false (the primary region, or no global datastore).
   */
  readonly joinsGlobalDatastore?: boolean;
}

/**
 * An ElastiCache (Redis or Valkey) replication group in the isolated subnets: TLS in transit,
 * encryption at rest, an AUTH token generated in Secrets Manager and referenced (never written into
 * the template), automatic failover and Multi-AZ exactly when the plan has a replica.
 */
export class Cache extends Construct {
  public readonly plan: CachePlan;
  public readonly securityGroup: SecurityGroup;
  public readonly subnetGroup: CfnSubnetGroup;
  /** The AUTH token clients send. */
  public readonly authToken: Secret;
  public readonly replicationGroup: CfnReplicationGroup;
  /** The global datastore this (primary region's) cache created, or null. */
  public readonly globalDatastore: CfnGlobalReplicationGroup | null;

  constructor(scope: Construct, id: string, props: CacheProps) {
    super(scope, id);
    const { plan, vpc } = props;
    const removalPolicy = REMOVAL_POLICIES[props.retention.dataStores];
    this.plan = plan;
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc, description: `${plan.replicationGroupId}: ${plan.engine} from the app tier only`, allowAllOutbound: false,
    });
    this.subnetGroup = new CfnSubnetGroup(this, 'SubnetGroup', {
      description: `${plan.replicationGroupId}: isolated subnets`,
      subnetIds: vpc.selectSubnets({ subnetGroupName: SUBNET_GROUPS.isolated }).subnetIds,
    });
    this.authToken = new Secret(this, 'AuthToken', {
      description: `${plan.replicationGroupId}: AUTH token`,
      // AUTH tokens are 16-128 printable characters without @, " or / (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/auth.html).
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy,
    });

    // A secondary inherits engine, version and node type from the global datastore.
    const secondary = props.joinsGlobalDatastore ? plan.globalDatastore : null;
    const inheritable = { engine: plan.engine, engineVersion: plan.engineVersion, cacheNodeType: plan.nodeType };
    this.replicationGroup = new CfnReplicationGroup(this, 'ReplicationGroup', {
      replicationGroupId: plan.replicationGroupId,
      replicationGroupDescription: `${plan.engine} for the app (${plan.strategy})`,
      ...(secondary ? { globalReplicationGroupId: secondary.globalReplicationGroupId } : inheritable),
      numCacheClusters: 1 + plan.replicas,
      automaticFailoverEnabled: plan.automaticFailover,
      multiAzEnabled: plan.multiAz,
      port: plan.port,
      transitEncryptionEnabled: true,
      atRestEncryptionEnabled: true,
      authToken: this.authToken.secretValue.unsafeUnwrap(),
      cacheSubnetGroupName: this.subnetGroup.ref,
      securityGroupIds: [this.securityGroup.securityGroupId],
      autoMinorVersionUpgrade: true,
    });
    this.replicationGroup.applyRemovalPolicy(removalPolicy);
    this.globalDatastore = plan.globalDatastore && !props.joinsGlobalDatastore ? this.createGlobalDatastore(plan.globalDatastore, removalPolicy) : null;
    acknowledge(this.authToken, 'authTokenRotation');
    acknowledge(this.replicationGroup, 'cacheDefaultPort');
    if (!plan.multiAz) acknowledge(this.replicationGroup, 'cacheSingleNode');
    props.clients.forEach((client) => this.allowFrom(client));
  }

  /**
   * The global datastore with this replication group as its PRIMARY member. The further regions' caches
   * join it from their own stacks (deployed after this one) by naming its full id, which the plan derives
   * from this region's prefix; listing them here would make this stack wait for groups that do not exist.
   * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-elasticache-globalreplicationgroup.html
   */
  private createGlobalDatastore(plan: GlobalCachePlan, removalPolicy: RemovalPolicy): CfnGlobalReplicationGroup {
    const datastore = new CfnGlobalReplicationGroup(this, plan.id, {
      globalReplicationGroupIdSuffix: plan.idSuffix,
      globalReplicationGroupDescription: `${this.plan.replicationGroupId} across regions`,
      members: [{ replicationGroupId: this.replicationGroup.ref, replicationGroupRegion: Aws.REGION, role: 'PRIMARY' }],
    });
    datastore.applyRemovalPolicy(removalPolicy);
    return datastore;
  }

  /** Lets `client` reach the cache port. */
  public allowFrom(client: ISecurityGroup): void {
    this.securityGroup.addIngressRule(client, Port.tcp(this.plan.port), 'From the app tier');
  }
}
