import { type BlueprintSpec, cacheSpecSchema, cdnSpecSchema, databaseSpecSchema, LEVEL_NAMES } from '../spec';
import type {
  ArchitecturePlan, CdnPlan, Environment, RegionPlan, RegionRecordPlan, RetentionPlan, StaticAssetsReplicaPlan,
} from './architecture-plan';
import { ENVIRONMENT_DEFAULTS } from './environment-defaults';
import { physicalPrefix, snakeCase } from './naming';
import { planCache } from './plan-cache';
import { planGlobalCache } from './plan-global-cache';
import { APP_FLEET_IDS, planDataVolume, planFleet, planServer } from './plan-compute';
import { databaseNameOf, planDatabase } from './plan-database';
import { cdnIsOn, cdnOrigin, domainInput, loadBalancerFront, planDomain, planOriginProof, routedName, serverFront } from './plan-domain';
import { planExistingVpc, planNetwork } from './plan-network';
import { planReplicaKey } from './plan-replica-key';
import { planOverrides } from './override-plan';
import { planQueues } from './plan-queues';
import { planEvents, planServices } from './plan-services';
import { planShards } from './plan-shards';
import { planWiring, withAgentPermissions } from './wiring';
import { planMonitoring, type UnwatchedPlan } from './monitoring';

/** Resolves a valid blueprint into the plan both renderers and every analysis read. */
export function createPlan(spec: BlueprintSpec): ArchitecturePlan {
  const { level, environment, name } = spec;
  const prefix = physicalPrefix(name, environment);
  const parameterPrefix = `/tierup/${name}/${environment}`;
  const otherRegions = spec.regions.slice(1);
  const hasFleet = level >= 4;

  // Sections a level brings in take their defaults when the blueprint leaves them out.
  const databaseSpec = level >= 2 ? (spec.database ?? databaseSpecSchema.parse({})) : null;
  // `cache.enabled: false` keeps a level-3+ blueprint without the cache its level would add.
  const cacheSpec = level >= 3 && spec.cache?.enabled !== false ? (spec.cache ?? cacheSpecSchema.parse({})) : null;
  const domainSpec = domainInput(spec);
  const cdnSpec = spec.cdn ?? cdnSpecSchema.parse({});
  const cdnOn = cdnIsOn(level, cdnSpec, domainSpec);
  const services = level >= 6 ? planServices(name, spec.services ?? [], environment, prefix, parameterPrefix, spec.regions) : [];
  const hasDatabase = databaseSpec !== null || services.some((service) => service.database !== null);
  const regions = planRegions(spec, level, hasDatabase);
  const domain = domainSpec ? planDomain(domainSpec, { level, cdnOn, primaryRegion: spec.regions[0], stackName: regions[0].stackName }) : null;

  const globalDatastore = level >= 7 && spec.multiRegion?.globalCache && cacheSpec ? planGlobalCache(spec.regions[0], `${prefix}-cache`) : null;
  const cdn: CdnPlan | null = cdnOn
    ? {
        id: 'Cdn',
        tfName: 'cdn',
        priceClass: cdnSpec.priceClass === 'all' ? 'PriceClass_All' : `PriceClass_${cdnSpec.priceClass}`,
        compress: true,
        staticAssets: cdnSpec.staticAssets
          ? {
              id: 'StaticAssets', tfName: 'static_assets', pathPattern: '/static/*',
              originAccessControlName: `${prefix}-static-assets`, replicas: planStaticAssetsReplicas(spec, level),
            }
          : null,
        ...cdnOrigin(domainSpec, planOriginProof(cdnSpec, parameterPrefix, level >= 7 ? otherRegions : []), cdnSpec),
      }
    : null;

  const plan: UnwatchedPlan = {
    name,
    level,
    levelName: LEVEL_NAMES[level],
    environment,
    tags: { ...spec.tags, 'tierup:app': name, 'tierup:environment': environment },
    parameterPrefix,
    regions,
    network: planNetwork(spec.network, environment, hasFleet, hasDatabase),
    // Level 1 runs `database.engine` (the only database field it takes) on the server.
    server: hasFleet ? null : { ...planServer(spec.app, environment, level === 1 ? (spec.database?.engine ?? 'postgres') : null, planDataVolume(prefix, spec.app.dataVolumeGb)), ...serverFront(domain, cdn) },
    retiredDataVolume: level >= 2 ? planDataVolume(prefix, spec.app.dataVolumeGb) : null,
    fleet: hasFleet ? planFleet(spec.app, environment, APP_FLEET_IDS) : null,
    loadBalancer: hasFleet
      ? {
          id: 'LoadBalancer', tfName: 'load_balancer', cloudFrontOnly: cdn !== null,
          deletionProtection: ENVIRONMENT_DEFAULTS[environment].deletionProtection,
          healthCheckerGroup: level >= 7 && spec.multiRegion !== undefined,
          ...loadBalancerFront(domain, cdn, level >= 7 && spec.multiRegion ? { path: spec.app.healthCheckPath } : null),
        }
      : null,
    cdn,
    domain,
    database: databaseSpec
      ? planDatabase(databaseSpec, environment, { id: 'Database', tfName: 'database', identifier: `${prefix}-db`, databaseName: databaseNameOf(name) },
          { replicasAllowed: hasFleet, otherRegions, physicalPrefix: prefix })
      : null,
    shards: level >= 5 && databaseSpec?.shards
      ? planShards({ ...databaseSpec, shards: databaseSpec.shards }, environment, prefix, parameterPrefix, spec.regions, databaseNameOf(name))
      : null,
    cache: cacheSpec ? { ...planCache(cacheSpec, environment, { id: 'Cache', tfName: 'cache', replicationGroupId: `${prefix}-cache` }), globalDatastore } : null,
    queues: level >= 5 ? planQueues(spec.queues ?? [], { idPrefix: '', tfPrefix: '', physicalPrefix: prefix, parameterPrefix: `${parameterPrefix}/queues` }) : [],
    services,
    events: planEvents(services, prefix, parameterPrefix, spec.regions),
    multiRegion: level >= 7 && spec.multiRegion
      ? {
          mode: spec.multiRegion.mode,
          domainName: spec.multiRegion.domainName,
          hostedZoneName: spec.multiRegion.hostedZoneName,
          originDomainName: domain ? domain.originName : `origin.${spec.multiRegion.domainName}`,
          routedName: routedName(domain ? domain.originName : `origin.${spec.multiRegion.domainName}`),
          healthCheckPath: spec.app.healthCheckPath,
          globalCache: globalDatastore,
          records: planRegionRecords(spec.regions, spec.multiRegion.mode),
        }
      : null,
    terraform: {
      awsProviderVersion: '~> 6.25',
      backend: spec.terraform.backend
        ? { bucket: spec.terraform.backend.s3.bucket, key: spec.terraform.backend.s3.key, region: spec.terraform.backend.s3.region }
        : null,
    },
    retention: planRetention(environment),
    overrides: planOverrides(spec.overrides ?? []),
  };
  // The CloudWatch agent's grants name the log groups the monitoring plan decides.
  const monitoring = planMonitoring(plan, spec.alerts);
  return { ...plan, wiring: withAgentPermissions(planWiring(plan), { ...plan, monitoring }), monitoring };
}

