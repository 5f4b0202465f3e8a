import { Stack, Token } from 'aws-cdk-lib';
import { Peer, Port, SecurityGroup, type IVpc } from 'aws-cdk-lib/aws-ec2';
import type { ApplicationLoadBalancer } from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import { CfnHealthCheck, CfnRecordSet } from 'aws-cdk-lib/aws-route53';
import { AwsCustomResource, AwsCustomResourcePolicy, PhysicalResourceId } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { acknowledgeLookup } from './nag';
import type { ListenerPlan, MultiRegionPlan, RegionRecordPlan } from '../../plan';

/** Props of {@link GlobalRouting}. */
export interface GlobalRoutingProps {
  readonly plan: MultiRegionPlan;
  /** This region's record (from `plan.records`). */
  readonly record: RegionRecordPlan;
  readonly vpc: IVpc;
  /** This region's load balancer: health-checked, and the record's alias target. */
  readonly loadBalancer: ApplicationLoadBalancer;
  /** Its serving listener: health checks use its protocol and port. */
  readonly listener: ListenerPlan;
}

/**
 * Route 53's health checkers, as an AWS-managed prefix list in each region. Checks come from several checker
 * regions; the list of the endpoint's region holds every checker's ranges (the region names where the list
 * lives: a security group can reference only its own region's lists, and Route 53's guide says to admit that
 * one). https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-router-firewall-rules.html
 */
const HEALTH_CHECKER_PREFIX_LIST = (region: string) => `com.amazonaws.${region}.route53-healthchecks`;

/** Health checks probe every 30 s and call a region down after 3 failures: about 90 s to fail over. */
const HEALTH_CHECK = { requestIntervalSeconds: 30, failureThreshold: 3 } as const;

/**
 * Level 7, one per region's stack: a Route 53 health check (HTTPS on the serving listener with a domain;
 * Route 53 does not validate the certificate, https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-determining-health-of-endpoints.html) on the region's load balancer (the app's
 * health path) and the region's record for `originDomainName` (failover PRIMARY/SECONDARY, or latency),
 * aliased to the load balancer. Each region creates its own record, so no stack references another
 * region; records name the hosted zone by `HostedZoneName`, so synthesis needs no context lookup.
 */
export class GlobalRouting extends Construct {
  public readonly healthCheck: CfnHealthCheck;
  public readonly record: CfnRecordSet;
  /** Admits Route 53's health checkers to the load balancer (its own group: the CloudFront list fills the other). */
  public readonly healthCheckerSecurityGroup: SecurityGroup;

  constructor(scope: Construct, id: string, props: GlobalRoutingProps) {
    super(scope, id);
    const { plan, record, loadBalancer, listener } = props;
    this.healthCheckerSecurityGroup = new SecurityGroup(this, 'HealthCheckers', {
      vpc: props.vpc,
      description: `Load balancer: ${listener.protocol} from Route 53 health checkers`,
      allowAllOutbound: false,
    });
    this.healthCheckerSecurityGroup.addIngressRule(Peer.prefixList(this.healthCheckerPrefixListId()), Port.tcp(listener.port), 'Route 53 health checkers');
    loadBalancer.addSecurityGroup(this.healthCheckerSecurityGroup);

    this.healthCheck = new CfnHealthCheck(this, 'HealthCheck', {
      healthCheckConfig: {
        type: listener.protocol,
        fullyQualifiedDomainName: loadBalancer.loadBalancerDnsName,
        port: listener.port,
        resourcePath: plan.healthCheckPath,
        requestInterval: HEALTH_CHECK.requestIntervalSeconds,
        failureThreshold: HEALTH_CHECK.failureThreshold,
      },
      healthCheckTags: [{ key: 'Name', value: `${plan.originDomainName} ${record.region}` }],
    });

    this.record = new CfnRecordSet(this, 'Record', {
      hostedZoneName: `${plan.hostedZoneName}.`,
      // Its own name: the origin name stays the simple alias it has been since the first level with a domain
      // (DomainRecords' OriginRecord), since failover and latency records cannot share a name and type with it.
      name: `${plan.routedName}.`,
      type: 'A',
      setIdentifier: record.setIdentifier,
      healthCheckId: this.healthCheck.attrHealthCheckId,
      aliasTarget: {
        dnsName: loadBalancer.loadBalancerDnsName,
        hostedZoneId: loadBalancer.loadBalancerCanonicalHostedZoneId,
        evaluateTargetHealth: true,
      },
      ...(record.failover ? { failover: record.failover } : { region: record.region }),
    });
  }

  /** The health checkers' prefix list id, looked up at deploy time (CloudFormation cannot resolve one by name). */
  private healthCheckerPrefixListId(): string {
    const name = HEALTH_CHECKER_PREFIX_LIST(Stack.of(this).region);
    const lookup = new AwsCustomResource(this, 'HealthCheckerPrefixListLookup', {
      onUpdate: {
        service: 'EC2',
        action: 'describeManagedPrefixLists',
        parameters: { Filters: [{ Name: 'prefix-list-name', Values: [name] }] },
        physicalResourceId: PhysicalResourceId.of(name),
        outputPaths: ['PrefixLists.0.PrefixListId'],
      },
      // DescribeManagedPrefixLists has no resource-level permissions.
      policy: AwsCustomResourcePolicy.fromSdkCalls({ resources: AwsCustomResourcePolicy.ANY_RESOURCE }),
      installLatestAwsSdk: false,
    });
    acknowledgeLookup(lookup);
    return Token.asString(lookup.getResponseField('PrefixLists.0.PrefixListId'));
  }
}
