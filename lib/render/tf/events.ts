import { Construct } from 'constructs';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import type { EventPlan, SettingPlan } from '../../plan';
import { publishSetting } from './app-config';
import type { SettingValues } from './setting-values';
import { denyInsecureTransport, policyDocument } from './policy-documents';
import type { QueueWorker } from './queue-worker';
import { helperName, named } from './terraform-names';

/** Props of {@link Events}. */
export interface EventsProps {
  readonly plans: readonly EventPlan[];
  /** Every service's queues; those whose plan has `subscribesTo` set receive that event. */
  readonly queues: readonly QueueWorker[];
}

/**
 * Fan-out between services: one SNS topic per event (AWS-managed key, TLS only), its ARN in SSM for the
 * publishers, delivering raw messages to each subscriber's inbox queue.
 */
export class Events extends Construct {
  /** Topics by event name. */
  public readonly topics: ReadonlyMap<string, SnsTopic>;
  /** Each event's scope, by name: its topic, policy, subscriptions and ARN parameter. */
  private readonly scopes = new Map<string, Construct>();

  constructor(scope: Construct, id: string, props: EventsProps) {
    super(scope, id);
    this.topics = new Map(props.plans.map((plan) => [plan.name, this.addEvent(plan, props)]));
  }

  /** Publishes the graph's settings of the topics (their ARNs: `<event>_arn`). */
  public publish(plans: readonly EventPlan[], settings: readonly SettingPlan[], values: SettingValues): void {
    for (const setting of settings) {
      const plan = plans.find((candidate) => setting.publisher.kind === 'topic' && setting.publisher.event === candidate.name);
      const scope = plan && this.scopes.get(plan.name);
      if (plan && scope) publishSetting(scope, 'ArnParameter', helperName(plan.tfName, 'arn'), setting, values, undefined);
    }
  }

  private addEvent(plan: EventPlan, props: EventsProps): SnsTopic {
    const name = (part: string): string => helperName(plan.tfName, part);
    const scope = new Construct(this, plan.id);
    // SNS's AWS-managed key already lets SNS deliver to SQS. https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html
    const topic = named(new SnsTopic(scope, 'Topic', { name: plan.topicName, kmsMasterKeyId: 'alias/aws/sns' }), plan.tfName);
    named(new SnsTopicPolicy(scope, 'Policy', {
      arn: topic.arn, policy: policyDocument([denyInsecureTransport('sns:Publish', [topic.arn])]),
    }), name('policy'));
    this.scopes.set(plan.name, scope);
    for (const inbox of props.queues.filter((queue) => queue.plan.subscribesTo === plan.name)) {
      inbox.allowSendFrom(topic.arn);
      named(new SnsTopicSubscription(scope, `Subscription-${inbox.tfName}`, {
        topicArn: topic.arn, protocol: 'sqs', endpoint: inbox.queue.arn, rawMessageDelivery: true,
      }), helperName(inbox.tfName, 'subscription'));
    }
    return topic;
  }
}
