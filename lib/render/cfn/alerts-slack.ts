import { Annotations, ArnFormat, Aws, Stack } from 'aws-cdk-lib';
import { CfnSlackChannelConfiguration } from 'aws-cdk-lib/aws-chatbot';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { Topic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import type { SlackPlan, SlackTopicPlan } from '../../plan';

/** Props of {@link AlertsSlack}. */
export interface AlertsSlackProps {
  readonly plan: SlackPlan;
  /** The topics of this stack, by the plan's topic id: those the plan references as resources. */
  readonly localTopics: ReadonlyMap<string, Topic>;
}

/**
 * AWS Chatbot posting the plan's topics to one Slack channel (the workspace is authorised once in the Chatbot
 * console first), with the plan's role (assumed by Chatbot, no permission of its own) and guardrails: without
 * `GuardrailPolicies` Chatbot applies AdministratorAccess
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-chatbot-slackchannelconfiguration.html).
 * Each topic is named as the plan says: this stack's by its resource (created first), another stack's by its ARN.
 */
export class AlertsSlack extends Construct {
  /** The role Chatbot assumes for the channel. */
  public readonly role: Role;
  public readonly configuration: CfnSlackChannelConfiguration;

  constructor(scope: Construct, id: string, props: AlertsSlackProps) {
    super(scope, id);
    const { plan } = props;
    const stack = Stack.of(this);
    this.role = new Role(this, plan.role.id, { assumedBy: new ServicePrincipal(plan.role.assumedBy), description: plan.role.description });
    const arnOf = (topic: SlackTopicPlan): string => {
      if (topic.reference.cloudformation === 'arn') {
        return stack.formatArn({ service: 'sns', region: topic.region, resource: topic.topicName, arnFormat: ArnFormat.NO_RESOURCE_NAME });
      }
      const local = props.localTopics.get(topic.topicId);
      if (local) return local.topicArn;
      // Reported, not guessed: the plan names a topic of this stack that the stack did not create.
      Annotations.of(this).addError(`The monitoring plan subscribes Slack to ${topic.topicName} in this stack, which does not create it`);
      return '';
    };
    this.configuration = new CfnSlackChannelConfiguration(this, 'Configuration', {
      configurationName: plan.configurationName,
      slackWorkspaceId: plan.workspaceId,
      slackChannelId: plan.channelId,
      iamRoleArn: this.role.roleArn,
      guardrailPolicies: plan.guardrailPolicies.map((name) => `arn:${Aws.PARTITION}:iam::aws:policy/${name}`),
      snsTopicArns: plan.topics.map(arnOf),
    });
  }
}
