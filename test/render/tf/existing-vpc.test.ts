import type { ArchitecturePlan } from '../../../lib/plan';
import { renderTfConfigs } from '../../../lib/render/tf';
import { existingVpcFixture, inTeamVpc, planOf, TEAM_VPC } from '../../fixtures/existing-vpc/existing-vpc';

// The team's VPC (network.vpcId): tierup's resources name the given subnets and VPC by their literal ids, and the
// configuration neither creates nor reads (no data source) anything of a VPC.

type Body = Record<string, unknown>;
type Resources = Record<string, Record<string, Body>>;

function configOf(plan: ArchitecturePlan): { resource: Resources; data: Resources } {
  const [config] = Object.values(renderTfConfigs(plan)) as { resource: Resources; data?: Resources }[];
  return { resource: config.resource, data: config.data ?? {} };
}

/** What only a VPC tierup creates has; none of it may appear in the team's VPC. */
const VPC_TYPES = [
  'aws_vpc', 'aws_subnet', 'aws_nat_gateway', 'aws_internet_gateway', 'aws_route_table', 'aws_route', 'aws_route_table_association', 'aws_flow_log',
];

/** The resources of one type, in one region (by their provider: none is the primary region's). */
function ofType(resources: Resources, type: string, provider?: string): Body[] {
  return Object.values(resources[type] ?? {}).filter((body) => body.provider === provider);
}

const us = TEAM_VPC['us-east-1'];
const eu = TEAM_VPC['eu-west-1'];

function expectNothingOfAVpc(config: { resource: Resources; data: Resources }): void {
  expect(VPC_TYPES.filter((type) => type in config.resource)).toEqual([]);
  expect(Object.keys(config.data).filter((type) => /availability_zones|aws_vpc|aws_subnet/.test(type))).toEqual([]);
}

function expectAllGroupsIn(resources: Resources, vpcId: string, provider?: string): void {
  const groups = ofType(resources, 'aws_security_group', provider).map((group) => group.vpc_id);
  expect(groups.length).toBeGreaterThan(0);
  expect(new Set(groups)).toEqual(new Set([vpcId]));
}

describe('level 1 in the team\'s VPC', () => {
  const config = configOf(planOf(existingVpcFixture(1)));

  it('creates and reads nothing of a VPC', () => expectNothingOfAVpc(config));

  it('puts the server in the first public subnet and its groups in the VPC', () => {
    expect(config.resource.aws_instance.server).toMatchObject({ subnet_id: us.public[0] });
    expectAllGroupsIn(config.resource, us.vpcId);
  });
});

describe('level 4 in the team\'s VPC', () => {
  const { resource } = configOf(planOf(existingVpcFixture(4)));

  it('creates nothing of a VPC', () => expectNothingOfAVpc(configOf(planOf(existingVpcFixture(4)))));

  it('puts the load balancer in the public subnets, the fleet in the private ones, the data tier in the isolated ones', () => {
    expect(resource.aws_lb.load_balancer).toMatchObject({ subnets: us.public });
    expect(resource.aws_lb_target_group.fleet_target_group).toMatchObject({ vpc_id: us.vpcId });
    expect(resource.aws_autoscaling_group.fleet).toMatchObject({ vpc_zone_identifier: us.private });
    expect(resource.aws_db_subnet_group.database_subnet_group).toMatchObject({ subnet_ids: us.isolated });
    expect(resource.aws_db_proxy.database_proxy).toMatchObject({ vpc_subnet_ids: us.isolated });
    expect(resource.aws_elasticache_subnet_group.cache_subnet_group).toMatchObject({ subnet_ids: us.isolated });
    expect(Object.values(resource.aws_serverlessapplicationrepository_cloudformation_stack).map((stack) => (stack.parameters as Body).vpcSubnetIds)).toEqual([
      '${join(",", ["subnet-0a1b2c3d4e5f60021", "subnet-0a1b2c3d4e5f60022"])}',
    ]);
    expectAllGroupsIn(resource, us.vpcId);
  });

  it('adds the Secrets Manager endpoint it was told to create, in the isolated subnets, admitting HTTPS from the VPC\'s block', () => {
    expect(resource.aws_vpc_endpoint).toEqual({
      network_secrets_manager: expect.objectContaining({
        vpc_id: us.vpcId, subnet_ids: us.isolated, private_dns_enabled: true, service_name: 'com.amazonaws.us-east-1.secretsmanager',
      }),
    });
    expect(resource.aws_vpc_security_group_ingress_rule.network_secrets_manager_endpoint_https_from_vpc).toMatchObject({ cidr_ipv4: us.cidr, from_port: 443, to_port: 443 });
  });

  it('adds none when the team\'s VPC has its own', () => {
    expect(configOf(planOf(inTeamVpc('shop-4-fleet.yaml', 'existing'))).resource.aws_vpc_endpoint).toBeUndefined();
  });
});

describe('level 7 in the team\'s VPCs', () => {
  const config = configOf(planOf(existingVpcFixture(7)));
  const { resource } = config;

  it('creates and reads nothing of a VPC in any region', () => expectNothingOfAVpc(config));

  it.each([['us-east-1', us, undefined], ['eu-west-1', eu, 'aws.eu_west_1']] as const)('%s: everything lands in that region\'s VPC', (_region, vpc, provider) => {
    expect(ofType(resource, 'aws_lb', provider).map((lb) => lb.subnets)).toEqual([vpc.public]);
    expect(new Set(ofType(resource, 'aws_autoscaling_group', provider).map((group) => JSON.stringify(group.vpc_zone_identifier)))).toEqual(new Set([JSON.stringify(vpc.private)]));
    expect(new Set(ofType(resource, 'aws_db_subnet_group', provider).map((group) => JSON.stringify(group.subnet_ids)))).toEqual(new Set([JSON.stringify(vpc.isolated)]));
    expect(ofType(resource, 'aws_vpc_endpoint', provider)).toEqual([expect.objectContaining({ vpc_id: vpc.vpcId, subnet_ids: vpc.isolated })]);
    expectAllGroupsIn(resource, vpc.vpcId, provider);
  });
});
