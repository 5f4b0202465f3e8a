import type { BlueprintSpec, ScalingSpec, ServiceSpec } from './blueprint-schema';
import { cronProblem } from './cron';
import { vpcCidrProblem } from './cidr';
import { GLOBAL_DATASTORE_MAX_REGIONS, GLOBAL_DATASTORE_PREFIXES, globalDatastoreSupportsNodeType } from './global-datastore';
import { describeLevel, type Level } from './levels';

/** A problem found by a rule, located by its path in the blueprint. */
export interface RuleIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly fix: string;
  /** Point at the key rather than its value (for sections that should not be there). */
  readonly atKey?: boolean;
}

/** What a rule sees: the parsed spec, its resolved level, and the raw input to tell what was written. */
export interface RuleContext {
  readonly spec: BlueprintSpec;
  readonly level: Level;
  readonly raw: Record<string, unknown>;
}

/** A cross-field check that zod's per-field schema cannot express. */
export type BlueprintRule = (context: RuleContext) => RuleIssue[];

/** Fields and sections that a level introduces: writing them below that level is an error. */
const LEVEL_GATES = [
  { path: ['database'], level: 2, what: 'database' },
  { path: ['cache'], level: 3, what: 'cache' },
  { path: ['cdn'], level: 4, what: 'cdn' },
  { path: ['app', 'scaling'], level: 4, what: 'app.scaling (an auto-scaling fleet)' },
  { path: ['network', 'natGateways'], level: 4, what: 'network.natGateways (private subnets behind NAT)' },
  { path: ['database', 'readReplicas'], level: 4, what: 'database.readReplicas' },
  { path: ['database', 'proxy'], level: 4, what: 'database.proxy (RDS Proxy)' },
  { path: ['database', 'shards'], level: 5, what: 'database.shards' },
  { path: ['queues'], level: 5, what: 'queues' },
  { path: ['services'], level: 6, what: 'services' },
  { path: ['multiRegion'], level: 7, what: 'multiRegion' },
] as const satisfies readonly { path: readonly string[]; level: Level; what: string }[];

/** Tags tierup adds to every resource, counted against AWS's limit of 50. */
export const TIERUP_TAG_COUNT = 2;
const AWS_TAG_LIMIT = 50;

const sectionsBelowTheirLevel: BlueprintRule = ({ level, raw }) =>
  LEVEL_GATES.filter((gate) => level < gate.level && hasPath(raw, gate.path)).map((gate) => ({
    path: gate.path,
    atKey: true,
    message: `${gate.what} needs level ${describeLevel(gate.level)} or higher, and this blueprint is at level ${describeLevel(level)}`,
    fix: `raise \`level\` to ${gate.level} or remove \`${gate.path.join('.')}\``,
  }));

const regionsFitTheLevel: BlueprintRule = ({ spec, level }) => {
  const issues: RuleIssue[] = [];
  if (level < 7 && spec.regions.length > 1) {
    issues.push({
      path: ['regions'],
      message: `${spec.regions.length} regions need level ${describeLevel(7)}`,
      fix: 'keep one region, or raise `level` to 7 and add `multiRegion`',
    });
  }
  if (level === 7 && spec.regions.length < 2) {
    issues.push({
      path: ['regions'],
      message: 'level 7 (multi-region) needs at least two regions',
      fix: 'list a second region, e.g. `regions: [us-east-1, eu-west-1]`',
    });
  }
  if (level === 7 && !spec.multiRegion) {
    issues.push({
      path: ['multiRegion'],
      message: 'level 7 (multi-region) needs `multiRegion` with a domain name and hosted zone',
      fix: 'add `multiRegion: { mode: active-passive, domainName: app.example.com, hostedZoneName: example.com }`',
    });
  }
  return [...issues, ...duplicates(spec.regions, ['regions'], 'region')];
};

const networkIsValid: BlueprintRule = ({ spec }) => {
  const issues: RuleIssue[] = [];
  const problem = vpcCidrProblem(spec.network.cidr);
  if (problem) {
    issues.push({ path: ['network', 'cidr'], message: `"${spec.network.cidr}" ${problem}`, fix: 'use a private block such as 10.0.0.0/16' });
  }
  const nat = spec.network.natGateways;
  if (nat !== undefined && nat > spec.network.maxAzs) {
    issues.push({
      path: ['network', 'natGateways'],
      message: `${nat} NAT gateways for ${spec.network.maxAzs} Availability Zones; there is one at most per zone`,
      fix: `set natGateways to at most ${spec.network.maxAzs}, or raise maxAzs`,
    });
  }
  return issues;
};

