import { CfnOutput, Stack, Tags } from 'aws-cdk-lib';
import type { ICertificate } from 'aws-cdk-lib/aws-certificatemanager';
import type { Construct, IConstruct } from 'constructs';
import type { ArchitecturePlan, OverrideIssue, RegionPlan } from '../../plan';
import { acceptedOriginSecrets, servingListener } from '../../plan/plan-domain';
import { AccessLogs } from './access-logs';
import { applyCfnOverrides } from './apply-overrides';
import { AppConfig } from './app-config';
import { Cache } from './cache';
import { Cdn } from './cdn';
import { CertificateStack, dnsValidatedCertificate } from './certificate-stack';
import { Database } from './database';
import { DomainRecords } from './domain-records';
import { Events } from './events';
import { Fleet } from './fleet';
import { GlobalRouting } from './global-routing';
import { hostedZoneArn, hostedZoneOf } from './hosted-zone';
import { LoadBalancer } from './load-balancer';
import { Monitoring, monitoringOf, serviceAlarmScopes, watchesOtherRegions } from './monitoring';
import { recordAcknowledgements } from './nag';
import { Network, zoneTokens } from './network';
import { createOriginSecrets, replicatedOriginSecrets } from './origin-secrets';
import { publishQueue, QueueWorker } from './queue-worker';
import { REMOVAL_POLICIES } from './removal-policy';
import { Server } from './server';
import { Service } from './services';
import { registerCache, registerDatabase, registerQueue, registerTopics, SettingValues } from './setting-values';
import { Shards } from './shards';
import { registerWatched, WatchedResources } from './watched-resources';
import { cacheStore, databaseStores, fleetGroup, orderAfterStores, serverGroup, workerGroups } from './store-order';
import { clientGroups, configOf, grantTiers, settingsOf, tagLoadBalancer, type WiredTier, workersByKey } from './wiring';
import type { AwsRegion } from '../../spec';

/** Props of {@link BlueprintStack}. */
export interface BlueprintStackProps {
  readonly plan: ArchitecturePlan;
  /**
   * The AWS account to deploy to, when the caller's app pins one (see `addBlueprint`'s `env`).
   * @default - the enclosing Stage's account, else none (an environment-agnostic stack)
   */
  readonly account?: string;
}

/** The primary region's stack: everything a blueprint's level calls for, composed from one construct per concept. */
export class BlueprintStack extends Stack {
  public readonly plan: ArchitecturePlan;
  public readonly network: Network;
  /** The SSM parameters the app reads its endpoints from. */
  public readonly appConfig: AppConfig;
  /** Levels 1-3. */
  public readonly server: Server | null;
  /** With a load balancer or a CDN: the bucket of the load balancer's, CloudFront's and S3's access logs. */
  public readonly accessLogs: AccessLogs | null;
  /** Level 4 and up. */
  public readonly loadBalancer: LoadBalancer | null;
  /** Level 4 and up: the default app's fleet. */
  public readonly fleet: Fleet | null;
  /** Level 2 and up. */
  public readonly database: Database | null;
  /** Level 3 and up. */
  public readonly cache: Cache | null;
  /** Level 4 and up, and every level with a domain, unless the CDN is off. */
  public readonly cdn: Cdn | null;
  /** CloudFront's certificate for the domain (in this stack in us-east-1, else in {@link certificateStack}); null without one. */
  public readonly viewerCertificate: ICertificate | null;
  /** The us-east-1 stack of CloudFront's certificate, when the primary region is another; null otherwise. */
  public readonly certificateStack: CertificateStack | null;
  /** With a domain: its records in the hosted zone. */
  public readonly domainRecords: DomainRecords | null;
  /** Level 5 and up with shards: shards 1..n-1 and the shard map. */
  public readonly shards: Shards | null;
  /** Level 5 and up: the app's queues and their workers. */
  public readonly queues: readonly QueueWorker[];
  /** Level 6 and up: one nested stack per service. */
  public readonly services: readonly Service[];
  /** Level 6 and up, when a service publishes an event. */
  public readonly events: Events | null;
  /** Level 7: this region's health check and Route 53 record. */
  public readonly globalRouting: GlobalRouting | null;
  /** The values the wiring graph names, by planned resource. */
  public readonly values: SettingValues;
  /** What the region watches and whom it tells (`plan.monitoring`); null when the plan watches nothing here. */
  public readonly monitoring: Monitoring | null;
  /** The blueprint's CloudFormation overrides that name no resource or property here (those are not applied). */
  public readonly overrideIssues: readonly OverrideIssue[];

