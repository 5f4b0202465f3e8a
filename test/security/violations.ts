import type { SecurityTemplate } from '../../lib/analyze/security-invariants';

const sg = (ingress: object[]) => ({ Type: 'AWS::EC2::SecurityGroup', Properties: { GroupDescription: 'test', SecurityGroupIngress: ingress } });
const groupId = (id: string) => ({ 'Fn::GetAtt': [id, 'GroupId'] });
const tlsDeny = (resource: unknown) => ({
  Statement: [{ Effect: 'Deny', Action: '*', Principal: { AWS: '*' }, Resource: resource, Condition: { Bool: { 'aws:SecureTransport': 'false' } } }],
});

/** Per invariant id, a small hand-made template that breaks it (and, where it can, nothing else). */
export const VIOLATIONS: Readonly<Record<string, SecurityTemplate>> = {
  'encryption-at-rest': {
    Resources: {
      Database: { Type: 'AWS::RDS::DBInstance', Properties: { StorageEncrypted: false } },
      Volume: { Type: 'AWS::EC2::Volume', Properties: { Encrypted: false } },
      Template: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { ImageId: 'ami-1', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { Encrypted: false } }] } } },
      Queue: { Type: 'AWS::SQS::Queue', Properties: {} },
    },
  },
  'encryption-in-transit': {
    Resources: {
      Parameters: { Type: 'AWS::RDS::DBParameterGroup', Properties: { Parameters: { 'rds.force_ssl': '0' } } },
      Database: { Type: 'AWS::RDS::DBInstance', Properties: { StorageEncrypted: true, DBParameterGroupName: { Ref: 'Parameters' } } },
      Cache: { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: { AtRestEncryptionEnabled: true, TransitEncryptionEnabled: false } },
      Topic: { Type: 'AWS::SNS::Topic', Properties: { KmsMasterKeyId: 'alias/aws/sns' } },
    },
  },
  imdsv2: {
    Resources: {
      Template: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { MetadataOptions: { HttpTokens: 'optional' } } } },
    },
  },
  'no-ssh': {
    Resources: {
      Group: sg([{ IpProtocol: 'tcp', FromPort: 20, ToPort: 25, SourceSecurityGroupId: groupId('Other') }]),
      Instance: { Type: 'AWS::EC2::Instance', Properties: { KeyName: 'mine' } },
    },
  },
  'world-open-ingress': {
    Resources: {
      // A fleet's group (used by no load balancer or instance) open to the world on the app port.
      Group: sg([{ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, CidrIp: '0.0.0.0/0' }]),
      Template: { Type: 'AWS::EC2::LaunchTemplate', Properties: { LaunchTemplateData: { SecurityGroupIds: [groupId('Group')] } } },
    },
  },
  'data-tier-isolation': {
    Resources: {
      DatabaseGroup: sg([]),
      LoadBalancerGroup: sg([]),
      Database: { Type: 'AWS::RDS::DBInstance', Properties: { VPCSecurityGroups: [groupId('DatabaseGroup')] } },
      LoadBalancer: { Type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', Properties: { SecurityGroups: [groupId('LoadBalancerGroup')] } },
      FromLoadBalancer: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: groupId('DatabaseGroup'), IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: groupId('LoadBalancerGroup') } },
      FromVpc: { Type: 'AWS::EC2::SecurityGroupIngress', Properties: { GroupId: groupId('DatabaseGroup'), IpProtocol: 'tcp', FromPort: 5432, ToPort: 5432, CidrIp: '10.0.0.0/16' } },
    },
  },
  's3-private-tls': {
    Resources: {
      Bucket: { Type: 'AWS::S3::Bucket', Properties: { PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: false, IgnorePublicAcls: true, RestrictPublicBuckets: true } } },
      Policy: { Type: 'AWS::S3::BucketPolicy', Properties: { Bucket: { Ref: 'Other' }, PolicyDocument: tlsDeny('*') } },
    },
  },
  'cdn-https': {
    Resources: {
      Distribution: {
        Type: 'AWS::CloudFront::Distribution',
        Properties: { DistributionConfig: { DefaultCacheBehavior: { ViewerProtocolPolicy: 'redirect-to-https' }, CacheBehaviors: [{ PathPattern: '/static/*', ViewerProtocolPolicy: 'allow-all' }] } },
      },
    },
  },
  'deletion-protection': {
    Resources: { Replica: { Type: 'AWS::RDS::DBInstance', Properties: { SourceDBInstanceIdentifier: 'primary', DeletionProtection: false } } },
  },
  'multi-az': {
    Resources: {
      Database: { Type: 'AWS::RDS::DBInstance', Properties: { MultiAZ: false } },
      Cache: { Type: 'AWS::ElastiCache::ReplicationGroup', Properties: { NumCacheClusters: 2, MultiAZEnabled: false, AutomaticFailoverEnabled: true } },
    },
  },
  'retain-data': {
    Resources: {
      Queue: { Type: 'AWS::SQS::Queue', DeletionPolicy: 'Delete', Properties: {} },
      Bucket: { Type: 'AWS::S3::Bucket', Properties: {} },
    },
  },
  backups: {
    Resources: { Database: { Type: 'AWS::RDS::DBInstance', DeletionPolicy: 'Snapshot', Properties: { BackupRetentionPeriod: 1 } } },
  },
};
