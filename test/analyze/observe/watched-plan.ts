import type { AlarmPlan, ArchitecturePlan, MetricPlan, RegionMonitoringPlan } from '../../../lib/plan';

/**
 * The plan with what the monitoring plan does not watch yet: an alarm per queue worker group on its Auto Scaling
 * group, so the plan names an output for the group's name (`WatchWorkersEmailsAutoScalingGroupName`). `observe`
 * is built against the plan's types, not against which alarms happen to exist; these tests prove it reads
 * whatever the builder adds. Everything else (fleets' groups, CloudFront, the access-log count) is the real plan's.
 */
export function withFullWatch(plan: ArchitecturePlan): ArchitecturePlan {
  const home = plan.regions[0].region;
  const workers = [...plan.queues, ...plan.services.flatMap((service) => service.queues)].flatMap((queue) => (queue.worker ? [{ queue, worker: queue.worker }] : []));
  return mapRegions(plan, (watched) => {
    if (watched.globalServicesOnly) return watched;
    const { region } = watched;
    const suffix = region === home ? '' : pascal(region);
    const added = workers.map(({ queue, worker }): AlarmPlan => {
      const id = `${pascal(worker.tfName)}InServiceAlarm${suffix}`;
      const metric: MetricPlan = {
        namespace: 'AWS/AutoScaling', metricName: 'GroupInServiceInstances', region, statistic: 'Average', periodSeconds: 60,
        dimensions: [{
          name: 'AutoScalingGroupName',
          value: { kind: 'reference', resource: { kind: 'worker', key: worker.tfName, region }, attribute: 'auto-scaling-group-name', outputName: `Watch${pascal(worker.tfName)}AutoScalingGroupName${suffix}` },
        }],
      };
      return {
        id, tfName: id, alarmName: `${plan.name}-${plan.environment}-${region}-${id}`, region, kind: 'capacity', tier: `queue-${queue.name}`, signal: 'test', description: 'test',
        source: { kind: 'metric', metric }, comparison: 'GreaterThanThreshold', threshold: 1, thresholdSource: 'test', evaluationPeriods: 1, datapointsToAlarm: 1,
        treatMissingData: 'missing', topic: 'capacity',
      };
    });
    const taken = new Set(watched.alarms.flatMap((alarm) => [alarm.id, alarm.alarmName]));
    const clash = added.find((alarm) => taken.has(alarm.id) || taken.has(alarm.alarmName));
    if (clash) throw new Error(`withFullWatch: the plan already has ${clash.id}; read it from the plan instead`);
    return { ...watched, alarms: [...watched.alarms, ...added] };
  });
}

/** The plan with no alarm or dashboard metric that `drop` matches: as if the monitoring plan did not watch it. */
export function withoutMetrics(plan: ArchitecturePlan, drop: (metric: MetricPlan) => boolean): ArchitecturePlan {
  const dashboard = <D extends RegionMonitoringPlan['dashboard']>(board: D): D => ({
    ...board,
    widgets: board.widgets.map((widget) => (widget.kind === 'graph' ? { ...widget, metrics: widget.metrics.filter((entry) => !drop(entry.metric)) } : widget)),
  });
  const kept = mapRegions(plan, (watched) => ({
    ...watched,
    alarms: watched.alarms.filter((alarm) => !(alarm.source.kind === 'metric' ? [alarm.source.metric] : Object.values(alarm.source.metrics)).some(drop)),
    dashboard: dashboard(watched.dashboard),
  }));
  return { ...kept, monitoring: { ...kept.monitoring, globalDashboard: kept.monitoring.globalDashboard && dashboard(kept.monitoring.globalDashboard) } };
}

/** The plan without its access-log metric filters: no request count for a server (levels 1-3). */
export function withoutMetricFilters(plan: ArchitecturePlan): ArchitecturePlan {
  return mapRegions(plan, (watched) => ({ ...watched, metricFilters: [] }));
}

function mapRegions(plan: ArchitecturePlan, change: (watched: RegionMonitoringPlan) => RegionMonitoringPlan): ArchitecturePlan {
  return { ...plan, monitoring: { ...plan.monitoring, regions: plan.monitoring.regions.map(change) } };
}

function pascal(text: string): string {
  return text.split(/[-_]/).filter(Boolean).map((part) => part[0].toUpperCase() + part.slice(1)).join('');
}
