import { Duration, type RemovalPolicy } from 'aws-cdk-lib';
import { AutoScalingGroup, CfnScalingPolicy } from 'aws-cdk-lib/aws-autoscaling';
import { LaunchTemplate, SecurityGroup, type IVpc, UserData } from 'aws-cdk-lib/aws-ec2';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { DeadLetterQueue, Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { QueuePlan, SettingPlan, WorkerPlan } from '../../plan';
import { publishSetting } from './app-config';
import { addBootScript, type BootContext } from './app-user-data';
import type { SettingValues } from './setting-values';
import { groupMetricsOf } from './fleet';
import { instanceRole } from './instance-role';
import { instanceSettings } from './instance-settings';
import { grantRuntime } from './runtime-grants';
import { acknowledge } from './nag';
import { SUBNET_GROUPS } from './network';

/** Props of {@link QueueWorker}. */
export interface QueueWorkerProps {
  readonly plan: QueuePlan;
  /** The VPC whose private subnets run the workers. */
  readonly vpc: IVpc;
  /** What workers boot: the plan and region (the tier is this queue's workers of `service`, or of the app when null). */
  readonly boot: Omit<BootContext, 'tier'> & { readonly service: string | null };
  /** What happens to the queue and its dead-letter queue when they leave the template. */
  readonly removalPolicy: RemovalPolicy;
}

/**
 * Dead-letter queues keep messages for the SQS maximum, 14 days, so a failure found late can still be replayed
 * (https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html).
 */
const DEAD_LETTER_RETENTION = Duration.days(14);

/** Workers keep no data on their disks: a small root volume is enough. */
const WORKER_ROOT_VOLUME_GB = 20;

/** An SQS queue with its dead-letter queue and the workers that drain it; its URL is published from the wiring graph. */
export class QueueWorker extends Construct {
  public readonly plan: QueuePlan;
  public readonly queue: Queue;
  public readonly deadLetterQueue: Queue;
  /** Its setting in SSM (the URL), once {@link publish} has published it. */
  public readonly parameters: StringParameter[] = [];
  /** Null when the queue has no workers (another component consumes it). */
  public readonly workers: Workers | null;

  constructor(scope: Construct, id: string, props: QueueWorkerProps) {
    super(scope, id);
    const { plan } = props;
    this.plan = plan;
    this.deadLetterQueue = new Queue(this, 'DeadLetterQueue', {
      queueName: plan.deadLetterQueueName,
      fifo: plan.fifo,
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: DEAD_LETTER_RETENTION,
      removalPolicy: props.removalPolicy,
    });
    this.queue = new Queue(this, 'Queue', {
      queueName: plan.queueName,
      fifo: plan.fifo,
      // SQS-managed keys need no key policy, and SNS can deliver to them (a KMS-encrypted queue would need one per topic).
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      visibilityTimeout: Duration.seconds(plan.visibilityTimeoutSeconds),
      retentionPeriod: Duration.days(plan.retentionDays),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: plan.maxReceiveCount } satisfies DeadLetterQueue,
      removalPolicy: props.removalPolicy,
    });
    const { boot } = props;
    this.workers = plan.worker ? new Workers(this, plan.worker.id, {
      plan: plan.worker, queue: this.queue, vpc: props.vpc,
      boot: { plan: boot.plan, region: boot.region, tier: { kind: 'worker', service: boot.service, queue: plan.name } },
    }) : null;
  }
}

/** Publishes the graph's settings of this queue beside it (its URL: `UrlParameter`). */
export function publishQueue(queue: QueueWorker, settings: readonly SettingPlan[], values: SettingValues): void {
  for (const setting of settings) queue.parameters.push(publishSetting(queue, 'UrlParameter', setting, values));
}

/** Props of {@link Workers}. */
export interface WorkersProps {
  readonly plan: WorkerPlan;
  readonly queue: Queue;
  readonly vpc: IVpc;
  readonly boot: BootContext;
}

