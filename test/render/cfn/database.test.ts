import { Match, type Template } from 'aws-cdk-lib/assertions';
import { examplePlan, templateOf } from './examples';

describe('Database', () => {
  let production: Template;
  let development: Template;
  let fleet: Template;
  beforeAll(() => {
    production = templateOf(examplePlan(2)).template;
    development = templateOf(examplePlan(2, { 'environment: production': 'environment: development' })).template;
    fleet = templateOf(examplePlan(4)).template;
  });

  it('is encrypted, private, with an RDS-managed password and the planned identifier', () => {
    production.hasResourceProperties('AWS::RDS::DBInstance', Match.objectLike({
      DBInstanceIdentifier: 'shop-prod-db',
      StorageEncrypted: true,
      ManageMasterUserPassword: true,
      MasterUserPassword: Match.absent(),
      PubliclyAccessible: false,
      EnableCloudwatchLogsExports: ['postgresql', 'upgrade'],
    }));
    production.resourceCountIs('AWS::SecretsManager::Secret', 0);
  });

  it('forces TLS in its parameter group', () => {
    production.hasResourceProperties('AWS::RDS::DBParameterGroup', Match.objectLike({ Parameters: { 'rds.force_ssl': '1' } }));
  });

  it('is Multi-AZ, protected and snapshotted in production; none of that in development', () => {
    production.hasResource('AWS::RDS::DBInstance', {
      Properties: Match.objectLike({ MultiAZ: true, DeletionProtection: true, BackupRetentionPeriod: 7 }),
      DeletionPolicy: 'Snapshot',
    });
    development.hasResource('AWS::RDS::DBInstance', {
      Properties: Match.objectLike({ MultiAZ: false, DeletionProtection: false, BackupRetentionPeriod: 1 }),
      DeletionPolicy: 'Delete',
    });
  });

  it('lives in the isolated subnets', () => {
    production.hasResourceProperties('AWS::RDS::DBSubnetGroup', {
      SubnetIds: Match.arrayWith([{ Ref: Match.stringLikeRegexp('^NetworkVpcIsolatedSubnet1') }]),
    });
  });

  it('admits only the app tier, on the engine port', () => {
    const ingress = production.findResources('AWS::EC2::SecurityGroupIngress', {
      Properties: { FromPort: 5432 },
    });
    expect(Object.values(ingress)).toHaveLength(1);
    expect(Object.values(ingress)[0]).toMatchObject({
      Properties: { ToPort: 5432, SourceSecurityGroupId: { 'Fn::GetAtt': [expect.stringMatching(/^ServerSecurityGroup/), 'GroupId'] } },
    });
  });

  it('has the planned read replicas at level 4, none before', () => {
    production.resourceCountIs('AWS::RDS::DBInstance', 1);
    const replicas = fleet.findResources('AWS::RDS::DBInstance', { Properties: { SourceDBInstanceIdentifier: Match.anyValue() } });
    expect(Object.values(replicas).map((replica) => (replica as { Properties: { DBInstanceIdentifier: string } }).Properties.DBInstanceIdentifier))
      .toEqual(['shop-prod-db-replica-1', 'shop-prod-db-replica-2']);
  });

  it('has an RDS Proxy with TLS required that authenticates with the RDS-managed secret', () => {
    fleet.hasResourceProperties('AWS::RDS::DBProxy', Match.objectLike({
      DBProxyName: 'shop-prod-db-proxy',
      RequireTLS: true,
      EngineFamily: 'POSTGRESQL',
      Auth: [Match.objectLike({ AuthScheme: 'SECRETS', SecretArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DatabaseInstance'), 'MasterUserSecret.SecretArn'] } })],
    }));
    production.resourceCountIs('AWS::RDS::DBProxy', 0);
  });

  it('speaks MySQL when asked', () => {
    const mysql = templateOf(examplePlan(2, { 'engine: postgres': 'engine: mysql' })).template;
    mysql.hasResourceProperties('AWS::RDS::DBInstance', Match.objectLike({ Engine: 'mysql', Port: '3306', EnableCloudwatchLogsExports: ['error', 'general', 'slowquery'] }));
    mysql.hasResourceProperties('AWS::RDS::DBParameterGroup', Match.objectLike({ Parameters: { require_secure_transport: 'ON' } }));
  });
});