const tagsAreValid: BlueprintRule = ({ spec }) => {
  const keys = Object.keys(spec.tags);
  const limit = AWS_TAG_LIMIT - TIERUP_TAG_COUNT;
  const issues: RuleIssue[] = keys
    .filter((key) => key.toLowerCase().startsWith('aws:') || key.startsWith('tierup:'))
    .map((key) => ({ path: ['tags', key], atKey: true, message: `tag key "${key}" uses a reserved prefix`, fix: 'rename the tag; "aws:" and "tierup:" are reserved' }));
  if (keys.length > limit) {
    issues.push({
      path: ['tags'],
      message: `${keys.length} tags; AWS allows ${AWS_TAG_LIMIT} per resource and tierup adds ${TIERUP_TAG_COUNT}`,
      fix: `keep at most ${limit} tags`,
    });
  }
  return issues;
};

const scalingIsConsistent: BlueprintRule = ({ spec }) => [
  ...scalingIssues(spec.app.scaling, ['app', 'scaling']),
  ...(spec.services ?? []).flatMap((service, index) => scalingIssues(service.scaling, ['services', index, 'scaling'])),
  ...allQueues(spec).flatMap(({ queue, path }) =>
    queue.worker && queue.worker.min > queue.worker.max
      ? [minAboveMax(queue.worker.min, queue.worker.max, [...path, 'worker'])]
      : [],
  ),
];

function scalingIssues(scaling: ScalingSpec | undefined, path: (string | number)[]): RuleIssue[] {
  if (!scaling) return [];
  const issues: RuleIssue[] = [];
  if (scaling.min !== undefined && scaling.max !== undefined && scaling.min > scaling.max) {
    issues.push(minAboveMax(scaling.min, scaling.max, path));
  }
  scaling.schedules.forEach((schedule, index) => {
    const schedulePath = [...path, 'schedules', index];
    const problem = cronProblem(schedule.cron);
    if (problem) issues.push({ path: [...schedulePath, 'cron'], message: `cron "${schedule.cron}" ${problem}`, fix: 'write a five-field cron in UTC, e.g. "30 8 * * MON-FRI"' });
    if (schedule.min !== undefined && schedule.max !== undefined && schedule.min > schedule.max) {
      issues.push(minAboveMax(schedule.min, schedule.max, schedulePath));
    }
    // AWS rejects a scheduled action whose sizes fall outside the group's (or its own) bounds when it runs.
    const ceiling = schedule.max ?? scaling.max;
    for (const field of ['min', 'desired'] as const) {
      const value = schedule[field];
      if (value !== undefined && ceiling !== undefined && value > ceiling) {
        issues.push({
          path: [...schedulePath, field],
          message: `schedule "${schedule.name}" sets ${field} ${value}, above the ${schedule.max !== undefined ? "schedule's" : "fleet's"} max of ${ceiling}`,
          fix: `lower ${field} to ${ceiling} or raise ${schedule.max !== undefined ? 'the schedule\'s' : 'scaling.'}max`,
        });
      }
    }
    if (schedule.min === undefined && schedule.max === undefined && schedule.desired === undefined) {
      issues.push({ path: schedulePath, message: `schedule "${schedule.name}" changes nothing`, fix: 'give it min, max or desired' });
    }
  });
  issues.push(...duplicates(scaling.schedules.map((s) => s.name), [...path, 'schedules'], 'schedule name', 'name'));
  return issues;
}

function minAboveMax(min: number, max: number, path: readonly (string | number)[]): RuleIssue {
  return { path: [...path, 'min'], message: `min (${min}) is above max (${max})`, fix: `lower min to ${max} or raise max to ${min}` };
}

const namesAreUnique: BlueprintRule = ({ spec }) => {
  const services = spec.services ?? [];
  const issues: RuleIssue[] = [...duplicates(services.map((s) => s.name), ['services'], 'service name', 'name')];
  issues.push(...queueNameClashes(spec));
  services.forEach((service, index) => {
    issues.push(...duplicates(service.publishes, ['services', index, 'publishes'], 'event'));
    issues.push(...duplicates(service.subscribes, ['services', index, 'subscribes'], 'event'));
  });
  return issues;
};

/**
 * Queue names become AWS names after the blueprint's prefix: `<queue>` and `<queue>-dlq` for the app,
 * `<service>-<queue>` for a service's, `<service>-on-<event>` for an inbox. Two of these alike would
 * be one queue to AWS (and one Terraform name), so every derived name must be unique.
 */
