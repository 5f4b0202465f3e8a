import { type CfnResource, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import { CfnSecurityGroupEgress, CfnSecurityGroupIngress, InstanceType, Port, SecurityGroup, type ISecurityGroup, type IVpc, type SubnetSelection } from 'aws-cdk-lib/aws-ec2';
import {
  CaCertificate, Credentials, DatabaseInstance, DatabaseSecret, DatabaseInstanceEngine, DatabaseInstanceReadReplica,
  DatabaseProxy, type IInstanceEngine, MysqlEngineVersion, ParameterGroup, PostgresEngineVersion, ProxyTarget, StorageType, SubnetGroup,
} from 'aws-cdk-lib/aws-rds';
import { CfnRotationSchedule, type ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { DatabasePlan, ProxyPlan, RetentionPlan } from '../../plan';
import { acknowledge } from './nag';
import { SUBNET_GROUPS } from './network';
import { REMOVAL_POLICIES } from './removal-policy';
import { SecretRotator } from './secret-rotator';

/** Props of {@link Database}. */
export interface DatabaseProps {
  /** The app's primary, a shard's or a service's: all are `DatabasePlan`s. */
  readonly plan: DatabasePlan;
  readonly vpc: IVpc;
  readonly retention: RetentionPlan;
  /** Security groups of the tier that may connect (on the engine port only). */
  readonly clients: readonly ISecurityGroup[];
}

/**
 * Engine settings that differ between PostgreSQL and MySQL. The engine is the plan's version (a major alone by
 * default: `EngineVersion: "17"`) with the plan's major, which names the parameter group family (`postgres17`).
 */
const ENGINES = {
  postgres: {
    engine: (plan: DatabasePlan): IInstanceEngine =>
      DatabaseInstanceEngine.postgres({ version: PostgresEngineVersion.of(plan.engineVersion, plan.engineMajorVersion) }),
    // Refuse unencrypted connections.
    parameters: { 'rds.force_ssl': '1' },
  },
  mysql: {
    engine: (plan: DatabasePlan): IInstanceEngine =>
      DatabaseInstanceEngine.mysql({ version: MysqlEngineVersion.of(plan.engineVersion, plan.engineMajorVersion) }),
    // 1 (ON): RDS for MySQL instance parameter groups take the boolean as 0/1 (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.require-ssl.html).
    parameters: { require_secure_transport: '1' },
  },
} as const;

/** The plan's volume type as aws-cdk-lib names it. */
const STORAGE_TYPES: Record<DatabasePlan['storageType'], StorageType> = { gp3: StorageType.GP3 };

/**
 * An RDS primary in the isolated subnets with its read replicas and optional RDS Proxy. The master
 * password is generated into a Secrets Manager secret and rotated every `credentials.rotationDays` by
 * AWS's rotation function, so no password appears in the template; only the client tier's security
 * groups (and the rotation function's) reach the engine port.
 */
export class Database extends Construct {
  public readonly plan: DatabasePlan;
  public readonly securityGroup: SecurityGroup;
  /** The isolated subnets, shared by the primary and its replicas. */
  public readonly subnetGroup: SubnetGroup;
  public readonly instance: DatabaseInstance;
  /** The generated master secret (username, password, host, port, engine as JSON), rotated by {@link rotation}. */
  public readonly secret: ISecret;
  public readonly rotation: CfnRotationSchedule;
  public readonly replicas: readonly DatabaseInstanceReadReplica[];
  /** Connection pooling in front of the primary; it has its own security group between the clients and the instance. */
  public readonly proxy: DatabaseProxy | null;

  constructor(scope: Construct, id: string, props: DatabaseProps) {
    super(scope, id);
    const { plan, vpc, retention } = props;
    const engine = ENGINES[plan.engine];
    const isolated: SubnetSelection = { subnetGroupName: SUBNET_GROUPS.isolated };
    this.plan = plan;
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc, description: `${plan.identifier}: ${plan.engine} from the app tier only`, allowAllOutbound: false,
    });
    this.subnetGroup = new SubnetGroup(this, 'SubnetGroup', {
      vpc, vpcSubnets: isolated, description: `${plan.identifier}: isolated subnets`,
    });

    // The name is left to CloudFormation, so it is unique per account and region; kept like the data it opens.
    // One group for the primary and its replicas, as in the Terraform target. Replicas do not inherit the
    // primary's group; without one they would accept plain connections.
    const parameters = tlsParameterGroup(this, 'Parameters', plan);
    // Replicated into the regions of the cross-region replicas (level 7) with each region's default key; the primary rotates, the replicas follow.
    const masterSecret = new DatabaseSecret(this, 'MasterSecret', {
      username: plan.masterUsername,
      excludeCharacters: plan.credentials.rotator.excludeCharacters,
      replicaRegions: plan.credentials.replicaRegions.map((region) => ({ region })),
    });
    masterSecret.applyRemovalPolicy(REMOVAL_POLICIES[retention.dataStores]);
    this.instance = new DatabaseInstance(this, 'Instance', {
      instanceIdentifier: plan.identifier,
      engine: engine.engine(plan),
      instanceType: new InstanceType(plan.instanceClass.replace(/^db\./, '')),
      vpc,
      subnetGroup: this.subnetGroup,
      securityGroups: [this.securityGroup],
      port: plan.port,
      // A secret of our own, not RDS-managed (`ManageMasterUserPassword`): RDS refuses read replicas of a
      // primary whose password it manages ("Password management with Amazon RDS and AWS Secrets Manager",
      // Limitations: https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/rds-secrets-manager.html#rds-secrets-manager-limitations).
      // The username as a literal: a dynamic reference in its place would read as a new MasterUsername, which replaces the instance.
      credentials: Credentials.fromSecret(masterSecret, plan.masterUsername),
      // DBName: RDS creates it with the instance only; a change replaces the instance, so an instance deployed without one keeps none (plan).
      databaseName: plan.createsDatabase ? plan.databaseName : undefined,
      allocatedStorage: plan.storageGb,
      storageType: STORAGE_TYPES[plan.storageType],
      storageEncrypted: true,
      multiAz: plan.multiAz,
      backupRetention: Duration.days(plan.backupRetentionDays),
      copyTagsToSnapshot: true,
      deletionProtection: retention.deletionProtection,
      removalPolicy: REMOVAL_POLICIES[retention.database],
      autoMinorVersionUpgrade: true,
      allowMajorVersionUpgrade: false,
      iamAuthentication: plan.iamAuthentication,
      caCertificate: CaCertificate.of(plan.caCertificate),
      cloudwatchLogsExports: [...plan.logExports],
      parameterGroup: parameters,
      publiclyAccessible: false,
    });
    this.secret = this.instance.secret!;
    // The stack's rotation function for this engine; it reaches Secrets Manager through the VPC's interface
    // endpoint and this instance on the engine port. An L1 schedule: the L2 would add a resource policy per secret.
    const rotator = SecretRotator.of(this, { plan: plan.credentials.rotator, vpc });
    this.securityGroup.addIngressRule(rotator.securityGroup, Port.tcp(plan.port), 'From the password rotation function');
    this.rotation = new CfnRotationSchedule(this, 'MasterSecretRotation', {
      secretId: this.secret.secretArn,
      rotationLambdaArn: rotator.functionArn,
      rotationRules: { scheduleExpression: `rate(${plan.credentials.rotationDays} days)` },
    });

    this.replicas = plan.replicas.map((replica) => new DatabaseInstanceReadReplica(this, replica.id, {
      instanceIdentifier: replica.identifier,
      sourceDatabaseInstance: this.instance,
      instanceType: new InstanceType(plan.instanceClass.replace(/^db\./, '')),
      storageType: STORAGE_TYPES[plan.storageType],
      vpc,
      subnetGroup: this.subnetGroup,
      securityGroups: [this.securityGroup],
      // Encryption is inherited from the primary (CloudFormation rejects StorageEncrypted on a replica).
      deletionProtection: retention.deletionProtection,
      // RDS cannot take a final snapshot of a read replica; its data lives on in the primary.
      removalPolicy: RemovalPolicy.DESTROY,
      autoMinorVersionUpgrade: true,
      caCertificate: CaCertificate.of(plan.caCertificate),
      cloudwatchLogsExports: [...plan.logExports],
      parameterGroup: parameters,
      publiclyAccessible: false,
    }));

    this.acknowledgeFindings(retention);

    this.proxy = plan.proxy && this.addProxy(plan.proxy, vpc, isolated);
    props.clients.forEach((client) => this.allowFrom(client));
  }

  /** Lets `client` reach the engine port of the instance, its replicas and the proxy. */
  public allowFrom(client: ISecurityGroup): void {
    this.securityGroup.addIngressRule(client, Port.tcp(this.plan.port), 'From the app tier');
    this.proxy?.connections.allowFrom(client, Port.tcp(this.plan.port), 'From the app tier');
  }

  /** The cdk-nag findings this database accepts, each on the instance it concerns (reasons in NAG_ACKNOWLEDGEMENTS). */
  private acknowledgeFindings(retention: RetentionPlan): void {
    for (const instance of [this.instance, ...this.replicas]) {
      acknowledge(instance, 'databaseDefaultPort');
      if (!retention.deletionProtection) acknowledge(instance, 'deletionProtectionOutsideProduction');
    }
    if (!this.plan.multiAz) acknowledge(this.instance, 'databaseSingleAzOutsideProduction');
    for (const replica of this.replicas) {
      acknowledge(replica, 'replicaInheritsEncryption');
      acknowledge(replica, 'replicaSingleAz');
    }
  }

  /** RDS Proxy with TLS required, authenticating with the master secret. */
  private addProxy(plan: ProxyPlan, vpc: IVpc, subnets: SubnetSelection): DatabaseProxy {
    // The description changed with the removal of CDK's duplicate rules (below): CloudFormation replaces the group,
    // so the rules of a deployed stack move to the new group and deleting the duplicates revokes nothing in use.
    const securityGroup = new SecurityGroup(this, `${plan.id}SecurityGroup`, {
      vpc, description: `${plan.name}: the app tier to ${this.plan.engine}, one rule per client`, allowAllOutbound: false,
    });
    this.securityGroup.addIngressRule(securityGroup, Port.tcp(this.plan.port), 'From the proxy');
    securityGroup.addEgressRule(this.securityGroup, Port.tcp(this.plan.port), 'To the database');
    const proxy = new DatabaseProxy(this, plan.id, {
      dbProxyName: plan.name,
      proxyTarget: ProxyTarget.fromInstance(this.instance),
      secrets: [this.secret],
      vpc,
      vpcSubnets: subnets,
      securityGroups: [securityGroup],
      requireTLS: true,
      iamAuth: false,
      debugLogging: false,
    });
    // The proxy's target adds the same rule pair again with the instance's port as a token ("IndirectPort"). EC2 keeps
    // one rule for both, and removing either resource later revokes it for the other (aws-cdk#24305): the wiring
    // graph's edge is the pair above, so these go.
    removeIndirectPortRules(this.securityGroup, securityGroup);
    removeIndirectPortRules(securityGroup, this.securityGroup);
    // The proxy moves to its (new) group only once the group's rules exist, so it is never cut off on the way.
    (proxy.node.defaultChild as CfnResource).node.addDependency(securityGroup, ...this.securityGroup.node.children.filter((child) => child instanceof CfnSecurityGroupIngress));
    return proxy;
  }
}

/** Removes the rules between two groups whose port is a token, which CDK adds next to a literal one for the same edge. */
function removeIndirectPortRules(group: SecurityGroup, peer: SecurityGroup): void {
  const peerId = Stack.of(group).resolve(peer.securityGroupId);
  for (const child of [...group.node.children]) {
    const rule = child instanceof CfnSecurityGroupIngress ? { port: child.fromPort, peer: child.sourceSecurityGroupId }
      : child instanceof CfnSecurityGroupEgress ? { port: child.fromPort, peer: child.destinationSecurityGroupId } : null;
    if (rule && Token.isUnresolved(rule.port) && JSON.stringify(Stack.of(group).resolve(rule.peer)) === JSON.stringify(peerId)) group.node.tryRemoveChild(child.node.id);
  }
}

/** A parameter group of the plan's engine that refuses unencrypted connections, for replicas (the primary has its own). */
export function tlsParameterGroup(scope: Construct, id: string, plan: DatabasePlan): ParameterGroup {
  const engine = ENGINES[plan.engine];
  return new ParameterGroup(scope, id, {
    engine: engine.engine(plan),
    description: `${plan.identifier}: TLS required`,
    parameters: { ...engine.parameters },
  });
}
