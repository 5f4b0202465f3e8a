import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { CFN_APP_PROPS } from '../../../lib/render/cfn';
import { addBlueprint } from '../../../lib/render/cfn/add-blueprint';
import { examplePlan } from './examples';

// What CloudFormation checks when it creates the stacks (issue 21): each test fails on the output before it.

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown>; DependsOn?: string[] }>;

/** The logical id of the one resource of a type whose properties match. */
function idOf(template: Template, type: string, properties: Record<string, unknown>): string {
  const ids = Object.keys(template.findResources(type, { Properties: Match.objectLike(properties) }));
  if (ids.length !== 1) throw new Error(`${ids.length} ${type} match ${JSON.stringify(properties)}`);
  return ids[0];
}

/** Every stack of a level's example, its nested service stacks included, as templates by stack name. */
function stacksOf(level: number): { app: App; templates: Map<string, Template> } {
  const app = new App(CFN_APP_PROPS);
  const { stack, regionalStacks } = addBlueprint(app, examplePlan(level));
  const all = [stack, ...regionalStacks].flatMap((top) => [top, ...top.node.findAll().filter((child): child is Stack => Stack.isStack(child) && child !== top)]);
  return { app, templates: new Map(all.map((each) => [each.node.path, Template.fromStack(each)])) };
}

describe('tiers start after the stores they wait for', () => {
  it('level 4: the fleet after its database, the database\'s read replicas, the proxy and the cache', () => {
    const template = stacksOf(4).templates.get('shop-production-us-east-1')!;
    const stores = [
      idOf(template, 'AWS::RDS::DBInstance', { DBInstanceIdentifier: 'shop-prod-db' }),
      idOf(template, 'AWS::RDS::DBInstance', { DBInstanceIdentifier: 'shop-prod-db-replica-1' }),
      idOf(template, 'AWS::RDS::DBInstance', { DBInstanceIdentifier: 'shop-prod-db-replica-2' }),
      idOf(template, 'AWS::RDS::DBProxy', { DBProxyName: 'shop-prod-db-proxy' }),
      idOf(template, 'AWS::ElastiCache::ReplicationGroup', { ReplicationGroupId: 'shop-prod-cache' }),
    ];
    const [group] = Object.values(template.findResources('AWS::AutoScaling::AutoScalingGroup') as Resources);
    expect(group.DependsOn).toEqual(expect.arrayContaining(stores));
  });

  it('level 3: the server after its database and cache', () => {
    const template = stacksOf(3).templates.get('shop-production-us-east-1')!;
    const stores = [idOf(template, 'AWS::RDS::DBInstance', { DBInstanceIdentifier: 'shop-prod-db' }), idOf(template, 'AWS::ElastiCache::ReplicationGroup', { ReplicationGroupId: 'shop-prod-cache' })];
    const [server] = Object.values(template.findResources('AWS::EC2::Instance') as Resources);
    expect(server.DependsOn).toEqual(expect.arrayContaining(stores));
  });

  describe('level 7, the further region', () => {
    const { templates } = stacksOf(7);
    const regional = templates.get('shop-production-eu-west-1')!;
    const replica = (identifier: string) => idOf(regional, 'AWS::RDS::DBInstance', { DBInstanceIdentifier: identifier });

    it('creates the app\'s fleet and workers after the cross-region replicas and the cache they are told', () => {
      const stores = [
        replica('shop-prod-db-eu-west-1'), replica('shop-prod-shard-1-eu-west-1'), replica('shop-prod-shard-2-eu-west-1'), replica('shop-prod-shard-3-eu-west-1'),
        idOf(regional, 'AWS::ElastiCache::ReplicationGroup', { ReplicationGroupId: 'shop-prod-cache' }),
      ].toSorted();
      const groups = Object.values(regional.findResources('AWS::AutoScaling::AutoScalingGroup') as Resources);
      expect(groups).toHaveLength(2);
      for (const group of groups) expect(group.DependsOn).toEqual(expect.arrayContaining(stores));
    });

    it('makes a service\'s nested stack wait for its database\'s replica in the region', () => {
      const orders = Object.entries(regional.findResources('AWS::CloudFormation::Stack') as Resources).find(([id]) => id.startsWith('ServiceOrders'))!;
      expect(orders[1].DependsOn).toEqual(expect.arrayContaining([replica('shop-prod-orders-db-eu-west-1')]));
      // Its own cache is in its own stack: its fleet waits for it there.
      const search = [...templates].find(([path]) => path.startsWith('shop-production-eu-west-1/ServiceSearch'))![1];
      const [fleet] = Object.values(search.findResources('AWS::AutoScaling::AutoScalingGroup') as Resources);
      expect(fleet.DependsOn).toEqual(expect.arrayContaining([idOf(search, 'AWS::ElastiCache::ReplicationGroup', { ReplicationGroupId: 'shop-prod-s-search' })]));
    });
  });
});

describe('one security group rule per wiring edge (aws-cdk#24305)', () => {
  const template = stacksOf(4).templates.get('shop-production-us-east-1')!;
  const database = idOf(template, 'AWS::EC2::SecurityGroup', { GroupDescription: 'shop-prod-db: postgres from the app tier only' });
  const proxy = idOf(template, 'AWS::EC2::SecurityGroup', { GroupDescription: 'shop-prod-db-proxy: the app tier to postgres, one rule per client' });
  const group = (id: string) => ({ 'Fn::GetAtt': [id, 'GroupId'] });

  it('admits the proxy into the database once, on the plan\'s port, and lets it out once', () => {
    expect(Object.values(template.findResources('AWS::EC2::SecurityGroupIngress', { Properties: { GroupId: group(database), SourceSecurityGroupId: group(proxy) } })))
      .toEqual([expect.objectContaining({ Properties: expect.objectContaining({ FromPort: 5432, ToPort: 5432, Description: 'From the proxy' }) })]);
    expect(Object.values(template.findResources('AWS::EC2::SecurityGroupEgress', { Properties: { GroupId: group(proxy), DestinationSecurityGroupId: group(database) } })))
      .toEqual([expect.objectContaining({ Properties: expect.objectContaining({ FromPort: 5432, ToPort: 5432, Description: 'To the database' }) })]);
  });

  it('has no rule whose port is the instance\'s endpoint port (CDK\'s IndirectPort twin)', () => {
    for (const type of ['AWS::EC2::SecurityGroupIngress', 'AWS::EC2::SecurityGroupEgress']) {
      for (const rule of Object.values(template.findResources(type) as Resources)) expect(typeof rule.Properties?.FromPort).toBe('number');
    }
  });

  it('moves the proxy to its group only once the group\'s rules and the database\'s rule for it exist', () => {
    const rules = [
      ...Object.keys(template.findResources('AWS::EC2::SecurityGroupIngress', { Properties: { GroupId: group(proxy) } })),
      ...Object.keys(template.findResources('AWS::EC2::SecurityGroupEgress', { Properties: { GroupId: group(proxy) } })),
      ...Object.keys(template.findResources('AWS::EC2::SecurityGroupIngress', { Properties: { GroupId: group(database), SourceSecurityGroupId: group(proxy) } })),
    ];
    expect(rules).toHaveLength(3);
    const [dbProxy] = Object.values(template.findResources('AWS::RDS::DBProxy') as Resources);
    expect(dbProxy.DependsOn).toEqual(expect.arrayContaining([proxy, ...rules]));
  });
});