function queueNameClashes(spec: BlueprintSpec): RuleIssue[] {
  const owners = new Map<string, string>();
  const issues: RuleIssue[] = [];
  const claim = (name: string, owner: string, path: readonly (string | number)[]) => {
    for (const derived of [name, `${name}-dlq`]) {
      const first = owners.get(derived);
      if (first) {
        issues.push({
          path,
          message: `${owner} would get the AWS name "…-${derived}", which ${first} already has`,
          fix: 'rename one of them; queue names, their "-dlq" dead-letter queues, "<service>-<queue>" and "<service>-on-<event>" inboxes must all differ',
        });
        return;
      }
    }
    owners.set(name, owner);
    owners.set(`${name}-dlq`, `the dead-letter queue of ${owner}`);
  };
  (spec.queues ?? []).forEach((queue, index) => claim(queue.name, `queue "${queue.name}"`, ['queues', index, 'name']));
  (spec.services ?? []).forEach((service, s) => {
    service.queues.forEach((queue, index) => claim(`${service.name}-${queue.name}`, `queue "${queue.name}" of service "${service.name}"`, ['services', s, 'queues', index, 'name']));
    service.subscribes.forEach((event, index) => claim(`${service.name}-on-${event}`, `the inbox of service "${service.name}" for event "${event}"`, ['services', s, 'subscribes', index]));
  });
  return issues;
}

const pathPatternsDoNotConflict: BlueprintRule = ({ spec }) => {
  const services = spec.services ?? [];
  const issues: RuleIssue[] = [];
  services.forEach((service, index) => {
    if (service.pathPattern === '/*' || service.pathPattern === '*') {
      issues.push({ path: ['services', index, 'pathPattern'], message: `"${service.pathPattern}" would take every request from the default app`, fix: 'route a prefix such as "/orders/*"' });
    }
    const earlier = services.findIndex((other) => other.pathPattern === service.pathPattern);
    if (earlier < index) {
      issues.push({
        path: ['services', index, 'pathPattern'],
        message: `path pattern "${service.pathPattern}" is already routed to service "${services[earlier].name}"`,
        fix: 'give each service a path pattern of its own',
      });
      return;
    }
    // Listener rules are ordered by priority, not by specificity: overlapping patterns would send one
    // service's requests to the other.
    const covering = services.find((other, o) => o !== index && covers(other.pathPattern, service.pathPattern));
    if (covering) {
      issues.push({
        path: ['services', index, 'pathPattern'],
        message: `path pattern "${service.pathPattern}" overlaps "${covering.pathPattern}" of service "${covering.name}"; the load balancer could send these requests to either`,
        fix: 'give the services disjoint prefixes, e.g. "/orders/*" and "/order-admin/*"',
      });
    }
  });
  return issues;
};

const eventsHavePublishers: BlueprintRule = ({ spec }) => {
  const services = spec.services ?? [];
  const published = new Set(services.flatMap((s) => s.publishes));
  return services.flatMap((service, index) =>
    service.subscribes
      .map((event, position) => ({ event, position }))
      .filter(({ event }) => !published.has(event))
      .map(({ event, position }) => ({
        path: ['services', index, 'subscribes', position],
        message: `service "${service.name}" subscribes to event "${event}", which no service publishes`,
        fix: `add "${event}" to the \`publishes\` of the service that emits it, or remove the subscription`,
      })),
  );
};

const shardsAreConsistent: BlueprintRule = ({ spec }) => {
  const shards = spec.database?.shards;
  if (!shards) return [];
  const path = ['database', 'shards'];
  const issues: RuleIssue[] = [];
  if (shards.boundaries && shards.strategy !== 'range') {
    issues.push({ path: [...path, 'boundaries'], atKey: true, message: 'boundaries apply only to strategy "range"', fix: 'remove `boundaries` or set `strategy: range`' });
  }
  if (shards.geo && shards.strategy !== 'geo') {
    issues.push({ path: [...path, 'geo'], atKey: true, message: 'geo applies only to strategy "geo"', fix: 'remove `geo` or set `strategy: geo`' });
  }
  const boundaries = shards.boundaries;
  if (boundaries && boundaries.length !== shards.count - 1) {
    issues.push({ path: [...path, 'boundaries'], message: `${boundaries.length} boundaries for ${shards.count} shards`, fix: `give ${shards.count - 1} ascending lower bounds, one for each shard after shard 0` });
  }
  if (boundaries && boundaries.some((bound, i) => i > 0 && bound <= boundaries[i - 1])) {
    issues.push({ path: [...path, 'boundaries'], message: 'boundaries are not strictly ascending', fix: 'sort them and remove repeats' });
  }
  for (const [place, shard] of Object.entries(shards.geo ?? {})) {
    if (shard >= shards.count) {
      issues.push({ path: [...path, 'geo', place], message: `"${place}" maps to shard ${shard}, but there are ${shards.count} shards (0-${shards.count - 1})`, fix: `use a shard number below ${shards.count}` });
    }
  }
  return issues;
};

