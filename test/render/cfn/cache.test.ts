import { Match, type Template } from 'aws-cdk-lib/assertions';
import { examplePlan, templateOf } from './examples';

describe('Cache', () => {
  let production: Template;
  let development: Template;
  beforeAll(() => {
    production = templateOf(examplePlan(3)).template;
    development = templateOf(examplePlan(3, { 'environment: production': 'environment: development', 'replicas: 1': 'replicas: 0' })).template;
  });

  it('encrypts in transit and at rest, with an AUTH token referenced from Secrets Manager', () => {
    production.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', Match.objectLike({
      ReplicationGroupId: 'shop-prod-cache',
      Engine: 'redis',
      TransitEncryptionEnabled: true,
      AtRestEncryptionEnabled: true,
      AuthToken: { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: Match.stringLikeRegexp('^CacheAuthToken') }, ':SecretString:::}}']] },
    }));
    production.hasResourceProperties('AWS::SecretsManager::Secret', Match.objectLike({
      GenerateSecretString: Match.objectLike({ ExcludePunctuation: true, PasswordLength: 64 }),
    }));
  });

  it('fails over across zones with a replica, and not without one', () => {
    production.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', Match.objectLike({
      NumCacheClusters: 2, AutomaticFailoverEnabled: true, MultiAZEnabled: true,
    }));
    development.hasResourceProperties('AWS::ElastiCache::ReplicationGroup', Match.objectLike({
      NumCacheClusters: 1, AutomaticFailoverEnabled: false, MultiAZEnabled: false,
    }));
  });

  it('is retained in production and destroyed in development', () => {
    production.hasResource('AWS::ElastiCache::ReplicationGroup', { DeletionPolicy: 'Retain' });
    development.hasResource('AWS::ElastiCache::ReplicationGroup', { DeletionPolicy: 'Delete' });
  });

  it('lives in the isolated subnets and admits only the app tier on 6379', () => {
    production.hasResourceProperties('AWS::ElastiCache::SubnetGroup', {
      Description: Match.anyValue(),
      SubnetIds: Match.arrayWith([{ Ref: Match.stringLikeRegexp('^NetworkVpcIsolatedSubnet1') }]),
    });
    const ingress = Object.values(production.findResources('AWS::EC2::SecurityGroupIngress', { Properties: { FromPort: 6379 } }));
    expect(ingress).toHaveLength(1);
    expect(ingress[0]).toMatchObject({ Properties: { SourceSecurityGroupId: { 'Fn::GetAtt': [expect.stringMatching(/^ServerSecurityGroup/), 'GroupId'] } } });
  });

  it('hands the strategy and TTL to the app', () => {
    production.hasResourceProperties('AWS::SSM::Parameter', { Name: '/tierup/shop/production/cache/strategy', Value: 'cache-aside', Type: 'String' });
    production.hasResourceProperties('AWS::SSM::Parameter', { Name: '/tierup/shop/production/cache/ttl-seconds', Value: '300', Type: 'String' });
  });
});
