import { LOCAL_ENGINE_NAMES } from './engine-names';
import type { ArchitecturePlan, CachePlan, DatabasePlan, FleetPlan, QueuePlan } from '../plan';
import { wiringEdges } from './diagram-wiring';

/** How a node is drawn: data stores as cylinders, queues and topics as their own shapes. */
export type NodeKind = 'client' | 'edge' | 'dns' | 'compute' | 'balancer' | 'database' | 'cache' | 'queue' | 'topic' | 'storage' | 'parameter';

/** One box of the diagram; `group` is the region it sits in, or null for global parts. */
export interface DiagramNode {
  readonly id: string;
  readonly label: string;
  readonly kind: NodeKind;
  readonly group: string | null;
}

/** One arrow; dashed arrows are replication and asynchronous flows. */
export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
  readonly dashed: boolean;
}

/** The architecture as nodes and arrows, independent of the drawing format. */
export interface DiagramGraph {
  readonly title: string;
  readonly groups: readonly string[];
  readonly nodes: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

/** Builds the picture a plan implies: clients → CDN → load balancer → fleets → caches and databases, queues → workers, events, regions. */
export function diagramGraph(plan: ArchitecturePlan): DiagramGraph {
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  const node = (id: string, label: string, kind: NodeKind, group: string | null): string => {
    nodes.push({ id, label, kind, group });
    return id;
  };
  const edge = (from: string, to: string, label = '', dashed = false): void => {
    edges.push({ from, to, label, dashed });
  };
  const [home, ...others] = plan.regions.map((region) => region.region);
  const users = node('Users', 'Users', 'client', null);

  // Data stores reachable from a tier: the database through its proxy, the cache, queues and their workers.
  const addDatabase = (database: DatabasePlan, from: string, prefix: string, title: string): string => {
    const primary = node(`${prefix}${database.id}`, `${title}\n${database.engine} ${database.instanceClass}${database.multiAz ? ' Multi-AZ' : ''}`, 'database', home);
    if (database.proxy) {
      const proxy = node(`${prefix}${database.proxy.id}`, `RDS Proxy\n${database.proxy.name}`, 'compute', home);
      edge(from, proxy, 'SQL');
      edge(proxy, primary, 'pooled');
    } else {
      edge(from, primary, 'SQL');
    }
    for (const replica of database.replicas) {
      edge(primary, node(`${prefix}${replica.id}`, `read replica\n${replica.identifier}`, 'database', home), 'replicates', true);
      edge(from, `${prefix}${replica.id}`, 'reads', true);
    }
    for (const replica of database.regionalReplicas) {
      const id = node(`${regionKey(replica.region)}_${prefix}${replica.id}`, `cross-region replica\n${replica.identifier}`, 'database', replica.region);
      edge(primary, id, 'replicates', true);
    }
    return primary;
  };
  const addCache = (cache: CachePlan, from: string, id: string, group: string): void => {
    edge(from, node(id, `${cache.engine} ${cache.nodeType}\n1 primary + ${cache.replicas} replica(s)`, 'cache', group), cache.strategy);
  };
  const addQueue = (queue: QueuePlan, from: string | null, consumer: string | null, prefix: string, group: string): string => {
    const id = node(`${prefix}${queue.id}`, `SQS ${queue.queueName}`, 'queue', group);
    if (from) edge(from, id, 'enqueue');
    edge(id, node(`${prefix}${queue.id}Dlq`, `DLQ ${queue.deadLetterQueueName}`, 'queue', group), `after ${queue.maxReceiveCount} receives`, true);
    if (queue.worker) edge(id, node(`${prefix}${queue.worker.id}`, `workers ${queue.worker.instanceType}\n${queue.worker.min}-${queue.worker.max}`, 'compute', group), 'backlog');
    if (consumer) edge(id, consumer, 'consume');
    return id;
  };
  const fleetLabel = (fleet: FleetPlan) => `${fleet.name} fleet\n${fleet.instanceType} × ${fleet.min}-${fleet.max}`;

  let front = users;
  if (plan.cdn) {
    front = node(plan.cdn.id, `CloudFront\n${plan.cdn.priceClass}`, 'edge', null);
    edge(users, front, 'HTTPS');
    if (plan.cdn.staticAssets) edge(front, node(plan.cdn.staticAssets.id, 'S3 static assets', 'storage', home), plan.cdn.staticAssets.pathPattern);
  }
  if (plan.multiRegion) {
    const dns = node('Route53', `Route 53 ${plan.multiRegion.mode}\n${plan.multiRegion.originDomainName}`, 'dns', null);
    edge(front, dns, 'origin');
    front = dns;
  }

  let app: string;
  if (plan.server) {
    app = node(plan.server.id, `server ${plan.server.instanceType}\nElastic IP`, 'compute', home);
    edge(front, app, plan.server.tls ? 'HTTPS' : 'HTTP');
    if (plan.server.dataVolume) {
      const engine = plan.server.localDatabase ? `\n${LOCAL_ENGINE_NAMES[plan.server.localDatabase.engine]} on the server` : '';
      edge(app, node(plan.server.dataVolume.id, `EBS data volume ${plan.server.dataVolume.sizeGb} GB${engine}`, 'storage', home), 'database files');
    }
  } else {
    const balancer = node(plan.loadBalancer!.id, 'Application Load Balancer', 'balancer', home);
    edge(front, balancer, plan.multiRegion ? 'primary' : 'HTTPS');
    app = node(plan.fleet!.id, fleetLabel(plan.fleet!), 'compute', home);
    edge(balancer, app, plan.services.length > 0 ? 'default' : '');
    for (const service of plan.services) {
      const fleet = node(`${service.id}Fleet`, fleetLabel(service.fleet), 'compute', home);
      edge(balancer, fleet, service.pathPattern);
      if (service.database) addDatabase(service.database, fleet, service.id, `${service.name} database`);
      if (service.cache) addCache(service.cache, fleet, `${service.id}Cache`, home);
    }
  }
  if (plan.cache) addCache(plan.cache, app, plan.cache.id, home);
  if (plan.database) addDatabase(plan.database, app, '', plan.shards ? 'shard 0 (primary)' : 'primary database');
  if (plan.shards) {
    edge(app, node('ShardMap', `shard map (SSM)\n${plan.shards.strategy} on ${plan.shards.key}`, 'parameter', home), 'routes keys', true);
    for (const shard of plan.shards.shards) addDatabase(shard.database, app, '', `shard ${shard.index}`);
  }
  for (const queue of plan.queues) addQueue(queue, app, null, '', home);
  for (const service of plan.services) {
    const fleet = `${service.id}Fleet`;
    for (const queue of service.queues) {
      const id = addQueue(queue, queue.subscribesTo ? null : fleet, queue.subscribesTo ? fleet : null, service.id, home);
      const event = plan.events.find((candidate) => candidate.name === queue.subscribesTo);
      if (event) edge(event.id, id, 'fan-out', true);
    }
  }
  for (const event of plan.events) {
    node(event.id, `SNS ${event.topicName}`, 'topic', home);
    for (const publisher of event.publishers) edge(`${serviceId(publisher, plan)}Fleet`, event.id, 'publish');
  }

  for (const region of others) {
    const key = regionKey(region);
    const balancer = node(`${key}_LoadBalancer`, 'Application Load Balancer', 'balancer', region);
    edge(front, balancer, plan.multiRegion?.mode === 'active-active' ? 'latency' : 'failover');
    const fleet = node(`${key}_${plan.fleet!.id}`, fleetLabel(plan.fleet!), 'compute', region);
    edge(balancer, fleet);
    if (plan.cache) addCache(plan.cache, fleet, `${key}_${plan.cache.id}`, region);
    for (const queue of plan.queues) addQueue(queue, fleet, null, `${key}_`, region);
    // Services run in every region too, with their caches and queues; their databases stay primary-only.
    for (const service of plan.services) {
      const serviceFleet = node(`${key}_${service.id}Fleet`, fleetLabel(service.fleet), 'compute', region);
      edge(balancer, serviceFleet, service.pathPattern);
      if (service.cache) addCache(service.cache, serviceFleet, `${key}_${service.id}Cache`, region);
      for (const queue of service.queues) addQueue(queue, queue.subscribesTo ? null : serviceFleet, queue.subscribesTo ? serviceFleet : null, `${key}_${service.id}`, region);
    }
    for (const replica of nodes.filter((n) => n.group === region && n.kind === 'database')) edge(fleet, replica.id, 'reads', true);
  }

  addWatching(plan, node, edge);

  // Edges are sorted so that the output does not depend on the order the plan lists things in; the wiring
  // graph's network edges carry their ports.
  const sortedEdges = [...new Map(wiringEdges(plan, nodes, edges).map((e) => [`${e.from}>${e.to}>${e.label}`, e])).values()]
    .toSorted((a, b) => (a.from + a.to).localeCompare(b.from + b.to));
  return { title: `${plan.name} (${plan.environment}) at level ${plan.level} (${plan.levelName})`, groups: [home, ...others], nodes, edges: sortedEdges };
}

function regionKey(region: string): string {
  return region.replace(/-/g, '_');
}

function serviceId(name: string, plan: ArchitecturePlan): string {
  return plan.services.find((service) => service.name === name)!.id;
}

/** What each region watches, as one note per region, and who its alarms reach. */
function addWatching(plan: ArchitecturePlan, node: (id: string, label: string, kind: NodeKind, group: string | null) => string, edge: (from: string, to: string, label?: string, dashed?: boolean) => void): void {
  const { alerts, regions } = plan.monitoring;
  const recipients = alerts.emails.length + (alerts.slack ? 1 : 0) + (alerts.existingTopicArn ? 1 : 0);
  const team = recipients > 0 ? node('OnCall', `on call\n${[
    ...(alerts.emails.length ? [`${alerts.emails.length} e-mail(s)`] : []), ...(alerts.slack ? ['Slack'] : []), ...(alerts.existingTopicArn ? ['your topic'] : []),
  ].join(', ')}`, 'client', null) : null;
  for (const region of regions) {
    const capacity = region.alarms.filter((alarm) => alarm.kind === 'capacity').length;
    // The global services' stack (CloudFront, Route 53) stands apart, outside the regions' boxes.
    const inStack = !region.globalServicesOnly && plan.regions.some((candidate) => candidate.region === region.region);
    const id = node(`${regionKey(region.region)}_${region.globalServicesOnly ? 'GlobalServices' : ''}Watching`,
      `CloudWatch ${region.region}\n${capacity} capacity alarms${region.climb ? ' + climb signal' : ''}, ${region.alarms.length - capacity} pages\ndashboard ${region.dashboard.dashboardName}`,
      'parameter', inStack ? region.region : null);
    if (team) edge(id, team, region.topics.map((topic) => topic.purpose).join(' + '), true);
  }
}
