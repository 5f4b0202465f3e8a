import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { AutoscalingPolicy } from '@cdktf/provider-aws/lib/autoscaling-policy';
import { AutoscalingSchedule } from '@cdktf/provider-aws/lib/autoscaling-schedule';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule } from '@cdktf/provider-aws/lib/lb-listener-rule';
import { LbTargetGroup } from '@cdktf/provider-aws/lib/lb-target-group';
import type { FleetPlan, SchedulePlan } from '../../plan';
import { BOOT_TIMEOUTS, bootScriptBase64 } from '../../plan/boot/boot-script';
import { createInstanceIdentity, type InstanceIdentity } from './instance-identity';
import { createLaunchTemplate } from './launch-template';
import type { LoadBalancer } from './load-balancer';
import type { AppTier, Placement } from './placement';
import { TierSecurityGroup } from './security-group';
import { helperName, named } from './terraform-names';

/** How a fleet receives traffic: as the listener's default action, or through a path rule on it. */
export type FleetRoute =
  | { readonly kind: 'default' }
  | { readonly kind: 'path'; readonly listener: LbListener; readonly pathPattern: string; readonly priority: number };

/** Props of {@link Fleet}. */
export interface FleetProps {
  readonly plan: FleetPlan;
  /** '' in the primary region, `_<provider alias>` in the others (level 7): Terraform names are unique per stack. */
  readonly regionSuffix: string;
  readonly placement: Placement;
  readonly loadBalancer: LoadBalancer;
  readonly route: FleetRoute;
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * An Auto Scaling group from a launch template in the private subnets, registered with the load
 * balancer; target tracking on CPU (and on requests per target when planned), scheduled actions,
 * warm-up, and rolling instance refresh when the launch template changes.
 */
export class Fleet extends Construct {
  public readonly group: AutoscalingGroup;
  public readonly targetGroup: LbTargetGroup;
  public readonly securityGroup: TierSecurityGroup;
  public readonly identity: InstanceIdentity;
  /** What puts the target group behind the load balancer: the listener itself, the app's rule, or a path rule. */
  public readonly attachment: LbListener | LbListenerRule;
  /** The listener this fleet is the default action of, or null for a path-routed fleet. */
  public readonly listener: LbListener | null;
  /** The fleet as a client of its data stores and queues. */
  public readonly tier: AppTier;

  constructor(scope: Construct, id: string, props: FleetProps) {
    super(scope, id);
    const { plan, placement, loadBalancer } = props;
    const tfName = `${plan.tfName}${props.regionSuffix}`;
    const { provider } = placement;
    const name = (part: string): string => helperName(tfName, part);

    this.securityGroup = new TierSecurityGroup(this, 'SecurityGroup', {
      tfName: name('security_group'), vpcId: placement.network.vpc.id, description: `tierup ${plan.name} fleet: load balancer only`, provider,
    });
    this.securityGroup.allowFrom(loadBalancer.securityGroup.client, plan.port);
    this.securityGroup.allowAllEgress();
    loadBalancer.securityGroup.allowTo(this.securityGroup.client, plan.port);
    this.identity = createInstanceIdentity(this, tfName, plan.runtime, provider);
    this.tier = { key: plan.tfName, tfName, securityGroupId: this.securityGroup.group.id, roleName: this.identity.role.name };
    const launchTemplate = createLaunchTemplate(this, {
      owner: tfName, instanceType: plan.instanceType, rootVolumeGb: plan.rootVolumeGb, identity: this.identity, securityGroupId: this.securityGroup.group.id, bootScript: bootScriptBase64(placement.boot.plan, { kind: 'fleet', service: placement.boot.service }, placement.boot.region), tags: props.tags, provider,
    });

    this.targetGroup = named(new LbTargetGroup(this, 'TargetGroup', {
      provider,
      namePrefix: 'tierup',
      port: plan.port,
      protocol: 'HTTP',
      vpcId: placement.network.vpc.id,
      deregistrationDelay: '30',
      healthCheck: { path: plan.healthCheckPath, matcher: plan.healthyHttpCodes, port: 'traffic-port', protocol: 'HTTP', healthyThreshold: 2, unhealthyThreshold: 3, interval: 15 },
    }), name('target_group'));
    const { route } = props;
    if (route.kind === 'default') {
      const served = loadBalancer.serve(this.targetGroup.arn);
      this.listener = served.listener;
      this.attachment = served.attachment;
    } else {
      this.listener = null;
      this.attachment = named(new LbListenerRule(this, 'ListenerRule', {
        provider,
        listenerArn: route.listener.arn,
        priority: route.priority,
        // Behind CloudFront the origin secret too: a path and a header of two values are 3 of a rule's 5 match evaluations
        // (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html).
        condition: [{ pathPattern: { values: [route.pathPattern] } }, ...loadBalancer.originConditions],
        action: [{ type: 'forward', targetGroupArn: this.targetGroup.arn }],
      }), name('listener_rule'));
    }

    this.group = named(new AutoscalingGroup(this, 'Group', {
      provider,
      namePrefix: `${tfName}-`,
      minSize: plan.min,
      maxSize: plan.max,
      desiredCapacity: plan.desired,
      vpcZoneIdentifier: placement.network.privateSubnetIds,
      launchTemplate: { id: launchTemplate.id, version: launchTemplate.latestVersion.toString() },
      targetGroupArns: [this.targetGroup.arn],
      healthCheckType: 'ELB',
      // The group's metrics (in service against its maximum) for the plan's alarms and dashboards; off unless asked.
      // https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-metrics.html
      enabledMetrics: [...plan.groupMetrics],
      metricsGranularity: '1Minute',
      healthCheckGracePeriod: plan.warmupSeconds,
      defaultInstanceWarmup: plan.warmupSeconds,
      defaultCooldown: plan.scaleOutCooldownSeconds,
      // Creation waits until `min` instances pass the load balancer's health check (their app answers).
      minElbCapacity: plan.min,
      waitForCapacityTimeout: `${Math.ceil((BOOT_TIMEOUTS.settingsSeconds + BOOT_TIMEOUTS.healthSeconds) / 60)}m`,
      // A new launch template version (image, AMI, boot script) is a release: replaced one batch at a time
      // behind the health check, and rolled back to the previous version when the refresh fails
      // (https://docs.aws.amazon.com/autoscaling/ec2/userguide/instance-refresh-rollback.html).
      instanceRefresh: { strategy: 'Rolling', preferences: { minHealthyPercentage: 90, instanceWarmup: String(plan.warmupSeconds), autoRollback: true } },
      // Scaling policies and schedules own the desired count once the group exists.
      lifecycle: { ignoreChanges: ['desired_capacity'] },
    }), tfName);

    named(new AutoscalingPolicy(this, 'CpuScaling', {
      provider,
      name: name('cpu'),
      autoscalingGroupName: this.group.name,
      policyType: 'TargetTrackingScaling',
      estimatedInstanceWarmup: plan.warmupSeconds,
      // Tracking scales out fast; scale-in is the slow one-at-a-time policy below.
      targetTrackingConfiguration: {
        predefinedMetricSpecification: { predefinedMetricType: 'ASGAverageCPUUtilization' },
        targetValue: plan.targetCpuPercent,
        disableScaleIn: true,
      },
    }), name('cpu_scaling'));
    if (plan.requestsPerTarget !== null) {
      named(new AutoscalingPolicy(this, 'RequestScaling', {
        provider,
        name: name('requests'),
        autoscalingGroupName: this.group.name,
        policyType: 'TargetTrackingScaling',
        estimatedInstanceWarmup: plan.warmupSeconds,
        targetTrackingConfiguration: {
          predefinedMetricSpecification: {
            predefinedMetricType: 'ALBRequestCountPerTarget',
            resourceLabel: `${loadBalancer.loadBalancer.arnSuffix}/${this.targetGroup.arnSuffix}`,
          },
          targetValue: plan.requestsPerTarget,
          disableScaleIn: true,
        },
        // The target group must be behind the load balancer before AWS accepts the metric.
        dependsOn: [this.attachment],
      }), name('request_scaling'));
    }
    this.scaleInSlowly(plan, provider, name);
    for (const schedule of plan.schedules) scheduleAction(this, schedule, props.regionSuffix, this.group, provider);
  }

