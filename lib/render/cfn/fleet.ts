import { Duration } from 'aws-cdk-lib';
import {
  AdditionalHealthCheckType, AutoScalingGroup, type CfnAutoScalingGroup, CfnScalingPolicy, GroupMetric, GroupMetrics, HealthChecks, Schedule, Signals, UpdatePolicy,
} from 'aws-cdk-lib/aws-autoscaling';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { LaunchTemplate, SecurityGroup, type IVpc, UserData } from 'aws-cdk-lib/aws-ec2';
import type { ApplicationTargetGroup } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { FleetPlan } from '../../plan';
import { BOOT_TIMEOUTS } from '../../plan/boot/boot-script';
import { addBootScript, type BootContext } from './app-user-data';
import { instanceRole } from './instance-role';
import { instanceSettings } from './instance-settings';
import { grantRuntime } from './runtime-grants';
import { acknowledge } from './nag';
import { SUBNET_GROUPS } from './network';

/** Props of {@link Fleet}. */
export interface FleetProps {
  /** The default app's fleet or a service's. */
  readonly plan: FleetPlan;
  readonly vpc: IVpc;
  /** What the fleet's instances boot (the app's or the service's fleet tier). */
  readonly boot: BootContext;
  /** The target group the fleet registers with; its load balancer health-checks the instances. */
  readonly targetGroup: ApplicationTargetGroup;
}


/**
 * An Auto Scaling fleet in the private subnets from a launch template (IMDSv2, encrypted root, SSM
 * role, no key pair): ELB health checks, target tracking on CPU and requests per target, scheduled
 * actions, and releases: a new launch template version (image, AMI, boot script) rolls through the fleet
 * one instance at a time, each new instance signalling once its app is healthy; an instance that never
 * does fails the update, and CloudFormation rolls the group back to the previous version
 * (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-attribute-updatepolicy.html).
 */
export class Fleet extends Construct {
  public readonly role: Role;
  public readonly securityGroup: SecurityGroup;
  public readonly launchTemplate: LaunchTemplate;
  public readonly autoScalingGroup: AutoScalingGroup;
  /** Removes one instance when CPU stays low, then waits the scale-in cooldown. */
  public readonly scaleInPolicy: CfnScalingPolicy;

