import { type AwsRegion, queueSpecSchema, type ServiceSpec } from '../spec';
import type { EventPlan, Environment, ServicePlan } from './architecture-plan';
import { planCache } from './plan-cache';
import { planFleet } from './plan-compute';
import { databaseNameOf, planDatabase } from './plan-database';
import { planQueue, planQueues } from './plan-queues';
import { APP_RULE_PRIORITY } from './listener-rule-priorities';
import { fnv1a32, pascalCase, snakeCase } from './naming';

/** ALB listener rule priorities range 1..50000; services take a band derived from their name. */
const PRIORITY_RANGE = 49_000;

/** Level 6: services sorted by name, each with its own fleet, data and inbox queues. */
export function planServices(
  blueprintName: string,
  services: readonly ServiceSpec[],
  environment: Environment,
  physicalPrefix: string,
  parameterPrefix: string,
  regions: readonly AwsRegion[],
): ServicePlan[] {
  const priorities = listenerPriorities(services.map((service) => service.name));
  return services
    .toSorted((a, b) => a.name.localeCompare(b.name))
    .map((service) => {
      const id = `Service${pascalCase(service.name)}`;
      const tfName = `service_${snakeCase(service.name)}`;
      const servicePrefix = `${physicalPrefix}-${service.name}`;
      const serviceParameterPrefix = `${parameterPrefix}/services/${service.name}`;
      const scope = { idPrefix: '', tfPrefix: `${tfName}_`, physicalPrefix: servicePrefix, parameterPrefix: `${serviceParameterPrefix}/queues` };
      return {
        name: service.name,
        id,
        tfName,
        pathPattern: service.pathPattern,
        parameterPrefix: serviceParameterPrefix,
        listenerPriority: priorities.get(service.name)!,
        fleet: planFleet(service, environment, { id: 'Fleet', tfName: `${tfName}_fleet`, name: service.name }),
        database: service.database
          ? planDatabase(service.database, environment,
              { id: 'Database', tfName: `${tfName}_database`, identifier: `${servicePrefix}-db`, databaseName: databaseNameOf(blueprintName, service.name) },
              { replicasAllowed: true, otherRegions: regions.slice(1), physicalPrefix })
          : null,
        cache: service.cache
          ? planCache(service.cache, environment, { id: 'Cache', tfName: `${tfName}_cache`, replicationGroupId: `${physicalPrefix}-s-${service.name}` })
          : null,
        queues: [
          ...planQueues(service.queues, scope),
          ...service.subscribes.toSorted().map((event) =>
            planQueue(queueSpecSchema.parse({ name: `on-${event}` }), scope, event),
          ),
        ],
        publishes: service.publishes.toSorted(),
        subscribes: service.subscribes.toSorted(),
      };
    });
}

/**
 * One SNS topic per published event in every region of the plan (level 7: the services run in each), with its
 * publishers and subscribers.
 */
export function planEvents(services: readonly ServicePlan[], physicalPrefix: string, parameterPrefix: string, regions: readonly AwsRegion[]): EventPlan[] {
  const names = [...new Set(services.flatMap((service) => service.publishes))].toSorted();
  return names.map((name) => ({
    name,
    id: `Event${pascalCase(name)}`,
    tfName: `event_${snakeCase(name)}`,
    topicName: `${physicalPrefix}-${name}`,
    regions,
    arnParameterName: `${parameterPrefix}/events/${name}/arn`,
    publishers: services.filter((s) => s.publishes.includes(name)).map((s) => s.name),
    subscribers: services.filter((s) => s.subscribes.includes(name)).map((s) => s.name),
  }));
}

/**
 * Priorities from a hash of each name, probing upward on collision in name order, so a service
 * keeps its priority when others are added, removed or reordered (barring a rare collision).
 */
function listenerPriorities(names: readonly string[]): Map<string, number> {
  const taken = new Set<number>();
  const result = new Map<string, number>();
  for (const name of names.toSorted()) {
    let priority = 1000 + (fnv1a32(name) % PRIORITY_RANGE);
    while (taken.has(priority)) priority = priority + 1 > APP_RULE_PRIORITY - 1 ? 1000 : priority + 1;
    taken.add(priority);
    result.set(name, priority);
  }
  return result;
}