  /** A simple scaling step of -1 instance with the plan's cooldown, fired by a sustained low-CPU alarm. */
  private scaleInSlowly(plan: FleetPlan, provider: TerraformProvider | undefined, name: (part: string) => string): void {
    const { scaleIn } = plan;
    const policy = named(new AutoscalingPolicy(this, 'ScaleIn', {
      provider,
      name: name('scale_in'),
      autoscalingGroupName: this.group.name,
      policyType: 'SimpleScaling',
      adjustmentType: 'ChangeInCapacity',
      scalingAdjustment: -1,
      cooldown: scaleIn.cooldownSeconds,
    }), name('scale_in'));
    named(new CloudwatchMetricAlarm(this, 'LowCpu', {
      provider,
      // Alarm names are unique per account and region; the group's generated name is too.
      alarmName: `${this.group.name}-low-cpu`,
      alarmDescription: `Fleet ${plan.name}: CPU below ${scaleIn.cpuBelowPercent}% for ${scaleIn.evaluationMinutes} minutes, remove one instance`,
      namespace: 'AWS/EC2',
      metricName: 'CPUUtilization',
      dimensions: { AutoScalingGroupName: this.group.name },
      statistic: 'Average',
      period: 300,
      threshold: scaleIn.cpuBelowPercent,
      comparisonOperator: 'LessThanThreshold',
      evaluationPeriods: scaleIn.evaluationMinutes / 5,
      // No data means no instances: nothing to scale in.
      treatMissingData: 'notBreaching',
      alarmActions: [policy.arn],
    }), name('low_cpu'));
  }
}

/**
 * A scheduled action in UTC. Terraform reads an absent size as 0, so sizes the blueprint leaves
 * unset are -1, "leave unchanged". https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/autoscaling_schedule
 */
function scheduleAction(
  scope: Construct, schedule: SchedulePlan, regionSuffix: string, group: AutoscalingGroup, provider: TerraformProvider | undefined,
): AutoscalingSchedule {
  const unchanged = -1;
  return named(new AutoscalingSchedule(scope, schedule.id, {
    provider,
    autoscalingGroupName: group.name,
    scheduledActionName: schedule.name,
    recurrence: schedule.cron,
    timeZone: 'Etc/UTC',
    minSize: schedule.min === null ? unchanged : schedule.min,
    maxSize: schedule.max === null ? unchanged : schedule.max,
    desiredCapacity: schedule.desired === null ? unchanged : schedule.desired,
  }), `${schedule.tfName}${regionSuffix}`);
}
