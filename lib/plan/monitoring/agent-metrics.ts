// The CloudWatch agent's metrics the alarms read, and the dimensions they carry: the agent's configuration (the boot
// script's) must publish exactly these, since an alarm matches a metric only on all of its dimensions.
// https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/CloudWatch-Agent-Configuration-File-Details.html

/** The agent's namespace (its default). */
export const AGENT_NAMESPACE = 'CWAgent';

/**
 * What each instance publishes: memory in use (`mem` → `mem_used_percent`) and, on level 1's server, the data
 * volume's use (`disk` → `disk_used_percent`, `drop_device: true` so the dimensions are the mount path and its file
 * system). Servers append `InstanceId`; fleets and workers aggregate by `AutoScalingGroupName`
 * (`aggregation_dimensions: [["AutoScalingGroupName"]]`), which a static alarm can name.
 */
export const AGENT_METRICS = {
  memory: 'mem_used_percent',
  disk: 'disk_used_percent',
  /** The data volume's file system (the boot script formats it as XFS). */
  dataVolumeFileSystem: 'xfs',
  /** Metrics per instance, for `tierup cost`: memory and the data volume's disk (two a server, two an instance). */
  perInstance: 2,
} as const;
