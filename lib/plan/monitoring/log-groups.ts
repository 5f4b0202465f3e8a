import type { AwsRegion } from '../../spec';
import { snakeCase } from '../naming';
import type { LogGroupPlan, MetricFilterPlan, MonitoringPlan } from './monitoring-plan';
import { regionalTfName, type UnwatchedPlan } from './watch-context';

// The log groups the CloudWatch agent ships to, and the metric filters that turn the single server's access log
// into a request count (levels 1-3 have no load balancer to count for them).

/** Days a log group keeps its events: a quarter in production, two weeks elsewhere. */
export const LOG_RETENTION_DAYS = { production: 90, staging: 14, development: 14 } as const;

/**
 * The access log's line: the Common Log Format's fields (nginx's default `combined` adds referrer and agent), as a
 * space-delimited filter pattern; quoted and bracketed fields count as one.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html
 */
export const ACCESS_LOG_FIELDS = '[ip, identity, user, timestamp, request, status, ...]';

/** Server errors in the same log: status 5xx (https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FindCountMetric.html). */
export const ACCESS_LOG_5XX = '[ip, identity, user, timestamp, request, status=5*, ...]';

/** The namespace of the blueprint's own metrics (the server's request counts from its access log). */
export function customNamespace(plan: Pick<UnwatchedPlan, 'name' | 'environment'>): string {
  return `tierup/${plan.name}/${plan.environment}`;
}

/** The metric names the server's access-log filters publish. */
export const SERVER_LOG_METRICS = { requests: 'ServerRequests', errors: 'ServerErrors' } as const;

/**
 * A region's log groups: the app's (and at levels 1-3 the web server's access and error logs, which the primary
 * region keeps at every level so that climbing never deletes a log group with its history), one per service and
 * one per queue's workers.
 */
export function planLogGroups(plan: UnwatchedPlan, region: AwsRegion): LogGroupPlan[] {
  const primary = region === plan.regions[0].region;
  const retentionDays = LOG_RETENTION_DAYS[plan.environment];
  const group = (id: string, tfName: string, name: string, content: LogGroupPlan['content'], owner: LogGroupPlan['owner'] = APP_OWNER): LogGroupPlan =>
    ({ id, tfName: regionalTfName(plan, tfName, region), name, region, retentionDays, content, owner });
  const groups: LogGroupPlan[] = [group('AppLogs', 'app_logs', `${plan.parameterPrefix}/app`, 'app')];
  if (primary) {
    groups.push(group('WebAccessLogs', 'web_access_logs', `${plan.parameterPrefix}/web/access`, 'web-access'));
    groups.push(group('WebErrorLogs', 'web_error_logs', `${plan.parameterPrefix}/web/error`, 'web-error'));
  }
  const servesHere = primary || plan.fleet !== null;
  if (!servesHere) return groups;
  for (const queue of plan.queues) {
    if (queue.worker) groups.push(group(`${queue.worker.id}Logs`, `${queue.worker.tfName}_logs`, `${plan.parameterPrefix}/queues/${queue.name}/worker`, 'worker', { service: null, queue: queue.name }));
  }
  for (const service of plan.services) {
    groups.push(group(`${service.id}Logs`, `${service.tfName}_logs`, `${service.parameterPrefix}/app`, 'app', { service: service.name, queue: null }));
    for (const queue of service.queues) {
      if (queue.worker) {
        groups.push(group(`${service.id}${queue.worker.id}Logs`, `${queue.worker.tfName}_logs`, `${service.parameterPrefix}/queues/${queue.name}/worker`, 'worker', { service: service.name, queue: queue.name }));
      }
    }
  }
  return groups;
}

/** The owner of the app's own groups (the server's or the app fleet's, not a service's or a queue's workers'). */
const APP_OWNER: LogGroupPlan['owner'] = { service: null, queue: null };

/** What a log group holds: the app's output, the web server's access or error log, a queue worker's output. */
export type LogContent = LogGroupPlan['content'];

/**
 * The log group a tier of `owner` (the app's, a service's, a queue's workers) ships `content` to in `region`, as the
 * monitoring plan lists it; null when it plans none. The boot scripts (the agent's configuration) and the wiring
 * graph (the grants to write it) look groups up here, so no other module builds a log group's name.
 */
export function logGroupFor(monitoring: Pick<MonitoringPlan, 'regions'>, region: AwsRegion, content: LogContent, owner: LogGroupPlan['owner'] = APP_OWNER): LogGroupPlan | null {
  return monitoring.regions.find((candidate) => candidate.region === region)?.logGroups
    .find((group) => group.content === content && group.owner.service === owner.service && group.owner.queue === owner.queue) ?? null;
}

/** Levels 1-3, primary region: requests and 5xx responses counted from the server's access log. */
export function planMetricFilters(plan: UnwatchedPlan, region: AwsRegion, groups: readonly LogGroupPlan[]): MetricFilterPlan[] {
  const access = groups.find((candidate) => candidate.content === 'web-access');
  if (!plan.server || !access) return [];
  const filter = (metricName: string, pattern: string): MetricFilterPlan => ({
    id: `${metricName}Filter`, tfName: regionalTfName(plan, `${snakeCase(kebab(metricName))}_filter`, region), logGroupName: access.name, region,
    pattern, metricNamespace: customNamespace(plan), metricName, metricValue: '1',
  });
  return [filter(SERVER_LOG_METRICS.requests, ACCESS_LOG_FIELDS), filter(SERVER_LOG_METRICS.errors, ACCESS_LOG_5XX)];
}

/** "ServerRequests" → "server-requests". */
function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