/**
 * Workers: an Auto Scaling group in the private subnets that keeps the backlog per in-service instance
 * at `backlogPerInstance`, scaling from zero when messages arrive and back to zero when the queue drains.
 * Workers that run the built-in probe (no image, no AMI) never receive messages, so they get no backlog
 * scaling: the group stays at `min`.
 */
export class Workers extends Construct {
  public readonly role: Role;
  public readonly securityGroup: SecurityGroup;
  public readonly launchTemplate: LaunchTemplate;
  public readonly autoScalingGroup: AutoScalingGroup;
  /** Null for workers that run the probe. */
  public readonly scalingPolicy: CfnScalingPolicy | null;

  constructor(scope: Construct, id: string, props: WorkersProps) {
    super(scope, id);
    const { plan, queue, vpc } = props;
    this.role = instanceRole(this, 'Role');
    grantRuntime(this.role, plan.runtime);
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: `Queue workers ${plan.id}: no inbound`,
    });
    const userData = UserData.forLinux();
    this.launchTemplate = new LaunchTemplate(this, 'LaunchTemplate', {
      ...instanceSettings({ ...plan, machineImage: plan.runtime.machineImage, rootVolumeGb: WORKER_ROOT_VOLUME_GB, role: this.role, securityGroup: this.securityGroup, userData }),
    });
    addBootScript(userData, props.boot, null);
    this.autoScalingGroup = new AutoScalingGroup(this, 'Group', {
      vpc,
      vpcSubnets: { subnetGroupName: SUBNET_GROUPS.private },
      launchTemplate: this.launchTemplate,
      minCapacity: plan.min,
      maxCapacity: plan.max,
      // GroupInServiceInstances is the divisor of the backlog metric, and the alarms read the group's size: groups
      // publish these only when asked.
      groupMetrics: groupMetricsOf(plan.groupMetrics),
    });
    acknowledge(this.autoScalingGroup, 'scalingNotifications');
    this.scalingPolicy = plan.backlogScaling ? new CfnScalingPolicy(this, 'BacklogScaling', {
      autoScalingGroupName: this.autoScalingGroup.autoScalingGroupName,
      policyType: 'TargetTrackingScaling',
      targetTrackingConfiguration: backlogTracking(queue.queueName, this.autoScalingGroup.autoScalingGroupName, plan),
    }) : null;
  }
}

/**
 * Target tracking on backlog per instance with metric math, as AWS documents it
 * (https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-target-tracking-metric-math.html):
 * m1 = ApproximateNumberOfMessagesVisible (Sum), m2 = GroupInServiceInstances (Average), e1 = m1 / m2.
 * AWS's m1 / m2 yields no value at zero instances, so a group at zero never scales out. Here, with no
 * instance in service, any backlog reads as the target plus the backlog: above target, so the group
 * launches its first workers, and more of them the larger the backlog; an empty queue reads 0, so the
 * group scales in to zero. FILL treats a quiet queue or group (no data point) as 0, so scale-in still happens.
 */
export function backlogTracking(
  queueName: string, groupName: string, plan: Pick<WorkerPlan, 'backlogPerInstance' | 'backlogExpression'>,
): CfnScalingPolicy.TargetTrackingConfigurationProperty {
  return {
    targetValue: plan.backlogPerInstance,
    customizedMetricSpecification: {
      metrics: [
        {
          id: 'm1',
          label: 'Messages waiting',
          metricStat: {
            metric: { namespace: 'AWS/SQS', metricName: 'ApproximateNumberOfMessagesVisible', dimensions: [{ name: 'QueueName', value: queueName }] },
            stat: 'Sum',
          },
          returnData: false,
        },
        {
          id: 'm2',
          label: 'Workers in service',
          metricStat: {
            metric: { namespace: 'AWS/AutoScaling', metricName: 'GroupInServiceInstances', dimensions: [{ name: 'AutoScalingGroupName', value: groupName }] },
            stat: 'Average',
          },
          returnData: false,
        },
        {
          id: 'e1',
          label: 'Backlog per worker',
          expression: plan.backlogExpression,
          returnData: true,
        },
      ],
    },
  };
}

