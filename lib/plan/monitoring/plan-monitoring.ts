import type { AwsRegion } from '../../spec';
import type { ArchitecturePlan } from '../architecture-plan';
import { pascalCase, physicalPrefix, snakeCase } from '../naming';
import type {
  AlarmPlan, AlertTopicPlan, AlertsKeyPlan, ClimbAlarmPlan, DashboardPlan, LogGroupPlan, MonitoringPlan, RegionMonitoringPlan,
  TopicPurpose,
} from './monitoring-plan';

/** The plan without the sections derived from it. */
export type UnwatchedPlan = Omit<ArchitecturePlan, 'wiring' | 'monitoring'>;

/** The headroom capacity alarms keep when the blueprint names none: advise's 30%. */
export const DEFAULT_ALERT_HEADROOM = 0.3;

/**
 * Decides what each region watches and whom it tells. This first cut plans the topics, their key, the log
 * groups, the dashboard and a first alarm per kind of signal; the full catalogue per level follows
 * OBSERVABILITY.md.
 */
export function planMonitoring(plan: UnwatchedPlan): MonitoringPlan {
  const prefix = physicalPrefix(plan.name, plan.environment);
  const headroom = DEFAULT_ALERT_HEADROOM;
  const regions = plan.regions.map((region): RegionMonitoringPlan => {
    const alarms = regionAlarms(plan, region.region, prefix);
    return {
      region: region.region,
      stackName: region.stackName,
      globalServicesOnly: false,
      key: alertsKey(plan, prefix, region.region),
      topics: (['alerts', 'capacity'] as const).map((purpose) => alertTopic(plan, prefix, region.region, purpose)),
      alarms,
      climb: climbAlarm(plan, prefix, region.region, alarms),
      logGroups: logGroups(plan, region.region),
      metricFilters: [],
      dashboard: dashboard(plan, region.region, alarms),
    };
  });
  return { alerts: { emails: [], slack: null, existingTopicArn: null, headroom }, regions, globalDashboard: null };
}

/**
 * Terraform names: the primary region's as they are, a further region's with its region appended, so a
 * blueprint that climbs to level 7 keeps its primary's names.
 */
export function regionalTfName(plan: UnwatchedPlan, tfName: string, region: AwsRegion): string {
  return region === plan.regions[0].region ? tfName : `${tfName}_${snakeCase(region)}`;
}

function alertsKey(plan: UnwatchedPlan, prefix: string, region: AwsRegion): AlertsKeyPlan {
  return {
    id: 'AlertsKey', tfName: regionalTfName(plan, 'alerts_key', region), alias: `alias/${prefix}-alerts`, region,
    servicePrincipals: ['cloudwatch.amazonaws.com'], actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
  };
}

function alertTopic(plan: UnwatchedPlan, prefix: string, region: AwsRegion, purpose: TopicPurpose): AlertTopicPlan {
  return {
    id: `${pascalCase(purpose)}Topic`, tfName: regionalTfName(plan, `${purpose}_topic`, region), topicName: `${prefix}-${purpose}`,
    purpose, region, keyId: 'AlertsKey', subscriptions: [], publishers: ['cloudwatch.amazonaws.com'],
  };
}

