import type { AwsRegion } from '../../spec';
import type { ArchitecturePlan } from '../architecture-plan';
import { AGENT_NAMESPACE } from '../monitoring/agent-metrics';
import { type LogContent, logGroupFor } from '../monitoring/log-groups';
import { APP_LOG_FILE } from './app-log';
import { NGINX_LOGS } from './nginx-config';
import type { BootTier } from './required-settings';
import { tierBoot } from './tier-boot';

// What the CloudWatch agent on each instance collects and where it sends it, decided from the plan: memory and disk
// use in the CWAgent namespace, and the app's (and the web server's) logs to the log groups the monitoring plan names.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Agent-Configuration-File-Details.html

/** The agent's files on Amazon Linux 2023 (the `amazon-cloudwatch-agent` package of its repositories). */
export const AGENT_FILES = {
  /** The name AWS recommends for a hand-written configuration. */
  config: '/opt/aws/amazon-cloudwatch-agent/etc/amazon-cloudwatch-agent.json',
  ctl: '/opt/aws/amazon-cloudwatch-agent/bin/amazon-cloudwatch-agent-ctl',
} as const;


/** Standard resolution: a datapoint a minute, what 60-second alarm periods read. */
export const AGENT_INTERVAL_SECONDS = 60;

/** The EC2 dimensions the agent can append (`append_dimensions`). */
export type AgentDimension = 'InstanceId' | 'AutoScalingGroupName';

/** What the agent measures on one tier. */
export interface AgentMetricsPlan {
  readonly namespace: typeof AGENT_NAMESPACE;
  /** Appended to every metric: the instance, and a fleet's or worker group's Auto Scaling group. */
  readonly appendDimensions: readonly AgentDimension[];
  /** Mount points whose `disk_used_percent` it reports: the root, and level 1's data volume. */
  readonly diskPaths: readonly string[];
  /**
   * The dimension sets it also publishes each metric under (`aggregation_dimensions`): the sets alarms name, since a
   * disk metric's own set carries `fstype` too (and `device`, which `drop_device` removes).
   */
  readonly aggregationDimensions: readonly (readonly string[])[];
}

/** One log file the agent ships. */
export interface AgentLogPlan {
  readonly content: LogContent;
  readonly file: string;
  /** The planned group's name. */
  readonly logGroupName: string;
  /** `<tier>/{instance_id}`: one stream per instance, named after what runs there (one group holds every fleet's app). */
  readonly streamName: string;
}

/** The agent of one tier in one region. */
export interface AgentPlan {
  readonly region: AwsRegion;
  readonly metrics: AgentMetricsPlan;
  /** The logs whose group the monitoring plan has in this region; a log without one stays on the instance. */
  readonly logs: readonly AgentLogPlan[];
}

/** A metric series the agent publishes that an alarm can name: the metric and the exact set of dimension names. */
export interface AgentMetricSeries {
  readonly metricName: 'mem_used_percent' | 'disk_used_percent';
  readonly dimensions: readonly string[];
  /** The `path` dimension's value (a disk's mount point); null for memory. */
  readonly path: string | null;
}

/** What the agent's decisions read: the plan without its wiring (which is derived from them). */
export type AgentPlanInput = Omit<ArchitecturePlan, 'wiring'>;

/** The metrics of a tier's agent. */
export function agentMetrics(plan: Omit<AgentPlanInput, 'monitoring'>, tier: BootTier): AgentMetricsPlan {
  if (tier.kind === 'server') {
    const local = tierBoot(plan, tier).localDatabase;
    return {
      namespace: AGENT_NAMESPACE, appendDimensions: ['InstanceId'], diskPaths: ['/', ...(local ? [local.mountPoint] : [])],
      aggregationDimensions: [['InstanceId', 'path']],
    };
  }
  // The group's name comes from the instance's aws:autoscaling:groupName tag, read with ec2:DescribeTags.
  return {
    namespace: AGENT_NAMESPACE, appendDimensions: ['InstanceId', 'AutoScalingGroupName'], diskPaths: ['/'],
    aggregationDimensions: [['AutoScalingGroupName'], ['AutoScalingGroupName', 'path']],
  };
}

