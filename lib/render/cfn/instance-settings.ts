import {
  AmazonLinuxCpuType, BlockDeviceVolume, EbsDeviceVolumeType, type ISecurityGroup, InstanceType, MachineImage, type UserData,
} from 'aws-cdk-lib/aws-ec2';
import type { IRole } from 'aws-cdk-lib/aws-iam';
import type { InstanceArchitecture } from '../../plan';

/** Amazon Linux 2023's root device; the root volume is declared on it to encrypt it. */
const ROOT_DEVICE = '/dev/xvda';

/** What {@link instanceSettings} needs. */
export interface InstanceSettingsProps {
  readonly instanceType: string;
  readonly architecture: InstanceArchitecture;
  readonly rootVolumeGb: number;
  readonly role: IRole;
  readonly securityGroup: ISecurityGroup;
  readonly userData: UserData;
}

/**
 * The settings every tierup instance shares, whether the server, a fleet's or a worker's launch
 * template: Amazon Linux 2023 for the instance type's architecture, IMDSv2 only, detailed monitoring,
 * an encrypted gp3 root volume, the SSM role and no key pair.
 */
export function instanceSettings(props: InstanceSettingsProps) {
  return {
    instanceType: new InstanceType(props.instanceType),
    machineImage: MachineImage.latestAmazonLinux2023({
      cpuType: props.architecture === 'arm64' ? AmazonLinuxCpuType.ARM_64 : AmazonLinuxCpuType.X86_64,
    }),
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
