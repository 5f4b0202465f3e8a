import {
  AmazonLinuxCpuType, BlockDeviceVolume, EbsDeviceVolumeType, type IMachineImage, type ISecurityGroup, InstanceType, MachineImage,
  OperatingSystemType, type UserData,
} from 'aws-cdk-lib/aws-ec2';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { InstanceArchitecture, MachineImagePlan } from '../../plan';

/** Amazon Linux 2023's root device; the root volume is declared on it to encrypt it. */
const ROOT_DEVICE = '/dev/xvda';

/** What {@link instanceSettings} needs. */
export interface InstanceSettingsProps {
  readonly instanceType: string;
  readonly architecture: InstanceArchitecture;
  readonly machineImage: MachineImagePlan;
  readonly rootVolumeGb: number;
  readonly role: IRole;
  readonly securityGroup: ISecurityGroup;
  readonly userData: UserData;
}

/**
 * The settings every tierup instance shares, whether the server, a fleet's or a worker's launch
 * template: the plan's machine image (Amazon Linux 2023 for the instance type's architecture unless the
 * blueprint names an AMI), IMDSv2 only, detailed monitoring,
 * an encrypted gp3 root volume, the SSM role and no key pair.
 */
export function instanceSettings(props: InstanceSettingsProps) {
  return {
    instanceType: new InstanceType(props.instanceType),
    machineImage: machineImage(props.machineImage, props.architecture, props.userData),
    role: props.role,
    securityGroup: props.securityGroup,
    userData: props.userData,
    requireImdsv2: true,
    detailedMonitoring: true,
    blockDevices: [{
      deviceName: ROOT_DEVICE,
      volume: BlockDeviceVolume.ebs(props.rootVolumeGb, { encrypted: true, volumeType: EbsDeviceVolumeType.GP3 }),
    }],
  };
}

function machineImage(plan: MachineImagePlan, architecture: InstanceArchitecture, userData: UserData): IMachineImage {
  switch (plan.kind) {
    case 'amazon-linux-2023':
      return MachineImage.latestAmazonLinux2023({ cpuType: architecture === 'arm64' ? AmazonLinuxCpuType.ARM_64 : AmazonLinuxCpuType.X86_64 });
    case 'parameter':
      return MachineImage.fromSsmParameter(plan.parameter, { os: OperatingSystemType.LINUX, userData });
    case 'id':
      return { getImage: () => ({ imageId: plan.id, osType: OperatingSystemType.LINUX, userData }) };
  }
}
