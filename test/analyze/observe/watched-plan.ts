import type { AlarmPlan, ArchitecturePlan, DimensionValue, MetricPlan, RegionMonitoringPlan } from '../../../lib/plan';
import type { AwsRegion } from '../../../lib/spec';

/**
 * The plan as the full monitoring builder will make it, for what the first cut does not watch yet: an alarm per
 * fleet and worker group on its Auto Scaling group (so the plan names an output for the group's name), one on
 * CloudFront's requests, and the server's access-log request count. `observe` is built against the plan's types,
 * not against which alarms happen to exist; these tests prove it reads whatever the builder adds.
 */
export function withFullWatch(plan: ArchitecturePlan): ArchitecturePlan {
  const regions = plan.monitoring.regions.map((watched): RegionMonitoringPlan => {
    const { region } = watched;
    const primary = region === plan.regions[0].region;
    const suffix = primary ? '' : pascal(region);
    const alarms: AlarmPlan[] = [...watched.alarms];
    const fleets = [...(plan.fleet ? [plan.fleet] : []), ...plan.services.map((service) => service.fleet)];
    for (const fleet of fleets) {
      alarms.push(alarm(`${pascal(fleet.tfName)}InServiceAlarm`, fleet.name, region, metric('AWS/AutoScaling', 'GroupInServiceInstances', region, [
        ['AutoScalingGroupName', reference('fleet', fleet.tfName, region, 'auto-scaling-group-name', `Watch${pascal(fleet.tfName)}GroupName${suffix}`)],
      ])));
      if (fleet.name !== 'app' && plan.loadBalancer) {
        alarms.push(alarm(`${pascal(fleet.tfName)}ErrorsAlarm`, fleet.name, region, metric('AWS/ApplicationELB', 'HTTPCode_Target_5XX_Count', region, [
          ['LoadBalancer', reference('load-balancer', plan.loadBalancer.tfName, region, 'load-balancer-full-name', `WatchLoadBalancerFullName${suffix}`)],
          ['TargetGroup', reference('target-group', fleet.tfName, region, 'target-group-full-name', `Watch${pascal(fleet.tfName)}TargetGroupFullName${suffix}`)],
        ])));
      }
    }
    for (const queue of [...plan.queues, ...plan.services.flatMap((service) => service.queues)]) {
      if (!queue.worker) continue;
      alarms.push(alarm(`${pascal(queue.worker.tfName)}InServiceAlarm`, `queue-${queue.name}`, region, metric('AWS/AutoScaling', 'GroupInServiceInstances', region, [
        ['AutoScalingGroupName', reference('worker', queue.worker.tfName, region, 'auto-scaling-group-name', `Watch${pascal(queue.worker.tfName)}GroupName${suffix}`)],
      ])));
    }
    if (primary && plan.cdn) {
      alarms.push(alarm('CdnRequestsAlarm', 'cdn', 'us-east-1', metric('AWS/CloudFront', 'Requests', 'us-east-1', [
        ['DistributionId', reference('cdn', plan.cdn.tfName, region, 'distribution-id', 'WatchCdnDistributionId')],
        ['Region', { kind: 'literal', value: 'Global' }],
      ])));
    }
    const accessLogs = primary && plan.server ? [{ id: 'WebAccessLogs', tfName: 'web_access_logs', name: `${plan.parameterPrefix}/web-access`, region, retentionDays: 90, content: 'web-access' as const }] : [];
    return {
      ...watched,
      alarms,
      logGroups: [...watched.logGroups, ...accessLogs],
      metricFilters: [...watched.metricFilters, ...accessLogs.map((group) => ({
        id: 'WebRequestsFilter', tfName: 'web_requests_filter', logGroupName: group.name, region, pattern: '[ip, id, user, timestamp, request, status, size]',
        metricNamespace: `tierup/${plan.name}`, metricName: 'Requests', metricValue: '1',
      }))],
    };
  });
  return { ...plan, monitoring: { ...plan.monitoring, regions } };
}

function alarm(id: string, tier: string, region: AwsRegion, source: MetricPlan): AlarmPlan {
  return {
    id, tfName: id, alarmName: id, region, kind: 'capacity', tier, signal: 'test', description: 'test', source: { kind: 'metric', metric: source },
    comparison: 'GreaterThanThreshold', threshold: 1, thresholdSource: 'test', evaluationPeriods: 1, datapointsToAlarm: 1, treatMissingData: 'missing', topic: 'capacity',
  };
}

function metric(namespace: string, metricName: string, region: AwsRegion, dimensions: [string, DimensionValue][]): MetricPlan {
  return { namespace, metricName, region, statistic: 'Average', periodSeconds: 60, dimensions: dimensions.map(([name, value]) => ({ name, value })) };
}

function reference(kind: 'fleet' | 'worker' | 'load-balancer' | 'target-group' | 'cdn', key: string, region: AwsRegion, attribute: 'auto-scaling-group-name' | 'load-balancer-full-name' | 'target-group-full-name' | 'distribution-id', outputName: string): DimensionValue {
  return { kind: 'reference', resource: { kind, key, region }, attribute, outputName };
}

function pascal(text: string): string {
  return text.split(/[-_]/).filter(Boolean).map((part) => part[0].toUpperCase() + part.slice(1)).join('');
}
