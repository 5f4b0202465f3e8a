import type { ArchitecturePlan, WiringRef } from '../plan';
import type { DiagramEdge, DiagramNode } from './diagram-graph';

/** The diagram's node id of each node of the wiring graph, by `kind:key@region`. */
function diagramIds(plan: ArchitecturePlan): Map<string, string> {
  const ids = new Map<string, string>();
  const home = plan.regions[0].region;
  for (const region of plan.regions.map((candidate) => candidate.region)) {
    const prefix = region === home ? '' : `${region.replace(/-/g, '_')}_`;
    const set = (kind: WiringRef['kind'], key: string, id: string): void => { ids.set(`${kind}:${key}@${region}`, `${prefix}${id}`); };
    if (plan.server) set('server', plan.server.tfName, plan.server.id);
    if (plan.fleet) set('fleet', plan.fleet.tfName, plan.fleet.id);
    if (plan.loadBalancer) set('load-balancer', plan.loadBalancer.tfName, plan.loadBalancer.id);
    if (plan.cache) set('cache', plan.cache.tfName, plan.cache.id);
    for (const queue of plan.queues) if (queue.worker) set('worker', queue.worker.tfName, queue.worker.id);
    for (const database of [plan.database, ...(plan.shards?.shards.map((shard) => shard.database) ?? [])]) {
      if (!database) continue;
      set('database', database.tfName, database.id);
      if (database.proxy) set('proxy', database.proxy.tfName, database.proxy.id);
      for (const replica of database.regionalReplicas) ids.set(`regional-replica:${replica.tfName}@${replica.region}`, `${replica.region.replace(/-/g, '_')}_${replica.id}`);
    }
    for (const service of plan.services) {
      set('fleet', service.fleet.tfName, `${service.id}Fleet`);
      if (service.cache) set('cache', service.cache.tfName, `${service.id}Cache`);
      for (const queue of service.queues) if (queue.worker) set('worker', queue.worker.tfName, `${service.id}${queue.worker.id}`);
      if (service.database) {
        set('database', service.database.tfName, `${service.id}${service.database.id}`);
        if (service.database.proxy) set('proxy', service.database.proxy.tfName, `${service.id}${service.database.proxy.id}`);
        for (const replica of service.database.regionalReplicas) {
          ids.set(`regional-replica:${replica.tfName}@${replica.region}`, `${replica.region.replace(/-/g, '_')}_${service.id}${replica.id}`);
        }
      }
    }
    ids.set(`internet:internet@${region}`, 'Users');
    if (plan.cdn) ids.set(`cloudfront:cloudfront@${region}`, plan.cdn.id);
  }
  return ids;
}

/**
 * The wiring graph's network edges on the diagram: an arrow the picture already draws between the two nodes
 * gets the port (`SQL :5432`), and every other edge between drawn nodes is added with its port alone.
 */
export function wiringEdges(plan: ArchitecturePlan, nodes: readonly DiagramNode[], edges: readonly DiagramEdge[]): DiagramEdge[] {
  const ids = diagramIds(plan);
  const drawn = new Set(nodes.map((node) => node.id));
  const result = [...edges];
  for (const edge of plan.wiring.edges) {
    const from = ids.get(`${edge.from.kind}:${edge.from.key}@${edge.from.region}`);
    const to = ids.get(`${edge.to.kind}:${edge.to.key}@${edge.to.region}`);
    if (!from || !to || !drawn.has(from) || !drawn.has(to)) continue;
    const port = `:${edge.port}`;
    const index = result.findIndex((candidate) => candidate.from === from && candidate.to === to);
    if (index >= 0) {
      const existing = result[index];
      if (!existing.label.split(' ').includes(port)) result[index] = { ...existing, label: `${existing.label} ${port}`.trim() };
    } else {
      result.push({ from, to, label: port, dashed: false });
    }
  }
  return result;
}
