import { AGENT_FILES, type AgentPlan, cloudWatchAgentConfig } from './cloudwatch-agent-config';
import { writeFile } from './shell';

/**
 * Boot steps that install the CloudWatch agent from the Amazon Linux 2023 repositories, write its configuration, then
 * load it and (re)start the agent, which stays enabled across reboots
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/install-CloudWatch-Agent-commandline-fleet.html:
 * `-a fetch-config` loads the file, `-s` starts the agent; the package is in AL2023's repositories:
 * https://github.com/amazonlinux/amazon-linux-2023/issues/132). Best effort: an agent that cannot install or start costs
 * the metrics and logs in CloudWatch, with a warning, never the boot. A rerun writes the configuration again and reloads it.
 */
export function cloudWatchAgentSteps(agent: AgentPlan): string[] {
  const config = `$root${AGENT_FILES.config}`;
  const warning = (what: string) => `echo "tierup: warning: the CloudWatch agent ${what}; the app serves without its metrics and logs in CloudWatch" >&2`;
  return [
    '',
    '# Watching: the CloudWatch agent sends memory and disk use and the logs to CloudWatch (best effort).',
    'if dnf install -y amazon-cloudwatch-agent; then',
    ...writeFile(config, '0644', cloudWatchAgentConfig(agent)),
    `  "$root${AGENT_FILES.ctl}" -a fetch-config -m ec2 -s -c "file:${config}" || ${warning('did not start')}`,
    'else',
    `  ${warning('did not install')}`,
    'fi',
  ];
}
