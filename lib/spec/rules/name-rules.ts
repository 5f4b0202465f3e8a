import type { BlueprintSpec } from '../blueprint-schema';
import { type BlueprintRule, duplicates, type RuleIssue } from './rule-context';

/** Service, queue (as AWS will name them) and event names are unique. */
export const namesAreUnique: BlueprintRule = ({ spec }) => {
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
