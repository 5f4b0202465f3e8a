import { ArnFormat, Aws, CfnOutput, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import { Port, SecurityGroup, type ISecurityGroup, type IVpc } from 'aws-cdk-lib/aws-ec2';
import type { Key } from 'aws-cdk-lib/aws-kms';
import { CfnDBInstance, SubnetGroup } from 'aws-cdk-lib/aws-rds';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Construct, type IConstruct } from 'constructs';
import type { ArchitecturePlan, DatabasePlan, RegionPlan, ReplicaKeyPlan, RetentionPlan, StaticAssetsReplicaPlan } from '../../plan';
import { ACCESS_LOG_PREFIXES } from '../../plan/access-log-prefixes';
import { servingListener } from '../../plan/plan-domain';
import { AccessLogs } from './access-logs';
import { AppConfig } from './app-config';
import { tlsParameterGroup } from './database';
import { Cache } from './cache';
import { Events } from './events';
import { Fleet } from './fleet';
import { GlobalRouting } from './global-routing';
import { LoadBalancer } from './load-balancer';
import { Monitoring, monitoringOf, serviceAlarmScopes, watchesOtherRegions } from './monitoring';
import { acknowledge, recordAcknowledgements } from './nag';
import { Network, SUBNET_GROUPS, zoneTokens } from './network';
import { replicatedOriginSecrets } from './origin-secrets';
import { publishQueue, QueueWorker } from './queue-worker';
import { REMOVAL_POLICIES } from './removal-policy';
import { cacheStore, fleetGroup, orderAfterStores, replicaStores, workerGroups } from './store-order';
import { replicaKey } from './replica-key';
import { Service } from './services';
import { registerCache, registerQueue, registerSecretReplicas, registerTopics, SettingValues } from './setting-values';
import { registerWatched, WatchedResources } from './watched-resources';
import { clientGroups, configOf, grantTiers, settingsOf, tagLoadBalancer, type WiredTier, workersByKey } from './wiring';
import type { AwsRegion } from '../../spec';

/** Props of {@link RegionalStack}. */
export interface RegionalStackProps {
  readonly plan: ArchitecturePlan;
  /** A non-primary region of the plan. */
  readonly region: RegionPlan;
  /**
   * The AWS account to deploy to, when the caller's app pins one (see `addBlueprint`'s `env`).
   * @default - the enclosing Stage's account, else none (an environment-agnostic stack)
   */
  readonly account?: string;
}

/**
 * Level 7, one per further region: the regional tier (network, load balancer, the app's and the services'
 * fleets, cache, queues and workers, and its own topic of each event delivering to its inboxes), a cross-region read replica of every primary (app database, shards,
 * services' databases) encrypted with this region's KMS key, the bucket static assets replicate into, and
 * this region's health check and record. The primary region's stack is untouched by the regions added.
 */
export class RegionalStack extends Stack {
  public readonly plan: ArchitecturePlan;
  public readonly network: Network;
  public readonly appConfig: AppConfig;
  /** The bucket of this region's load balancer and static-assets replica access logs. */
  public readonly accessLogs: AccessLogs | null;
  public readonly loadBalancer: LoadBalancer | null;
  public readonly fleet: Fleet | null;
  public readonly cache: Cache | null;
  public readonly queues: readonly QueueWorker[];
  public readonly services: readonly Service[];
  /** This region's event topics, delivering to this region's inboxes; null without events. */
  public readonly events: Events | null;
  /** Null only without the plan's replica key (a further region always has one). */
  public readonly replicas: RegionalReplicas | null;
  public readonly staticAssets: Bucket | null;
  public readonly globalRouting: GlobalRouting | null;
  /** The values the wiring graph names here; the primary region's are read from its settings. */
  public readonly values: SettingValues;
  /** What the region watches and whom it tells (`plan.monitoring`); null when the plan watches nothing here. */
  public readonly monitoring: Monitoring | null;

