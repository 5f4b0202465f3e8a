import { ArnFormat, Aws, Stack } from 'aws-cdk-lib';
import { CfnSlackChannelConfiguration } from 'aws-cdk-lib/aws-chatbot';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { SlackPlan } from '../../plan';

/** Props of {@link AlertsSlack}. */
export interface AlertsSlackProps {
  readonly plan: SlackPlan;
  /** The topics of the plan that this stack creates: the configuration subscribes to them once they exist. */
  readonly localTopics: readonly Topic[];
}

/**
 * AWS Chatbot posting the plan's topics to one Slack channel (the workspace is authorised once in the Chatbot
 * console first). The channel's role has no permission of its own and the channel's guardrail is read-only: without
 * `GuardrailPolicies` Chatbot applies AdministratorAccess
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-chatbot-slackchannelconfiguration.html).
 * Topics are named by their deterministic ARNs, so a topic of another region's stack needs no reference.
 */
export class AlertsSlack extends Construct {
  /** The role Chatbot assumes for the channel. */
  public readonly role: Role;
  public readonly configuration: CfnSlackChannelConfiguration;

  constructor(scope: Construct, id: string, props: AlertsSlackProps) {
    super(scope, id);
    const { plan } = props;
    const stack = Stack.of(this);
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('chatbot.amazonaws.com'),
      description: `AWS Chatbot: posts the ${plan.configurationName} alerts to Slack, and may do nothing else`,
    });
    this.configuration = new CfnSlackChannelConfiguration(this, 'Configuration', {
      configurationName: plan.configurationName,
      slackWorkspaceId: plan.workspaceId,
      slackChannelId: plan.channelId,
      iamRoleArn: this.role.roleArn,
      guardrailPolicies: [`arn:${Aws.PARTITION}:iam::aws:policy/ReadOnlyAccess`],
      snsTopicArns: plan.topics.map((topic) => stack.formatArn({
        service: 'sns', region: topic.region, resource: topic.topicName, arnFormat: ArnFormat.NO_RESOURCE_NAME,
      })),
    });
    for (const topic of props.localTopics) this.configuration.node.addDependency(topic);
  }
}
