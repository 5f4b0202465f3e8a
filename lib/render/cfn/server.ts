import { Duration, RemovalPolicy, Size, Tags } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Ec2Action, Ec2InstanceAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import {
  CfnEIP, type CfnInstance, EbsDeviceVolumeType, Instance,
  Peer, Port, SecurityGroup, type IVpc, UserData, Volume,
} from 'aws-cdk-lib/aws-ec2';
import type { Role } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import type { DataVolumePlan, ServerPlan } from '../../plan';
import { signalTimeoutSeconds } from '../../plan/boot/boot-script';
import { addBootScript, type BootContext } from './app-user-data';
import { cloudFrontPrefixListId } from './cloudfront-prefix-list';
import { DataVolumeSnapshots } from './data-volume-snapshots';
import { instanceRole } from './instance-role';
import { instanceSettings } from './instance-settings';
import { grantRuntime } from './runtime-grants';
import { acknowledge } from './nag';
import { SUBNET_GROUPS } from './network';

/** Props of {@link Server}. */
export interface ServerProps {
  readonly plan: ServerPlan;
  readonly vpc: IVpc;
  /** What the server boots (its tier is the server). */
  readonly boot: BootContext;
}


/**
 * Levels 1-3: one instance serving web and app in a public subnet, reachable on the plan's ports only (80/443
 * from anywhere, or behind CloudFront 443 from CloudFront), with an
 * Elastic IP and an alarm that recovers it onto healthy hardware. At level 1 it also holds the data
 * on a separate volume that is retained when the level-2 move removes it.
 */
export class Server extends Construct {
  public readonly role: Role;
  public readonly securityGroup: SecurityGroup;
  public readonly instance: Instance;
  public readonly elasticIp: CfnEIP;
  public readonly recoveryAlarm: Alarm;
  /** Level 1 only. */
  public readonly dataVolume: Volume | null;
  /** Level 1 only: daily snapshots of the data volume. */
  public readonly snapshots: DataVolumeSnapshots | null;

  constructor(scope: Construct, id: string, props: ServerProps) {
    super(scope, id);
    const { plan, vpc } = props;
    this.role = instanceRole(this, 'Role');
    this.securityGroup = this.addSecurityGroup(plan, vpc, props.boot.region.region);
    grantRuntime(this.role, plan.runtime);

    const userData = UserData.forLinux();
    // The first public subnet, named, so that level 1's data volume can be made in its zone before the instance.
    const subnet = vpc.selectSubnets({ subnetGroupName: SUBNET_GROUPS.public }).subnets[0];
    this.instance = new Instance(this, 'Instance', {
      vpc,
      vpcSubnets: { subnets: [subnet] },
      // The boot needs the internet (packages, Secrets Manager, cfn-signal) before the stack can associate the
      // Elastic IP, which waits for the instance, which waits for the boot's signal: a public address of its own
      // from launch breaks that circle. https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-instance-addressing.html
      associatePublicIpAddress: true,
      ...instanceSettings({ ...plan, machineImage: plan.runtime.machineImage, role: this.role, securityGroup: this.securityGroup, userData }),
    });
    // The stack waits until the server's app answers its health check (cfn-signal from the boot script).
    const instance = this.instance.node.defaultChild as CfnInstance;
    instance.cfnOptions.creationPolicy = { resourceSignal: { count: 1, timeout: `PT${signalTimeoutSeconds(props.boot.plan, props.boot.tier)}S` } };
    addBootScript(userData, props.boot, instance);
    acknowledge(this.instance, 'serverTerminationProtection');
    this.elasticIp = new CfnEIP(this, 'ElasticIp', { domain: 'vpc', instanceId: this.instance.instanceId });
    this.recoveryAlarm = this.addRecoveryAlarm();

    this.dataVolume = plan.dataVolume && this.addDataVolume(plan.dataVolume, subnet.availabilityZone, instance);
    this.snapshots = plan.dataVolume && new DataVolumeSnapshots(this, plan.dataVolume.snapshots.id, plan.dataVolume.snapshots);
  }

  /**
   * Viewers' ports (the plan's): 80 and 443 from anywhere, or behind CloudFront 443 from its origin-facing
   * prefix list only (the server checks the secret header itself, since anyone's distribution can reach it).
   */
  private addSecurityGroup(plan: ServerPlan, vpc: IVpc, region: BootContext['region']['region']): SecurityGroup {
    const cloudFront = plan.viewers === 'cloudfront';
    const group = new SecurityGroup(this, 'SecurityGroup', {
      // One description whatever the domain: a new one replaces the group, and the instance, whose network
      // interface names its groups, with it (at level 1 the new instance could not attach the data volume).
      vpc, description: 'Server: the web ports its ingress rules name',
    });
    const peer = cloudFront ? Peer.prefixList(cloudFrontPrefixListId(this, region)) : Peer.anyIpv4();
    for (const port of plan.publicPorts) group.addIngressRule(peer, Port.tcp(port), cloudFront ? `TCP ${port} from CloudFront origin-facing` : `TCP ${port} from anywhere`);
    if (!cloudFront) acknowledge(group, 'serverOpenToWeb');
    return group;
  }

  /** Recovers the instance when the host fails its system status check (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-recover.html). */
  private addRecoveryAlarm(): Alarm {
    const alarm = new Alarm(this, 'RecoveryAlarm', {
      alarmDescription: 'Recover the server onto healthy hardware when its system status check fails',
      metric: new Metric({
        namespace: 'AWS/EC2',
        metricName: 'StatusCheckFailed_System',
        dimensionsMap: { InstanceId: this.instance.instanceId },
        statistic: 'Maximum',
        period: Duration.minutes(1),
      }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 2,
      treatMissingData: TreatMissingData.MISSING,
    });
    alarm.addAlarmAction(new Ec2Action(Ec2InstanceAction.RECOVER));
    return alarm;
  }

  /**
   * Level 1's data: an encrypted volume in the instance's zone, attached as a second disk by the instance itself
   * (`Volumes`), at launch. A separate attachment would wait for the instance, and the instance waits for its boot,
   * which waits for the volume: the boot would never see it. `Volumes` cannot stop the instance before detaching the
   * volume (the plan's `stopInstanceBeforeDetaching` is Terraform's attachment's), so the migrations `diff` prints stop
   * the database and unmount the volume by hand before a deploy detaches it.
   * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-ec2-instance.html#cfn-ec2-instance-volumes
   */
  private addDataVolume(plan: DataVolumePlan, availabilityZone: string, instance: CfnInstance): Volume {
    const volume = new Volume(this, plan.id, {
      availabilityZone,
      size: Size.gibibytes(plan.sizeGb),
      volumeType: EbsDeviceVolumeType.GP3,
      encrypted: true,
      // Always retained: at level 2 the volume leaves the template and its data must outlive that move.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Tags.of(volume).add(plan.snapshots.tagKey, plan.snapshots.tagValue);
    instance.volumes = [{ device: plan.deviceName, volumeId: volume.volumeId }];
    return volume;
  }
}