  constructor(scope: Construct, props: BlueprintStackProps) {
    const { plan } = props;
    const primary: RegionPlan = plan.regions[0];
    super(scope, primary.stackName, {
      stackName: primary.stackName,
      env: { account: props.account, region: primary.region },
      description: `tierup ${plan.name} (${plan.environment}): level ${plan.level}, ${plan.levelName}`,
      // CloudFront's certificate comes from the us-east-1 stack (see CertificateStack); alarms may name another region's resources.
      ...((plan.domain?.certificateStack || watchesOtherRegions(plan, primary.stackName)) && { crossRegionReferences: true }),
    });
    this.plan = plan;
    Object.entries(plan.tags).forEach(([key, value]) => Tags.of(this).add(key, value));
    const { retention } = plan;

    this.network = new Network(this, plan.network.id, { plan: plan.network, existing: primary.existingVpc, logRemovalPolicy: REMOVAL_POLICIES[retention.dataStores] });
    const vpc = this.network.vpc;
    this.appConfig = new AppConfig(this, 'AppConfig', { prefix: plan.parameterPrefix });
    const boot = { plan, region: primary };

    this.values = new SettingValues(this, 'SettingValues', primary.region);
    const region = primary.region;
    const zone = plan.domain && hostedZoneOf(this, plan.domain);
    if (plan.domain && zone) this.values.set({ kind: 'hosted-zone', key: plan.domain.hostedZone, region }, 'arn', hostedZoneArn(zone));
    this.certificateStack = this.addCertificateStack(scope, plan, props.account);
    this.viewerCertificate = this.certificateStack ? this.certificateStack.certificate
      : plan.domain?.viewerCertificate ? dnsValidatedCertificate(this, plan.domain.viewerCertificate, plan.domain) : null;
    const originProof = plan.cdn && createOriginSecrets(this, plan.cdn.originProof, this.values);
    // What the load balancer requires: nothing while `cdn.requireOriginSecret` is false (CloudFront still sends it).
    const required = plan.loadBalancer?.originProof ? originProof : null;

    this.server = plan.server && new Server(this, plan.server.id, { plan: plan.server, vpc, boot: { ...boot, tier: { kind: 'server' } } });
    this.accessLogs = (plan.loadBalancer || plan.cdn) && new AccessLogs(this, 'AccessLogs', { removalPolicy: REMOVAL_POLICIES[retention.dataStores] });
    const accessLogs = this.accessLogs;
    this.loadBalancer = plan.loadBalancer && plan.fleet && accessLogs && new LoadBalancer(this, plan.loadBalancer.id, {
      plan: plan.loadBalancer, vpc, region: primary.region, defaultFleet: plan.fleet, accessLogs: accessLogs.bucket, domain: plan.domain, originProof: required,
    });
    this.fleet = plan.fleet && this.loadBalancer && new Fleet(this, plan.fleet.id, {
      plan: plan.fleet, vpc, boot: { ...boot, tier: { kind: 'fleet', service: null } }, targetGroup: this.loadBalancer.defaultTargetGroup,
    });
    this.queues = plan.queues.map((queue) => new QueueWorker(this, queue.id, {
      plan: queue, vpc, boot: { ...boot, service: null }, removalPolicy: REMOVAL_POLICIES[retention.dataStores],
    }));
    // The app's tiers by their keys in the wiring graph; data stores admit the ones the graph connects to them.
    const tiers = new Map<string, WiredTier>([
      ...(plan.server && this.server ? [[plan.server.tfName, this.server] as const] : []),
      ...(plan.fleet && this.fleet ? [[plan.fleet.tfName, this.fleet] as const] : []),
      ...workersByKey(this.queues),
    ]);
    const clients = (kind: 'database' | 'cache', key: string) => clientGroups(plan.wiring, { kind, key, region }, tiers);

    this.database = plan.database && new Database(this, plan.database.id, { plan: plan.database, vpc, retention, clients: clients('database', plan.database.tfName) });
    this.cache = plan.cache && new Cache(this, plan.cache.id, { plan: plan.cache, vpc, retention, clients: clients('cache', plan.cache.tfName) });
    this.shards = plan.shards && this.database && new Shards(this, 'Shards', {
      plan: plan.shards, primary: this.database, vpc, retention, clients: (key) => clients('database', key),
    });
    const loadBalancer = this.loadBalancer;
    // Service stacks read the accepted values by name, as the further regions do: passing the secrets' ARNs in
    // would make nested-stack parameters that CloudFormation's validation takes for passwords (W2509). They
    // deploy after the secrets, so the names resolve.
    const byName = required && plan.cdn ? replicatedOriginSecrets(plan.cdn.originProof) : null;
    this.services = loadBalancer ? plan.services.map((service) => new Service(this, {
      plan: service, boot, vpc, listener: loadBalancer.listener, originProof: byName, retention, primaryRegion: true, wiring: plan.wiring, region,
    })) : [];
    if (byName && plan.cdn) {
      const secrets = acceptedOriginSecrets(plan.cdn.originProof).map((version) => this.node.findChild(version.id));
      for (const service of this.services) service.node.addDependency(...secrets);
    }
    this.events = plan.events.length > 0 ? new Events(this, 'Events', {
      plans: plan.events,
      deliveries: plan.wiring.deliveries.filter((delivery) => delivery.topic.region === region),
      queues: this.services.flatMap((service) => service.queues),
    }) : null;
    const record = plan.multiRegion?.records.find((candidate) => candidate.region === primary.region);
    this.globalRouting = plan.multiRegion && record && plan.loadBalancer && this.loadBalancer ? new GlobalRouting(this, 'GlobalRouting', {
      plan: plan.multiRegion, record, vpc, loadBalancer: this.loadBalancer.loadBalancer, listener: servingListener(plan.loadBalancer),
    }) : null;
    // With a domain CloudFront reaches the origin name over HTTPS (at level 7 the Route 53 name that resolves to
    // a healthy region: GlobalRouting); without one, the load balancer by its own name over HTTP.
    const origin = plan.cdn?.originProtocol === 'https' ? plan.domain?.originName : this.loadBalancer?.loadBalancer;
    this.cdn = plan.cdn && originProof && origin !== undefined && accessLogs ? new Cdn(this, plan.cdn.id, {
      plan: plan.cdn, origin, originProof, certificate: this.viewerCertificate, retention, accessLogs: accessLogs.bucket,
    }) : null;
    this.domainRecords = plan.domain && zone && new DomainRecords(this, 'Domain', {
      plan: plan.domain,
      zone,
      targets: {
        distribution: this.cdn && this.cdn.distribution,
        loadBalancer: this.loadBalancer && this.loadBalancer.loadBalancer,
        elasticIp: this.server && this.server.elasticIp,
        origin: this.fleet,
        routed: plan.multiRegion && this.globalRouting ? { name: plan.multiRegion.routedName, record: this.globalRouting.record } : null,
      },
    });

    if (this.server?.dataVolume && plan.server?.dataVolume) {
      this.values.set({ kind: 'data-volume', key: plan.server.dataVolume.tfName, region }, 'id', this.server.dataVolume.volumeId);
    }
    this.wire(plan, region, tiers);
    this.monitoring = this.watch(plan, primary.stackName, region);
    this.orderTiers(plan, region);
    this.addOutputs();
    recordAcknowledgements(this);
    this.overrideIssues = applyCfnOverrides(this, plan.overrides);
  }