/**
 * The series alarms can read: memory under each aggregated set without `path` (else the appended dimensions), each
 * disk under each aggregated set with `path`.
 */
export function agentMetricSeries(metrics: AgentMetricsPlan): AgentMetricSeries[] {
  const withPath = metrics.aggregationDimensions.filter((set) => set.includes('path'));
  const withoutPath = metrics.aggregationDimensions.filter((set) => !set.includes('path'));
  return [
    ...(withoutPath.length > 0 ? withoutPath : [metrics.appendDimensions]).map((dimensions) => ({ metricName: 'mem_used_percent' as const, dimensions, path: null })),
    ...withPath.flatMap((dimensions) => metrics.diskPaths.map((path) => ({ metricName: 'disk_used_percent' as const, dimensions, path }))),
  ];
}

/** The logs a tier writes, by content: the app's output (a worker's is `worker`), and the server's nginx logs (nginx fronts every server with a port). */
export function agentLogSources(plan: Omit<AgentPlanInput, 'monitoring'>, tier: BootTier): { readonly content: LogContent; readonly file: string; readonly streamName: string }[] {
  if (tier.kind === 'server') {
    const stream = 'server/{instance_id}';
    const web = tierBoot(plan, tier).port !== null ? [
      { content: 'web-access' as const, file: NGINX_LOGS.access, streamName: stream },
      { content: 'web-error' as const, file: NGINX_LOGS.error, streamName: stream },
    ] : [];
    return [{ content: 'app', file: APP_LOG_FILE, streamName: stream }, ...web];
  }
  const owner = tier.service === null ? '' : `${tier.service}/`;
  if (tier.kind === 'fleet') return [{ content: 'app', file: APP_LOG_FILE, streamName: `${tier.service ?? 'app'}/{instance_id}` }];
  return [{ content: 'worker', file: APP_LOG_FILE, streamName: `${owner}${tier.queue}/{instance_id}` }];
}

/** The agent of `tier` in `region`: its metrics, and its logs to the groups the monitoring plan has there. */
export function agentPlan(plan: AgentPlanInput, tier: BootTier, region: AwsRegion): AgentPlan {
  const logs = agentLogSources(plan, tier).flatMap((source) => {
    const group = logGroupFor(plan.monitoring, region, source.content, { service: tier.kind === 'server' ? null : tier.service, queue: tier.kind === 'worker' ? tier.queue : null });
    return group ? [{ ...source, logGroupName: group.name }] : [];
  });
  return { region, metrics: agentMetrics(plan, tier), logs };
}

/**
 * The agent's configuration file. `${aws:…}` values are the agent's own placeholders, filled from the instance's
 * metadata and tags; `{instance_id}` likewise in stream names. Log groups exist (the stacks create them with their
 * retention), so the agent only creates its streams and sets no retention.
 */
export function cloudWatchAgentConfig(agent: AgentPlan): string {
  const { metrics } = agent;
  const config = {
    agent: { metrics_collection_interval: AGENT_INTERVAL_SECONDS, region: agent.region },
    metrics: {
      namespace: metrics.namespace,
      append_dimensions: Object.fromEntries(metrics.appendDimensions.map((dimension) => [dimension, `\${aws:${dimension}}`])),
      aggregation_dimensions: metrics.aggregationDimensions,
      metrics_collected: {
        mem: { measurement: ['mem_used_percent'] },
        // Nitro instances rename devices across reboots, which would break alarms on the device dimension.
        disk: { resources: metrics.diskPaths, measurement: ['used_percent'], drop_device: true },
      },
    },
    ...(agent.logs.length > 0 ? {
      logs: {
        logs_collected: {
          files: {
            collect_list: agent.logs.map((log) => ({ file_path: log.file, log_group_name: log.logGroupName, log_stream_name: log.streamName })),
          },
        },
      },
    } : {}),
  };
  // Indented, with lists of names on one line: readable in the boot script and on the instance.
  return `${JSON.stringify(config, null, 2).replace(/\[(\s+"[^"\n]*",?)+\s+\]/g, (list) => `[${list.slice(1, -1).trim().split(/,\s+/).join(', ')}]`)}\n`;
}