const domainIsInZone: BlueprintRule = ({ spec }) => {
  const routing = spec.multiRegion;
  if (!routing) return [];
  const inZone = routing.domainName === routing.hostedZoneName || routing.domainName.endsWith(`.${routing.hostedZoneName}`);
  return inZone ? [] : [{
    path: ['multiRegion', 'domainName'],
    message: `${routing.domainName} is not inside the hosted zone ${routing.hostedZoneName}`,
    fix: `use a name ending in .${routing.hostedZoneName}, or name the zone that holds ${routing.domainName}`,
  }];
};

/**
 * `multiRegion.globalCache` needs what an ElastiCache global datastore accepts: a supported node type
 * (M5, M6g, M7g, R5, R6g, R6gd, R7g, C7gn, large and above; the t-family defaults are not), at most two
 * further regions, and a primary region whose datastore id prefix AWS publishes.
 */
const globalCacheIsSupported: BlueprintRule = ({ spec }) => {
  if (!spec.multiRegion?.globalCache) return [];
  const issues: RuleIssue[] = [];
  const nodeType = spec.cache?.nodeType;
  if (!nodeType || !globalDatastoreSupportsNodeType(nodeType)) {
    issues.push({
      path: nodeType ? ['cache', 'nodeType'] : ['multiRegion', 'globalCache'],
      message: nodeType
        ? `${nodeType} cannot be part of an ElastiCache global datastore (multiRegion.globalCache); it needs an M5, M6g, M7g, R5, R6g, R6gd, R7g or C7gn node, large or bigger`
        : 'multiRegion.globalCache needs `cache.nodeType` of a global-datastore family (M5, M6g, M7g, R5, R6g, R6gd, R7g, C7gn, large or bigger); the default node type is a t-family node',
      fix: 'set `cache.nodeType: cache.r7g.large` (or another supported type), or set `multiRegion.globalCache: false`',
    });
  }
  if (spec.regions.length > GLOBAL_DATASTORE_MAX_REGIONS) {
    issues.push({
      path: ['multiRegion', 'globalCache'],
      message: `a global datastore spans at most ${GLOBAL_DATASTORE_MAX_REGIONS} regions (a primary and two secondaries), and this blueprint lists ${spec.regions.length}`,
      fix: `keep ${GLOBAL_DATASTORE_MAX_REGIONS} regions, or set \`multiRegion.globalCache: false\``,
    });
  }
  if (GLOBAL_DATASTORE_PREFIXES[spec.regions[0]] === undefined) {
    issues.push({
      path: ['multiRegion', 'globalCache'],
      message: `AWS publishes no global datastore id prefix for ${spec.regions[0]}, so the further regions' caches could not name the datastore`,
      fix: `make one of ${Object.keys(GLOBAL_DATASTORE_PREFIXES).join(', ')} the first region, or set \`multiRegion.globalCache: false\``,
    });
  }
  return issues;
};

/** Every cross-field rule, in the order their problems are reported. */
export const BLUEPRINT_RULES: readonly BlueprintRule[] = [
  sectionsBelowTheirLevel,
  regionsFitTheLevel,
  networkIsValid,
  tagsAreValid,
  scalingIsConsistent,
  namesAreUnique,
  pathPatternsDoNotConflict,
  eventsHavePublishers,
  shardsAreConsistent,
  domainIsInZone,
  globalCacheIsSupported,
];

/** Runs every rule over a parsed blueprint. */
export function checkRules(spec: BlueprintSpec, raw: Record<string, unknown>): RuleIssue[] {
  const context: RuleContext = { spec, level: spec.level, raw };
  return BLUEPRINT_RULES.flatMap((rule) => rule(context));
}

function allQueues(spec: BlueprintSpec) {
  return [
    ...(spec.queues ?? []).map((queue, index) => ({ queue, path: ['queues', index] as (string | number)[] })),
    ...(spec.services ?? []).flatMap((service: ServiceSpec, s) =>
      service.queues.map((queue, index) => ({ queue, path: ['services', s, 'queues', index] as (string | number)[] })),
    ),
  ];
}

function duplicates(values: readonly string[], path: readonly (string | number)[], what: string, field?: string): RuleIssue[] {
  return values.flatMap((value, index) =>
    values.indexOf(value) < index
      ? [{ path: field ? [...path, index, field] : [...path, index], message: `${what} "${value}" appears twice`, fix: `remove the repeat or rename it` }]
      : [],
  );
}

/** True when every path `inner` matches is matched by `outer` too (a trailing-`*` prefix). */
function covers(outer: string, inner: string): boolean {
  return outer !== inner && outer.endsWith('*') && inner.startsWith(outer.slice(0, -1));
}

function hasPath(value: unknown, path: readonly string[]): boolean {
  let current: unknown = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !(key in current)) return false;
    current = (current as Record<string, unknown>)[key];
  }
  return current !== undefined && current !== null;
}
