import { Match, type Template } from 'aws-cdk-lib/assertions';
import { examplePlan, templateOf } from './examples';

describe('Fleet, LoadBalancer and Cdn at level 4', () => {
  let level4: Template;
  let noCdn: Template;
  beforeAll(() => {
    level4 = templateOf(examplePlan(4)).template;
    noCdn = templateOf(examplePlan(4, { 'cdn: { priceClass: 100, staticAssets: true }': 'cdn: { enabled: false }' })).template;
  });

  it('launches instances with IMDSv2, an encrypted root volume and the app config in user data', () => {
    level4.hasResourceProperties('AWS::EC2::LaunchTemplate', {
      LaunchTemplateData: Match.objectLike({
        MetadataOptions: Match.objectLike({ HttpTokens: 'required' }),
        BlockDeviceMappings: [Match.objectLike({ Ebs: Match.objectLike({ Encrypted: true, VolumeSize: 20 }) })],
        KeyName: Match.absent(),
      }),
    });
    const [launchTemplate] = Object.values(level4.findResources('AWS::EC2::LaunchTemplate'));
    const script = joined(launchTemplate.Properties.LaunchTemplateData.UserData['Fn::Base64']);
    expect(script).toContain("get-parameters-by-path --region \"$region\" --path \"$prefix\"");
    expect(script).toContain("prefix='/tierup/shop/production'");
    expect(script).toContain('systemctl enable --now tierup-app.service');
  });

  it('waits for a healthy instance on create and rolls releases one instance at a time on signals', () => {
    level4.hasResource('AWS::AutoScaling::AutoScalingGroup', {
      CreationPolicy: { ResourceSignal: { Count: 2, Timeout: 'PT1H' } },
      UpdatePolicy: Match.objectLike({ AutoScalingRollingUpdate: Match.objectLike({ MaxBatchSize: 1, WaitOnResourceSignals: true, PauseTime: 'PT15M' }) }),
    });
    const [launchTemplate] = Object.values(level4.findResources('AWS::EC2::LaunchTemplate'));
    const script = joined(launchTemplate.Properties.LaunchTemplateData.UserData['Fn::Base64']);
    expect(script).toMatch(/cfn-signal" --exit-code "\$1" --stack '<Ref AWS::StackName>' --resource 'FleetAutoScalingGroupASG[0-9A-F]{8}' --region '<Ref AWS::Region>'/);
  });

  it('runs the group in the private subnets with ELB health checks, warm-up and a rolling update', () => {
    level4.hasResource('AWS::AutoScaling::AutoScalingGroup', {
      Properties: Match.objectLike({
        MinSize: '2', MaxSize: '10', DesiredCapacity: Match.absent(),
        HealthCheckType: 'ELB', HealthCheckGracePeriod: 300, DefaultInstanceWarmup: 300, Cooldown: '300',
        VPCZoneIdentifier: Match.arrayWith([{ Ref: Match.stringLikeRegexp('^NetworkVpcPrivateSubnet1') }]),
      }),
      UpdatePolicy: Match.objectLike({ AutoScalingRollingUpdate: Match.objectLike({ MaxBatchSize: 1, MinInstancesInService: 2 }) }),
    });
  });

  it('tracks CPU and requests per target', () => {
    level4.hasResourceProperties('AWS::AutoScaling::ScalingPolicy', Match.objectLike({
      TargetTrackingConfiguration: Match.objectLike({ TargetValue: 60, PredefinedMetricSpecification: Match.objectLike({ PredefinedMetricType: 'ASGAverageCPUUtilization' }) }),
    }));
    level4.hasResourceProperties('AWS::AutoScaling::ScalingPolicy', Match.objectLike({
      TargetTrackingConfiguration: Match.objectLike({ TargetValue: 12000, PredefinedMetricSpecification: Match.objectLike({ PredefinedMetricType: 'ALBRequestCountPerTarget' }) }),
    }));
    const cpuOnly = templateOf(examplePlan(4, { 'requestsPerTarget: 12000': '' })).template;
    cpuOnly.resourceCountIs('AWS::AutoScaling::ScalingPolicy', 2);
  });

  it('scales out fast on tracking and in slowly, one instance per scale-in cooldown', () => {
    for (const policy of Object.values(level4.findResources('AWS::AutoScaling::ScalingPolicy'))) {
      const properties = policy.Properties as { PolicyType: string; TargetTrackingConfiguration?: { DisableScaleIn?: boolean } };
      if (properties.PolicyType === 'TargetTrackingScaling') expect(properties.TargetTrackingConfiguration?.DisableScaleIn).toBe(true);
    }
    level4.hasResourceProperties('AWS::AutoScaling::ScalingPolicy', {
      PolicyType: 'SimpleScaling', AdjustmentType: 'ChangeInCapacity', ScalingAdjustment: -1, Cooldown: '900',
    });
    level4.hasResourceProperties('AWS::CloudWatch::Alarm', Match.objectLike({
      MetricName: 'CPUUtilization', Namespace: 'AWS/EC2', Threshold: 30, ComparisonOperator: 'LessThanThreshold', EvaluationPeriods: 3,
      TreatMissingData: 'notBreaching', AlarmActions: [Match.objectLike({ 'Fn::GetAtt': [Match.stringLikeRegexp('ScaleIn'), 'Arn'] })],
    }));
  });

  it('boots Graviton instance types from the arm64 image', () => {
    const arm = templateOf(examplePlan(4, { 'instanceType: t3.small': 'instanceType: m7g.large' })).template;
    const images = Object.values(arm.findParameters('*')).map((parameter) => String(parameter.Default));
    expect(images).toEqual(expect.arrayContaining([expect.stringMatching(/al2023-ami-kernel-.*-arm64$/)]));
    expect(images.filter((image) => /x86_64$/.test(image))).toEqual([]);
  });

  it('pre-provisions scheduled peaks', () => {
    level4.hasResourceProperties('AWS::AutoScaling::ScheduledAction', { Recurrence: '30 8 * * MON-FRI', MinSize: 6, TimeZone: 'UTC', AutoScalingGroupName: Match.anyValue() });
  });

  it('health-checks the app on its path and port', () => {
    level4.hasResourceProperties('AWS::ElasticLoadBalancingV2::TargetGroup', Match.objectLike({ Port: 8080, HealthCheckPath: '/health', TargetType: 'instance' }));
    level4.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', Match.objectLike({
      Scheme: 'internet-facing',
      LoadBalancerAttributes: Match.arrayWith([{ Key: 'routing.http.drop_invalid_header_fields.enabled', Value: 'true' }]),
    }));
  });

  it('admits only CloudFront to the load balancer when the CDN is on', () => {
    const loadBalancerIngress = (template: Template) => Object.values(template.findResources('AWS::EC2::SecurityGroupIngress', {
      Properties: { GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LoadBalancerSecurityGroup'), 'GroupId'] } },
    })).map((rule) => (rule as { Properties: Record<string, unknown> }).Properties);
    expect(loadBalancerIngress(level4)).toEqual([expect.objectContaining({ SourcePrefixListId: 'pl-3b927c52', FromPort: 80, ToPort: 80 })]);
    expect(loadBalancerIngress(level4)[0]).not.toHaveProperty('CidrIp');
    noCdn.hasResourceProperties('AWS::EC2::SecurityGroup', Match.objectLike({
      GroupDescription: 'Load balancer: HTTP from anywhere',
      SecurityGroupIngress: [Match.objectLike({ CidrIp: '0.0.0.0/0', FromPort: 80 })],
    }));
    noCdn.resourceCountIs('AWS::CloudFront::Distribution', 0);
  });

  it('looks the prefix list up at deploy time in a region outside the table', () => {
    const { template } = templateOf(examplePlan(4, { 'regions: [us-east-1]': 'regions: [sa-east-1]' }));
    template.hasResourceProperties('Custom::AWS', Match.objectLike({ Update: Match.anyValue() }));
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', Match.objectLike({
      FromPort: 80,
      SourcePrefixListId: { 'Fn::GetAtt': [Match.stringLikeRegexp('CloudFrontPrefixListLookup'), 'PrefixLists.0.PrefixListId'] },
    }));
  });

  it('lets the app port in from the load balancer only', () => {
    const ingress = Object.values(level4.findResources('AWS::EC2::SecurityGroupIngress', { Properties: { FromPort: 8080 } }));
    expect(ingress).toHaveLength(1);
    expect(ingress[0]).toMatchObject({ Properties: { SourceSecurityGroupId: { 'Fn::GetAtt': [expect.stringMatching(/^LoadBalancerSecurityGroup/), 'GroupId'] } } });
  });

  it('serves dynamic requests uncached over HTTPS and /static/* from a private bucket', () => {
    level4.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        PriceClass: 'PriceClass_100',
        DefaultCacheBehavior: Match.objectLike({ ViewerProtocolPolicy: 'redirect-to-https', CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad' }),
        CacheBehaviors: [Match.objectLike({ PathPattern: '/static/*', ViewerProtocolPolicy: 'redirect-to-https' })],
      }),
    });
    level4.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    level4.hasResource('AWS::S3::Bucket', {
      Properties: Match.objectLike({
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        BucketEncryption: Match.objectLike({ ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } })] }),
      }),
      DeletionPolicy: 'Retain',
    });
    level4.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: Match.objectLike({ Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) }),
    });
  });
});

/** A CloudFormation Fn::Join of user data as text, each reference shown as <Ref name>. */
function joined(value: unknown): string {
  if (typeof value === 'string') return value;
  const node = value as Record<string, unknown>;
  if ('Fn::Join' in node) {
    const [separator, parts] = node['Fn::Join'] as [string, unknown[]];
    return parts.map(joined).join(separator);
  }
  if ('Ref' in node) return `<Ref ${String(node.Ref)}>`;
  return JSON.stringify(node);
}
