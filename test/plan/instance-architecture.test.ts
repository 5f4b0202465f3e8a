import { instanceArchitecture } from '../../lib/plan';

describe('instanceArchitecture', () => {
  it.each([
    ['t3.small', 'x86_64'], ['t3a.large', 'x86_64'], ['m7i.xlarge', 'x86_64'], ['c5n.large', 'x86_64'], ['r6i.2xlarge', 'x86_64'],
    ['t4g.small', 'arm64'], ['m7g.large', 'arm64'], ['c7gn.large', 'arm64'], ['r6gd.xlarge', 'arm64'], ['m6g.metal', 'arm64'], ['a1.large', 'arm64'],
    ['g5.xlarge', 'x86_64'], ['g5g.xlarge', 'arm64'],
  ] as const)('%s runs %s', (instanceType, architecture) => {
    expect(instanceArchitecture(instanceType)).toBe(architecture);
  });
});
