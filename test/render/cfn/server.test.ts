import { Match, type Template } from 'aws-cdk-lib/assertions';
import { examplePlan, templateOf } from './examples';

describe('Server', () => {
  let level1: Template;
  let level2: Template;
  beforeAll(() => {
    level1 = templateOf(examplePlan(1)).template;
    level2 = templateOf(examplePlan(2)).template;
  });

  it('requires IMDSv2, has no key pair, and encrypts its root volume', () => {
    level1.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({ MetadataOptions: Match.objectLike({ HttpTokens: 'required' }) }),
    });
    level1.hasResourceProperties('AWS::EC2::Instance', Match.objectLike({
      KeyName: Match.absent(),
      BlockDeviceMappings: [Match.objectLike({ Ebs: Match.objectLike({ Encrypted: true, VolumeType: 'gp3' }) })],
    }));
  });

  it('runs with an SSM role', () => {
    level1.hasResourceProperties('AWS::IAM::Role', Match.objectLike({
      AssumeRolePolicyDocument: Match.objectLike({ Statement: [Match.objectLike({ Principal: { Service: 'ec2.amazonaws.com' } })] }),
      ManagedPolicyArns: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::aws:policy/AmazonSSMManagedInstanceCore']] }],
    }));
  });

  it('opens 80 and nothing else without a domain (443 opens with one)', () => {
    const groups = level1.findResources('AWS::EC2::SecurityGroup', { Properties: { GroupDescription: Match.stringLikeRegexp('^Server') } });
    const [group] = Object.values(groups) as { Properties: { SecurityGroupIngress: { FromPort: number; ToPort: number }[] } }[];
    expect(group.Properties.SecurityGroupIngress.map((rule) => [rule.FromPort, rule.ToPort])).toEqual([[80, 80]]);
  });

  it('has an Elastic IP and an auto-recovery alarm', () => {
    level1.resourceCountIs('AWS::EC2::EIP', 1);
    level1.hasResourceProperties('AWS::CloudWatch::Alarm', Match.objectLike({
      MetricName: 'StatusCheckFailed_System',
      Namespace: 'AWS/EC2',
      AlarmActions: [{ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':automate:us-east-1:ec2:recover']] }],
    }));
  });

  it('keeps the data on a separate encrypted gp3 volume that is always retained', () => {
    level1.hasResource('AWS::EC2::Volume', {
      Properties: Match.objectLike({ Encrypted: true, VolumeType: 'gp3', Size: 20 }),
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
    // Attached by the instance at launch, so the boot (which the instance's creation waits for) sees it; no
    // separate attachment, which would wait for the instance.
    level1.resourceCountIs('AWS::EC2::VolumeAttachment', 0);
    const volume = Object.keys(level1.findResources('AWS::EC2::Volume'))[0];
    level1.hasResourceProperties('AWS::EC2::Instance', { Volumes: [{ Device: '/dev/sdf', VolumeId: { Ref: volume } }] });
    // A public address from launch: the Elastic IP waits for the instance, the instance for its boot's signal.
    level1.hasResourceProperties('AWS::EC2::Instance', { NetworkInterfaces: [Match.objectLike({ AssociatePublicIpAddress: true, DeviceIndex: '0' })] });
    const development = templateOf(examplePlan(1, { 'environment: production': 'environment: development' })).template;
    development.hasResource('AWS::EC2::Volume', { DeletionPolicy: 'Retain' });
  });

  it('drops the data volume at level 2 and keeps the server', () => {
    level2.resourceCountIs('AWS::EC2::Volume', 0);
    level2.resourceCountIs('AWS::EC2::Instance', 1);
  });
});
