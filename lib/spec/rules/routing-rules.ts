import type { BlueprintRule, RuleIssue } from './rule-context';

/** Each service has a path pattern of its own that no other covers. */
export const pathPatternsDoNotConflict: BlueprintRule = ({ spec }) => {
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

/** Every subscribed event is published by some service. */
export const eventsHavePublishers: BlueprintRule = ({ spec }) => {
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

/** True when every path `inner` matches is matched by `outer` too (a trailing-`*` prefix). */
function covers(outer: string, inner: string): boolean {
  return outer !== inner && outer.endsWith('*') && inner.startsWith(outer.slice(0, -1));
}
