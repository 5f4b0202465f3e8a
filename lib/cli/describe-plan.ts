import { type ArchitecturePlan, type DatabasePlan, type FleetPlan, type OverridePlan, parityException, type ResourcePatchPlan } from '../plan';
import { describeLevel } from '../spec/levels';
import { describeWiring } from './describe-wiring';

/** A plan as a reviewer reads it: one line per part, defaults resolved. */
export function describePlan(plan: ArchitecturePlan): string {
  const lines: string[] = [
    `${plan.name} (${plan.environment}) at level ${describeLevel(plan.level)}`,
    `stacks: ${plan.regions.map((r) => `${r.stackName}${r.primary ? ' (primary)' : ''}`).join(', ')}`,
    `network: ${plan.network.cidr}, ${plan.network.maxAzs} AZs, ${plan.network.natGateways} NAT gateway(s)`,
  ];
  if (plan.server) {
    lines.push(`server: ${plan.server.instanceType} on port ${plan.server.port}, Elastic IP, SSM access` +
      (plan.server.dataVolume ? `, ${plan.server.dataVolume.sizeGb} GB encrypted data volume (retained)` : ''));
  }
  if (plan.fleet) lines.push(`fleet: ${describeFleet(plan.fleet)}`);
  if (plan.loadBalancer) lines.push(`load balancer: ALB${plan.loadBalancer.cloudFrontOnly ? ', reachable only from CloudFront' : ''}`);
  if (plan.cdn) lines.push(`cdn: CloudFront ${plan.cdn.priceClass}${plan.cdn.staticAssets ? ', S3 static assets at /static/*' : ''}`);
  if (plan.database) lines.push(`database: ${describeDatabase(plan.database)}`);
  for (const shard of plan.shards?.shards ?? []) lines.push(`shard ${shard.index}: ${describeDatabase(shard.database)}`);
  if (plan.shards) lines.push(`shard map: ${plan.shards.strategy} on ${plan.shards.key}, published at ${plan.shards.mapParameterName}`);
  if (plan.cache) lines.push(`cache: ${plan.cache.engine} ${plan.cache.engineVersion} ${plan.cache.nodeType}, ${plan.cache.replicas} replica(s), ${plan.cache.strategy}, TTL ${plan.cache.ttlSeconds}s`);
  for (const queue of plan.queues) {
    lines.push(`queue ${queue.name}: ${queue.queueName}, DLQ after ${queue.maxReceiveCount} receives` +
      (queue.worker ? `, workers ${queue.worker.instanceType} ${queue.worker.min}-${queue.worker.max} at ${queue.worker.backlogPerInstance} msgs/instance` : ''));
  }
  for (const service of plan.services) {
    lines.push(`service ${service.name}: ${service.pathPattern} (priority ${service.listenerPriority}), fleet ${describeFleet(service.fleet)}` +
      (service.database ? `, database ${service.database.engine}` : '') + (service.cache ? `, cache ${service.cache.engine}` : '') +
      (service.queues.length ? `, queues ${service.queues.map((q) => q.name).join(', ')}` : ''));
  }
  for (const event of plan.events) lines.push(`event ${event.name}: ${event.publishers.join(', ')} → ${event.subscribers.join(', ') || '(no subscribers)'}`);
  if (plan.multiRegion) lines.push(`multi-region: ${plan.multiRegion.mode}, ${plan.multiRegion.domainName} via ${plan.multiRegion.originDomainName}`);
  lines.push(`retention: deletion protection ${plan.retention.deletionProtection ? 'on' : 'off'}, database ${plan.retention.database}, data stores ${plan.retention.dataStores}`);
  lines.push(`app settings: SSM parameters under ${plan.parameterPrefix}`);
  lines.push(...describeWiring(plan));
  for (const override of plan.overrides) lines.push(`override ${override.name}: ${describeOverride(override)}`);
  return `${lines.join('\n')}\n`;
}

function describeFleet(fleet: FleetPlan): string {
  const tracking = [`CPU ${fleet.targetCpuPercent}%`, ...(fleet.requestsPerTarget ? [`${fleet.requestsPerTarget} req/target`] : [])].join(' and ');
  const schedules = fleet.schedules.length ? `, schedules ${fleet.schedules.map((s) => `${s.name} (${s.cron})`).join(', ')}` : '';
  const scaleIn = `scale-in 1 instance per ${fleet.scaleIn.cooldownSeconds}s below ${fleet.scaleIn.cpuBelowPercent}% CPU`;
  return `${fleet.instanceType} × ${fleet.min}-${fleet.max}, tracking ${tracking}, ${scaleIn}${schedules}`;
}

function describeDatabase(database: DatabasePlan): string {
  return `${database.engine} ${database.engineVersion} ${database.instanceClass}, ${database.storageGb} GB, ` +
    `${database.multiAz ? 'Multi-AZ' : 'single-AZ'}, ${database.replicas.length} replica(s)` +
    (database.proxy ? ', RDS Proxy' : '') +
    (database.regionalReplicas.length ? `, cross-region replicas in ${database.regionalReplicas.map((r) => r.region).join(', ')}` : '') +
    `, backups ${database.backupRetentionDays} days, id ${database.identifier}`;
}

function describeOverride(override: OverridePlan): string {
  const patch = (engine: string, plan: ResourcePatchPlan | null) => (plan
    ? [`${engine} ${plan.resource}`, ...Object.entries(plan.set).map(([path, value]) => `set ${path}=${JSON.stringify(value)}`), ...plan.remove.map((path) => `remove ${path}`)].join(' ')
    : []);
  const only = parityException(override);
  return [patch('cloudformation', override.cloudformation), patch('terraform', override.terraform)].flat().join('; ') +
    (only ? ` (${only} only: parity exception)` : '') + (override.reason ? ` — ${override.reason}` : '');
}
