import type { AwsRegion } from '../../spec';
import type { LogGroupPlan, MonitoringPlan } from './monitoring-plan';
import { pascalCase, snakeCase } from '../naming';
import { regionalTfName, type UnwatchedPlan } from './plan-monitoring';

// The log groups the instances ship to, by what goes in them. The monitoring plan decides which groups exist and
// their names; the boot scripts (the CloudWatch agent's configuration) and the wiring graph (the grants to write
// them) look them up here, so no other module builds a log group's name.

/** What a log group holds: the app's output, the web server's access or error log, a queue worker's output. */
export type LogContent = LogGroupPlan['content'];

/** The log group a region's instances ship `content` to, as the monitoring plan lists it; null when it plans none. */
export function logGroupFor(monitoring: Pick<MonitoringPlan, 'regions'>, region: AwsRegion, content: LogContent): LogGroupPlan | null {
  return monitoring.regions.find((candidate) => candidate.region === region)?.logGroups.find((group) => group.content === content) ?? null;
}

/**
 * The log group of `content` in `region` as the builder plans the app's: `<parameterPrefix>/<content>` (unique per
 * account and region, app and environment in it), kept 90 days in production and 14 elsewhere. For the builder,
 * so that every group the instances ship to (see `agentLogSources` in lib/plan/boot) is named alike.
 */
export function plannedLogGroup(plan: UnwatchedPlan, content: LogContent, region: AwsRegion): LogGroupPlan {
  return {
    id: `${pascalCase(content)}Logs`, tfName: regionalTfName(plan, `${snakeCase(content)}_logs`, region), name: `${plan.parameterPrefix}/${content}`, region,
    retentionDays: plan.environment === 'production' ? 90 : 14, content,
  };
}
