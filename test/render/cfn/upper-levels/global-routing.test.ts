import { Match, Template } from 'aws-cdk-lib/assertions';
import { ApplicationLoadBalancer } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { MultiRegionPlan } from '../../../../lib/plan';
import { GlobalRouting } from '../../../../lib/render/cfn/global-routing';
import { examplePlan, stackWithVpc } from './fixtures';

const activePassive = examplePlan('shop-7-multi-region').multiRegion!;
const activeActive: MultiRegionPlan = {
  ...activePassive,
  mode: 'active-active',
  records: [
    { region: 'us-east-1', setIdentifier: 'us-east-1', failover: null },
    { region: 'eu-west-1', setIdentifier: 'eu-west-1', failover: null },
  ],
};

function render(plan: MultiRegionPlan, index: number) {
  const { stack, vpc } = stackWithVpc();
  const loadBalancer = new ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true });
  new GlobalRouting(stack, 'GlobalRouting', { plan, record: plan.records[index], vpc, loadBalancer, port: 80 });
  return Template.fromStack(stack);
}

describe('GlobalRouting', () => {
  it('plans PRIMARY for the first region and SECONDARY for the second (active-passive)', () => {
    expect(activePassive.records).toEqual([
      { region: 'us-east-1', setIdentifier: 'us-east-1', failover: 'PRIMARY' },
      { region: 'eu-west-1', setIdentifier: 'eu-west-1', failover: 'SECONDARY' },
    ]);
  });

  it('health-checks the load balancer over HTTP on the app health path', () => {
    render(activePassive, 0).hasResourceProperties('AWS::Route53::HealthCheck', {
      HealthCheckConfig: {
        Type: 'HTTP',
        FullyQualifiedDomainName: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Alb'), 'DNSName'] },
        Port: 80,
        ResourcePath: '/health',
        RequestInterval: 30,
        FailureThreshold: 3,
      },
    });
  });

  it.each([[0, 'PRIMARY'], [1, 'SECONDARY']])('creates a failover record for region %i: %s', (index, failover) => {
    const template = render(activePassive, index);
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      HostedZoneName: 'example.com.',
      Name: 'origin.shop.example.com.',
      Type: 'A',
      Failover: failover,
      SetIdentifier: activePassive.records[index].region,
      HealthCheckId: { 'Fn::GetAtt': [Match.anyValue(), 'HealthCheckId'] },
      AliasTarget: Match.objectLike({ EvaluateTargetHealth: true, HostedZoneId: { 'Fn::GetAtt': [Match.anyValue(), 'CanonicalHostedZoneID'] } }),
    });
    expect(JSON.stringify(template.toJSON())).not.toContain('"Region"');
  });

  it.each([0, 1])('creates a latency record for region %i (active-active)', (index) => {
    render(activeActive, index).hasResourceProperties('AWS::Route53::RecordSet', {
      Name: 'origin.shop.example.com.',
      Region: activeActive.records[index].region,
      SetIdentifier: activeActive.records[index].region,
      Failover: Match.absent(),
    });
  });

  it('admits Route 53 health checkers to the load balancer by their managed prefix list', () => {
    const template = render(activePassive, 0);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('HealthCheckers'), 'GroupId'] },
      FromPort: 80,
      SourcePrefixListId: { 'Fn::GetAtt': [Match.stringLikeRegexp('HealthCheckerPrefixListLookup'), 'PrefixLists.0.PrefixListId'] },
    });
    template.hasResourceProperties('Custom::AWS', {
      Create: Match.stringLikeRegexp('com.amazonaws.us-east-1.route53-healthchecks'),
    });
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::LoadBalancer', {
      SecurityGroups: Match.arrayWith([{ 'Fn::GetAtt': [Match.stringLikeRegexp('HealthCheckers'), 'GroupId'] }]),
    });
  });
});
