import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { DbParameterGroup } from '@cdktf/provider-aws/lib/db-parameter-group';
import { DbProxy } from '@cdktf/provider-aws/lib/db-proxy';
import { DbProxyDefaultTargetGroup } from '@cdktf/provider-aws/lib/db-proxy-default-target-group';
import { DbProxyTarget } from '@cdktf/provider-aws/lib/db-proxy-target';
import { DbSubnetGroup } from '@cdktf/provider-aws/lib/db-subnet-group';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { AwsRegion } from '../../spec';
import type { DatabasePlan, ProxyPlan, RegionalReplicaPlan, RetentionPlan } from '../../plan';
import { MasterSecret } from './master-secret';
import { appTierOnly, type Placement } from './placement';
import type { ReplicaRegion } from './replica-key';
import { policyDocument, serviceAssumeRolePolicy } from './policy-documents';
import type { TierSecurityGroup } from './security-group';
import { helperName, named, statefulLifecycle } from './terraform-names';

/** Props of {@link Database}. */
export interface DatabaseProps {
  readonly plan: DatabasePlan;
  readonly placement: Placement;
  readonly retention: RetentionPlan;
  /** The further regions (level 7), where the cross-region replicas go, with each region's key. */
  readonly regions: Readonly<Partial<Record<AwsRegion, ReplicaRegion>>>;
}

/** RDS Proxy's engine family per engine. */
const ENGINE_FAMILIES = { postgres: 'POSTGRESQL', mysql: 'MYSQL' } as const satisfies Record<DatabasePlan['engine'], string>;

/**
 * Per engine: the parameter group family of the plan's major (`postgres17`, `mysql8.4`, as aws-cdk-lib names it
 * in the CloudFormation target) and the parameter that refuses unencrypted connections.
 */
const TLS_PARAMETERS = {
  postgres: { family: (major: string): string => `postgres${major}`, parameter: { name: 'rds.force_ssl', value: '1' } },
  mysql: { family: (major: string): string => `mysql${major}`, parameter: { name: 'require_secure_transport', value: '1' } },
} as const satisfies Record<DatabasePlan['engine'], unknown>;

/**
 * An RDS primary in the isolated subnets with its read replicas, optional RDS Proxy and cross-region
 * replicas. The master password is generated ephemerally and written only to write-only arguments, so
 * no secret appears in the configuration, the plan or the state; Secrets Manager rotates it ({@link MasterSecret}).
 */
export class Database extends Construct {
  public readonly plan: DatabasePlan;
  public readonly instance: DbInstance;
  public readonly replicas: DbInstance[];
  public readonly proxy: DbProxy | null;
  public readonly regionalReplicas: DbInstance[];
  public readonly securityGroup: TierSecurityGroup;
  /** The master password: generated, written only to write-only arguments, rotated. */
  public readonly masterSecret: MasterSecret;
  /** ARN of the secret holding the master credentials. */
  public readonly secretArn: string;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { plan, placement, retention } = props;
    this.plan = plan;
    const name = (part: string): string => helperName(plan.tfName, part);
    const subnetGroup = named(new DbSubnetGroup(this, 'SubnetGroup', {
      namePrefix: `${plan.identifier}-`, subnetIds: placement.network.isolatedSubnetIds,
    }), name('subnet_group'));
    this.securityGroup = appTierOnly(this, 'SecurityGroup', name('security_group'), placement, { kind: 'database', key: plan.tfName });
    this.masterSecret = new MasterSecret(this, 'MasterSecret', { plan, placement, retention });
    this.securityGroup.allowFrom(this.masterSecret.rotator.securityGroup.client, plan.port);
    this.masterSecret.rotator.securityGroup.allowTo(this.securityGroup.client, plan.port);
    // Replicas do not inherit the primary's parameter group; the same-region ones share this one.
    const parameters = tlsParameterGroup(this, 'Parameters', name('parameters'), plan, plan.identifier, undefined);

