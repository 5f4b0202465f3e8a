import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { DeliveryPlan, EventPlan, SettingPlan } from '../../plan';
import { publishSetting } from './app-config';
import type { SettingValues } from './setting-values';
import { denyInsecureTransport, policyDocument } from './policy-documents';
import type { QueueWorker } from './queue-worker';
import { helperName, named } from './terraform-names';

/** Props of {@link Events}. */
export interface EventsProps {
  /** The events with a topic in this region. */
  readonly plans: readonly EventPlan[];
  /** The wiring graph's deliveries in this region: which topic sends to which inbox. */
  readonly deliveries: readonly DeliveryPlan[];
  /** Every service's queues in this region, by which the deliveries find their inboxes. */
  readonly queues: readonly QueueWorker[];
  /** '' in the primary region, `_<provider alias>` in the others (level 7). */
  readonly regionSuffix: string;
  /** The region's aliased provider (level 7); undefined for the primary region. */
  readonly provider: TerraformProvider | undefined;
}

/**
 * Fan-out between services in one region: one SNS topic per event (AWS-managed key, TLS only), its ARN in SSM for
 * the publishers, delivering raw messages to the inbox queues the graph's deliveries name in the region.
 */
export class Events extends Construct {
  /** The events with a topic here. */
  public readonly plans: readonly EventPlan[];
  /** Topics by event name. */
  public readonly topics: ReadonlyMap<string, SnsTopic>;
  /** Each event's scope, by name: its topic, policy, subscriptions and ARN parameter. */
  private readonly scopes = new Map<string, Construct>();
  private readonly regionSuffix: string;
  private readonly provider: TerraformProvider | undefined;

  constructor(scope: Construct, id: string, props: EventsProps) {
    super(scope, id);
    this.plans = props.plans;
    this.regionSuffix = props.regionSuffix;
    this.provider = props.provider;
    this.topics = new Map(props.plans.map((plan) => [plan.name, this.addEvent(plan, props)]));
  }

  /** Publishes the graph's settings of the topics (their ARNs: `<event>_arn`, with the region's suffix). */
  public publish(settings: readonly SettingPlan[], values: SettingValues): void {
    for (const setting of settings) {
      const plan = this.plans.find((candidate) => setting.publisher.kind === 'topic' && setting.publisher.event === candidate.name);
      const scope = plan && this.scopes.get(plan.name);
      if (plan && scope) publishSetting(scope, 'ArnParameter', helperName(`${plan.tfName}${this.regionSuffix}`, 'arn'), setting, values, this.provider);
    }
  }

  private addEvent(plan: EventPlan, props: EventsProps): SnsTopic {
    const { provider } = this;
    const tfName = `${plan.tfName}${this.regionSuffix}`;
    const scope = new Construct(this, plan.id);
    // SNS's AWS-managed key already lets SNS deliver to SQS. https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html
    const topic = named(new SnsTopic(scope, 'Topic', { provider, name: plan.topicName, kmsMasterKeyId: 'alias/aws/sns' }), tfName);
    named(new SnsTopicPolicy(scope, 'Policy', {
      provider, arn: topic.arn, policy: policyDocument([denyInsecureTransport('sns:Publish', [topic.arn])]),
    }), helperName(tfName, 'policy'));
    this.scopes.set(plan.name, scope);
    for (const delivery of props.deliveries.filter((candidate) => candidate.topic.key === plan.tfName)) {
      const inbox = props.queues.find((queue) => queue.plan.tfName === delivery.queue.key);
      if (!inbox) continue;
      inbox.allowSendFrom(topic.arn);
      named(new SnsTopicSubscription(scope, `Subscription-${inbox.tfName}`, {
        provider, topicArn: topic.arn, protocol: 'sqs', endpoint: inbox.queue.arn, rawMessageDelivery: true,
      }), helperName(inbox.tfName, 'subscription'));
    }
    return topic;
  }
}
