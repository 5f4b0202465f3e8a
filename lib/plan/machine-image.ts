import type { InstanceArchitecture } from './instance-architecture';

/**
 * The machine image of every tier: Amazon Linux 2023 on the 6.1 kernel for the instance type's architecture, by
 * the SSM parameter AWS publishes it under (what aws-cdk-lib's `MachineImage.latestAmazonLinux2023` resolves, so
 * both engines boot the same image family). https://docs.aws.amazon.com/linux/al2023/ug/ec2.html
 */
export function machineImageParameter(architecture: InstanceArchitecture): string {
  return `/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-6.1-${architecture}`;
}