    this.instance = named(new DbInstance(this, 'Instance', {
      identifier: plan.identifier,
      engine: plan.engine,
      // The major only: AWS upgrades minors automatically, and a pinned minor would make Terraform plan a downgrade.
      engineVersion: plan.engineMajorVersion,
      instanceClass: plan.instanceClass,
      allocatedStorage: plan.storageGb,
      storageType: plan.storageType,
      storageEncrypted: true,
      port: plan.port,
      multiAz: plan.multiAz,
      username: plan.masterUsername,
      // RDS creates it with the instance only; `db_name` forces a new instance, so a later change is ignored, never a replacement.
      dbName: plan.createsDatabase ? plan.databaseName : undefined,
      // Not `manage_master_user_password`: RDS refuses read replicas of a primary whose password it manages
      // ("Password management with Amazon RDS and AWS Secrets Manager", Limitations:
      // https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations).
      passwordWo: this.masterSecret.passwordExpression,
      passwordWoVersion: this.masterSecret.passwordVersion,
      dbSubnetGroupName: subnetGroup.name,
      parameterGroupName: parameters.name,
      vpcSecurityGroupIds: [this.securityGroup.group.id],
      publiclyAccessible: false,
      backupRetentionPeriod: plan.backupRetentionDays,
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      deletionProtection: retention.deletionProtection,
      iamDatabaseAuthenticationEnabled: plan.iamAuthentication,
      enabledCloudwatchLogsExports: [...plan.logExports],
      caCertIdentifier: plan.caCertificate,
      skipFinalSnapshot: retention.database === 'destroy',
      finalSnapshotIdentifier: retention.database === 'destroy' ? undefined : `${plan.identifier}-final`,
      lifecycle: { ...statefulLifecycle(retention.preventDestroy), ignoreChanges: ['db_name'] },
    }), plan.tfName);
    this.masterSecret.storeAndRotate(this.instance.address);
    this.secretArn = this.masterSecret.secret.arn;

