import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Events } from '../../../../lib/render/cfn/events';
import { QueueWorker } from '../../../../lib/render/cfn/queue-worker';
import { examplePlan, stackWithVpc } from './fixtures';

const plan = examplePlan('shop-6-microservices');

function render() {
  const { stack, vpc } = stackWithVpc();
  const roles = new Map(plan.services.map((service) => [service.name, new Role(stack, `${service.id}Role`, { assumedBy: new ServicePrincipal('ec2.amazonaws.com') })]));
  const queues = plan.services.flatMap((service) => service.queues.map((queuePlan) => ({
    service: service.name,
    plan: queuePlan,
    queue: new QueueWorker(stack, `${service.id}${queuePlan.id}`, { plan: queuePlan, vpc, boot: { plan, region: plan.regions[0], service: service.name }, producers: [], removalPolicy: RemovalPolicy.RETAIN }).queue,
  })));
  new Events(stack, 'Events', { plans: plan.events, publishers: roles, queues });
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

  it('lets only the publisher service publish', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^ServiceOrdersRole') }],
      PolicyDocument: { Statement: [Match.objectLike({ Action: 'sns:Publish' })] },
    });
    const searchPolicies = template.findResources('AWS::IAM::Policy', {
      Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^ServiceSearchRole') }] },
    });
    expect(Object.keys(searchPolicies)).toHaveLength(0);
  });

  it('publishes the topic ARN in SSM', () => {
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/tierup/shop/production/events/order-placed/arn' });
  });
});