  /** The wiring graph of the region: every value it names, then its settings and its grants (services' included). */
  private wire(plan: ArchitecturePlan, region: AwsRegion, appTiers: ReadonlyMap<string, WiredTier>): void {
    const { values } = this;
    const tiers = new Map([...appTiers, ...this.services.flatMap((service) => [...service.tiers])]);
    for (const database of [...(this.shards ? this.shards.databases : this.database ? [this.database] : []), ...this.services.flatMap((service) => (service.database ? [service.database] : []))]) {
      registerDatabase(values, database);
    }
    for (const cache of [this.cache, ...this.services.map((service) => service.cache)]) if (cache) registerCache(values, cache);
    for (const queue of [...this.queues, ...this.services.flatMap((service) => service.queues)]) registerQueue(values, queue);
    if (this.events) registerTopics(values, this.events);
    this.appConfig.publish(settingsOf(plan.wiring, region, configOf(plan.parameterPrefix)), values);
    this.shards?.publish(settingsOf(plan.wiring, region, (publisher) => publisher.kind === 'shard-map'), values);
    for (const queue of [...this.queues, ...this.services.flatMap((service) => service.queues)]) {
      publishQueue(queue, settingsOf(plan.wiring, region, (publisher) => publisher.kind === 'queue' && publisher.queue === queue.plan.tfName), values);
    }
    this.events?.publish(settingsOf(plan.wiring, region, (publisher) => publisher.kind === 'topic'), values);
    for (const service of this.services) service.appConfig.publish(settingsOf(plan.wiring, region, configOf(service.plan.parameterPrefix)), values);
    grantTiers(plan.wiring, region, tiers, values);
    if (plan.loadBalancer && this.loadBalancer) {
      tagLoadBalancer(plan.loadBalancer.tfName, [this.loadBalancer.securityGroup, ...(this.globalRouting ? [this.globalRouting.healthCheckerSecurityGroup] : [])]);
    }
  }

