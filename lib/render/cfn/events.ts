import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias, type IAlias } from 'aws-cdk-lib/aws-kms';
import { Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { DeliveryPlan, EventPlan, QueuePlan, SettingPlan } from '../../plan';
import { pascalCase } from '../../plan/naming';
import { DELIVERY_ACTIONS } from '../../plan/wiring/access-actions';
import { publishSetting } from './app-config';
import type { SettingValues } from './setting-values';

/** A service's queue in the stack's region, any of which may be the inbox of an event. */
export interface ServiceQueue {
  readonly plan: QueuePlan;
  readonly queue: IQueue;
}

/** Props of {@link Events}. */
export interface EventsProps {
  /** The events with a topic in the stack's region. */
  readonly plans: readonly EventPlan[];
  /** The wiring graph's deliveries in the stack's region: which topic sends to which inbox. */
  readonly deliveries: readonly DeliveryPlan[];
  /** Every service's queues in the stack's region, by which the deliveries find their inboxes. */
  readonly queues: readonly ServiceQueue[];
}

/**
 * Fan-out between services in one region: one SNS topic per event, encrypted and TLS-only, its ARN in SSM (from
 * the wiring graph), delivering raw messages to the inbox queues the graph's deliveries name in the region.
 */
export class Events extends Construct {
  /** The events with a topic here. */
  public readonly plans: readonly EventPlan[];
  /** Topics by event name. */
  public readonly topics: ReadonlyMap<string, Topic>;

  constructor(scope: Construct, id: string, props: EventsProps) {
    super(scope, id);
    this.plans = props.plans;
    // SNS's AWS-managed key: its key policy already lets SNS deliver to SQS and principals of the account
    // publish, so no key policy is needed (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html).
    const key = Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns');
    this.topics = new Map(props.plans.map((plan) => [plan.name, this.addEvent(plan, key, props)]));
  }

  /** Publishes the graph's settings of the topics (their ARNs: `<event id>ArnParameter`). */
  public publish(settings: readonly SettingPlan[], values: SettingValues): void {
    for (const setting of settings) {
      const plan = this.plans.find((candidate) => setting.publisher.kind === 'topic' && setting.publisher.event === candidate.name);
      if (plan) publishSetting(this, `${plan.id}ArnParameter`, setting, values);
    }
  }

  private addEvent(plan: EventPlan, key: IAlias, props: EventsProps): Topic {
    const topic = new Topic(this, plan.id, { topicName: plan.topicName, masterKey: key, enforceSSL: true });
    for (const delivery of props.deliveries.filter((candidate) => candidate.topic.key === plan.tfName)) {
      const inbox = props.queues.find((queue) => queue.plan.tfName === delivery.queue.key);
      if (inbox) this.subscribe(plan, topic, delivery.subscriber, inbox);
    }
    return topic;
  }

  /**
   * The subscription lives here, beside the topic, and the queue's policy in the queue's stack: SNS's own
   * SqsSubscription would put the subscription in the queue's (nested) stack, which cannot depend on its parent.
   */
  private subscribe(plan: EventPlan, topic: Topic, subscriber: string, inbox: ServiceQueue): void {
    inbox.queue.addToResourcePolicy(new PolicyStatement({
      principals: [new ServicePrincipal('sns.amazonaws.com')],
      actions: [...DELIVERY_ACTIONS],
      resources: [inbox.queue.queueArn],
      conditions: { ArnEquals: { 'aws:SourceArn': topic.topicArn } },
    }));
    new Subscription(this, `${plan.id}To${pascalCase(subscriber)}`, {
      topic,
      protocol: SubscriptionProtocol.SQS,
      endpoint: inbox.queue.queueArn,
      rawMessageDelivery: true,
    });
  }
}
