import { TOPIC_ARN_PATTERN } from '../blueprint-schema';
import { type BlueprintRule, duplicates, type RuleIssue } from './rule-context';

/**
 * `alerts`: no address twice, and an existing topic in a region the blueprint deploys to: a CloudWatch alarm notifies SNS
 * topics of its own region (alarm actions: https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html),
 * so a topic elsewhere would hear nothing.
 */
export const alertsAreReachable: BlueprintRule = ({ spec }) => {
  const { alerts } = spec;
  if (!alerts) return [];
  const issues: RuleIssue[] = duplicates(alerts.emails.map((email) => email.toLowerCase()), ['alerts', 'emails'], 'e-mail address');
  const region = alerts.topicArn ? TOPIC_ARN_PATTERN.exec(alerts.topicArn)?.[1] : undefined;
  if (region !== undefined && !(spec.regions as readonly string[]).includes(region)) {
    issues.push({
      path: ['alerts', 'topicArn'],
      message: `topic ${alerts.topicArn} is in ${region}, where this blueprint deploys nothing: alarms notify topics of their own region only`,
      fix: `name a topic in ${spec.regions.join(' or ')} (replace "${region}" in the ARN with the topic's real region), or use \`alerts.emails\` instead`,
    });
  }
  return issues;
};
