import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { ChatbotSlackChannelConfiguration } from '@cdktf/provider-aws/lib/chatbot-slack-channel-configuration';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import type { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import type { SlackPlan } from '../../plan';
import { serviceAssumeRolePolicy } from './policy-documents';
import { helperName, named } from './terraform-names';

/** Props of {@link AlertsSlack}. */
export interface AlertsSlackProps {
  readonly plan: SlackPlan;
  /** The provider of the plan's region. */
  readonly provider: TerraformProvider | undefined;
  /** Every region's topics, by Terraform name: one configuration holds them all, so each is referenced as a resource. */
  readonly topics: ReadonlyMap<string, SnsTopic>;
}

/**
 * AWS Chatbot posting the plan's topics to one Slack channel, with the plan's role (assumed by Chatbot, no permission
 * of its own) and guardrails (without them Chatbot applies AdministratorAccess). The workspace must have been
 * authorised once in the Chatbot console before this can name it.
 * https://docs.aws.amazon.com/chatbot/latest/adminguide/slack-setup.html
 * https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/chatbot_slack_channel_configuration
 */
export class AlertsSlack extends Construct {
  public readonly role: IamRole;
  public readonly configuration: ChatbotSlackChannelConfiguration;

  constructor(scope: Construct, id: string, props: AlertsSlackProps) {
    super(scope, id);
    const { plan, provider } = props;
    const partition = named(new DataAwsPartition(this, 'Partition', { provider }), helperName(plan.tfName, 'partition'));
    this.role = named(new IamRole(this, plan.role.id, {
      provider, assumeRolePolicy: serviceAssumeRolePolicy(plan.role.assumedBy), description: plan.role.description,
    }), plan.role.tfName);
    this.configuration = named(new ChatbotSlackChannelConfiguration(this, 'Configuration', {
      provider,
      configurationName: plan.configurationName,
      iamRoleArn: this.role.arn,
      slackTeamId: plan.workspaceId,
      slackChannelId: plan.channelId,
      guardrailPolicyArns: plan.guardrailPolicies.map((name) => `arn:${partition.partition}:iam::aws:policy/${name}`),
      // Each topic by its resource (plan.topics[].reference.terraform), which also creates it first.
      snsTopicArns: plan.topics.flatMap((topic) => {
        const resource = props.topics.get(topic.tfName);
        return resource ? [resource.arn] : [];
      }),
    }), plan.tfName);
  }
}
