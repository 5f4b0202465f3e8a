import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { publishedSettings } from '../../../../lib/plan';
import { Events } from '../../../../lib/render/cfn/events';
import { SettingValues } from '../../../../lib/render/cfn/setting-values';
import { QueueWorker } from '../../../../lib/render/cfn/queue-worker';
import { examplePlan, stackWithVpc } from './fixtures';

const plan = examplePlan('shop-6-microservices');

function render() {
  const { stack, vpc } = stackWithVpc();
  const queues = plan.services.flatMap((service) => service.queues.map((queuePlan) => ({
    plan: queuePlan,
    queue: new QueueWorker(stack, `${service.id}${queuePlan.id}`, { plan: queuePlan, vpc, boot: { plan, region: plan.regions[0], service: service.name }, removalPolicy: RemovalPolicy.RETAIN }).queue,
  })));
  const events = new Events(stack, 'Events', { plans: plan.events, deliveries: plan.wiring.deliveries, queues });
  const values = new SettingValues(stack, 'Values', 'us-east-1');
  for (const event of plan.events) values.set({ kind: 'topic', key: event.tfName, region: 'us-east-1' }, 'arn', events.topics.get(event.name)!.topicArn);
  events.publish(publishedSettings(plan.wiring, 'us-east-1', 'cloudformation', (publisher) => publisher.kind === 'topic'), values);
  return Template.fromStack(stack);
}

describe('Events', () => {
  const template = render();

  it('plans the example with one event, published by orders and received by search', () => {
    expect(plan.events.map((event) => [event.name, event.publishers, event.subscribers])).toEqual([['order-placed', ['orders'], ['search']]]);
  });

  it('creates one encrypted topic per event, named from the plan', () => {
    template.resourceCountIs('AWS::SNS::Topic', 1);
    template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'shop-prod-order-placed',
      KmsMasterKeyId: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([':alias/aws/sns'])] }),
    });
  });

  it('denies publishing without TLS', () => {
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
      },
    });
  });

  it('subscribes the subscriber service inbox queue with raw delivery', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 1);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs',
      RawMessageDelivery: true,
      Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ServiceSearchQueueOnOrderPlaced'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([Match.objectLike({ Action: 'sqs:SendMessage', Principal: { Service: 'sns.amazonaws.com' } })]),
      },
    });
  });

  it('grants no role sns:Publish itself: publishers are granted from the wiring graph (test/parity/semantic-parity.test.ts)', () => {
    expect(JSON.stringify(template.findResources('AWS::IAM::Policy'))).not.toContain('sns:Publish');
  });

  it('publishes the topic ARN in SSM', () => {
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/tierup/shop/production/events/order-placed/arn' });
  });
});
