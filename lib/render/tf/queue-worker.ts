import { Lazy, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import type { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import type { QueuePlan, RetentionPlan, SettingPlan, WorkerPlan } from '../../plan';
import { bootScriptBase64 } from '../../plan/boot/boot-script';
import { DELIVERY_ACTIONS } from '../../plan/wiring/access-actions';
import { publishSetting } from './app-config';
import type { SettingValues } from './setting-values';
import { createInstanceIdentity, type InstanceIdentity } from './instance-identity';
import { createLaunchTemplate } from './launch-template';
import type { AppTier, Placement } from './placement';
import { denyInsecureTransport, policyDocument, type PolicyStatement } from './policy-documents';
import { TierSecurityGroup } from './security-group';
import { helperName, named, statefulLifecycle } from './terraform-names';

/** Props of {@link QueueWorker}. */
export interface QueueWorkerProps {
  readonly plan: QueuePlan;
  /** '' in the primary region, `_<provider alias>` in the others (level 7). */
  readonly regionSuffix: string;
  /** Where the workers run. */
  readonly placement: Placement;
  readonly retention: RetentionPlan;
  readonly tags: Readonly<Record<string, string>>;
}

/** Dead-letter queues keep messages for the SQS maximum, 14 days, so a failure found late can still be replayed. */
const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;

/**
 * An SQS queue (SQS-managed encryption, TLS only) with its dead-letter queue, its URL in SSM, send rights
 * for its producers, and, when planned, the workers that drain it.
 */
export class QueueWorker extends Construct {
  public readonly queue: SqsQueue;
  public readonly deadLetterQueue: SqsQueue;
  /** Its setting in SSM (the URL), once {@link publish} has published it. */
  public readonly parameters: SsmParameter[] = [];
  public readonly workers: Workers | null;
  public readonly tfName: string;
  public readonly plan: QueuePlan;
  /** Statements of the queue's policy; {@link allowSendFrom} adds to them until synthesis. */
  private readonly statements: PolicyStatement[];
  private readonly provider: TerraformProvider | undefined;

  constructor(scope: Construct, id: string, props: QueueWorkerProps) {
    super(scope, id);
    const { plan, placement, retention } = props;
    const { provider } = placement;
    this.provider = provider;
    this.plan = plan;
    this.tfName = `${plan.tfName}${props.regionSuffix}`;
    const name = (part: string): string => helperName(this.tfName, part);
    const lifecycle = statefulLifecycle(retention.preventDestroy);

    this.deadLetterQueue = named(new SqsQueue(this, 'DeadLetterQueue', {
      provider, name: plan.deadLetterQueueName, fifoQueue: plan.fifo, sqsManagedSseEnabled: true,
      messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS, lifecycle,
    }), name('dlq'));
    this.queue = named(new SqsQueue(this, 'Queue', {
      provider,
      name: plan.queueName,
      fifoQueue: plan.fifo,
      // SQS-managed keys need no key policy, and SNS can deliver to them.
      sqsManagedSseEnabled: true,
      visibilityTimeoutSeconds: plan.visibilityTimeoutSeconds,
      messageRetentionSeconds: plan.retentionDays * 24 * 3600,
      redrivePolicy: JSON.stringify({ deadLetterTargetArn: this.deadLetterQueue.arn, maxReceiveCount: plan.maxReceiveCount }),
      lifecycle,
    }), this.tfName);
    named(new SqsQueuePolicy(this, 'DeadLetterQueuePolicy', {
      provider, queueUrl: this.deadLetterQueue.url,
      policy: policyDocument([denyInsecureTransport('sqs:*', [this.deadLetterQueue.arn])]),
    }), name('dlq_policy'));
    this.statements = [denyInsecureTransport('sqs:*', [this.queue.arn])];
    named(new SqsQueuePolicy(this, 'QueuePolicy', {
      provider, queueUrl: this.queue.url, policy: Lazy.stringValue({ produce: () => policyDocument(this.statements) }),
    }), name('policy'));

    this.workers = plan.worker
      ? new Workers(this, plan.worker.id, { plan: plan.worker, regionSuffix: props.regionSuffix, queue: this, placement, tags: props.tags })
      : null;
  }

  /** Publishes the graph's settings of this queue beside it (its URL: `<queue>_url`). */
  public publish(settings: readonly SettingPlan[], values: SettingValues): void {
    for (const setting of settings) {
      this.parameters.push(publishSetting(this, 'UrlParameter', helperName(this.tfName, 'url'), setting, values, this.provider));
    }
  }

  /** Lets an SNS topic deliver to this queue (an event's subscription). */
  public allowSendFrom(topicArn: string): void {
    this.statements.push({
      Sid: 'AllowTopic',
      Effect: 'Allow',
      Principal: { Service: 'sns.amazonaws.com' },
      Action: [...DELIVERY_ACTIONS],
      Resource: this.queue.arn,
      Condition: { ArnEquals: { 'aws:SourceArn': topicArn } },
    });
  }
}

/** Props of {@link Workers}. */
export interface WorkersProps {
  readonly plan: WorkerPlan;
  readonly regionSuffix: string;
  readonly queue: QueueWorker;
  readonly placement: Placement;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * Workers: an Auto Scaling group in the private subnets keeping the backlog per in-service instance at
 * `backlogPerInstance`, from zero when messages arrive back to zero when the queue drains (workers running
 * the built-in probe stay at `min`: they process nothing). No inbound traffic; HTTPS out to SQS and the AWS APIs.
 */
export class Workers extends Construct {
  public readonly group: AutoscalingGroup;
  public readonly securityGroup: TierSecurityGroup;
  public readonly identity: InstanceIdentity;
  public readonly tfName: string;
  /** The workers as a client of the app's data stores. */
  public readonly tier: AppTier;

  constructor(scope: Construct, id: string, props: WorkersProps) {
    super(scope, id);
    const { plan, placement, queue } = props;
    const { provider } = placement;
    this.tfName = `${plan.tfName}${props.regionSuffix}`;
    const name = (part: string): string => helperName(this.tfName, part);

    this.identity = createInstanceIdentity(this, this.tfName, plan.runtime, provider);
    this.securityGroup = new TierSecurityGroup(this, 'SecurityGroup', {
      tfName: name('security_group'), vpcId: placement.network.vpc.id, description: 'Queue workers: no inbound; out to SQS, AWS APIs and the data stores', provider,
    });
    this.securityGroup.allowAllEgress();
    this.tier = { key: plan.tfName, tfName: this.tfName, securityGroupId: this.securityGroup.group.id, roleName: this.identity.role.name };
    const launchTemplate = createLaunchTemplate(this, {
      owner: this.tfName, instanceType: plan.instanceType, rootVolumeGb: 20, identity: this.identity,
      securityGroupId: this.securityGroup.group.id, tags: props.tags, provider,
      bootScript: bootScriptBase64(placement.boot.plan, { kind: 'worker', service: placement.boot.service, queue: queue.plan.name }, placement.boot.region),
    });
    this.group = named(new AutoscalingGroup(this, 'Group', {
      provider,
      namePrefix: `${this.tfName}-`,
      minSize: plan.min,
      maxSize: plan.max,
      vpcZoneIdentifier: placement.network.privateSubnetIds,
      launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.toString() },
      // GroupInServiceInstances is the divisor of the backlog metric, the others the alarms' and dashboards';
      // groups publish them only when asked. https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-metrics.html
      enabledMetrics: [...plan.groupMetrics],
      metricsGranularity: '1Minute',
      instanceRefresh: { strategy: 'Rolling', preferences: { minHealthyPercentage: 0 } },
    }), this.tfName);
    // Workers that run the built-in probe never receive messages: no backlog scaling for them.
    if (!plan.backlogScaling) return;
    named(new AutoscalingPolicy(this, 'BacklogScaling', {
      provider,
      name: name('backlog'),
      autoscalingGroupName: this.group.name,
      policyType: 'TargetTrackingScaling',
      targetTrackingConfiguration: {
        targetValue: plan.backlogPerInstance,
        customizedMetricSpecification: {
          metrics: [
            { id: 'm1', label: 'Messages waiting', returnData: false, metricStat: {
              stat: 'Sum',
              metric: { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: [{ name: 'QueueName', value: queue.queue.name }] },
            } },
            { id: 'm2', label: 'Workers in service', returnData: false, metricStat: {
              stat: 'Average',
              metric: { namespace: 'AWS/AutoScaling', metricName: 'GroupInServiceInstances', dimensions: [{ name: 'AutoScalingGroupName', value: this.group.name }] },
            } },
            { id: 'e1', label: 'Backlog per worker', returnData: true, expression: plan.backlogExpression },
          ],
        },
      },
    }), name('backlog_scaling'));
  }
}

