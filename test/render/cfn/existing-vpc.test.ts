import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { ArchitecturePlan } from '../../../lib/plan';
import { addBlueprintStacks, CFN_APP_PROPS } from '../../../lib/render/cfn';
import { existingVpcFixture, inTeamVpc, planOf, TEAM_VPC } from '../../fixtures/existing-vpc/existing-vpc';

// The team's VPC (network.vpcId): tierup's resources land in the given subnets and VPC, and nothing of a VPC is made.

/** What only a VPC tierup creates has; none of it may appear in the team's VPC. */
const VPC_TYPES = [
  'AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::NatGateway', 'AWS::EC2::InternetGateway', 'AWS::EC2::VPCGatewayAttachment',
  'AWS::EC2::RouteTable', 'AWS::EC2::Route', 'AWS::EC2::SubnetRouteTableAssociation', 'AWS::EC2::FlowLog', 'AWS::EC2::EIP',
];

/** Every stack of a plan (level 7: the regional ones too), by region. */
function templates(plan: ArchitecturePlan): Record<string, Template> {
  const app = new App(CFN_APP_PROPS);
  addBlueprintStacks(app, [plan]);
  return Object.fromEntries(plan.regions.map((region) => [region.region, Template.fromStack(app.node.findChild(region.stackName) as never)]));
}

const us = TEAM_VPC['us-east-1'];
const eu = TEAM_VPC['eu-west-1'];

function expectNoVpcOfItsOwn(template: Template, elasticIps = 0): void {
  for (const type of VPC_TYPES) template.resourceCountIs(type, type === 'AWS::EC2::EIP' ? elasticIps : 0);
}

function expectAllGroupsIn(template: Template, vpcId: string): void {
  const groups = Object.values(template.findResources('AWS::EC2::SecurityGroup')).map((group) => group.Properties.VpcId);
  expect(groups.length).toBeGreaterThan(0);
  expect(new Set(groups)).toEqual(new Set([vpcId]));
}

describe('level 1 in the team\'s VPC', () => {
  const template = templates(planOf(existingVpcFixture(1)))['us-east-1'];

  it('creates no VPC, subnet, gateway, route or flow log (the server\'s Elastic IP only)', () => expectNoVpcOfItsOwn(template, 1));

  it('puts the server in the first public subnet, its data volume in that subnet\'s zone, its group in the VPC', () => {
    template.hasResourceProperties('AWS::EC2::Instance', { NetworkInterfaces: [Match.objectLike({ SubnetId: us.public[0] })] });
    template.hasResourceProperties('AWS::EC2::Volume', { AvailabilityZone: 'us-east-1a' });
    expectAllGroupsIn(template, us.vpcId);
    template.hasOutput('VpcId', { Value: us.vpcId });
  });
});

describe('level 4 in the team\'s VPC', () => {
  const template = templates(planOf(existingVpcFixture(4)))['us-east-1'];

  it('creates no VPC, subnet, NAT gateway, route or flow log', () => expectNoVpcOfItsOwn(template));

  it('puts the load balancer in the public subnets, the fleet in the private ones, the data tier in the isolated ones', () => {
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Subnets: us.public });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', { VpcId: us.vpcId });
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { VPCZoneIdentifier: us.private });
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', { SubnetIds: us.isolated });
    template.hasResourceProperties('AWS::RDS::DBProxy', { VpcSubnetIds: us.isolated });
    template.hasResourceProperties('AWS::ElastiCache::SubnetGroup', { SubnetIds: us.isolated });
    template.hasResourceProperties('AWS::Serverless::Application', { Parameters: Match.objectLike({ vpcSubnetIds: us.isolated.join(',') }) });
    expectAllGroupsIn(template, us.vpcId);
  });

  it('adds the Secrets Manager endpoint it was told to create, in the isolated subnets, admitting HTTPS from the VPC\'s block', () => {
    template.resourceCountIs('AWS::EC2::VPCEndpoint', 1);
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcId: us.vpcId, SubnetIds: us.isolated, PrivateDnsEnabled: true, VpcEndpointType: 'Interface' });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('SecretsManagerEndpoint'),
      SecurityGroupIngress: [Match.objectLike({ CidrIp: us.cidr, FromPort: 443, ToPort: 443 })],
    });
  });

  it('adds none when the team\'s VPC has its own', () => {
    const own = templates(planOf(inTeamVpc('shop-4-fleet.yaml', 'existing')))['us-east-1'];
    own.resourceCountIs('AWS::EC2::VPCEndpoint', 0);
    own.hasResourceProperties('AWS::Serverless::Application', { Parameters: Match.objectLike({ vpcSubnetIds: us.isolated.join(',') }) });
  });
});

describe('level 7 in the team\'s VPCs', () => {
  const stacks = templates(planOf(existingVpcFixture(7)));

  it.each([['us-east-1', us], ['eu-west-1', eu]] as const)('%s: nothing of a VPC is created, everything lands in that region\'s VPC', (region, vpc) => {
    const template = stacks[region];
    expectNoVpcOfItsOwn(template);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', { Subnets: vpc.public });
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { VPCZoneIdentifier: vpc.private });
    template.hasResourceProperties('AWS::ElastiCache::SubnetGroup', { SubnetIds: vpc.isolated });
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', { SubnetIds: vpc.isolated });
    template.hasResourceProperties('AWS::EC2::VPCEndpoint', { VpcId: vpc.vpcId, SubnetIds: vpc.isolated });
    expectAllGroupsIn(template, vpc.vpcId);
  });
});
