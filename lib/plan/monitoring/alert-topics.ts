import type { AlertsSpec, AwsRegion } from '../../spec';
import { pascalCase, physicalPrefix } from '../naming';
import type { AlertsKeyPlan, AlertsPlan, AlertTopicPlan, SlackPlan, TopicPurpose } from './monitoring-plan';
import { regionalTfName, type UnwatchedPlan } from './watch-context';

// Who is told: per region an alerts topic (pages) and a capacity topic (climb signals), encrypted with a key of the
// region that CloudWatch may use, each subscribed by the blueprint's e-mail addresses and, through AWS Chatbot, its
// Slack channel.

/** The headroom, addresses and channels of the blueprint's `alerts` (none when it has no `alerts`). */
export function planAlerts(plan: UnwatchedPlan, alerts: AlertsSpec | undefined, topics: readonly { region: AwsRegion; topicName: string }[], headroom: number): AlertsPlan {
  const prefix = topicPrefix(plan);
  const slack: SlackPlan | null = alerts?.slack
    ? {
        id: 'AlertsSlack', tfName: 'alerts_slack', configurationName: `${prefix}-alerts`,
        workspaceId: alerts.slack.workspaceId, channelId: alerts.slack.channelId,
        topics,
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
export function alertsKey(plan: UnwatchedPlan, region: AwsRegion, globalServices = false): AlertsKeyPlan {
  return {
    id: 'AlertsKey', tfName: globalServices ? GLOBAL_SERVICES_TF.key : regionalTfName(plan, 'alerts_key', region),
    alias: `alias/${topicPrefix(plan)}${globalServices ? GLOBAL_SERVICES_SUFFIX : ''}-alerts`, region,
    servicePrincipals: ['cloudwatch.amazonaws.com'], actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
  };
}

/** One of a region's topics, with the blueprint's e-mail addresses subscribed (each confirms its subscription). */
export function alertTopic(plan: UnwatchedPlan, region: AwsRegion, purpose: TopicPurpose, emails: readonly string[], globalServices = false): AlertTopicPlan {
  return {
    id: `${pascalCase(purpose)}Topic`,
    tfName: globalServices ? `${GLOBAL_SERVICES_TF.prefix}${purpose}_topic` : regionalTfName(plan, `${purpose}_topic`, region),
    topicName: `${topicPrefix(plan)}${globalServices ? GLOBAL_SERVICES_SUFFIX : ''}-${purpose}`,
    purpose, region, keyId: 'AlertsKey', subscriptions: emails.map((endpoint) => ({ protocol: 'email', endpoint })),
    publishers: ['cloudwatch.amazonaws.com'],
  };
}

/**
 * The global services' stack may share us-east-1 with the primary region's (level 7): its key, topics and dashboard
 * take names of their own, unique per account and region and in the Terraform configuration.
 */
export const GLOBAL_SERVICES_SUFFIX = '-global';
export const GLOBAL_SERVICES_TF = { prefix: 'global_services_', key: 'global_services_alerts_key', dashboard: 'global_services_dashboard' } as const;

/** `shop-prod`: topic, key and configuration names are unique per account and region with it. */
function topicPrefix(plan: UnwatchedPlan): string {
  return physicalPrefix(plan.name, plan.environment);
}