    this.replicas = plan.replicas.map((replica) => named(new DbInstance(this, replica.id, {
      identifier: replica.identifier,
      replicateSourceDb: this.instance.identifier,
      instanceClass: plan.instanceClass,
      storageType: plan.storageType,
      storageEncrypted: true,
      port: plan.port,
      parameterGroupName: parameters.name,
      vpcSecurityGroupIds: [this.securityGroup.group.id],
      publiclyAccessible: false,
      autoMinorVersionUpgrade: true,
      deletionProtection: retention.deletionProtection,
      iamDatabaseAuthenticationEnabled: plan.iamAuthentication,
      enabledCloudwatchLogsExports: [...plan.logExports],
      caCertIdentifier: plan.caCertificate,
      // A replica holds no data of its own: its source keeps the backups and final snapshot.
      skipFinalSnapshot: true,
    }), replica.tfName));
    this.proxy = plan.proxy ? this.createProxy(plan, plan.proxy, placement) : null;
    this.regionalReplicas = plan.regionalReplicas.flatMap((replica) => {
      const regional = props.regions[replica.region];
      return regional ? [this.createRegionalReplica(plan, replica, regional, retention)] : [];
    });
  }

  /** RDS Proxy pooling connections to the primary, authenticating with the master secret, TLS required. */
  private createProxy(plan: DatabasePlan, proxy: ProxyPlan, placement: Placement): DbProxy {
    const name = (part: string): string => helperName(proxy.tfName, part);
    const role = named(new IamRole(this, 'ProxyRole', {
      namePrefix: `${proxy.name.slice(0, 30)}-`, assumeRolePolicy: serviceAssumeRolePolicy('rds.amazonaws.com'),
    }), name('role'));
    named(new IamRolePolicy(this, 'ProxySecretAccess', {
      role: role.id,
      policy: policyDocument([{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: this.secretArn }]),
    }), name('secret_access'));
    const securityGroup = appTierOnly(this, 'ProxySecurityGroup', name('security_group'), placement, { kind: 'proxy', key: proxy.tfName });
    securityGroup.allowTo(this.securityGroup.client, plan.port);
    this.securityGroup.allowFrom(securityGroup.client, plan.port);

    const dbProxy = named(new DbProxy(this, 'Proxy', {
      name: proxy.name,
      engineFamily: ENGINE_FAMILIES[plan.engine],
      roleArn: role.arn,
      requireTls: true,
      vpcSubnetIds: placement.network.isolatedSubnetIds,
      vpcSecurityGroupIds: [securityGroup.group.id],
      auth: [{ authScheme: 'SECRETS', iamAuth: 'DISABLED', secretArn: this.secretArn }],
    }), proxy.tfName);
    const targetGroup = named(new DbProxyDefaultTargetGroup(this, 'ProxyTargetGroup', {
      dbProxyName: dbProxy.name, connectionPoolConfig: { maxConnectionsPercent: 90 },
    }), name('target_group'));
    named(new DbProxyTarget(this, 'ProxyTarget', {
      dbProxyName: dbProxy.name, targetGroupName: targetGroup.name, dbInstanceIdentifier: this.instance.identifier,
    }), name('target'));
    return dbProxy;
  }

  /** An encrypted replica in another region, under that region's provider, key, subnets and app tier. */
  private createRegionalReplica(plan: DatabasePlan, replica: RegionalReplicaPlan, region: ReplicaRegion, retention: RetentionPlan): DbInstance {
    const { placement } = region;
    const { provider } = placement;
    const name = (part: string): string => helperName(replica.tfName, part);
    const subnetGroup = named(new DbSubnetGroup(this, `${replica.id}SubnetGroup`, {
      provider, namePrefix: `${replica.identifier}-`, subnetIds: placement.network.isolatedSubnetIds,
    }), name('subnet_group'));
    const securityGroup = appTierOnly(this, `${replica.id}SecurityGroup`, name('security_group'), placement, { kind: 'regional-replica', key: replica.tfName });
    // Parameter groups are regional, and a replica inherits none.
    const parameters = tlsParameterGroup(this, `${replica.id}Parameters`, name('parameters'), plan, replica.identifier, provider);
    return named(new DbInstance(this, replica.id, {
      provider,
      identifier: replica.identifier,
      // A cross-region source must be named by ARN. https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html
      replicateSourceDb: this.instance.arn,
      instanceClass: plan.instanceClass,
      storageType: plan.storageType,
      storageEncrypted: true,
      kmsKeyId: region.key.arn,
      port: plan.port,
      dbSubnetGroupName: subnetGroup.name,
      parameterGroupName: parameters.name,
      vpcSecurityGroupIds: [securityGroup.group.id],
      publiclyAccessible: false,
      autoMinorVersionUpgrade: true,
      deletionProtection: retention.deletionProtection,
      skipFinalSnapshot: true,
      // Replicas created before the region had a key of tierup's own are encrypted with `aws/rds`; the key of an
      // RDS instance cannot change in place, so Terraform keeps theirs rather than replacing them (README, upgrade notes).
      lifecycle: { ignoreChanges: ['kms_key_id'] },
    }), replica.tfName);
  }
}

/**
 * A parameter group of the database's engine that refuses unencrypted connections. Named by prefix and
 * replaced before it is destroyed, so an engine upgrade (a new family) never leaves an instance without one.
 */
function tlsParameterGroup(
  scope: Construct, id: string, tfName: string, plan: DatabasePlan, identifier: string, provider: TerraformProvider | undefined,
): DbParameterGroup {
  const engine = TLS_PARAMETERS[plan.engine];
  return named(new DbParameterGroup(scope, id, {
    provider,
    namePrefix: `${identifier}-tls-`,
    family: engine.family(plan.engineMajorVersion),
    description: `${identifier}: TLS required`,
    parameter: [engine.parameter],
    lifecycle: { createBeforeDestroy: true },
  }), tfName);
}
