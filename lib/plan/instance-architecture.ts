/** The CPU architecture an EC2 instance type runs, which decides the machine image. */
export type InstanceArchitecture = 'arm64' | 'x86_64';

/**
 * Graviton families carry a `g` right after their generation (t4g, m7g, c7gn, r6gd) and `a1` is Arm
 * too; everything else runs x86_64. https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-type-names.html
 */
export function instanceArchitecture(instanceType: string): InstanceArchitecture {
  return /^([a-z]+\d+g[a-z]*|a1)\./.test(instanceType) ? 'arm64' : 'x86_64';
}
