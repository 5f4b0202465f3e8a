import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { QueuePlan } from '../../../../lib/plan';
import { backlogExpression, publishedSettings } from '../../../../lib/plan';
import { publishQueue, QueueWorker } from '../../../../lib/render/cfn/queue-worker';
import { registerQueue, SettingValues } from '../../../../lib/render/cfn/setting-values';
import { examplePlan, examplePlanWith, stackWithVpc } from './fixtures';

// Workers that process messages: an image of their own (the probe gets no backlog scaling; see below).
const blueprint = examplePlanWith('shop-5-sharded', (spec) => {
  const worker = spec.queues?.[0].worker;
  if (worker) worker.image = 'public.ecr.aws/docker/library/busybox:1.37';
});
const emails = blueprint.queues[0];

function render(plan: QueuePlan, whole = blueprint) {
  const { stack, vpc } = stackWithVpc();
  const boot = { plan: { ...whole, queues: [plan] }, region: whole.regions[0], service: null };
  const queue = new QueueWorker(stack, plan.id, { plan, vpc, boot, removalPolicy: RemovalPolicy.RETAIN });
  const values = new SettingValues(stack, 'Values', 'us-east-1');
  registerQueue(values, queue);
  publishQueue(queue, publishedSettings(whole.wiring, 'us-east-1', 'cloudformation', (publisher) => publisher.kind === 'queue' && publisher.queue === plan.tfName), values);
  return { template: Template.fromStack(stack), queue, stack };
}

describe('QueueWorker', () => {
  const { template, stack, queue } = render(emails);

  it('names the queue and its dead-letter queue from the plan, with a redrive policy', () => {
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'shop-prod-emails',
      RedrivePolicy: { deadLetterTargetArn: Match.anyValue(), maxReceiveCount: 5 },
      SqsManagedSseEnabled: true,
    });
    template.hasResourceProperties('AWS::SQS::Queue', {
      QueueName: 'shop-prod-emails-dlq',
      MessageRetentionPeriod: 14 * 24 * 3600,
      SqsManagedSseEnabled: true,
    });
  });

  it('retains both queues per the removal policy', () => {
    const queues = template.findResources('AWS::SQS::Queue');
    expect(Object.values(queues).map((q) => q.DeletionPolicy)).toEqual(['Retain', 'Retain']);
  });

  it('denies every request without TLS on both queues', () => {
    const policies = template.findResources('AWS::SQS::QueuePolicy', {
      Properties: {
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({ Effect: 'Deny', Action: 'sqs:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          ]),
        },
      },
    });
    expect(Object.keys(policies)).toHaveLength(2);
  });

  it('publishes the queue URL in SSM', () => {
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: '/tierup/shop/production/queues/emails/url',
      Value: { Ref: stack.getLogicalId(queue.queue.node.defaultChild as never) },
    });
  });

  it('runs workers from an IMDSv2-only, encrypted launch template with the SSM role', () => {
    template.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        MetadataOptions: { HttpTokens: 'required' },
        BlockDeviceMappings: [Match.objectLike({ Ebs: Match.objectLike({ Encrypted: true }) })],
        InstanceType: 't3.small',
      }),
    });
    template.hasResourceProperties('AWS::IAM::Role', {
      ManagedPolicyArns: [{ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('AmazonSSMManagedInstanceCore')])] }],
    });
  });

  it('starts at zero workers in private subnets and publishes the planned group metrics (the in-service count among them)', () => {
    expect(emails.worker?.groupMetrics).toContain('GroupInServiceInstances');
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', {
      MinSize: '0',
      MaxSize: '10',
      VPCZoneIdentifier: Match.arrayWith([{ Ref: Match.stringLikeRegexp('PrivateSubnet') }]),
      MetricsCollection: [{ Granularity: '1Minute', Metrics: [...(emails.worker?.groupMetrics ?? [])] }],
    });
  });

  it('tracks backlog per in-service instance with metric math, targeting backlogPerInstance', () => {
    template.hasResourceProperties('AWS::AutoScaling::ScalingPolicy', {
      PolicyType: 'TargetTrackingScaling',
      TargetTrackingConfiguration: {
        TargetValue: 100,
        CustomizedMetricSpecification: {
          Metrics: [
            Match.objectLike({ Id: 'm1', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'ApproximateNumberOfMessagesVisible' }), Stat: 'Sum' }) }),
            Match.objectLike({ Id: 'm2', MetricStat: Match.objectLike({ Metric: Match.objectLike({ MetricName: 'GroupInServiceInstances' }), Stat: 'Average' }) }),
            Match.objectLike({ Id: 'e1', Expression: backlogExpression(100), ReturnData: true }),
          ],
        },
      },
    });
  });

  it('gives workers that run the built-in probe no backlog scaling (the probe never receives messages)', () => {
    const probe = examplePlan('shop-5-sharded');
    const { template: idle } = render(probe.queues[0], probe);
    expect(probe.queues[0].worker?.backlogScaling).toBe(false);
    idle.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 1);
    idle.resourceCountIs('AWS::AutoScaling::ScalingPolicy', 0);
  });

  it('lets workers with a private ECR image pull from that one repository only', () => {
    const ecr = examplePlanWith('shop-5-sharded', (spec) => {
      const worker = spec.queues?.[0].worker;
      if (worker) worker.image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/mailer:2.0';
    });
    const { template: pulled } = render(ecr.queues[0], ecr);
    pulled.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([
        { Action: 'ecr:GetAuthorizationToken', Effect: 'Allow', Resource: '*' },
        { Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'], Effect: 'Allow', Resource: 'arn:aws:ecr:us-east-1:123456789012:repository/shop/mailer' },
      ]) },
    });
  });

  it('creates no workers for a queue without them', () => {
    const { template: bare } = render({ ...emails, worker: null });
    bare.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 0);
    bare.resourceCountIs('AWS::SQS::Queue', 2);
  });

  it('makes both queues FIFO for a FIFO plan', () => {
    const { template: fifo } = render({ ...emails, fifo: true, queueName: 'shop-prod-emails.fifo', deadLetterQueueName: 'shop-prod-emails-dlq.fifo' });
    fifo.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'shop-prod-emails.fifo', FifoQueue: true });
    fifo.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'shop-prod-emails-dlq.fifo', FifoQueue: true });
  });
});

/** Evaluates the backlog expression for given m1/m2, the way CloudWatch metric math would. */
function evaluate(expression: string, visible: number | null, inService: number | null): number {
  const fill = (value: number | null) => value ?? 0;
  const m1 = fill(visible);
  const m2 = fill(inService);
  const js = expression
    .replace(/FILL\(m1, 0\)/g, String(m1))
    .replace(/FILL\(m2, 0\)/g, String(m2))
    .replace(/\bm2\b/g, String(m2))
    .replace(/IF\(/g, 'iff(');
  const iff = (condition: boolean, then: number, otherwise: number) => (condition ? then : otherwise);
  return new Function('iff', `return ${js};`)(iff) as number;
}

describe('backlogExpression', () => {
  const target = 100;
  it.each([
    [0, 0, 0],
    [null, null, 0],
    [1, 0, 101],
    [500, 0, 600],
    [500, 5, 100],
    [0, 3, 0],
  ])('reads %p visible over %p in service as %p', (visible, inService, expected) => {
    expect(evaluate(backlogExpression(target), visible, inService)).toBe(expected);
  });

  it('reads above target whenever messages wait and no worker runs, so the group scales out from zero', () => {
    for (const visible of [1, 7, 99, 100, 10_000]) expect(evaluate(backlogExpression(target), visible, 0)).toBeGreaterThan(target);
  });
});