  constructor(scope: Construct, id: string, props: FleetProps) {
    super(scope, id);
    const { plan, vpc } = props;
    this.role = instanceRole(this, 'Role');
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc, description: `Fleet ${plan.name}: app port from the load balancer only`,
    });
    grantRuntime(this.role, plan.runtime);
    const userData = UserData.forLinux();
    this.launchTemplate = new LaunchTemplate(this, 'LaunchTemplate', {
      ...instanceSettings({ ...plan, machineImage: plan.runtime.machineImage, role: this.role, securityGroup: this.securityGroup, userData }),
    });

    this.autoScalingGroup = new AutoScalingGroup(this, 'AutoScalingGroup', {
      vpc,
      vpcSubnets: { subnetGroupName: SUBNET_GROUPS.private },
      launchTemplate: this.launchTemplate,
      minCapacity: plan.min,
      maxCapacity: plan.max,
      // No desired capacity: the group starts at `min` and a deployment never resets what scaling chose.
      healthChecks: HealthChecks.withAdditionalChecks({
        additionalTypes: [AdditionalHealthCheckType.ELB],
        gracePeriod: Duration.seconds(plan.warmupSeconds),
      }),
      defaultInstanceWarmup: Duration.seconds(plan.warmupSeconds),
      // Target tracking ignores cooldowns (it waits for warm-up instead); this one paces scheduled and manual changes.
      cooldown: Duration.seconds(plan.scaleOutCooldownSeconds),
      // Creation waits for `min` healthy instances (a group that starts at zero has none to wait for).
      ...(plan.min > 0 && { signals: Signals.waitForMinCapacity({ timeout: Duration.seconds(BOOT_TIMEOUTS.settingsSeconds + BOOT_TIMEOUTS.healthSeconds) }) }),
      updatePolicy: UpdatePolicy.rollingUpdate({
        maxBatchSize: 1,
        // CloudFormation needs MinInstancesInService below MaxSize.
        minInstancesInService: Math.min(plan.min, plan.max - 1),
        // Each new instance has this long to signal that its app is healthy; its settings already exist.
        waitOnResourceSignals: true,
        pauseTime: Duration.seconds(BOOT_TIMEOUTS.healthSeconds + plan.warmupSeconds),
      }),
      // What the monitoring alarms and dashboards read (in service vs maximum); AWS collects none unless asked.
      groupMetrics: groupMetricsOf(plan.groupMetrics),
    });
    this.autoScalingGroup.attachToApplicationTargetGroup(props.targetGroup);
    addBootScript(userData, props.boot, this.autoScalingGroup.node.defaultChild as CfnAutoScalingGroup);
    acknowledge(this.autoScalingGroup, 'scalingNotifications');

    // Tracking scales out fast; scale-in is the slow one-at-a-time policy below.
    this.autoScalingGroup.scaleOnCpuUtilization('CpuTracking', {
      targetUtilizationPercent: plan.targetCpuPercent,
      estimatedInstanceWarmup: Duration.seconds(plan.warmupSeconds),
      disableScaleIn: true,
    });
    if (plan.requestsPerTarget !== null) {
      // ALBRequestCountPerTarget counts requests per target per minute.
      this.autoScalingGroup.scaleOnRequestCount('RequestTracking', {
        targetRequestsPerMinute: plan.requestsPerTarget,
        estimatedInstanceWarmup: Duration.seconds(plan.warmupSeconds),
        disableScaleIn: true,
      });
    }
    this.scaleInPolicy = this.scaleInSlowly(plan);
    for (const schedule of plan.schedules) {
      this.autoScalingGroup.scaleOnSchedule(schedule.id, {
        schedule: Schedule.expression(schedule.cron),
        timeZone: 'UTC',
        ...(schedule.min !== null && { minCapacity: schedule.min }),
        ...(schedule.max !== null && { maxCapacity: schedule.max }),
        ...(schedule.desired !== null && { desiredCapacity: schedule.desired }),
      });
    }
  }

  /** A simple scaling step of -1 instance with the plan's cooldown, fired by a sustained low-CPU alarm. */
  private scaleInSlowly(plan: FleetPlan): CfnScalingPolicy {
    const { scaleIn } = plan;
    const policy = new CfnScalingPolicy(this, 'ScaleIn', {
      autoScalingGroupName: this.autoScalingGroup.autoScalingGroupName,
      policyType: 'SimpleScaling',
      adjustmentType: 'ChangeInCapacity',
      scalingAdjustment: -1,
      cooldown: String(scaleIn.cooldownSeconds),
    });
    const alarm = new Alarm(this, 'LowCpu', {
      alarmDescription: `Fleet ${plan.name}: CPU below ${scaleIn.cpuBelowPercent}% for ${scaleIn.evaluationMinutes} minutes, remove one instance`,
      metric: new Metric({
        namespace: 'AWS/EC2',
        metricName: 'CPUUtilization',
        dimensionsMap: { AutoScalingGroupName: this.autoScalingGroup.autoScalingGroupName },
        statistic: 'Average',
        period: Duration.minutes(5),
      }),
      threshold: scaleIn.cpuBelowPercent,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: scaleIn.evaluationMinutes / 5,
      // No data means no instances: nothing to scale in.
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction({ bind: () => ({ alarmActionArn: policy.attrArn }) });
    return policy;
  }
}

/**
 * The group metrics the plan names, collected every minute (the only granularity:
 * https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-metrics.html); none when it names none
 * (aws-cdk-lib's `GroupMetrics` with no metric would collect all of them).
 */
export function groupMetricsOf(names: readonly string[]): GroupMetrics[] {
  return names.length > 0 ? [new GroupMetrics(...names.map((name) => new GroupMetric(name)))] : [];
}
