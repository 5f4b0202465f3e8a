import type { ArchitecturePlan } from '../plan';
import { formatNumber, percentOf } from '../plan/monitoring/thresholds';

/** What each region watches and whom it tells, briefly: `explain`'s lines for the monitoring plan. */
export function describeMonitoring(plan: ArchitecturePlan): string[] {
  const { alerts, regions, globalDashboard } = plan.monitoring;
  const told = [
    ...alerts.emails,
    ...(alerts.slack ? [`Slack channel ${alerts.slack.channelId} (AWS Chatbot)`] : []),
    ...(alerts.existingTopicArn ? [alerts.existingTopicArn] : []),
  ];
  const lines = [
    `alerts: ${told.length > 0 ? told.join(', ') : 'nobody (add `alerts: { emails: [...] }`)'}; headroom ${formatNumber(alerts.headroom * 100)}%: capacity alarms fire at ${percentOf(alerts.headroom)}% of each ceiling`,
  ];
  for (const region of regions) {
    const capacity = region.alarms.filter((alarm) => alarm.kind === 'capacity').length;
    const tiers = [...new Set(region.alarms.map((alarm) => alarm.tier))];
    const stack = region.globalServicesOnly ? ` (stack ${region.stackName}, CloudFront and Route 53 only)` : '';
    lines.push(`watching ${region.region}${stack}: ${count(region.alarms.length, 'alarm')} (${capacity} capacity, ${count(region.alarms.length - capacity, 'page')}) on ${tiers.join(', ')}` +
      `${region.climb ? `; climb signal ${region.climb.alarmName}` : ''}; topics ${region.topics.map((topic) => topic.topicName).join(', ')}` +
      `; dashboard ${region.dashboard.dashboardName}` +
      (region.logGroups.length > 0 ? `; ${count(region.logGroups.length, 'log group')} (${region.logGroups[0].retentionDays} days)` : ''));
  }
  if (globalDashboard) lines.push(`dashboard across regions: ${globalDashboard.dashboardName}`);
  return lines;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