function planRegions(spec: BlueprintSpec, level: number, hasDatabase: boolean): RegionPlan[] {
  return spec.regions.map((region, index) => ({
    region,
    stackName: `${spec.name}-${spec.environment}-${region}`,
    primary: index === 0,
    providerAlias: level >= 7 ? region.replace(/-/g, '_') : null,
    replicaKey: level >= 7 && index > 0 ? planReplicaKey(region) : null,
    existingVpc: planExistingVpc(spec.network, region, index === 0, hasDatabase),
  }));
}

function planRetention(environment: Environment): RetentionPlan {
  const defaults = ENVIRONMENT_DEFAULTS[environment];
  return {
    deletionProtection: defaults.deletionProtection,
    database: defaults.databaseRemoval,
    dataStores: defaults.dataStoreRemoval,
    preventDestroy: environment === 'production',
  };
}

/**
 * Level 7: a replica bucket of the static assets per further region. Its name keeps the full environment
 * (`shop-production-static-eu-west-1-<account>`), as the regional stacks have named it since level 7 came.
 */
function planStaticAssetsReplicas(spec: BlueprintSpec, level: number): StaticAssetsReplicaPlan[] {
  if (level < 7) return [];
  return spec.regions.slice(1).map((region, index) => ({
    region,
    id: 'StaticAssetsReplica',
    tfName: `static_assets_replica_${snakeCase(region)}`,
    bucketNamePrefix: `${spec.name}-${spec.environment}-static-${region}`,
    rulePriority: index + 1,
  }));
}

/** Active-active: a latency record per region. Active-passive: PRIMARY and SECONDARY; further regions stand by. */
function planRegionRecords(regions: BlueprintSpec['regions'], mode: 'active-passive' | 'active-active'): RegionRecordPlan[] {
  if (mode === 'active-active') return regions.map((region) => ({ region, setIdentifier: region, failover: null }));
  return regions.slice(0, 2).map((region, index) => ({ region, setIdentifier: region, failover: index === 0 ? 'PRIMARY' : 'SECONDARY' }));
}
