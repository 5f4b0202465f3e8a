import { Match, Template } from 'aws-cdk-lib/assertions';
import { publishedSettings } from '../../../../lib/plan';
import { registerDatabase, SettingValues } from '../../../../lib/render/cfn/setting-values';
import { SecurityGroup } from 'aws-cdk-lib/aws-ec2';
import { Database } from '../../../../lib/render/cfn/database';
import { Shards } from '../../../../lib/render/cfn/shards';
import { examplePlan, stackWithVpc } from './fixtures';

const plan = examplePlan('shop-5-sharded');

function render() {
  const { stack, vpc } = stackWithVpc();
  const app = new SecurityGroup(stack, 'AppSecurityGroup', { vpc });
  const primary = new Database(stack, plan.database!.id, { plan: plan.database!, vpc, retention: plan.retention, clients: [app] });
  const shards = new Shards(stack, 'Shards', { plan: plan.shards!, primary, vpc, retention: plan.retention, clients: () => [app] });
  const values = new SettingValues(stack, 'Values', 'us-east-1');
  shards.databases.forEach((database) => registerDatabase(values, database));
  shards.publish(publishedSettings(plan.wiring, 'us-east-1', 'cloudformation', (publisher) => publisher.kind === 'shard-map'), values);
  return { template: Template.fromStack(stack), shards };
}

describe('Shards', () => {
  const { template, shards } = render();

  it('adds shards 1..3 beside the untouched primary, each with its replicas and proxy', () => {
    expect(shards.databases.map((database) => database.plan.identifier)).toEqual([
      'shop-prod-db', 'shop-prod-shard-1', 'shop-prod-shard-2', 'shop-prod-shard-3',
    ]);
    for (const identifier of ['shop-prod-shard-1', 'shop-prod-shard-2', 'shop-prod-shard-3']) {
      template.hasResourceProperties('AWS::RDS::DBInstance', { DBInstanceIdentifier: identifier, StorageEncrypted: true });
      template.hasResourceProperties('AWS::RDS::DBInstance', { DBInstanceIdentifier: `${identifier}-replica-2` });
      template.hasResourceProperties('AWS::RDS::DBProxy', { DBProxyName: `${identifier}-proxy` });
    }
    template.resourceCountIs('AWS::RDS::DBInstance', 4 * 3);
  });

  it('publishes the shard map as JSON at the planned name', () => {
    const parameter = Object.values(template.findResources('AWS::SSM::Parameter', {
      Properties: { Name: '/tierup/shop/production/shards/map' },
    }))[0];
    expect(JSON.parse(parameter.Properties.Value)).toEqual({
      version: 1,
      key: 'user_id',
      shardCount: 4,
      endpointsPrefix: '/tierup/shop/production/shards',
      strategy: 'hash',
      ring: { hash: 'fnv1a-32-fmix32', virtualNodes: 64, nodes: ['shard-0', 'shard-1', 'shard-2', 'shard-3'] },
    });
  });

  it.each([0, 1, 2, 3])('publishes writer (the proxy) and readers of shard %i', (index) => {
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: `/tierup/shop/production/shards/${index}/writer`,
      Value: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [Match.stringLikeRegexp('Proxy'), 'Endpoint'] }, ':5432']] },
    });
    template.hasResourceProperties('AWS::SSM::Parameter', {
      Name: `/tierup/shop/production/shards/${index}/readers`,
      Value: { 'Fn::Join': ['', [
        { 'Fn::GetAtt': [Match.stringLikeRegexp('Replica1'), 'Endpoint.Address'] }, ':5432,',
        { 'Fn::GetAtt': [Match.stringLikeRegexp('Replica2'), 'Endpoint.Address'] }, ':5432',
      ]] },
    });
  });

  it('lets only the app tier reach every shard', () => {
    const ingress = template.findResources('AWS::EC2::SecurityGroupIngress', {
      Properties: { FromPort: 5432, SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AppSecurityGroup'), 'GroupId'] } },
    });
    // Each of the 4 databases admits the app on its instance group and on its proxy's group.
    expect(Object.keys(ingress)).toHaveLength(8);
  });
});
