import fc from 'fast-check';
import {
  type AlarmPlan, type ArchitecturePlan, cacheNodeIds, COMPOSITE_MEMBERS_LIMIT, createPlan, type MetricPlan, type RegionMonitoringPlan, round2, watchedMetrics,
} from '../../lib/plan';
import { LEVELS, parseBlueprint } from '../../lib/spec';

/** Blueprints of every level, drawn with the figures the thresholds come from and the parts that are watched. */
const blueprints = fc.record({
  level: fc.constantFrom(...LEVELS),
  environment: fc.constantFrom('production', 'staging'),
  rps: fc.integer({ min: 1, max: 5000 }),
  max: fc.integer({ min: 1, max: 40 }),
  headroom: fc.integer({ min: 5, max: 300 }).map((percent) => percent / 100),
  instanceClass: fc.constantFrom('db.t4g.small', 'db.m6g.large', 'db.r6g.xlarge', 'db.m7g.large'),
  engine: fc.constantFrom('postgres', 'mysql'),
  replicas: fc.integer({ min: 0, max: 12 }),
  proxy: fc.boolean(),
  cacheReplicas: fc.integer({ min: 0, max: 5 }),
  shards: fc.integer({ min: 0, max: 12 }),
  queues: fc.integer({ min: 0, max: 2 }),
  services: fc.integer({ min: 0, max: 3 }),
  regions: fc.constantFrom(['us-east-1', 'eu-west-1'], ['eu-west-1', 'eu-central-1'], ['ap-southeast-1', 'us-east-1', 'eu-west-1']),
  mode: fc.constantFrom('active-passive', 'active-active'),
}).map((drawn) => {
  const { level } = drawn;
  const lines = ['name: prop', `level: ${level}`, `environment: ${drawn.environment}`, `alerts: { headroom: ${drawn.headroom} }`];
  if (level === 7) lines.push(`regions: [${drawn.regions.join(', ')}]`);
  lines.push(`app: { rpsPerInstance: ${drawn.rps}${level >= 4 ? `, scaling: { min: ${Math.min(2, drawn.max)}, max: ${drawn.max} }` : ''} }`);
  if (level >= 2) {
    lines.push(`database: { engine: ${drawn.engine}, instanceClass: ${drawn.instanceClass}${level >= 4 ? `, readReplicas: ${drawn.replicas}, proxy: ${drawn.proxy}` : ''}` +
      `${level >= 5 && drawn.shards >= 2 ? `, shards: { count: ${drawn.shards} }` : ''} }`);
  }
  if (level >= 3) lines.push(`cache: { nodeType: cache.t4g.small, replicas: ${drawn.cacheReplicas} }`);
  if (level >= 5 && drawn.queues > 0) {
    lines.push(`queues: [${Array.from({ length: drawn.queues }, (_, index) => `{ name: q${index}${index === 0 ? ', worker: { image: "public.ecr.aws/x/y:1", max: 3 }' : ''} }`).join(', ')}]`);
  }
  if (level >= 6 && drawn.services > 0) {
    lines.push('services:');
    for (let index = 0; index < drawn.services; index += 1) {
      lines.push(`  - { name: s${index}, pathPattern: "/s${index}/*", rpsPerInstance: ${drawn.rps + index}` +
        `${index === 0 ? ', database: { readReplicas: 1, proxy: true }, publishes: [done]' : ''}${index === 1 ? ', cache: { replicas: 2 }, subscribes: [done]' : ''}` +
        `${index === 2 ? ', queues: [{ name: jobs, worker: { max: 2 } }]' : ''} }`);
    }
  }
  if (level === 7) lines.push(`multiRegion: { mode: ${drawn.mode}, domainName: p.example.com, hostedZoneName: example.com }`);
  return { plan: createPlan(parseBlueprint(`${lines.join('\n')}\n`, 'prop.yaml').spec), headroom: drawn.headroom };
});

const metricsOf = (alarm: AlarmPlan): MetricPlan[] => (alarm.source.kind === 'metric' ? [alarm.source.metric] : Object.values(alarm.source.metrics));
const literalValues = (region: RegionMonitoringPlan | undefined, dimension: string): Set<string> => new Set((region?.alarms ?? []).flatMap((alarm) =>
  metricsOf(alarm).flatMap((metric) => metric.dimensions.flatMap((d) => (d.name === dimension && d.value.kind === 'literal' ? [d.value.value] : [])))));
const referenceKeys = (region: RegionMonitoringPlan | undefined, kind: string): Set<string> => new Set((region?.alarms ?? []).flatMap((alarm) =>
  metricsOf(alarm).flatMap((metric) => metric.dimensions.flatMap((d) => (d.value.kind === 'reference' && d.value.resource.kind === kind ? [`${d.value.resource.key}@${d.value.resource.region}`] : [])))));
