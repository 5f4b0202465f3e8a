import type { Template } from 'aws-cdk-lib/assertions';
import { examplePlan, resourceTypes, templateOf } from './examples';

// DESIGN.md §1: what each level adds, as resource types that must appear from that level on
// (and must not appear below it, unless an earlier level already has them).
const ADDED_AT: Record<number, readonly string[]> = {
  // Level 1 publishes its data volume's id in SSM (the server mounts the volume by it) and snapshots the volume daily.
  1: ['AWS::EC2::VPC', 'AWS::EC2::FlowLog', 'AWS::EC2::Instance', 'AWS::EC2::Volume', 'AWS::EC2::EIP', 'AWS::CloudWatch::Alarm', 'AWS::IAM::Role',
    'AWS::SSM::Parameter', 'AWS::DLM::LifecyclePolicy'],
  // The database's master secret, its rotation and the Secrets Manager endpoint come with the database.
  2: ['AWS::RDS::DBInstance', 'AWS::RDS::DBSubnetGroup', 'AWS::SecretsManager::Secret',
    'AWS::SecretsManager::RotationSchedule', 'AWS::Serverless::Application', 'AWS::EC2::VPCEndpoint'],
  3: ['AWS::ElastiCache::ReplicationGroup'],
  4: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::AutoScaling::AutoScalingGroup', 'AWS::AutoScaling::ScalingPolicy',
    'AWS::AutoScaling::ScheduledAction', 'AWS::EC2::NatGateway', 'AWS::CloudFront::Distribution', 'AWS::S3::Bucket', 'AWS::RDS::DBProxy'],
};
// Present only at the levels listed: level 1's data volume, levels 1-3's server. (Alarms stay: the
// server's recovery alarm at levels 1-3, the fleet's low-CPU scale-in alarm from level 4.)
const ONLY_AT: Record<string, readonly number[]> = {
  'AWS::EC2::Volume': [1],
  'AWS::DLM::LifecyclePolicy': [1],
  'AWS::EC2::Instance': [1, 2, 3],
};

describe('the ladder, levels 1-4', () => {
  const templates = new Map<number, Template>();
  beforeAll(() => {
    for (const level of [1, 2, 3, 4]) templates.set(level, templateOf(examplePlan(level)).template);
  });

  it.each([1, 2, 3, 4])('level %i has what its level and the levels below add, and nothing from above', (level) => {
    const types = resourceTypes(templates.get(level) as Template);
    for (const [addedAt, added] of Object.entries(ADDED_AT)) {
      for (const type of added) {
        const expected = ONLY_AT[type] ? ONLY_AT[type].includes(level) : Number(addedAt) <= level;
        expect([type, (types[type] ?? 0) > 0]).toEqual([type, expected]);
      }
    }
  });

  it('has two read replicas at level 4', () => {
    (templates.get(4) as Template).resourceCountIs('AWS::RDS::DBInstance', 3);
  });

  it('has the Elastic IP of NAT, not of a server, at level 4', () => {
    const level4 = templates.get(4) as Template;
    level4.resourceCountIs('AWS::EC2::EIP', examplePlan(4).network.natGateways);
  });
});
