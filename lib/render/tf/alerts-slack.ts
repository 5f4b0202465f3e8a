import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { ChatbotSlackChannelConfiguration } from '@cdktf/provider-aws/lib/chatbot-slack-channel-configuration';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { SlackPlan } from '../../plan';
import { serviceAssumeRolePolicy } from './policy-documents';
import { helperName, named } from './terraform-names';

/** Props of {@link AlertsSlack}. */
export interface AlertsSlackProps {
  readonly plan: SlackPlan;
  /** The provider of the plan's region. */
  readonly provider: TerraformProvider | undefined;
  /** The ARNs of the topics the plan names, in the plan's order (one configuration holds every region's topics). */
  readonly topicArns: readonly string[];
}

/**
 * The service that assumes the channel's role. The role has no permissions: the channel only receives the
 * topics' notifications, and its members can run nothing through it.
 * https://docs.aws.amazon.com/chatbot/latest/adminguide/chatbot-iam-policies.html
 */
const CHATBOT_PRINCIPAL = 'chatbot.amazonaws.com';

/**
 * AWS Chatbot posting the alarm topics to one Slack channel. The workspace must have been authorised once in
 * the Chatbot console before this can name it.
 * https://docs.aws.amazon.com/chatbot/latest/adminguide/slack-setup.html
 */
export class AlertsSlack extends Construct {
  public readonly role: IamRole;
  public readonly configuration: ChatbotSlackChannelConfiguration;

  constructor(scope: Construct, id: string, props: AlertsSlackProps) {
    super(scope, id);
    const { plan, provider } = props;
    this.role = named(new IamRole(this, 'Role', {
      provider, assumeRolePolicy: serviceAssumeRolePolicy(CHATBOT_PRINCIPAL), description: `tierup: AWS Chatbot's channel role for ${plan.configurationName}`,
    }), helperName(plan.tfName, 'role'));
    this.configuration = named(new ChatbotSlackChannelConfiguration(this, 'Configuration', {
      provider,
      configurationName: plan.configurationName,
      iamRoleArn: this.role.arn,
      slackTeamId: plan.workspaceId,
      slackChannelId: plan.channelId,
      snsTopicArns: [...props.topicArns],
    }), plan.tfName);
  }
}