  constructor(scope: Construct, props: RegionalStackProps) {
    const { plan, region } = props;
    super(scope, region.stackName, {
      stackName: region.stackName,
      env: { account: props.account, region: region.region },
      description: `tierup ${plan.name} (${plan.environment}): level ${plan.level}, regional tier in ${region.region}`,
      // Alarms may name another region's resources (read through aws-cdk-lib's cross-region references).
      ...(watchesOtherRegions(plan, region.stackName) && { crossRegionReferences: true }),
    });
    this.plan = plan;
    Object.entries(plan.tags).forEach(([key, value]) => Tags.of(this).add(key, value));
    const { retention } = plan;

    this.network = new Network(this, plan.network.id, { plan: plan.network, existing: region.existingVpc, logRemovalPolicy: REMOVAL_POLICIES[retention.dataStores] });
    const vpc = this.network.vpc;
    // SSM parameters are regional: the same names hold this region's endpoints.
    this.appConfig = new AppConfig(this, 'AppConfig', { prefix: plan.parameterPrefix });
    const boot = { plan, region };

    this.accessLogs = plan.loadBalancer && new AccessLogs(this, 'AccessLogs', { removalPolicy: REMOVAL_POLICIES[retention.dataStores] });
    const accessLogs = this.accessLogs;
    // The origin secrets live in the primary stack and replicate here; this region's load balancer reads them by name.
    const originProof = plan.cdn && plan.loadBalancer?.originProof ? replicatedOriginSecrets(plan.cdn.originProof) : null;
    // Each region's load balancer holds its own ACM certificate for the origin name (certificates are regional).
    this.loadBalancer = plan.loadBalancer && plan.fleet && accessLogs && new LoadBalancer(this, plan.loadBalancer.id, {
      plan: plan.loadBalancer, vpc, region: region.region, defaultFleet: plan.fleet, accessLogs: accessLogs.bucket, domain: plan.domain, originProof,
    });
    this.fleet = plan.fleet && this.loadBalancer && new Fleet(this, plan.fleet.id, {
      plan: plan.fleet, vpc, boot: { ...boot, tier: { kind: 'fleet', service: null } }, targetGroup: this.loadBalancer.defaultTargetGroup,
    });
    this.queues = plan.queues.map((queue) => new QueueWorker(this, queue.id, {
      plan: queue, vpc, boot: { ...boot, service: null }, removalPolicy: REMOVAL_POLICIES[retention.dataStores],
    }));
    const loadBalancer = this.loadBalancer;
    this.services = loadBalancer
      ? plan.services.map((service) => new Service(this, {
          plan: service, boot, vpc, listener: loadBalancer.listener, originProof, retention, primaryRegion: false, wiring: plan.wiring, region: region.region,
        }))
      : [];
    const regionEvents = plan.events.filter((event) => event.regions.includes(region.region));
    this.events = regionEvents.length > 0 && this.services.length > 0 ? new Events(this, 'Events', {
      plans: regionEvents,
      deliveries: plan.wiring.deliveries.filter((delivery) => delivery.topic.region === region.region),
      queues: this.services.flatMap((service) => service.queues),
    }) : null;
    const tiers = new Map<string, WiredTier>([
      ...(plan.fleet && this.fleet ? [[plan.fleet.tfName, this.fleet] as const] : []),
      ...workersByKey(this.queues),
      ...this.services.flatMap((service) => [...service.tiers]),
    ]);
    this.cache = plan.cache && new Cache(this, plan.cache.id, {
      plan: plan.cache, vpc, retention, clients: clientGroups(plan.wiring, { kind: 'cache', key: plan.cache.tfName, region: region.region }, tiers), joinsGlobalDatastore: true,
    });

    const primaries = [plan.database, ...(plan.shards ? plan.shards.shards.map((shard) => shard.database) : []), ...plan.services.map((service) => service.database)]
      .filter((database) => database !== null);
    // One security group holds every replica of the region: it admits every tier the graph connects to one of them.
    const clients = [...new Set(primaries.flatMap((primary) => primary.regionalReplicas.filter((replica) => replica.region === region.region)
      .flatMap((replica) => clientGroups(plan.wiring, { kind: 'regional-replica', key: replica.tfName, region: region.region }, tiers))))];
    this.replicas = region.replicaKey && new RegionalReplicas(this, 'RegionalReplicas', {
      primaries, primaryRegion: plan.regions[0].region, region: region.region, key: region.replicaKey, vpc, clients, retention,
    });
    const assetsReplica = plan.cdn?.staticAssets?.replicas.find((candidate) => candidate.region === region.region);
    this.staticAssets = assetsReplica && accessLogs ? new Bucket(this, assetsReplica.id, staticAssetsReplicaProps(plan, assetsReplica, accessLogs.bucket)) : null;

    this.values = this.wire(plan, region.region, tiers);
    this.orderTiers(plan, region.region);
    const record = plan.multiRegion?.records.find((candidate) => candidate.region === region.region);
    this.globalRouting = plan.multiRegion && record && plan.loadBalancer && this.loadBalancer ? new GlobalRouting(this, 'GlobalRouting', {
      plan: plan.multiRegion, record, vpc, loadBalancer: this.loadBalancer.loadBalancer, listener: servingListener(plan.loadBalancer),
    }) : null;
    if (plan.loadBalancer && this.loadBalancer) {
      tagLoadBalancer(plan.loadBalancer.tfName, [this.loadBalancer.securityGroup, ...(this.globalRouting ? [this.globalRouting.healthCheckerSecurityGroup] : [])]);
    }
    const watched = WatchedResources.of(this, plan);
    registerWatched(watched, plan, region.region, {
      server: null, loadBalancer: this.loadBalancer, fleet: this.fleet, queues: this.queues, services: this.services, cdn: null, globalRouting: this.globalRouting,
    });
    const monitoring = monitoringOf(plan, region.stackName);
    this.monitoring = monitoring && new Monitoring(this, 'Monitoring', {
      ...monitoring, watched, removalPolicy: REMOVAL_POLICIES[retention.dataStores], alarmScopes: serviceAlarmScopes(this.services),
    });
    if (this.loadBalancer) {
      new CfnOutput(this, 'LoadBalancerDnsName', { value: this.loadBalancer.loadBalancer.loadBalancerDnsName, description: 'This region\'s load balancer' });
    }
    recordAcknowledgements(this);
  }

