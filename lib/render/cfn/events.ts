import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Alias, type IAlias } from 'aws-cdk-lib/aws-kms';
import { Subscription, SubscriptionProtocol, Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { DELIVERY_ACTIONS, type EventPlan, pascalCase, type QueuePlan, type SettingPlan } from '../../plan';
import { publishSetting } from './app-config';
import type { SettingValues } from './setting-values';

/** A service's queue, any of which may be the inbox of an event (`QueuePlan.subscribesTo`). */
export interface ServiceQueue {
  /** The service's name: it names the subscription. */
  readonly service: string;
  readonly plan: QueuePlan;
  readonly queue: IQueue;
}

/** Props of {@link Events}. */
export interface EventsProps {
  readonly plans: readonly EventPlan[];
  /** Every service's queues; those with `subscribesTo` set receive that event. */
  readonly queues: readonly ServiceQueue[];
}

/**
 * Fan-out between services: one SNS topic per event, encrypted and TLS-only, its ARN in SSM (from the wiring
 * graph), delivering raw messages to each subscriber's inbox queue.
 */
export class Events extends Construct {
  /** Topics by event name. */
  public readonly topics: ReadonlyMap<string, Topic>;

  constructor(scope: Construct, id: string, props: EventsProps) {
    super(scope, id);
    // SNS's AWS-managed key: its key policy already lets SNS deliver to SQS and principals of the account
    // publish, so no key policy is needed (https://docs.aws.amazon.com/sns/latest/dg/sns-key-management.html).
    const key = Alias.fromAliasName(this, 'SnsKey', 'alias/aws/sns');
    this.topics = new Map(props.plans.map((plan) => [plan.name, this.addEvent(plan, key, props)]));
  }

  /** Publishes the graph's settings of the topics (their ARNs: `<event id>ArnParameter`). */
  public publish(plans: readonly EventPlan[], settings: readonly SettingPlan[], values: SettingValues): void {
    for (const setting of settings) {
      const plan = plans.find((candidate) => setting.publisher.kind === 'topic' && setting.publisher.event === candidate.name);
      if (plan) publishSetting(this, `${plan.id}ArnParameter`, setting, values);
    }
  }

  private addEvent(plan: EventPlan, key: IAlias, props: EventsProps): Topic {
    const topic = new Topic(this, plan.id, { topicName: plan.topicName, masterKey: key, enforceSSL: true });
    for (const inbox of props.queues.filter((queue) => queue.plan.subscribesTo === plan.name)) {
      this.subscribe(plan, topic, inbox);
    }
    return topic;
  }

  /**
   * The subscription lives here, beside the topic, and the queue's policy in the queue's stack: SNS's own
   * SqsSubscription would put the subscription in the queue's (nested) stack, which cannot depend on its parent.
   */
  private subscribe(plan: EventPlan, topic: Topic, inbox: ServiceQueue): void {
    inbox.queue.addToResourcePolicy(new PolicyStatement({
      principals: [new ServicePrincipal('sns.amazonaws.com')],
      actions: [...DELIVERY_ACTIONS],
      resources: [inbox.queue.queueArn],
      conditions: { ArnEquals: { 'aws:SourceArn': topic.topicArn } },
    }));
    new Subscription(this, `${plan.id}To${pascalCase(inbox.service)}`, {
      topic,
      protocol: SubscriptionProtocol.SQS,
      endpoint: inbox.queue.queueArn,
      rawMessageDelivery: true,
    });
  }
}
