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

  it('is encrypted, private, with the planned identifier, and its password in a generated secret, not RDS-managed', () => {
    production.hasResourceProperties('AWS::RDS::DBInstance', Match.objectLike({
      DBInstanceIdentifier: 'shop-prod-db',
      StorageEncrypted: true,
      // RDS refuses read replicas of a primary whose password it manages.
      ManageMasterUserPassword: Match.absent(),
      MasterUserPassword: { 'Fn::Join': ['', Match.arrayWith([{ Ref: Match.stringLikeRegexp('^DatabaseMasterSecret') }])] },
      // A literal, as before: a changed MasterUsername would replace the instance.
      MasterUsername: 'tierup',
      PubliclyAccessible: false,
      EnableCloudwatchLogsExports: ['postgresql', 'upgrade'],
    }));
    production.resourceCountIs('AWS::SecretsManager::Secret', 1);
    // No fixed physical name: two blueprints in one account never claim the same secret.
    production.hasResourceProperties('AWS::SecretsManager::Secret', { Name: Match.absent(), GenerateSecretString: Match.objectLike({ SecretStringTemplate: '{"username":"tierup"}' }) });
  });

  it('creates the major alone, with automatic minor upgrades and no major upgrade, its parameter group of that major\'s family', () => {
    production.hasResourceProperties('AWS::RDS::DBInstance', Match.objectLike({
      Engine: 'postgres', EngineVersion: '17', AutoMinorVersionUpgrade: true, AllowMajorVersionUpgrade: false,
    }));
    production.hasResourceProperties('AWS::RDS::DBParameterGroup', Match.objectLike({ Family: 'postgres17' }));
    const mysql = templateOf(examplePlan(2, { 'engine: postgres': 'engine: mysql\n  engineVersion: "8.4.7"' })).template;
    mysql.hasResourceProperties('AWS::RDS::DBInstance', Match.objectLike({ Engine: 'mysql', EngineVersion: '8.4.7' }));
    mysql.hasResourceProperties('AWS::RDS::DBParameterGroup', Match.objectLike({ Family: 'mysql8.4' }));
  });

  it('rotates the secret every 30 days with AWS\'s single-user function, in the isolated subnets behind a Secrets Manager endpoint', () => {
    production.hasResourceProperties('AWS::SecretsManager::RotationSchedule', Match.objectLike({
      RotationRules: { ScheduleExpression: 'rate(30 days)' },
    }));
    production.hasResourceProperties('AWS::Serverless::Application', Match.objectLike({
      Location: { ApplicationId: Match.stringLikeRegexp('SecretsManagerRDSPostgreSQLRotationSingleUser$'), SemanticVersion: '1.1.671' },
      Parameters: Match.objectLike({ vpcSubnetIds: Match.anyValue(), vpcSecurityGroupIds: Match.anyValue() }),
    }));
    // One function per engine and stack, shared by every shard.
    const sharded = templateOf(examplePlan(5)).template;
    sharded.resourceCountIs('AWS::Serverless::Application', 1);
    sharded.resourceCountIs('AWS::SecretsManager::RotationSchedule', 4);
    production.hasResourceProperties('AWS::EC2::VPCEndpoint', Match.objectLike({
      ServiceName: 'com.amazonaws.us-east-1.secretsmanager', VpcEndpointType: 'Interface', PrivateDnsEnabled: true,
    }));
  });

  it('has no replica whose source has an RDS-managed password, at any level', () => {
    for (const template of [fleet, templateOf(examplePlan(5)).template]) {
      const instances = template.findResources('AWS::RDS::DBInstance');
      const sources = Object.values(instances).filter((instance) => (instance as { Properties: Record<string, unknown> }).Properties.SourceDBInstanceIdentifier === undefined);
      expect(Object.keys(instances).length).toBeGreaterThan(sources.length);
      for (const source of sources) expect((source as { Properties: Record<string, unknown> }).Properties.ManageMasterUserPassword).toBeUndefined();
    }
  });

  it('creates the database the app is told (DBName), unless the blueprint names the one an instance deployed without a name has', () => {
    production.hasResourceProperties('AWS::RDS::DBInstance', { DBInstanceIdentifier: 'shop-prod-db', DBName: 'shopdb' });
    // Read replicas copy the primary's databases; CloudFormation takes no DBName on them.
    for (const replica of Object.values(fleet.findResources('AWS::RDS::DBInstance', { Properties: { SourceDBInstanceIdentifier: Match.anyValue() } }))) {
      expect((replica as { Properties: Record<string, unknown> }).Properties.DBName).toBeUndefined();
    }
    const legacy = templateOf(examplePlan(2, { '  engine: postgres': '  engine: postgres\n  existingName: postgres' })).template;
    legacy.hasResourceProperties('AWS::RDS::DBInstance', { DBInstanceIdentifier: 'shop-prod-db', DBName: Match.absent() });
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

  it('admits only the app tier and the rotation function, on the engine port', () => {
    const ingress = production.findResources('AWS::EC2::SecurityGroupIngress', {
      Properties: { GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DatabaseSecurityGroup'), 'GroupId'] } },
    });
    const sources = Object.values(ingress).map((rule) => (rule as { Properties: { SourceSecurityGroupId: { 'Fn::GetAtt': string[] } } }).Properties.SourceSecurityGroupId['Fn::GetAtt'][0]);
    expect(sources).toHaveLength(2);
    expect(sources).toEqual(expect.arrayContaining([expect.stringMatching(/^ServerSecurityGroup/), expect.stringMatching(/^PostgresRotatorSecurityGroup/)]));
  });

  it('has the planned read replicas at level 4, none before', () => {
    production.resourceCountIs('AWS::RDS::DBInstance', 1);
    const replicas = fleet.findResources('AWS::RDS::DBInstance', { Properties: { SourceDBInstanceIdentifier: Match.anyValue() } });
    expect(Object.values(replicas).map((replica) => (replica as { Properties: { DBInstanceIdentifier: string } }).Properties.DBInstanceIdentifier))
      .toEqual(['shop-prod-db-replica-1', 'shop-prod-db-replica-2']);
  });

  it('has an RDS Proxy with TLS required that authenticates with the master secret', () => {
    fleet.hasResourceProperties('AWS::RDS::DBProxy', Match.objectLike({
      DBProxyName: 'shop-prod-db-proxy',
      RequireTLS: true,
      EngineFamily: 'POSTGRESQL',
      Auth: [Match.objectLike({ AuthScheme: 'SECRETS', SecretArn: { Ref: Match.stringLikeRegexp('^DatabaseMasterSecretAttachment') } })],
    }));
    production.resourceCountIs('AWS::RDS::DBProxy', 0);
  });

  it('speaks MySQL when asked', () => {
    const mysql = templateOf(examplePlan(2, { 'engine: postgres': 'engine: mysql' })).template;
    mysql.hasResourceProperties('AWS::RDS::DBInstance', Match.objectLike({ Engine: 'mysql', Port: '3306', EnableCloudwatchLogsExports: ['error', 'general', 'slowquery'] }));
    mysql.hasResourceProperties('AWS::RDS::DBParameterGroup', Match.objectLike({ Parameters: { require_secure_transport: 'ON' } }));
  });
});