  /** The region's wiring: its replicas', secret replicas', caches' and queues' values, then its settings and grants. */
  private wire(plan: ArchitecturePlan, region: AwsRegion, tiers: ReadonlyMap<string, WiredTier>): SettingValues {
    const values = new SettingValues(this, 'SettingValues', region);
    const replicaPlans = [plan.database, ...(plan.shards ? plan.shards.shards.map((shard) => shard.database) : []), ...plan.services.map((service) => service.database)]
      .flatMap((database) => (database ? database.regionalReplicas.filter((replica) => replica.region === region) : []));
    replicaPlans.forEach((replica, index) => {
      const instance = this.replicas?.instances[index];
      if (instance) values.set({ kind: 'regional-replica', key: replica.tfName, region }, 'address', instance.attrEndpointAddress);
    });
    registerSecretReplicas(values, plan.wiring.secretReplicas);
    for (const cache of [this.cache, ...this.services.map((service) => service.cache)]) if (cache) registerCache(values, cache);
    for (const queue of [...this.queues, ...this.services.flatMap((service) => service.queues)]) registerQueue(values, queue);
    if (this.events) registerTopics(values, this.events);
    this.appConfig.publish(settingsOf(plan.wiring, region, (publisher) => publisher.kind === 'shard-map' || configOf(plan.parameterPrefix)(publisher)), values);
    for (const service of this.services) service.appConfig.publish(settingsOf(plan.wiring, region, configOf(service.plan.parameterPrefix)), values);
    for (const queue of [...this.queues, ...this.services.flatMap((service) => service.queues)]) {
      publishQueue(queue, settingsOf(plan.wiring, region, (publisher) => publisher.kind === 'queue' && publisher.queue === queue.plan.tfName), values);
    }
    this.events?.publish(settingsOf(plan.wiring, region, (publisher) => publisher.kind === 'topic'), values);
    grantTiers(plan.wiring, region, tiers, values);
    return values;
  }

  /** Each tier of the region starts after the replicas and caches its settings name (they can take far longer than the tier). */
  private orderTiers(plan: ArchitecturePlan, region: AwsRegion): void {
    const groups = new Map<string, IConstruct>([
      ...(plan.fleet && this.fleet ? [[plan.fleet.tfName, fleetGroup(this.fleet)] as const] : []),
      ...workerGroups(this.queues),
      ...this.services.flatMap((service) => [[service.plan.fleet.tfName, fleetGroup(service.fleet)] as const, ...workerGroups(service.queues)]),
    ]);
    const caches = [this.cache, ...this.services.map((service) => service.cache)].filter((cache) => cache !== null);
    orderAfterStores(plan.wiring, region, groups, [...(this.replicas ? replicaStores(this.replicas.keyed, region) : []), ...caches.map((cache) => cacheStore(cache, region))]);
  }

  /** Exactly `maxAzs` zones, resolved at deploy time (the template names no account). */
  public override get availabilityZones(): string[] {
    return zoneTokens(this.plan.network.maxAzs);
  }
}

/**
 * The replica bucket of static assets: versioned (replication requires it), encrypted, private, TLS-only,
 * named as the primary's replication rule expects it.
 */
