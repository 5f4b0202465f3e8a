import { LOCAL_ENGINE_NAMES } from '../analyze/engine-names';
import { acceptedOriginSecrets } from '../plan/plan-domain';
import type {
  ArchitecturePlan, DatabasePlan, DomainPlan, DomainRecordPlan, FleetPlan, LoadBalancerPlan, OriginProofPlan, OverridePlan, ResourcePatchPlan,
} from '../plan';
import { parityException } from '../plan/override-plan';
import { describeLevel } from '../spec/levels';
import { describeMonitoring } from './describe-monitoring';
import { describeWiring } from './describe-wiring';

/** The VPC tierup creates, or the team's in each region: what tierup uses of it and adds to it. */
function describeNetwork(plan: ArchitecturePlan): string[] {
  if (!plan.regions[0].existingVpc) return [`network: ${plan.network.cidr}, ${plan.network.maxAzs} AZs, ${plan.network.natGateways} NAT gateway(s)`];
  return plan.regions.flatMap(({ region, existingVpc }) => (existingVpc ? [
    `network (${region}): your VPC ${existingVpc.vpcId} in ${existingVpc.zones.join(', ')}; subnets: ` +
      (['public', 'private', 'isolated'] as const).filter((tier) => existingVpc.subnets[tier].length > 0)
        .map((tier) => `${tier} ${existingVpc.subnets[tier].join(' ')}`).join(', ') +
      `; tierup adds security groups${existingVpc.secretsEndpoint ? ' and a Secrets Manager endpoint (private DNS)' : ''}, no VPC, subnet, route, NAT or flow log`,
  ] : []));
}

/** A plan as a reviewer reads it: one line per part, defaults resolved. */
export function describePlan(plan: ArchitecturePlan): string {
  const lines: string[] = [
    `${plan.name} (${plan.environment}) at level ${describeLevel(plan.level)}`,
    `stacks: ${plan.regions.map((r) => `${r.stackName}${r.primary ? ' (primary)' : ''}`).join(', ')}`,
    ...describeNetwork(plan),
  ];
  if (plan.server) {
    const { server } = plan;
    lines.push(`server: ${server.instanceType} on port ${server.port}, Elastic IP, SSM access` +
      (server.dataVolume ? `, ${server.dataVolume.sizeGb} GB encrypted data volume (retained)` : '') +
      (server.localDatabase ? `, ${LOCAL_ENGINE_NAMES[server.localDatabase.engine]} on the data volume` : '') +
      `; viewers: ${server.viewers === 'cloudfront' ? 'CloudFront only' : 'the internet'} on ${server.publicPorts.map((port) => `:${port}`).join(' ')}` +
      (server.tls ? `, HTTPS for ${server.tls.domainName}${server.tls.redirectHttp ? ' (port 80 redirects)' : ''}` : '') +
      (server.originProof ? `, refuses requests without ${server.originProof.headerName}` : ''));
  }
  if (plan.fleet) lines.push(`fleet: ${describeFleet(plan.fleet)}`);
  if (plan.loadBalancer) {
    lines.push(`load balancer: ALB${plan.loadBalancer.cloudFrontOnly ? ', reachable only from CloudFront' : ''}`);
    lines.push(`listeners: ${describeListeners(plan.loadBalancer, plan.regions.map((region) => region.region))}`);
  }
  if (plan.cdn) {
    lines.push(`cdn: CloudFront ${plan.cdn.priceClass}${plan.cdn.staticAssets ? ', S3 static assets at /static/*' : ''}`);
    lines.push(`cdn origin: ${plan.cdn.originProtocol.toUpperCase()} to ${plan.domain ? plan.domain.originName : 'the load balancer\'s own name'}, ` +
      `aliases ${plan.cdn.aliases.join(', ') || 'none (CloudFront\'s own name and certificate)'}`);
    lines.push(`origin proof: ${describeOriginProof(plan.cdn.originProof)}; checked by ${plan.loadBalancer ? 'the load balancer\'s rules' : 'the server (nginx)'}`);
  }
  if (plan.domain) lines.push(...describeDomain(plan.domain, plan));
  if (plan.database) lines.push(`database: ${describeDatabase(plan.database)}`);
  for (const shard of plan.shards?.shards ?? []) lines.push(`shard ${shard.index}: ${describeDatabase(shard.database)}`);
  if (plan.shards) lines.push(`shard map: ${plan.shards.strategy} on ${plan.shards.key}, published at ${plan.shards.mapParameterName}`);
  if (plan.cache) lines.push(`cache: ${plan.cache.engine} ${plan.cache.engineVersion} ${plan.cache.nodeType}, ${plan.cache.replicas} replica(s), ${plan.cache.strategy}, TTL ${plan.cache.ttlSeconds}s`);
  else if (plan.level >= 3) lines.push('cache: none (cache.enabled: false): every read goes to the database');
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
  lines.push(...describeMonitoring(plan));
  for (const override of plan.overrides) lines.push(`override ${override.name}: ${describeOverride(override)}`);
  return `${lines.join('\n')}\n`;
}