const regionOf = (plan: ArchitecturePlan, region: string) => plan.monitoring.regions.find((candidate) => candidate.region === region);
const RUNS = { numRuns: 60 };

describe('the monitoring plan, for any blueprint', () => {
  it('fires every capacity alarm at ceiling ÷ (1 + headroom), below its ceiling; pages carry no ceiling', () => {
    fc.assert(fc.property(blueprints, ({ plan, headroom }) => {
      for (const alarm of plan.monitoring.regions.flatMap((region) => region.alarms)) {
        if (alarm.kind === 'page') {
          expect(alarm.ceiling).toBeUndefined();
          continue;
        }
        expect(typeof alarm.ceiling).toBe('number');
        expect(alarm.threshold).toBe(round2(alarm.ceiling! / (1 + headroom)));
        expect(alarm.threshold).toBeLessThan(alarm.ceiling!);
        expect(alarm.comparison).toBe('GreaterThanOrEqualToThreshold');
      }
    }), RUNS);
  });

  it('routes every alarm to a topic of its own region, and reads only metrics of that region', () => {
    fc.assert(fc.property(blueprints, ({ plan }) => {
      for (const region of plan.monitoring.regions) {
        const purposes = region.topics.filter((topic) => topic.region === region.region).map((topic) => topic.purpose);
        for (const alarm of region.alarms) {
          expect(alarm.region).toBe(region.region);
          expect(purposes).toContain(alarm.topic);
          expect(alarm.topic).toBe(alarm.kind === 'capacity' ? 'capacity' : 'alerts');
          for (const metric of metricsOf(alarm)) expect(metric.region).toBe(region.region);
        }
        if (region.climb) expect(purposes).toContain(region.climb.topic);
        expect(region.key.region).toBe(region.region);
      }
    }), RUNS);
  });

  it('names everything uniquely: ids in a region\'s stack, Terraform names in the app, alarm names in a region', () => {
    fc.assert(fc.property(blueprints, ({ plan }) => {
      const tfNames: string[] = plan.monitoring.globalDashboard ? [plan.monitoring.globalDashboard.tfName] : [];
      for (const region of plan.monitoring.regions) {
        const subscriptions = region.topics.flatMap((topic) => topic.subscriptions);
        const parts = [...region.alarms, ...(region.climb ? [region.climb] : []), region.key, ...region.topics, ...region.logGroups, ...region.metricFilters, region.dashboard, ...subscriptions];
        const ids = parts.map((part) => part.id);
        expect(new Set(ids).size).toBe(ids.length);
        const outputIds = region.outputs.map((output) => output.id);
        expect(new Set(outputIds).size).toBe(outputIds.length);
        tfNames.push(...parts.map((part) => part.tfName), region.key.aliasTfName, ...region.topics.map((topic) => topic.policyTfName));
        tfNames.push(...region.outputs.filter((output) => output.terraform).map((output) => `output.${output.tfName}`));
        const names = [...region.alarms.map((alarm) => alarm.alarmName), ...(region.climb ? [region.climb.alarmName] : [])];
        expect(new Set(names).size).toBe(names.length);
      }
      expect(new Set(tfNames).size).toBe(tfNames.length);
    }), RUNS);
  });

  it('outputs every reference a region\'s alarms and dashboard name, in that region\'s stack; Terraform each once', () => {
    fc.assert(fc.property(blueprints, ({ plan }) => {
      const emitted = new Map<string, number>();
      for (const region of plan.monitoring.regions) {
        const named = new Set(watchedMetrics(region).flatMap((metric) => metric.dimensions).flatMap(({ value }) => (value.kind === 'reference' ? [value.outputName] : [])));
        expect(region.outputs.map((output) => output.id).toSorted()).toEqual([...named].toSorted());
        for (const output of region.outputs) {
          expect(output.id).toBe(output.value.outputName);
          if (output.terraform) emitted.set(output.tfName, (emitted.get(output.tfName) ?? 0) + 1);
        }
      }
      const tfNames = new Set(plan.monitoring.regions.flatMap((region) => region.outputs.map((output) => output.tfName)));
      expect([...tfNames].map((name) => [name, emitted.get(name)])).toEqual([...tfNames].map((name) => [name, 1]));
    }), RUNS);
  });

  it('gives every region with capacity alarms a climb composite over them (at most 100, CloudWatch\'s limit), descriptions within 1,024 characters', () => {
    fc.assert(fc.property(blueprints, ({ plan }) => {
      for (const region of plan.monitoring.regions) {
        const capacity = region.alarms.filter((alarm) => alarm.kind === 'capacity').map((alarm) => alarm.alarmName);
        if (capacity.length === 0) {
          expect(region.climb).toBeNull();
          continue;
        }
        expect(region.climb?.members).toEqual(capacity.slice(0, COMPOSITE_MEMBERS_LIMIT));
        for (const name of region.climb!.members) expect(region.climb!.rule).toContain(`ALARM("${name}")`);
        expect(region.climb!.description.length).toBeLessThanOrEqual(1024);
      }
      for (const alarm of plan.monitoring.regions.flatMap((region) => region.alarms)) {
        expect(alarm.description.length).toBeLessThanOrEqual(1024);
        if (alarm.source.kind !== 'math') continue;
        expect(Object.keys(alarm.source.metrics).length).toBeLessThanOrEqual(10);
        for (const id of alarm.source.expression.match(/\bm\d+\b/g) ?? []) expect(Object.keys(alarm.source.metrics)).toContain(id);
      }
    }), RUNS);
  });

  it('watches every database, replica, shard, cache node, queue, service, event and region of the blueprint', () => {
    fc.assert(fc.property(blueprints, ({ plan }) => {
      const primaryRegion = plan.regions[0].region;
      const primary = regionOf(plan, primaryRegion);
      expect(plan.monitoring.regions.slice(0, plan.regions.length).map((region) => region.region)).toEqual(plan.regions.map((region) => region.region));
      const databases = [plan.database, ...(plan.shards?.shards.map((shard) => shard.database) ?? []), ...plan.services.map((service) => service.database)].filter((d) => d !== null);
      const watchedDatabases = literalValues(primary, 'DBInstanceIdentifier');
      for (const database of databases) {
        expect(watchedDatabases).toContain(database.identifier);
        for (const replica of database.replicas) expect(watchedDatabases).toContain(replica.identifier);
        if (database.proxy) expect(literalValues(primary, 'ProxyName')).toContain(database.proxy.name);
        for (const replica of database.regionalReplicas) expect(literalValues(regionOf(plan, replica.region), 'DBInstanceIdentifier')).toContain(replica.identifier);
      }
      const serving = plan.fleet ? plan.regions.map((region) => region.region) : [primaryRegion];
      for (const region of serving) {
        const here = regionOf(plan, region);
        const caches = [plan.cache, ...plan.services.map((service) => service.cache)].filter((cache) => cache !== null);
        for (const node of caches.flatMap((cache) => cacheNodeIds(cache))) expect(literalValues(here, 'CacheClusterId')).toContain(node);
        for (const queue of [...plan.queues, ...plan.services.flatMap((service) => service.queues)]) {
          expect(literalValues(here, 'QueueName')).toContain(queue.queueName);
          expect(literalValues(here, 'QueueName')).toContain(queue.deadLetterQueueName);
        }
        for (const fleet of [plan.fleet, ...plan.services.map((service) => service.fleet)].filter((f) => f !== null)) {
          expect(referenceKeys(here, 'target-group')).toContain(`${fleet.tfName}@${region}`);
          expect(referenceKeys(here, 'fleet')).toContain(`${fleet.tfName}@${region}`);
        }
      }
      for (const event of plan.events) expect(literalValues(primary, 'TopicName')).toContain(event.topicName);
      const globalRegion = plan.monitoring.regions.find((region) => region.globalServicesOnly) ?? regionOf(plan, 'us-east-1');
      for (const record of plan.multiRegion?.records ?? []) expect(referenceKeys(globalRegion, 'health-check')).toContain(`health_check@${record.region}`);
      if (plan.cdn) expect(referenceKeys(globalRegion, 'cdn')).toContain(`cdn@${primaryRegion}`);
      if (plan.server) expect(referenceKeys(primary, 'server')).toContain(`server@${primaryRegion}`);
    }), RUNS);
  });

  it('lays every dashboard out inside CloudWatch\'s 24-column grid without overlaps', () => {
    fc.assert(fc.property(blueprints, ({ plan }) => {
      const dashboards = [...plan.monitoring.regions.map((region) => region.dashboard), ...(plan.monitoring.globalDashboard ? [plan.monitoring.globalDashboard] : [])];
      for (const dashboard of dashboards) {
        const taken = new Set<string>();
        for (const widget of dashboard.widgets) {
          expect(widget.x + widget.width).toBeLessThanOrEqual(24);
          for (let x = widget.x; x < widget.x + widget.width; x += 1) {
            for (let y = widget.y; y < widget.y + widget.height; y += 1) {
              expect(taken.has(`${x},${y}`)).toBe(false);
              taken.add(`${x},${y}`);
            }
          }
          if (widget.kind === 'alarm-status') expect(widget.alarms.length).toBeLessThanOrEqual(100);
        }
      }
    }), { numRuns: 20 });
  });
});
