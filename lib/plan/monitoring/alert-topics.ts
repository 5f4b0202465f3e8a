import type { AlertsSpec, AwsRegion } from '../../spec';
import { pascalCase, physicalPrefix } from '../naming';
import type { AlertsKeyPlan, AlertsPlan, AlertSubscriptionPlan, AlertTopicPlan, SlackPlan, SlackTopicPlan } from './alerts-plan';
import type { RegionMonitoringPlan, TopicPurpose } from './monitoring-plan';
import type { PolicyStatementPlan, ResourcePolicyPlan } from './policy-plan';
import { regionalTfName, type UnwatchedPlan } from './watch-context';

// Who is told: per region an alerts topic (pages) and a capacity topic (climb signals), encrypted with a key of the
// region that CloudWatch may use, each subscribed by the blueprint's e-mail addresses and, through AWS Chatbot, its
// Slack channel.

/** The service whose alarms publish to the topics. */
export const ALARM_PUBLISHER = 'cloudwatch.amazonaws.com';

/** The service that assumes the Slack channel's role. https://docs.aws.amazon.com/chatbot/latest/adminguide/chatbot-iam-policies.html */
export const CHATBOT_PRINCIPAL = 'chatbot.amazonaws.com';

/** What the channel's members may do through Chatbot, whatever its role allows: read, never change. */
export const SLACK_GUARDRAIL_POLICIES = ['ReadOnlyAccess'] as const;

/**
 * The headroom, addresses and channels of the blueprint's `alerts` (none when it has no `alerts`). The Slack channel
 * subscribes to every region's topics, so it lives in the stack deployed last (the us-east-1 monitoring stack when
 * there is one, else the only region's): every topic exists before it. Topics of its own stack are named as
 * resources, the others by ARN (a stack cannot reference another region's resources).
 */
export function planAlerts(plan: UnwatchedPlan, alerts: AlertsSpec | undefined, regions: readonly RegionMonitoringPlan[], headroom: number): AlertsPlan {
  const prefix = topicPrefix(plan);
  const { stackName, region } = regions.find((watched) => watched.globalServicesOnly) ?? regions[0];
  const configurationName = `${prefix}-alerts`;
  const slack: SlackPlan | null = alerts?.slack
    ? {
        id: 'AlertsSlack', tfName: 'alerts_slack', configurationName,
        workspaceId: alerts.slack.workspaceId, channelId: alerts.slack.channelId,
        topics: regions.flatMap((watched) => watched.topics.map((topic): SlackTopicPlan => ({
          region: topic.region, topicName: topic.topicName, topicId: topic.id, tfName: topic.tfName, stackName: watched.stackName,
          reference: { cloudformation: watched.stackName === stackName ? 'resource' : 'arn', terraform: 'resource' },
        }))),
        region,
        stackName,
        role: {
          id: 'Role', tfName: 'alerts_slack_role', assumedBy: CHATBOT_PRINCIPAL, actions: [],
          description: `tierup: AWS Chatbot posts the ${configurationName} alerts to Slack with this role, which may do nothing else`,
        },
        guardrailPolicies: [...SLACK_GUARDRAIL_POLICIES],
      }
    : null;
  return { emails: alerts?.emails ?? [], slack, existingTopicArn: alerts?.topicArn ?? null, headroom };
}

/** The construct id of a region's key, which its topics and log groups name. */
export const ALERTS_KEY_ID = 'AlertsKey';

/**
 * A region's key for its topics and log groups: CloudWatch cannot publish to a topic encrypted with the AWS-managed
 * `alias/aws/sns` key, whose policy does not admit it, so the key's policy lets `cloudwatch.amazonaws.com` decrypt and
 * generate data keys (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html,
 * encrypted topics). Where the region has log groups (`encryptsLogs`), the same key encrypts them: one key per
 * region, already there, rather than CloudWatch Logs' own keys.
 */
