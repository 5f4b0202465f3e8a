import { diagramGraph } from '../../lib/analyze/diagram-graph';
import { renderDot } from '../../lib/analyze/diagram-dot';
import { renderMermaid } from '../../lib/analyze/diagram-mermaid';
import { renderSvg } from '../../lib/analyze/diagram-svg';
import { examplePlan } from './plan-of';

const count = (level: number, pattern: RegExp) => diagramGraph(examplePlan(level)).nodes.filter((node) => pattern.test(node.label)).length;

describe('tierup diagram', () => {
  it.each([
    // level, read replicas, shards (1..n-1), queues incl. DLQs, service fleets, cross-region replicas
    [1, 0, 0, 0, 0, 0],
    [4, 2, 0, 0, 0, 0],
    [5, 8, 3, 2, 0, 0],
    [6, 8, 3, 4, 2, 0],
    [7, 8, 3, 8, 4, 5],
  ])('shop-%i draws %i read replicas, %i extra shards, %i queues, %i services, %i cross-region replicas', (level, replicas, shards, queues, services, regional) => {
    expect(count(level, /^read replica/)).toBe(replicas);
    expect(count(level, /^shard [1-9]/)).toBe(shards);
    expect(count(level, /^(SQS|DLQ) /)).toBe(queues);
    expect(count(level, /^(orders|search) fleet/)).toBe(services);
    expect(count(level, /^cross-region replica/)).toBe(regional);
  });

  it.each([1, 2, 3, 4, 5, 6, 7])('shop-%i: every edge joins drawn nodes and ids are unique', (level) => {
    const graph = diagramGraph(examplePlan(level));
    const ids = graph.nodes.map((node) => node.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const edge of graph.edges) expect([ids.includes(edge.from), ids.includes(edge.to)]).toEqual([true, true]);
  });

  it('draws the request path of level 4: clients → CDN → load balancer → fleet → cache and database', () => {
    const edges = diagramGraph(examplePlan(4)).edges.map((edge) => `${edge.from}>${edge.to}`);
    expect(edges).toEqual(expect.arrayContaining(['Users>Cdn', 'Cdn>LoadBalancer', 'Cdn>StaticAssets', 'LoadBalancer>Fleet', 'Fleet>Cache',
      'Fleet>DatabaseProxy', 'DatabaseProxy>Database', 'Database>DatabaseReplica1', 'Database>DatabaseReplica2']));
  });

  it('draws events and failover at level 7', () => {
    const edges = diagramGraph(examplePlan(7)).edges.map((edge) => `${edge.from}>${edge.to}:${edge.label}`);
    expect(edges).toEqual(expect.arrayContaining(['ServiceOrdersFleet>EventOrderPlaced:publish', 'EventOrderPlaced>ServiceSearchQueueOnOrderPlaced:fan-out',
      'Route53>LoadBalancer:primary', 'Route53>eu_west_1_LoadBalancer:failover', 'QueueEmails>WorkersEmails:backlog']));
  });

  it('renders Mermaid and DOT with every node', () => {
    const graph = diagramGraph(examplePlan(6));
    const mermaid = renderMermaid(graph);
    const dot = renderDot(graph);
    for (const node of graph.nodes) {
      expect(mermaid).toContain(`${node.id}`);
      expect(dot).toContain(`${node.id} [label=`);
    }
    expect(mermaid.split('\n').filter((line) => / (-->|-\.->)/.test(line))).toHaveLength(graph.edges.length);
  });

  it('renders the same SVG bytes twice, offline', async () => {
    const graph = diagramGraph(examplePlan(4));
    const [first, second] = [await renderSvg(graph), await renderSvg(graph)];
    expect(first).toEqual(second);
    expect(first).toContain('<svg');
  });
});

describe('tierup diagram draws the wiring graph', () => {
  it.each([2, 4, 5, 6, 7])('shop-%i: the database and cache edges of the graph are arrows with their ports', (level) => {
    const plan = examplePlan(level);
    const graph = diagramGraph(plan);
    const ported = graph.edges.filter((edge) => /:\d+$/.test(edge.label));
    expect(ported.some((arrow) => arrow.to === 'Database' && arrow.label.endsWith(`:${plan.database!.port}`))).toBe(true);
    for (const edge of plan.wiring.edges.filter((candidate) => candidate.to.kind === 'cache')) {
      expect(ported.some((arrow) => arrow.label.endsWith(`:${edge.port}`) && /Cache$/.test(arrow.to))).toBe(true);
    }
  });

  it('draws the workers\' connections to the database at level 5, which only the wiring graph knows', () => {
    const edges = diagramGraph(examplePlan(5)).edges.map((edge) => `${edge.from}>${edge.to}:${edge.label}`);
    expect(edges).toEqual(expect.arrayContaining(['WorkersEmails>Database::5432', 'WorkersEmails>DatabaseProxy::5432', 'Fleet>Cache:cache-aside :6379']));
  });

  it('draws what each region watches and whom it tells', () => {
    const graph = diagramGraph(examplePlan(7));
    expect(graph.nodes.filter((node) => node.id.endsWith('Watching')).map((node) => [node.id, node.group, node.label.split('\n')[1]])).toEqual([
      ['us_east_1_Watching', 'us-east-1', '35 capacity alarms + climb signal, 35 pages'],
      ['eu_west_1_Watching', 'eu-west-1', '23 capacity alarms + climb signal, 25 pages'],
      ['us_east_1_GlobalServicesWatching', null, '0 capacity alarms, 3 pages'],
    ]);
    expect(graph.edges.filter((edge) => edge.to === 'OnCall').map((edge) => `${edge.from}:${edge.label}`).toSorted())
      .toEqual(['eu_west_1_Watching:alerts + capacity', 'us_east_1_GlobalServicesWatching:alerts', 'us_east_1_Watching:alerts + capacity']);
  });
});
