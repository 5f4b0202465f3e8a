import { LocalBackend, S3Backend, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import type { CloudwatchDashboard } from '@cdktf/provider-aws/lib/cloudwatch-dashboard';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import type { AwsRegion } from '../../spec';
import type { ArchitecturePlan, OverrideIssue, RegionPlan } from '../../plan';
import { servingListener } from '../../plan/plan-domain';
import { AccessLogs } from './access-logs';
import type { AlertsSlack } from './alerts-slack';
import { applyTfOverrides } from './apply-overrides';
import { AppConfig } from './app-config';
import { Cache } from './cache';
import { Cdn } from './cdn';
import { Database } from './database';
import { Domain } from './domain';
import { Events } from './events';
import { Fleet } from './fleet';
import { GlobalRouting } from './global-routing';
import { LoadBalancer } from './load-balancer';
import type { Monitoring } from './monitoring';
import { Network } from './network';
import { OriginProof } from './origin-proof';
import type { AppTier, Placement } from './placement';
import { QueueWorker } from './queue-worker';
import { RegionalTier } from './regional-tier';
import type { ReplicaRegion } from './replica-key';
import { Server } from './server';
import { Service } from './services';
import { SettingValues } from './setting-values';
import { Shards } from './shards';
import { configOf, grantTiers, registerCache, registerDatabase, registerDomain, registerOriginProof, registerQueue, registerSecretReplicas, registerTopics, settingsOf } from './wiring';
import { StaticAssetsReplication } from './static-assets-replication';
import { watch, type WatchingProviders } from './watching';
import { orderTiers } from './store-order';

/** Props of {@link BlueprintStack}. */
export interface BlueprintStackProps {
  readonly plan: ArchitecturePlan;
}

/**
 * One Terraform stack per blueprint, named after the primary region's stack, holding every region: the
 * default AWS provider is the primary region, and at level 7 each further region has an aliased provider,
 * so cross-region references (replicas' source ARNs, health checks) resolve inside one configuration.
 */
export class BlueprintStack extends TerraformStack {
  public readonly plan: ArchitecturePlan;
  public readonly network: Network;
  public readonly appConfig: AppConfig;
  public readonly server: Server | null;
  /** The blueprint's domain: hosted zone, certificates, records; null without one. */
  public readonly domain: Domain | null;
  /** The secret header CloudFront sends and the origin requires; null without a CDN. */
  public readonly originProof: OriginProof | null;
  /** With a load balancer or a CDN: the bucket of the load balancer's, CloudFront's and S3's access logs. */
  public readonly accessLogs: AccessLogs | null;
  public readonly loadBalancer: LoadBalancer | null;
  public readonly fleet: Fleet | null;
  public readonly queues: readonly QueueWorker[];
  public readonly regionalTiers: readonly RegionalTier[];
  public readonly database: Database | null;
  public readonly shards: Shards | null;
  public readonly cache: Cache | null;
  public readonly cdn: Cdn | null;
  /** Level 7: the static assets' replica buckets and the primary bucket's replication into them. */
  public readonly staticAssetsReplication: StaticAssetsReplication | null;
  public readonly services: readonly Service[];
  public readonly events: Events | null;
  public readonly globalRouting: GlobalRouting | null;
  /** What each region watches and whom it tells: one per region of the plan's monitoring section. */
  public readonly monitoring: readonly Monitoring[];
  /** AWS Chatbot posting the alarm topics to Slack; null when the blueprint's `alerts` names no channel. */
  public readonly alertsSlack: AlertsSlack | null;
  /** Level 7: the dashboard across regions; null below. */
  public readonly globalDashboard: CloudwatchDashboard | null;
  /** The blueprint's Terraform overrides that name no resource or argument here (those are not applied). */
  public readonly overrideIssues: readonly OverrideIssue[];

  constructor(scope: Construct, props: BlueprintStackProps) {
    const { plan } = props;
    const [primary, ...others] = plan.regions;
    super(scope, primary.stackName);
    this.plan = plan;
    const { retention, tags } = plan;
    this.configureTerraform(plan, primary);
    const providers = this.createRegionalProviders(plan, others);

    this.network = new Network(this, plan.network.id, { plan: plan.network, regionSuffix: '', provider: undefined, existing: primary.existingVpc });
    const base = {
      provider: undefined, region: primary.region, network: this.network, clients: [], wiring: plan.wiring,
      boot: { plan, region: primary, service: null },
    };
    this.appConfig = new AppConfig(this, 'AppConfig', { prefix: plan.parameterPrefix, tfName: 'app_config', provider: undefined });
    this.domain = plan.domain && new Domain(this, 'Domain', { plan: plan.domain, viewerProvider: this.usEast1Provider(plan, providers) });
    this.originProof = plan.cdn && new OriginProof(this, 'OriginProof', { plan: plan.cdn.originProof });
    this.server = plan.server && new Server(this, plan.server.id, { plan: plan.server, network: this.network, retention, boot: base.boot });
    this.accessLogs = (plan.loadBalancer || plan.cdn) && new AccessLogs(this, 'AccessLogs', { tfName: 'access_logs', region: primary.region, provider: undefined, retention });
    const accessLogs = this.accessLogs;
    const front = { domain: this.domain, originProof: this.originProof };
    this.loadBalancer = plan.loadBalancer && accessLogs && new LoadBalancer(this, plan.loadBalancer.id, { plan: plan.loadBalancer, regionSuffix: '', placement: base, retention, accessLogs, ...front });
    this.fleet = plan.fleet && this.loadBalancer && new Fleet(this, plan.fleet.id, {
      plan: plan.fleet, regionSuffix: '', placement: base, loadBalancer: this.loadBalancer, route: { kind: 'default' }, tags,
    });
    const frontTiers: AppTier[] = [this.server?.tier, this.fleet?.tier].filter((tier) => tier !== undefined);
    this.queues = plan.queues.map((queue) => new QueueWorker(this, queue.id, {
      plan: queue, regionSuffix: '', placement: { ...base, clients: frontTiers }, retention, tags,
    }));
    const appTiers = [...frontTiers, ...this.queues.flatMap((queue) => (queue.workers ? [queue.workers.tier] : []))];
    const placement: Placement = { ...base, clients: appTiers };

    this.regionalTiers = this.createRegionalTiers(plan, others, providers, front);
    const regions: Partial<Record<AwsRegion, ReplicaRegion>> = Object.fromEntries(this.regionalTiers.flatMap((tier, index) => (
      tier.replicaKey ? [[others[index].region, { placement: tier.placement, key: tier.replicaKey.key }]] : [])));
    this.database = plan.database && new Database(this, plan.database.id, { plan: plan.database, placement, retention, regions });
    this.shards = plan.shards && this.database && new Shards(this, 'Shards', { plan: plan.shards, primary: this.database, placement, retention, regions });
    this.cache = plan.cache && new Cache(this, plan.cache.id, { plan: plan.cache, regionSuffix: '', placement, retention });
    this.cdn = plan.cdn && this.originProof && accessLogs && new Cdn(this, plan.cdn.id, {
      plan: plan.cdn, origin: this.cdnOrigin(plan), originProof: this.originProof, viewerCertificate: this.domain?.viewerCertificate ?? null, retention, accessLogs,
    });
    const staticAssets = plan.cdn?.staticAssets;
    this.staticAssetsReplication = staticAssets && staticAssets.replicas.length > 0 && this.cdn?.bucket
      ? new StaticAssetsReplication(this, 'StaticAssetsReplication', {
          plan: staticAssets, source: this.cdn.bucket, retention,
          regions: Object.fromEntries(this.regionalTiers.map((tier, index) => [others[index].region, tier])),
        })
      : null;
    const loadBalancer = this.loadBalancer;
    const listener = this.fleet && this.fleet.listener;
    this.services = loadBalancer && listener
      ? plan.services.map((service) => new Service(this, service.id, { plan: service, regionSuffix: '', primaryRegion: true, placement: base, loadBalancer, listener, retention, tags, regions }))
      : [];
    this.events = plan.events.length > 0
      ? new Events(this, 'Events', {
          plans: plan.events,
          deliveries: plan.wiring.deliveries.filter((delivery) => delivery.topic.region === primary.region),
          queues: this.services.flatMap((service) => service.queues),
          regionSuffix: '',
          provider: undefined,
        })
      : null;
    this.globalRouting = plan.multiRegion && plan.loadBalancer && this.loadBalancer && this.domain && new GlobalRouting(this, 'GlobalRouting', {
      plan: plan.multiRegion,
      loadBalancers: { [primary.region]: this.loadBalancer, ...Object.fromEntries(this.regionalTiers.map((tier, index) => [others[index].region, tier.loadBalancer])) },
      suffixes: Object.fromEntries(plan.regions.map((region) => [region.region, `_${region.providerAlias}`])),
      zone: this.domain.zone,
      listener: servingListener(plan.loadBalancer),
    });
    this.domain?.addRecords({
      distribution: this.cdn?.distribution ?? null,
      loadBalancer: this.loadBalancer?.loadBalancer ?? null,
      serverAddress: this.server?.address ?? null,
      fleetGroup: this.fleet?.group ?? null,
      routed: plan.multiRegion && this.globalRouting ? { name: plan.multiRegion.routedName, records: this.globalRouting.records } : null,
    });

    this.wire(plan, appTiers);
    const watching = watch(this, plan, this.watchingProviders(plan, providers));
    this.monitoring = watching.regions;
    this.alertsSlack = watching.slack;
    this.globalDashboard = watching.globalDashboard;
    orderTiers(plan, this);
    this.addOutputs();
    this.overrideIssues = applyTfOverrides(this, plan.overrides);
  }

  /** The wiring graph: every value it names, then every region's settings, then every tier's grants. */
  private wire(plan: ArchitecturePlan, appTiers: readonly AppTier[]): void {
    const values = new SettingValues();
    const home = plan.regions[0].region;
    const regional = this.regionalTiers.map((tier, index) => ({ tier, region: plan.regions[index + 1].region }));
    const databases = [...(this.shards ? this.shards.databases : this.database ? [this.database] : []), ...this.services.flatMap((service) => (service.database ? [service.database] : []))];
    for (const database of databases) registerDatabase(values, database, home);
    registerSecretReplicas(this, values, plan.wiring.secretReplicas);
    if (this.server?.dataVolume && plan.server?.dataVolume) values.set({ kind: 'data-volume', key: plan.server.dataVolume.tfName, region: home }, 'id', this.server.dataVolume.id);
    if (this.originProof) registerOriginProof(values, this.originProof, home);
    if (this.domain) registerDomain(values, this.domain, home);
    const regionParts = [
      { region: home, cache: this.cache, queues: this.queues, services: this.services, events: this.events },
      ...regional.map(({ tier, region }) => ({ region, cache: tier.cache, queues: tier.queues, services: tier.services, events: tier.events })),
    ];
    for (const part of regionParts) {
      for (const cache of [part.cache, ...part.services.map((service) => service.cache)]) if (cache) registerCache(values, cache, part.region);
      for (const queue of [...part.queues, ...part.services.flatMap((service) => service.queues)]) registerQueue(values, queue, part.region);
      if (part.events) registerTopics(values, part.events, part.region);
    }

    this.appConfig.publish(settingsOf(plan.wiring, home, configOf(plan.parameterPrefix)), values);
    this.shards?.publish(settingsOf(plan.wiring, home, (publisher) => publisher.kind === 'shard-map'), values);
    for (const part of regionParts) part.events?.publish(settingsOf(plan.wiring, part.region, (publisher) => publisher.kind === 'topic'), values);
    for (const part of regionParts) {
      for (const queue of [...part.queues, ...part.services.flatMap((service) => service.queues)]) {
        queue.publish(settingsOf(plan.wiring, part.region, (publisher) => publisher.kind === 'queue' && publisher.queue === queue.plan.tfName), values);
      }
    }
    for (const { tier, region } of regional) {
      tier.appConfig.publish(settingsOf(plan.wiring, region, (publisher) => publisher.kind === 'shard-map' || configOf(plan.parameterPrefix)(publisher)), values);
    }
    for (const part of regionParts) {
      for (const service of part.services) service.appConfig.publish(settingsOf(plan.wiring, part.region, configOf(service.appConfig.prefix)), values);
    }
    grantTiers(this, plan.wiring, [
      { region: home, provider: undefined, tiers: [...appTiers, ...this.services.flatMap((service) => service.tiers)], configs: [this.appConfig, ...this.services.map((service) => service.appConfig)] },
      ...regional.map(({ tier, region }) => ({
        region, provider: tier.provider, tiers: tier.placement.clients, configs: [tier.appConfig, ...tier.services.map((service) => service.appConfig)],
      })),
    ], values);
  }

  /** Where the monitoring of each region goes: its tier, its provider, us-east-1's for the global services' alarms. */
  private watchingProviders(plan: ArchitecturePlan, providers: ReadonlyMap<AwsRegion, AwsProvider>): WatchingProviders {
    const [primary, ...others] = plan.regions;
    return {
      regional: (region) => this.regionalTiers[others.findIndex((other) => other.region === region)],
      usEast1: () => this.usEast1(plan, providers),
      of: (region) => (region === primary.region ? undefined : providers.get(region) ?? (region === 'us-east-1' ? this.usEast1(plan, providers) : undefined)),
    };
  }

  /** Providers (default for the primary region, aliased for the others), backend and provider pin. */
  private configureTerraform(plan: ArchitecturePlan, primary: RegionPlan): void {
    const defaultTags = [{ tags: { ...plan.tags } }];
    new AwsProvider(this, 'aws', { region: primary.region, defaultTags });
    const { backend } = plan.terraform;
    if (backend) {
      new S3Backend(this, { bucket: backend.bucket, key: backend.key, region: backend.region, encrypt: true });
      // S3-native locking (Terraform 1.10+); `dynamodb_table` is deprecated. cdktf 0.21's S3Backend lacks the argument.
      // https://developer.hashicorp.com/terraform/language/backend/s3#state-locking
      this.addOverride('terraform.backend.s3.use_lockfile', true);
    } else {
      // A relative path: cdktf's default is absolute, which would put the machine's path in the output.
      new LocalBackend(this, { path: `terraform.${primary.stackName}.tfstate` });
    }
    this.addOverride('terraform.required_providers.aws', { source: 'hashicorp/aws', version: plan.terraform.awsProviderVersion });
    // `removed` blocks need Terraform 1.7, ephemeral resources and `use_lockfile` 1.10, write-only arguments 1.11.
    this.addOverride('terraform.required_version', '>= 1.11');
    this.keepRetiredDataStores(plan);
  }

  /**
   * Terraform's counterpart of CloudFormation's DeletionPolicy Retain: a data store that leaves the
   * configuration with the level (level 1's data volume) is forgotten, not destroyed. Where it was
   * never in the state, the block does nothing.
   */
  private keepRetiredDataStores(plan: ArchitecturePlan): void {
    if (!plan.retiredDataVolume) return;
    this.addOverride('removed', [{ from: `aws_ebs_volume.${plan.retiredDataVolume.tfName}`, lifecycle: { destroy: false } }]);
  }

  /** Level 7: an aliased provider per further region. */
  private createRegionalProviders(plan: ArchitecturePlan, others: readonly RegionPlan[]): ReadonlyMap<AwsRegion, AwsProvider> {
    if (!plan.fleet || !plan.loadBalancer) return new Map();
    return new Map(others.flatMap((region) => (region.providerAlias === null ? [] : [[region.region, new AwsProvider(this, `aws-${region.providerAlias}`, {
      region: region.region, alias: region.providerAlias, defaultTags: [{ tags: { ...plan.tags } }],
    })] as const])));
  }

  /**
   * The provider of CloudFront's certificate, which must be in us-east-1: the default provider when the primary
   * region is us-east-1, level 7's provider of a further us-east-1, else an alias `us_east_1` of its own.
   * https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-and-https-requirements.html
   */
  private usEast1Provider(plan: ArchitecturePlan, providers: ReadonlyMap<AwsRegion, AwsProvider>): AwsProvider | undefined {
    if (!plan.domain?.viewerCertificate) return undefined;
    return this.usEast1(plan, providers);
  }

  /**
   * us-east-1's provider, for CloudFront's certificate and the alarms of CloudFront and Route 53 metrics (which
   * live there): the default provider when the primary region is us-east-1, level 7's provider of a further
   * us-east-1, else an alias `us_east_1` of its own, created once.
   */
  private usEast1(plan: ArchitecturePlan, providers: ReadonlyMap<AwsRegion, AwsProvider>): AwsProvider | undefined {
    if (plan.regions[0].region === 'us-east-1') return undefined;
    const id = 'aws-us_east_1';
    return providers.get('us-east-1') ?? (this.node.tryFindChild(id) as AwsProvider | undefined)
      ?? new AwsProvider(this, id, { region: 'us-east-1', alias: 'us_east_1', defaultTags: [{ tags: { ...plan.tags } }] });
  }

  /** A {@link RegionalTier} per further region (level 7), under the region's provider. */
  private createRegionalTiers(
    plan: ArchitecturePlan, others: readonly RegionPlan[], providers: ReadonlyMap<AwsRegion, AwsProvider>,
    front: { readonly domain: Domain | null; readonly originProof: OriginProof | null },
  ): RegionalTier[] {
    const { fleet, loadBalancer } = plan;
    if (!fleet || !loadBalancer) return [];
    return others.flatMap((region) => {
      const provider = providers.get(region.region);
      if (!provider) return [];
      return [new RegionalTier(this, `Region-${region.region}`, {
        plan: { ...plan, fleet, loadBalancer }, region, provider, regionSuffix: `_${region.providerAlias}`, ...front,
      })];
    });
  }

  /**
   * Where CloudFront sends dynamic requests: with a domain the origin name over HTTPS, on the serving listener's
   * port (levels 4-7) or the server's (1-3); without one the load balancer's own name over HTTP.
   */
  private cdnOrigin(plan: ArchitecturePlan): { domainName: string; port: number } {
    const { domain, loadBalancer, server } = plan;
    // Behind CloudFront the server admits exactly one port, its HTTPS one (`server.publicPorts`).
    const port = loadBalancer ? servingListener(loadBalancer).port : server ? server.publicPorts[0] : 0;
    const domainName = plan.cdn?.originProtocol === 'https' && domain ? domain.originName : this.loadBalancer ? this.loadBalancer.loadBalancer.dnsName : '';
    return { domainName, port };
  }

  private addOutputs(): void {
    const url = this.plan.domain
      ? `https://${this.plan.domain.name}`
      : this.cdn
      ? `https://${this.cdn.distribution.domainName}`
      : this.loadBalancer
        ? `http://${this.loadBalancer.loadBalancer.dnsName}`
        // The Elastic IP's address: the instance's own public address changes once the Elastic IP attaches
        // (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/instance#public_ip).
        : `http://${this.server?.address.publicIp}`;
    new TerraformOutput(this, 'url', { value: url, description: 'Where the app answers' });
    new TerraformOutput(this, 'parameter_prefix', { value: this.plan.parameterPrefix, description: 'SSM path holding the app settings' });
    if (this.database) new TerraformOutput(this, 'database_endpoint', { value: this.database.instance.address, description: 'Primary database host' });
    if (this.cache) new TerraformOutput(this, 'cache_endpoint', { value: this.cache.group.primaryEndpointAddress, description: 'Cache primary host (TLS)' });
  }
}