function describeListeners(balancer: LoadBalancerPlan, regions: readonly string[]): string {
  const where = regions.length > 1 ? `in each region: ${regions.join(', ')}` : `in ${regions[0]}`;
  const listeners = balancer.listeners.map((listener) => `${listener.protocol} :${listener.port} ${listener.action === 'serve' ? 'serves' : 'redirects to HTTPS'}` +
    (listener.certificate ? ` with ACM certificate ${listener.certificate.id} for ${listener.certificate.domainName} (${where})` : ''));
  const proof = balancer.originProof
    ? `; without the origin secret the default action answers 403, the app's rule at priority ${balancer.appRulePriority}` +
      (balancer.healthCheckRule ? `, the health path ${balancer.healthCheckRule.path} without it at priority ${balancer.healthCheckRule.priority}` : '')
    : '';
  return `${listeners.join(', ')}${proof}`;
}

function describeOriginProof(proof: OriginProofPlan): string {
  const replicas = proof.current.replicaRegions.length ? `, replicated to ${proof.current.replicaRegions.join(', ')}` : '';
  return `header ${proof.headerName} = secret ${proof.current.name} (v${proof.current.version}, sent${replicas}); ` +
    `accepted: ${acceptedOriginSecrets(proof).map((secret) => `v${secret.version}`).join(', ')}`;
}

/** The domain's names, certificates (and where they live) and records. */
function describeDomain(domain: DomainPlan, plan: ArchitecturePlan): string[] {
  const certificates: string[] = [];
  if (domain.viewerCertificate) {
    certificates.push(`${domain.viewerCertificate.id} ${domain.viewerCertificate.domainName} in us-east-1 ` +
      `(${domain.certificateStack ? `CloudFormation stack ${domain.certificateStack.stackName}` : 'the primary stack'}), for CloudFront`);
  }
  const origin = plan.loadBalancer?.listeners.find((listener) => listener.certificate !== null)?.certificate ?? null;
  if (origin) certificates.push(`${origin.id} ${origin.domainName} in ${plan.regions.map((region) => region.region).join(', ')}, for the load balancer`);
  if (plan.server?.tls) {
    certificates.push(`the server's own for ${plan.server.tls.domainName}, from Let's Encrypt (DNS-01: TXT ${plan.server.tls.challengeRecordName} in ${plan.server.tls.hostedZone})`);
  }
  const records = [domain.viewerRecord, domain.originRecord].filter((record): record is DomainRecordPlan => record !== null).map(describeRecord);
  if (plan.multiRegion) records.push(`${plan.multiRegion.routedName} → the regions' load balancers (health-checked, ${plan.multiRegion.mode})`);
  return [
    `domain: ${domain.name} in hosted zone ${domain.hostedZone} (${domain.hostedZoneId ? `id ${domain.hostedZoneId}` : 'id looked up by name'}), origin name ${domain.originName}`,
    `certificates: ${certificates.join('; ')}`,
    `records: ${records.join(', ')}`,
  ];
}

function describeRecord(record: DomainRecordPlan): string {
  const target = {
    cdn: 'CloudFront (alias A and AAAA)', 'load-balancer': 'the load balancer (alias)', server: `the server's Elastic IP (A, TTL ${record.ttlSeconds} s)`,
    routed: 'the regions\' health-checked records (alias, same zone)',
  }[record.target];
  return `${record.name} → ${target}`;
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
