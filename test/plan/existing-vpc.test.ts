import { ENVIRONMENT_DEFAULTS } from '../../lib/plan';
import { DEFAULT_SCALING_MAX } from '../../lib/spec/rules/existing-vpc-rules';
import { existingVpcFixture, inTeamVpc, planOf, TEAM_VPC } from '../fixtures/existing-vpc/existing-vpc';

const us = TEAM_VPC['us-east-1'];
const eu = TEAM_VPC['eu-west-1'];

describe('the team\'s VPC in the plan', () => {
  it.each([
    ['level 1: no database, so no endpoint', existingVpcFixture(1), null],
    ['level 4 with secretsManagerEndpoint: create', existingVpcFixture(4), { serviceName: 'com.amazonaws.us-east-1.secretsmanager', admittedCidr: us.cidr }],
    ['level 4 with secretsManagerEndpoint: existing', inTeamVpc('shop-4-fleet.yaml', 'existing'), null],
  ])('%s', (_name, text, secretsEndpoint) => {
    const plan = planOf(text);
    expect(plan.regions.map((region) => region.existingVpc)).toEqual([{
      vpcId: us.vpcId,
      zones: ['us-east-1a', 'us-east-1b'],
      subnets: { public: us.public, private: us.private, isolated: us.isolated },
      secretsEndpoint,
    }]);
    expect(plan.network).toMatchObject({ natGateways: 0, maxAzs: 2, secretsEndpoint: secretsEndpoint !== null });
  });

  it('level 7: each region its own VPC, the further one from network.regions', () => {
    const plan = planOf(existingVpcFixture(7));
    expect(plan.regions.map((region) => [region.region, region.existingVpc?.vpcId, region.existingVpc?.subnets.isolated, region.existingVpc?.secretsEndpoint])).toEqual([
      ['us-east-1', us.vpcId, us.isolated, { serviceName: 'com.amazonaws.us-east-1.secretsmanager', admittedCidr: us.cidr }],
      ['eu-west-1', eu.vpcId, eu.isolated, { serviceName: 'com.amazonaws.eu-west-1.secretsmanager', admittedCidr: eu.cidr }],
    ]);
  });

  it('puts every tier in the public subnets\' zone order, whatever order the blueprint lists them in', () => {
    const text = existingVpcFixture(4).replace(
      /( {6}- \{ id: subnet-0a1b2c3d4e5f60021.*\n)( {6}- \{ id: subnet-0a1b2c3d4e5f60022.*\n)/, (_m, first: string, second: string) => `${second}${first}`);
    expect(text).not.toEqual(existingVpcFixture(4));
    expect(planOf(text).regions[0].existingVpc?.subnets.isolated).toEqual(us.isolated);
  });

  it('is null without vpcId, and the VPC tierup creates keeps its NAT', () => {
    const plan = planOf('name: shop\nlevel: 4\n');
    expect(plan.regions[0].existingVpc).toBeNull();
    expect(plan.network.natGateways).toBeGreaterThan(0);
  });

  it('counts the fleets against the same scaling defaults as the plan', () => {
    expect(DEFAULT_SCALING_MAX).toEqual(Object.fromEntries(Object.entries(ENVIRONMENT_DEFAULTS).map(([environment, defaults]) => [environment, defaults.scalingMax])));
  });
});
