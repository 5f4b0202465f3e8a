import { DataResource } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { EbsVolume } from '@cdktf/provider-aws/lib/ebs-volume';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { VolumeAttachment } from '@cdktf/provider-aws/lib/volume-attachment';
import type { DataVolumePlan, RetentionPlan, ServerPlan } from '../../plan';
import { bootScriptBase64 } from '../../plan/boot/boot-script';
import { createDataVolumeSnapshots } from './data-volume-snapshots';
import { createInstanceIdentity, type InstanceIdentity } from './instance-identity';
import { CLOUDFRONT_PREFIX_LIST } from './load-balancer';
import type { Network } from './network';
import type { AppTier, BootPlacement } from './placement';
import { PUBLIC_SOURCE_NAMES, TierSecurityGroup } from './security-group';
import { helperName, named, statefulLifecycle } from './terraform-names';

/** Props of {@link Server}. */
export interface ServerProps {
  /** What the server boots (lib/plan/boot: its settings, the level-1 database, the app). */
  readonly boot: BootPlacement;
  readonly plan: ServerPlan;
  readonly network: Network;
  readonly retention: RetentionPlan;
}

/**
 * Levels 1-3: one instance serving web and app in a public subnet behind an Elastic IP, reachable
 * through Session Manager only (no SSH, no key pair), IMDSv2, encrypted disks, EC2 auto-recovery;
 * at level 1 a separate encrypted data volume that outlives the instance.
 */
export class Server extends Construct {
  public readonly instance: Instance;
  /** `terraform_data.server_architecture`: the planned architecture, whose change replaces the instance. */
  public readonly architecture: DataResource;
  public readonly securityGroup: TierSecurityGroup;
  public readonly identity: InstanceIdentity;
  public readonly dataVolume: EbsVolume | null;
  /** The Elastic IP: the origin record (behind CloudFront) or the domain's record points at it. */
  public readonly address: Eip;
  /** The server as a client of the database and cache. */
  public readonly tier: AppTier;

  constructor(scope: Construct, id: string, props: ServerProps) {
    super(scope, id);
    const { plan, network, retention } = props;
    const name = (part: string): string => helperName(plan.tfName, part);

    // The description is kept whoever the viewers are: changing it replaces the group (ForceNew).
    this.securityGroup = new TierSecurityGroup(this, 'SecurityGroup', {
      tfName: name('security_group'), vpcId: network.vpc.id, description: 'tierup server: HTTP and HTTPS from anywhere', provider: undefined,
    });
    // Behind CloudFront (a domain with a CDN) only CloudFront's origin-facing addresses, on the plan's port.
    const cloudFront = plan.viewers === 'cloudfront'
      ? named(new DataAwsEc2ManagedPrefixList(this, 'CloudFront', { name: CLOUDFRONT_PREFIX_LIST }), name('cloudfront'))
      : null;
    for (const port of plan.publicPorts) {
      if (cloudFront) this.securityGroup.allowSource('cloudfront', { prefixListId: cloudFront.id }, port);
      else this.securityGroup.allowSource(PUBLIC_SOURCE_NAMES[port], { cidrIpv4: '0.0.0.0/0' }, port);
    }
    this.securityGroup.allowAllEgress();
    this.identity = createInstanceIdentity(this, plan.tfName, plan.runtime, undefined);
    this.tier = { key: plan.tfName, tfName: plan.tfName, securityGroupId: this.securityGroup.group.id, roleName: this.identity.role.name };
    // EC2 changes a type only within the image's architecture, and the instance ignores Amazon Linux image updates: a
    // new architecture would be an in-place type change EC2 refuses, so it replaces the instance instead (the plan's
    // `architecture`). https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/resize-limitations.html
    // https://developer.hashicorp.com/terraform/language/resources/terraform-data
    this.architecture = named(new DataResource(this, 'Architecture', { input: { architecture: plan.architecture } }), name('architecture'));

    this.instance = named(new Instance(this, 'Instance', {
      ami: this.identity.imageId,
      instanceType: plan.instanceType,
      subnetId: network.publicSubnetIds[0],
      vpcSecurityGroupIds: [this.securityGroup.group.id],
      // A public address from launch: the boot needs the internet (packages, Secrets Manager, certbot) before the
      // Elastic IP, which Terraform associates only once the instance exists, is attached.
      associatePublicIpAddress: true,
      iamInstanceProfile: this.identity.profile.name,
      monitoring: true,
      userDataBase64: bootScriptBase64(props.boot.plan, { kind: 'server' }, props.boot.region),
      metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 },
      rootBlockDevice: { encrypted: true, volumeSize: plan.rootVolumeGb, volumeType: 'gp3' },
      // No termination protection: the level 3 → 4 climb destroys this instance, which protection would make
      // fail. Its data outlives it without: the level-1 data volume is kept (prevent_destroy, and a `removed`
      // block when it leaves), and from level 2 the data is in RDS. The CloudFormation target acknowledges
      // cdk-nag's EC29 for the same reason. Stated as false, not left out: the argument is computed, so leaving
      // it out would keep the protection on servers deployed by earlier versions.
      disableApiTermination: false,
      // Amazon Linux updates do not replace the server; an AMI the blueprint names does (it is a release), and so does
      // a new architecture (its image is another).
      lifecycle: {
        ...(plan.runtime.machineImage.kind === 'amazon-linux-2023' && { ignoreChanges: ['ami'] }),
        // A bare address: Terraform reads replace_triggered_by in JSON as reference syntax, and refuses cdktf's `${…}`.
        replaceTriggeredBy: [`${this.architecture.terraformResourceType}.${this.architecture.friendlyUniqueId}`],
      },
      tags: { Name: plan.tfName },
    }), plan.tfName);
    this.address = named(new Eip(this, 'Address', { domain: 'vpc', instance: this.instance.id }), name('address'));

