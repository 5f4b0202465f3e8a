import { Match, type Template } from 'aws-cdk-lib/assertions';
import { examplePlan, templateOf } from './examples';

interface Subnet { readonly Type: string; readonly Properties: { readonly CidrBlock: string; readonly AvailabilityZone: unknown } }

function subnets(template: Template): Record<string, Subnet> {
  return template.findResources('AWS::EC2::Subnet') as Record<string, Subnet>;
}

describe('Network', () => {
  let level3: Template;
  let level4: Template;
  beforeAll(() => {
    level3 = templateOf(examplePlan(3)).template;
    level4 = templateOf(examplePlan(4)).template;
  });

  it('keeps every subnet logical id and CIDR when climbing from level 3 to 4', () => {
    const cidrs = (template: Template) => Object.fromEntries(Object.entries(subnets(template)).map(([id, subnet]) => [id, subnet.Properties.CidrBlock]));
    expect(Object.keys(subnets(level3))).toHaveLength(6);
    expect(cidrs(level4)).toEqual(cidrs(level3));
  });

  it('uses the planned subnet masks: /20 public, /19 private, /20 isolated in a /16', () => {
    const masks = Object.entries(subnets(level4)).map(([id, subnet]) => [id.match(/(Public|Private|Isolated)/)?.[1], subnet.Properties.CidrBlock.split('/')[1]]);
    expect(new Set(masks.map((pair) => pair.join('/')))).toEqual(new Set(['Public/20', 'Private/19', 'Isolated/20']));
  });

  it('spreads over exactly maxAzs zones chosen at deploy time', () => {
    const zones = Object.values(subnets(level4)).map((subnet) => JSON.stringify(subnet.Properties.AvailabilityZone));
    expect(new Set(zones)).toEqual(new Set([0, 1].map((index) => JSON.stringify({ 'Fn::Select': [index, { 'Fn::GetAZs': '' }] }))));
    const threeZones = templateOf(examplePlan(4, { 'maxAzs: 2': 'maxAzs: 3' })).template;
    expect(Object.keys(subnets(threeZones))).toHaveLength(9);
  });

  it('has no NAT gateway below level 4 and the planned count from level 4', () => {
    level3.resourceCountIs('AWS::EC2::NatGateway', 0);
    level4.resourceCountIs('AWS::EC2::NatGateway', examplePlan(4).network.natGateways);
  });

  it('logs all traffic', () => {
    for (const template of [level3, level4]) {
      template.hasResourceProperties('AWS::EC2::FlowLog', Match.objectLike({ ResourceType: 'VPC', TrafficType: 'ALL', LogDestinationType: 'cloud-watch-logs' }));
    }
  });

  it('launches nothing with a public address by default', () => {
    for (const subnet of Object.values(subnets(level4))) {
      expect(subnet.Properties).toMatchObject({ MapPublicIpOnLaunch: false });
    }
  });
});