export function alertsKey(plan: UnwatchedPlan, region: AwsRegion, globalServices: boolean, encryptsLogs: boolean): AlertsKeyPlan {
  const tfName = globalServices ? GLOBAL_SERVICES_TF.key : regionalTfName(plan, 'alerts_key', region);
  return {
    id: ALERTS_KEY_ID, tfName, alias: `alias/${topicPrefix(plan)}${globalServices ? GLOBAL_SERVICES_SUFFIX : ''}-alerts`, aliasTfName: `${tfName}_alias`, region,
    rotation: true,
    description: `tierup: encrypts the alerts topics in ${region}, which ${ALARM_PUBLISHER} may publish to${encryptsLogs ? ', and its log groups' : ''}`,
    policy: encryptsLogs
      // Every log group tierup names is under the blueprint's prefix (log-groups.ts).
      ? { statements: [...ALERTS_KEY_POLICY.statements, logsEncrypt(region, `${plan.parameterPrefix}/*`)] }
      : ALERTS_KEY_POLICY,
  };
}

/**
 * CloudWatch Logs of the region may use the key for this account's log groups whose names match: it sends the
 * group's ARN as the encryption context. https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html
 */
function logsEncrypt(region: AwsRegion, logGroupNames: string): PolicyStatementPlan {
  return {
    sid: 'LogsEncrypt', effect: 'Allow', principal: { kind: 'service', services: [`logs.${region}.amazonaws.com`] },
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'], resource: '*',
    conditions: [{ operator: 'ArnLike', key: 'kms:EncryptionContext:aws:logs:arn', value: { kind: 'arn', service: 'logs', region, resource: `log-group:${logGroupNames}` } }],
  };
}

/**
 * The key policy: the account administers the key, as KMS's default key policy says, so IAM policies decide who
 * manages it (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html); CloudWatch may decrypt
 * and generate data keys to publish to the topics it encrypts
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html#compatibility-with-aws-services).
 */
const ALERTS_KEY_POLICY: ResourcePolicyPlan = {
  statements: [
    { sid: 'AccountAdministers', effect: 'Allow', principal: { kind: 'account' }, actions: ['kms:*'], resource: '*', conditions: [] },
    { sid: 'ServicesPublish', effect: 'Allow', principal: { kind: 'service', services: [ALARM_PUBLISHER] }, actions: ['kms:Decrypt', 'kms:GenerateDataKey*'], resource: '*', conditions: [] },
  ],
};

/**
 * A topic's policy: CloudWatch may publish on behalf of this account's alarms only (the confused deputy:
 * https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html), and nobody without TLS
 * (https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html#enforce-encryption-data-in-transit).
 */
const ALERT_TOPIC_POLICY: ResourcePolicyPlan = {
  statements: [
    {
      sid: 'ServicesPublish', effect: 'Allow', principal: { kind: 'service', services: [ALARM_PUBLISHER] }, actions: ['sns:Publish'], resource: 'self',
      conditions: [{ operator: 'StringEquals', key: 'aws:SourceAccount', value: { kind: 'account-id' } }],
    },
    {
      sid: 'DenyInsecureTransport', effect: 'Deny', principal: { kind: 'anyone' }, actions: ['sns:Publish'], resource: 'self',
      conditions: [{ operator: 'Bool', key: 'aws:SecureTransport', value: { kind: 'literal', value: 'false' } }],
    },
  ],
};

/** One of a region's topics, with the blueprint's e-mail addresses subscribed (each confirms its subscription). */
export function alertTopic(plan: UnwatchedPlan, region: AwsRegion, purpose: TopicPurpose, emails: readonly string[], globalServices = false): AlertTopicPlan {
  const tfName = globalServices ? `${GLOBAL_SERVICES_TF.prefix}${purpose}_topic` : regionalTfName(plan, `${purpose}_topic`, region);
  return {
    id: `${pascalCase(purpose)}Topic`,
    tfName,
    topicName: `${topicPrefix(plan)}${globalServices ? GLOBAL_SERVICES_SUFFIX : ''}-${purpose}`,
    purpose, region, keyId: ALERTS_KEY_ID, subscriptions: emails.map((endpoint) => emailSubscription(tfName, endpoint)),
    policy: ALERT_TOPIC_POLICY,
    policyTfName: `${tfName}_policy`,
  };
}

/**
 * An e-mail subscription, named after its address, which the blueprint gives: `Email ops@example.com` under the
 * region's monitoring (CloudFormation), `<topic>_email_ops_example_com` (Terraform).
 */
function emailSubscription(topicTfName: string, endpoint: string): AlertSubscriptionPlan {
  const protocol = 'email';
  return {
    id: `${pascalCase(protocol)} ${endpoint}`,
    tfName: `${topicTfName}_${protocol}_${endpoint.toLowerCase().replace(/[^a-z0-9]+/g, '_')}`,
    protocol,
    endpoint,
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