    this.dataVolume = plan.dataVolume ? this.attachDataVolume(plan.dataVolume, retention) : null;
    if (plan.dataVolume) createDataVolumeSnapshots(this, plan.dataVolume.snapshots);

    // Auto-recovery moves the instance to healthy hardware, keeping its id, volumes and address.
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-recover.html
    const region = named(new DataAwsRegion(this, 'Region', {}), name('region'));
    named(new CloudwatchMetricAlarm(this, 'Recovery', {
      alarmName: `tierup-recover-${this.instance.id}`,
      alarmDescription: 'Recover the server when the host fails its system status check',
      namespace: 'AWS/EC2',
      metricName: 'StatusCheckFailed_System',
      dimensions: { InstanceId: this.instance.id },
      statistic: 'Maximum',
      period: 60,
      evaluationPeriods: 2,
      threshold: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      alarmActions: [`arn:aws:automate:${region.region}:ec2:recover`],
    }), name('recovery'));
  }

  /** The level-1 data volume: `prevent_destroy` in production, snapshotted on delete where the plan says so. */
  private attachDataVolume(plan: DataVolumePlan, retention: RetentionPlan): EbsVolume {
    const volume = named(new EbsVolume(this, plan.id, {
      availabilityZone: this.instance.availabilityZone,
      size: plan.sizeGb,
      type: 'gp3',
      encrypted: true,
      finalSnapshot: retention.dataStores === 'snapshot',
      // The zone is read from the instance (so the volume follows it), but a replaced instance's zone is unknown until
      // it exists, and a new zone forces a new volume (https://github.com/hashicorp/terraform/issues/3104): the zone,
      // which never changes, is ignored after creation.
      lifecycle: { ...statefulLifecycle(retention.preventDestroy), ignoreChanges: ['availability_zone'] },
      tags: { Name: plan.tfName, [plan.snapshots.tagKey]: plan.snapshots.tagValue },
    }), plan.tfName);
    named(new VolumeAttachment(this, 'DataVolumeAttachment', {
      deviceName: plan.deviceName, volumeId: volume.id, instanceId: this.instance.id, stopInstanceBeforeDetaching: plan.stopInstanceBeforeDetaching,
    }), helperName(plan.tfName, 'attachment'));
    return volume;
  }
}