function regionAlarms(plan: UnwatchedPlan, region: AwsRegion, prefix: string): AlarmPlan[] {
  const alarms: AlarmPlan[] = [];
  const primary = region === plan.regions[0].region;
  if (plan.server && primary) {
    const ceiling = plan.server.rpsPerInstance;
    alarms.push({
      id: 'ServerCpuAlarm', tfName: 'server_cpu_alarm', alarmName: `${prefix}-server-cpu`, region, kind: 'capacity', tier: 'server', signal: 'cpu',
      description: `Level ${plan.level} (${plan.levelName}): the server's CPU stayed above 80% for 15 minutes.`,
      source: {
        kind: 'metric',
        metric: {
          namespace: 'AWS/EC2', metricName: 'CPUUtilization', statistic: 'Average', periodSeconds: 300, region,
          dimensions: [{ name: 'InstanceId', value: { kind: 'reference', resource: { kind: 'server', key: 'server', region }, attribute: 'instance-id', outputName: 'WatchServerInstanceId' } }],
        },
      },
      comparison: 'GreaterThanThreshold', threshold: 80, thresholdSource: `a first cut; the server serves ${ceiling} rps`,
      evaluationPeriods: 3, datapointsToAlarm: 3, treatMissingData: 'missing', topic: 'capacity',
    });
  }
  if (plan.fleet && plan.loadBalancer) {
    const lb = { kind: 'reference', resource: { kind: 'load-balancer', key: 'load_balancer', region }, attribute: 'load-balancer-full-name', outputName: 'WatchLoadBalancerFullName' } as const;
    const tg = { kind: 'reference', resource: { kind: 'target-group', key: 'fleet', region }, attribute: 'target-group-full-name', outputName: 'WatchAppTargetGroupFullName' } as const;
    const metric = (metricName: string) => ({
      namespace: 'AWS/ApplicationELB', metricName, statistic: 'Sum' as const, periodSeconds: 60, region,
      dimensions: [{ name: 'LoadBalancer', value: lb }, { name: 'TargetGroup', value: tg }],
    });
    alarms.push({
      id: 'AppErrorRateAlarm', tfName: regionalTfName(plan, 'app_error_rate_alarm', region), alarmName: `${prefix}-app-5xx-rate-${region}`, region, kind: 'page', tier: 'app', signal: 'error-rate',
      description: `Level ${plan.level} (${plan.levelName}): more than 1% of the app's requests failed with a 5xx for 5 minutes.`,
      source: { kind: 'math', expression: '100 * m1 / m2', label: '5xx %', periodSeconds: 60, metrics: { m1: metric('HTTPCode_Target_5XX_Count'), m2: metric('RequestCount') } },
      comparison: 'GreaterThanThreshold', threshold: 1, thresholdSource: '1% of requests (OBSERVABILITY.md)',
      evaluationPeriods: 5, datapointsToAlarm: 5, treatMissingData: 'notBreaching', topic: 'alerts',
    });
  }
  if (plan.database && primary) {
    alarms.push({
      id: 'DatabaseCpuAlarm', tfName: 'database_cpu_alarm', alarmName: `${prefix}-database-cpu`, region, kind: 'page', tier: 'database', signal: 'cpu',
      description: `Level ${plan.level} (${plan.levelName}): the database's CPU stayed above 90% for 5 minutes.`,
      source: {
        kind: 'metric',
        metric: {
          namespace: 'AWS/RDS', metricName: 'CPUUtilization', statistic: 'Average', periodSeconds: 60, region,
          dimensions: [{ name: 'DBInstanceIdentifier', value: { kind: 'literal', value: plan.database.identifier } }],
        },
      },
      comparison: 'GreaterThanThreshold', threshold: 90, thresholdSource: '90% for 5 minutes (AWS recommended alarms)',
      evaluationPeriods: 5, datapointsToAlarm: 5, treatMissingData: 'missing', topic: 'alerts',
    });
  }
  return alarms;
}

function climbAlarm(plan: UnwatchedPlan, prefix: string, region: AwsRegion, alarms: readonly AlarmPlan[]): ClimbAlarmPlan | null {
  const members = alarms.filter((alarm) => alarm.kind === 'capacity').map((alarm) => alarm.alarmName);
  if (members.length === 0) return null;
  return {
    id: 'ClimbAlarm', tfName: regionalTfName(plan, 'climb_alarm', region), alarmName: `${prefix}-climb-${region}`, region,
    rule: members.map((name) => `ALARM("${name}")`).join(' OR '), members,
    description: `Level ${plan.level} (${plan.levelName}) is nearing its ceiling.`, topic: 'capacity',
  };
}

function logGroups(plan: UnwatchedPlan, region: AwsRegion): LogGroupPlan[] {
  return [{
    id: 'AppLogs', tfName: regionalTfName(plan, 'app_logs', region), name: `${plan.parameterPrefix}/app`, region,
    retentionDays: plan.environment === 'production' ? 90 : 14, content: 'app',
  }];
}

function dashboard(plan: UnwatchedPlan, region: AwsRegion, alarms: readonly AlarmPlan[]): DashboardPlan {
  return {
    id: 'Dashboard', tfName: regionalTfName(plan, 'dashboard', region), dashboardName: `${physicalPrefix(plan.name, plan.environment)}-${region}`, region,
    widgets: [
      { kind: 'text', x: 0, y: 0, width: 24, height: 2, markdown: `# ${plan.name} (${plan.environment}), level ${plan.level}: ${plan.levelName}` },
      { kind: 'alarm-status', x: 0, y: 2, width: 24, height: 3, title: 'Alarms', alarms: alarms.map((alarm) => alarm.alarmName) },
    ],
  };
}