  /** Registers what the monitoring plan may name, then watches the region as the plan says. */
  private watch(plan: ArchitecturePlan, stackName: string, region: AwsRegion): Monitoring | null {
    const watched = WatchedResources.of(this, plan);
    registerWatched(watched, plan, region, {
      server: this.server, loadBalancer: this.loadBalancer, fleet: this.fleet, queues: this.queues, services: this.services, cdn: this.cdn, globalRouting: this.globalRouting,
    });
    const props = monitoringOf(plan, stackName);
    return props && new Monitoring(this, 'Monitoring', {
      ...props, watched, removalPolicy: REMOVAL_POLICIES[plan.retention.dataStores], alarmScopes: serviceAlarmScopes(this.services),
    });
  }

  /** Each tier starts after the databases, proxies and caches its settings name (lib/render/cfn/store-order.ts). */
  private orderTiers(plan: ArchitecturePlan, region: AwsRegion): void {
    const groups = new Map<string, IConstruct>([
      ...(plan.server && this.server ? [[plan.server.tfName, serverGroup(this.server)] as const] : []),
      ...(plan.fleet && this.fleet ? [[plan.fleet.tfName, fleetGroup(this.fleet)] as const] : []),
      ...workerGroups(this.queues),
      ...this.services.flatMap((service) => [[service.plan.fleet.tfName, fleetGroup(service.fleet)] as const, ...workerGroups(service.queues)]),
    ]);
    const databases = [...(this.shards ? this.shards.databases : this.database ? [this.database] : []), ...this.services.flatMap((service) => (service.database ? [service.database] : []))];
    const caches = [this.cache, ...this.services.map((service) => service.cache)].filter((cache) => cache !== null);
    orderAfterStores(plan.wiring, region, groups, [...databases.flatMap((database) => databaseStores(database, region)), ...caches.map((cache) => cacheStore(cache, region))]);
  }

  /** CloudFront's certificate in its own us-east-1 stack, which this one deploys after (see CertificateStack). */
  private addCertificateStack(scope: Construct, plan: ArchitecturePlan, account: string | undefined): CertificateStack | null {
    const { domain } = plan;
    if (!domain?.certificateStack || !domain.viewerCertificate) return null;
    const stack = new CertificateStack(scope, { plan, domain, certificate: domain.viewerCertificate, stack: domain.certificateStack, account });
    this.addStackDependency(stack, 'CloudFront\'s certificate lives in us-east-1');
    return stack;
  }

  /** Exactly `maxAzs` zones, resolved at deploy time (the template names no account). */
  public override get availabilityZones(): string[] {
    return zoneTokens(this.plan.network.maxAzs);
  }

  /** Where viewers go: the domain, else CloudFront's name, the load balancer's or the server's address. */
  private url(): { value: string; description: string } | null {
    const { domain } = this.plan;
    if (domain?.viewerRecord) return { value: `https://${domain.name}`, description: 'The blueprint\'s domain' };
    if (this.cdn) return { value: `https://${this.cdn.distribution.distributionDomainName}`, description: 'CloudFront' };
    if (this.loadBalancer) return { value: `http://${this.loadBalancer.loadBalancer.loadBalancerDnsName}`, description: 'The load balancer' };
    if (this.server) return { value: `http://${this.server.elasticIp.ref}`, description: 'The server (Elastic IP)' };
    return null;
  }

  private addOutputs(): void {
    new CfnOutput(this, 'VpcId', { value: this.network.vpc.vpcId, description: 'VPC' });
    new CfnOutput(this, 'ParameterPrefix', { value: this.appConfig.prefix, description: 'SSM path of the app settings' });
    const url = this.url();
    if (url) new CfnOutput(this, 'Url', url);
    if (this.server) {
      new CfnOutput(this, 'ServerInstanceId', { value: this.server.instance.instanceId, description: 'Connect with `aws ssm start-session --target <id>`' });
    }
    if (this.cdn?.bucket) {
      new CfnOutput(this, 'StaticAssetsBucket', { value: this.cdn.bucket.bucketName, description: 'Upload static assets under static/' });
    }
    if (this.database) {
      new CfnOutput(this, 'DatabaseEndpoint', { value: this.database.instance.dbInstanceEndpointAddress, description: 'Primary (writer)' });
    }
    if (this.cache) {
      new CfnOutput(this, 'CacheEndpoint', { value: this.cache.replicationGroup.attrPrimaryEndPointAddress, description: 'Cache primary' });
    }
  }
}
