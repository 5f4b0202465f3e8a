import { Match, Template } from 'aws-cdk-lib/assertions';
import { ApplicationLoadBalancer } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { ListenerPlan, MultiRegionPlan } from '../../../../lib/plan';
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

const HTTP: ListenerPlan = { id: 'Http', tfName: 'http', port: 80, protocol: 'HTTP', action: 'serve', certificate: null };
const HTTPS: ListenerPlan = {
  id: 'Https', tfName: 'https', port: 443, protocol: 'HTTPS', action: 'serve', certificate: { id: 'OriginCertificate', tfName: 'origin_certificate', domainName: 'origin.shop.example.com' },
};

function render(plan: MultiRegionPlan, index: number, listener: ListenerPlan = HTTP) {
  const { stack, vpc } = stackWithVpc();
  const loadBalancer = new ApplicationLoadBalancer(stack, 'Alb', { vpc, internetFacing: true });
  new GlobalRouting(stack, 'GlobalRouting', { plan, record: plan.records[index], vpc, loadBalancer, listener });
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

  it('health-checks over HTTPS on the serving port when the listener is HTTPS (a domain)', () => {
    const template = render(activePassive, 0, HTTPS);
    template.hasResourceProperties('AWS::Route53::HealthCheck', { HealthCheckConfig: Match.objectLike({ Type: 'HTTPS', Port: 443, ResourcePath: '/health' }) });
    template.hasResourceProperties('AWS::EC2::SecurityGroup', { GroupDescription: 'Load balancer: HTTPS from Route 53 health checkers' });
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { FromPort: 443, ToPort: 443, Description: 'Route 53 health checkers' });
  });

  it('is the example\'s plan: level 7 serves HTTPS, so its health checks are HTTPS on 443', () => {
    const plan = examplePlan('shop-7-multi-region');
    expect(plan.loadBalancer!.listeners.map((listener) => [listener.protocol, listener.port, listener.action])).toEqual([['HTTPS', 443, 'serve']]);
  });

  it.each([[0, 'PRIMARY'], [1, 'SECONDARY']])('creates a failover record for region %i: %s', (index, failover) => {
    const template = render(activePassive, index);
    template.hasResourceProperties('AWS::Route53::RecordSet', {
      HostedZoneName: 'example.com.',
      Name: 'routed.origin.shop.example.com.',
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
      Name: 'routed.origin.shop.example.com.',
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
