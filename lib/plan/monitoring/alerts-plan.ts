import type { AwsRegion } from '../../spec';
import type { TopicPurpose } from './monitoring-plan';
import type { ResourcePolicyPlan } from './policy-plan';

// Whom a deployed blueprint tells, as the plan decides it: per region a key CloudWatch may use and the topics it
// encrypts, with their policies and e-mail subscriptions, and AWS Chatbot's Slack channel over every topic.

/**
 * A customer-managed KMS key for a region's topics: CloudWatch cannot publish to a topic encrypted with the
 * AWS-managed `alias/aws/sns` key, whose policy does not admit it.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html (encrypted topics)
 */
export interface AlertsKeyPlan {
  readonly id: string;
  readonly tfName: string;
  /** `alias/<prefix>-alerts`: unique per account and region. */
  readonly alias: string;
  /** The Terraform name of the alias (CloudFormation's is the key's own `Alias` child). */
  readonly aliasTfName: string;
  readonly region: AwsRegion;
  /** Whether KMS rotates the key material yearly. */
  readonly rotation: boolean;
  /** What the key is for, in words (the key's description in both engines). */
  readonly description: string;
  /**
   * The key policy, whole: the account administers the key, CloudWatch may use it to publish to the topics, and,
   * where the region has log groups, CloudWatch Logs may use it for them.
   */
  readonly policy: ResourcePolicyPlan;
}

/** One e-mail subscription of a topic (its recipient confirms it); AWS Chatbot subscribes through {@link SlackPlan}. */
export interface AlertSubscriptionPlan {
  /** CloudFormation construct id under the monitoring construct: `Email <address>`. */
  readonly id: string;
  /** Terraform name: the topic's, then the protocol and the address in snake case (`alerts_topic_email_ops_example_com`). */
  readonly tfName: string;
  readonly protocol: 'email';
  readonly endpoint: string;
}

/** One SNS topic people are told through. */
export interface AlertTopicPlan {
  readonly id: string;
  readonly tfName: string;
  /** Physical name, unique per account and region. */
  readonly topicName: string;
  readonly purpose: TopicPurpose;
  readonly region: AwsRegion;
  /** The key that encrypts it (a key of the same region). */
  readonly keyId: string;
  readonly subscriptions: readonly AlertSubscriptionPlan[];
  /** The topic policy, whole: who may publish (CloudWatch, for this account's alarms only), and TLS only for everyone. */
  readonly policy: ResourcePolicyPlan;
  /** The Terraform name of the topic policy (CloudFormation's is the topic's own `Policy` child). */
  readonly policyTfName: string;
}

/** One topic the Slack channel subscribes to, and how the configuration names it. */
export interface SlackTopicPlan {
  readonly region: AwsRegion;
  readonly topicName: string;
  /** The topic's plan: its id (`AlertsTopic`) and Terraform name in its region's monitoring. */
  readonly topicId: string;
  readonly tfName: string;
  /** The CloudFormation stack that creates it. */
  readonly stackName: string;
  /**
   * How each engine names it in the configuration. CloudFormation: `resource` (the topic's own ARN, created first)
   * when the configuration's stack creates it, `arn` (`arn:<partition>:sns:<region>:<account>:<topicName>`, built
   * from the deploying partition and account) when another stack does, which a stack cannot reference across regions.
   * Terraform holds every region in one configuration: always the resource.
   */
  readonly reference: { readonly cloudformation: 'resource' | 'arn'; readonly terraform: 'resource' };
}

/** The IAM role AWS Chatbot assumes for the channel. */
export interface SlackRolePlan {
  readonly id: 'Role';
  readonly tfName: string;
  /** The service that assumes it. */
  readonly assumedBy: string;
  /** None: the channel only relays the topics' messages, and its members can run nothing through it. */
  readonly actions: readonly [];
  readonly description: string;
}

/** AWS Chatbot posting every topic's messages to one Slack channel (authorised once in the Chatbot console). */
export interface SlackPlan {
  readonly id: 'AlertsSlack';
  readonly tfName: 'alerts_slack';
  /** ConfigurationName: unique per account. */
  readonly configurationName: string;
  readonly workspaceId: string;
  readonly channelId: string;
  /** The topics it subscribes to. */
  readonly topics: readonly SlackTopicPlan[];
  /** The stack region that holds the configuration and its role. */
  readonly region: AwsRegion;
  /** The CloudFormation stack that holds them: the one deployed after every topic's. */
  readonly stackName: string;
  readonly role: SlackRolePlan;
  /**
   * AWS managed policies (by name) that bound what the channel's members may do, whatever the role allows; without one
   * Chatbot applies AdministratorAccess.
   * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-chatbot-slackchannelconfiguration.html
   */
  readonly guardrailPolicies: readonly string[];
}

/** Who is told, as the blueprint's `alerts` says. */
export interface AlertsPlan {
  readonly emails: readonly string[];
  readonly slack: SlackPlan | null;
  /** An existing topic the blueprint names; alarms in its region notify it too. Null when none. */
  readonly existingTopicArn: string | null;
  /** The headroom capacity alarms keep: they fire at ceiling ÷ (1 + headroom). */
  readonly headroom: number;
}
