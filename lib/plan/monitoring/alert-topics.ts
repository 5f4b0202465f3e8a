import type { AlertsSpec, AwsRegion } from '../../spec';
import { pascalCase, physicalPrefix } from '../naming';
import type { AlertsKeyPlan, AlertsPlan, AlertTopicPlan, SlackPlan, TopicPurpose } from './monitoring-plan';
import { regionalTfName, type UnwatchedPlan } from './watch-context';

// Who is told: per region an alerts topic (pages) and a capacity topic (climb signals), encrypted with a key of the
// region that CloudWatch may use, each subscribed by the blueprint's e-mail addresses and, through AWS Chatbot, its
// Slack channel.

/** The headroom, addresses and channels of the blueprint's `alerts` (none when it has no `alerts`). */
export function planAlerts(plan: UnwatchedPlan, alerts: AlertsSpec | undefined, topicRegions: readonly { region: AwsRegion; purposes: readonly TopicPurpose[] }[], headroom: number): AlertsPlan {
  const prefix = topicPrefix(plan);
  const slack: SlackPlan | null = alerts?.slack
    ? {
        id: 'AlertsSlack', tfName: 'alerts_slack', configurationName: `${prefix}-alerts`,
        workspaceId: alerts.slack.workspaceId, channelId: alerts.slack.channelId,
        topics: topicRegions.flatMap(({ region, purposes }) => purposes.map((purpose) => ({ region, topicName: `${prefix}-${purpose}` }))),
        region: plan.regions[0].region,
      }
    : null;
  return { emails: alerts?.emails ?? [], slack, existingTopicArn: alerts?.topicArn ?? null, headroom };
}

/**
 * A region's key for its topics: CloudWatch cannot publish to a topic encrypted with the AWS-managed `alias/aws/sns`
 * key, whose policy does not admit it, so the key's policy lets `cloudwatch.amazonaws.com` decrypt and generate data
 * keys. https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html (encrypted topics)
 */
export function alertsKey(plan: UnwatchedPlan, region: AwsRegion): AlertsKeyPlan {
  return {
    id: 'AlertsKey', tfName: regionalTfName(plan, 'alerts_key', region), alias: `alias/${topicPrefix(plan)}-alerts`, region,
    servicePrincipals: ['cloudwatch.amazonaws.com'], actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
  };
}

/** One of a region's topics, with the blueprint's e-mail addresses subscribed (each confirms its subscription). */
export function alertTopic(plan: UnwatchedPlan, region: AwsRegion, purpose: TopicPurpose, emails: readonly string[]): AlertTopicPlan {
  return {
    id: `${pascalCase(purpose)}Topic`, tfName: regionalTfName(plan, `${purpose}_topic`, region), topicName: `${topicPrefix(plan)}-${purpose}`,
    purpose, region, keyId: 'AlertsKey', subscriptions: emails.map((endpoint) => ({ protocol: 'email', endpoint })),
    publishers: ['cloudwatch.amazonaws.com'],
  };
}

/** `shop-prod`: topic, key and configuration names are unique per account and region with it. */
function topicPrefix(plan: UnwatchedPlan): string {
  return physicalPrefix(plan.name, plan.environment);
}
