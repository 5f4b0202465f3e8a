import type { AlertsSpec } from '../../spec';
import { TARGET_HEADROOM } from '../capacity/capacity-figures';
import type { AlarmPlan, MonitoringPlan, RegionMonitoringPlan, TopicPurpose } from './monitoring-plan';
import { alertsKey, alertTopic, planAlerts } from './alert-topics';
import { cacheAlarms } from './cache-alarms';
import { climbAlarm } from './climb-alarm';
import { globalDashboard, regionDashboard } from './dashboard-layout';
import { databaseAlarms } from './database-alarms';
import { fleetAlarms } from './fleet-alarms';
import { eventAlarms, failoverAlarms, GLOBAL_METRICS_REGION, globalServiceAlarms, shardSkewAlarms } from './global-alarms';
import { planLogGroups, planMetricFilters } from './log-groups';
import { queueAlarms } from './queue-alarms';
import { serverAlarms } from './server-alarms';
import { type UnwatchedPlan, watchContext, type WatchContext } from './watch-context';
import { withWatchOutputs } from './watch-outputs';

/** The headroom capacity alarms keep when the blueprint names none: advise's 30%. */
export const DEFAULT_ALERT_HEADROOM = TARGET_HEADROOM;

/**
 * Decides what each region watches and whom it tells: per region the alarms of every tier it runs (capacity signals
 * at ceiling ÷ (1 + headroom), pages for failures), the climb composite, the topics and their key, log groups and a
 * dashboard; us-east-1 also watches CloudFront and Route 53, in a stack of its own when no blueprint region is
 * us-east-1; level 7 adds a dashboard across regions.
 */
export function planMonitoring(plan: UnwatchedPlan, alerts?: AlertsSpec): MonitoringPlan {
  const headroom = alerts?.headroom ?? DEFAULT_ALERT_HEADROOM;
  const told = { emails: alerts?.emails ?? [], existingTopicArn: alerts?.topicArn ?? null };
  const contexts = plan.regions.map((region) => watchContext(plan, region.region, headroom));
  const unnamed = plan.regions.map((region, index) => regionMonitoring(contexts[index], region.stackName, false, told));
  const globalStack = needsGlobalServicesRegion(plan) ? globalServicesStackName(plan) : null;
  if (globalStack) unnamed.push(regionMonitoring(watchContext(plan, GLOBAL_METRICS_REGION, headroom), globalStack, true, told));
  const regions = withWatchOutputs(plan, unnamed);
  // Level 7's dashboard names every region's resources: the stack deployed last holds it.
  const dashboard = globalDashboard(contexts, globalStack ?? plan.regions[0].stackName);
  return { alerts: planAlerts(plan, alerts, regions, headroom), regions, globalDashboard: dashboard };
}

/** The stack of the us-east-1 alarms of CloudFront and Route 53 (see {@link needsGlobalServicesRegion}). */
export function globalServicesStackName(plan: Pick<UnwatchedPlan, 'name' | 'environment'>): string {
  return `${plan.name}-${plan.environment}-monitoring-${GLOBAL_METRICS_REGION}`;
}

/**
 * CloudFront's and Route 53's metrics live in us-east-1, and an alarm can only name a resource of a stack deployed
 * before its own. So they are watched from a stack of their own, deployed after every region's, when the blueprint's
 * primary region is another (the distribution is the primary stack's) or at level 7 (each region's stack creates its
 * own health check, after the primary's); otherwise the us-east-1 primary stack watches its own distribution.
 */
export function needsGlobalServicesRegion(plan: Pick<UnwatchedPlan, 'cdn' | 'multiRegion' | 'regions'>): boolean {
  return (plan.cdn !== null || plan.multiRegion !== null) && (plan.multiRegion !== null || plan.regions[0].region !== GLOBAL_METRICS_REGION);
}

/** Every alarm of the tiers one region runs, in the order the dashboard lists them. */
export function regionAlarms(context: WatchContext): AlarmPlan[] {
  return [
    ...serverAlarms(context),
    ...fleetAlarms(context),
    ...failoverAlarms(context),
    ...databaseAlarms(context),
    ...shardSkewAlarms(context),
    ...cacheAlarms(context),
    ...queueAlarms(context),
    ...eventAlarms(context),
    // The us-east-1 primary watches its own distribution, unless a stack of their own watches the global services.
    ...(needsGlobalServicesRegion(context.plan) ? [] : globalServiceAlarms(context)),
  ];
}

/** Whom a region tells: the blueprint's addresses, and its existing topic (notified only by alarms of its own region). */
interface Told {
  readonly emails: readonly string[];
  readonly existingTopicArn: string | null;
}

function regionMonitoring(context: WatchContext, stackName: string, globalServicesOnly: boolean, told: Told): Omit<RegionMonitoringPlan, 'outputs'> {
  const { plan, region } = context;
  const alarms = globalServicesOnly ? globalServiceAlarms(context) : regionAlarms(context);
  const climb = climbAlarm(context, alarms);
  // The extra us-east-1 stack only pages (CloudFront, Route 53): it has no capacity signal to climb on.
  const purposes: TopicPurpose[] = globalServicesOnly ? ['alerts'] : ['alerts', 'capacity'];
  const logGroups = globalServicesOnly ? [] : planLogGroups(plan, region);
  return {
    region,
    stackName,
    globalServicesOnly,
    key: alertsKey(plan, region, globalServicesOnly, logGroups.length > 0),
    topics: purposes.map((purpose) => alertTopic(plan, region, purpose, told.emails, globalServicesOnly)),
    // arn:<partition>:sns:<region>:<account>:<name>
    existingTopicArn: told.existingTopicArn !== null && told.existingTopicArn.split(':')[3] === region ? told.existingTopicArn : null,
    alarms,
    climb,
    logGroups,
    metricFilters: planMetricFilters(plan, region, logGroups),
    dashboard: regionDashboard(context, alarms, climb, globalServicesOnly, stackName),
  };
}