function staticAssetsReplicaProps(plan: ArchitecturePlan, replica: StaticAssetsReplicaPlan, accessLogs: Bucket) {
  return {
    bucketName: `${replica.bucketNamePrefix}-${Aws.ACCOUNT_ID}`,
    versioned: true,
    encryption: BucketEncryption.S3_MANAGED,
    enforceSSL: true,
    blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
    objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
    serverAccessLogsBucket: accessLogs,
    serverAccessLogsPrefix: ACCESS_LOG_PREFIXES.staticAssets,
    removalPolicy: REMOVAL_POLICIES[plan.retention.dataStores],
  };
}

/** Props of {@link RegionalReplicas}. */
export interface RegionalReplicasProps {
  /** Every primary of the plan: the app database, the shards, the services' databases. */
  readonly primaries: readonly DatabasePlan[];
  readonly primaryRegion: string;
  readonly region: string;
  /** The region's key of its replicas (the plan's). */
  readonly key: ReplicaKeyPlan;
  readonly vpc: IVpc;
  /** The regional tiers' security groups, allowed on each engine port. */
  readonly clients: readonly ISecurityGroup[];
  /** Deletion protection follows the plan, as for the primaries. */
  readonly retention: RetentionPlan;
}

/**
 * Cross-region read replicas (`regionalReplicas` of each primary) in the isolated subnets, encrypted with a
 * KMS key of this region: an encrypted source's snapshots cannot leave with the source region's key, so RDS
 * re-encrypts with `KmsKeyId` (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html).
 * The source is named by ARN, built from the identifier the plan fixed at level 2.
 */
export class RegionalReplicas extends Construct {
  public readonly key: Key;
  public readonly securityGroup: SecurityGroup;
  public readonly subnetGroup: SubnetGroup;
  public readonly instances: readonly CfnDBInstance[];
  /** The same instances, each with the plan's Terraform name of its replica (its key in the wiring graph). */
  public readonly keyed: readonly { readonly tfName: string; readonly instance: CfnDBInstance }[];

  constructor(scope: Construct, id: string, props: RegionalReplicasProps) {
    super(scope, id);
    this.key = replicaKey(this, props.key);
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc, description: 'Cross-region read replicas: engine ports from the regional tiers only', allowAllOutbound: false,
    });
    const ports = [...new Set(props.primaries.map((primary) => primary.port))];
    for (const client of props.clients) {
      for (const port of ports) this.securityGroup.addIngressRule(client, Port.tcp(port), 'From the regional tiers');
    }
    this.subnetGroup = new SubnetGroup(this, 'SubnetGroup', {
      vpc: props.vpc,
      vpcSubnets: { subnetGroupName: SUBNET_GROUPS.isolated },
      description: 'Isolated subnets of the cross-region read replicas',
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.keyed = props.primaries.flatMap((primary) => primary.regionalReplicas
      .filter((replica) => replica.region === props.region)
      // A service's replica id ("DatabaseReplicaEuWest1") repeats the app's; its tfName is unique across the plan.
      .map((replica) => ({ tfName: replica.tfName, instance: new CfnDBInstance(this, replica.id, {
        dbInstanceIdentifier: replica.identifier,
        sourceDbInstanceIdentifier: Stack.of(this).formatArn({
          service: 'rds', region: props.primaryRegion, resource: 'db', resourceName: primary.identifier, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
        sourceRegion: props.primaryRegion,
        dbInstanceClass: primary.instanceClass,
        storageType: primary.storageType,
        // Parameter groups are regional and replicas inherit none: this one refuses unencrypted connections.
        dbParameterGroupName: tlsParameterGroup(this, `${replica.id}Parameters`, primary).bindToInstance({}).parameterGroupName,
        kmsKeyId: this.key.keyArn,
        dbSubnetGroupName: this.subnetGroup.subnetGroupName,
        vpcSecurityGroups: [this.securityGroup.securityGroupId],
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
        copyTagsToSnapshot: true,
        deletionProtection: props.retention.deletionProtection,
      }) })));
    this.instances = this.keyed.map(({ instance }) => instance);
    for (const instance of this.instances) {
      acknowledge(instance, 'databaseDefaultPort');
      acknowledge(instance, 'regionalReplicaEncryptedByKey');
      acknowledge(instance, 'replicaSingleAz');
      if (!props.retention.deletionProtection) acknowledge(instance, 'deletionProtectionOutsideProduction');
    }
  }
}
