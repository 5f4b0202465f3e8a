import { Construct } from 'constructs';
import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list';
import type { DataAwsRoute53Zone } from '@cdktf/provider-aws/lib/data-aws-route53-zone';
import { Route53HealthCheck } from '@cdktf/provider-aws/lib/route53-health-check';
import { Route53Record } from '@cdktf/provider-aws/lib/route53-record';
import type { AwsRegion } from '../../spec';
import type { ListenerPlan, MultiRegionPlan, RegionRecordPlan } from '../../plan';
import type { LoadBalancer } from './load-balancer';
import { named } from './terraform-names';

/** Props of {@link GlobalRouting}. */
export interface GlobalRoutingProps {
  readonly plan: MultiRegionPlan;
  /** Every region's load balancer, by region: health-checked, and its record's alias target. */
  readonly loadBalancers: Readonly<Partial<Record<AwsRegion, LoadBalancer>>>;
  /** Terraform name suffix per region (`_us_east_1`), from the regions' provider aliases. */
  readonly suffixes: Readonly<Partial<Record<AwsRegion, string>>>;
  /** The domain's hosted zone (level 7's domain is multiRegion's names when the blueprint gives no `domain`). */
  readonly zone: DataAwsRoute53Zone;
  /** The load balancers' serving listener: the health checks probe its port and protocol (HTTPS with the domain). */
  readonly listener: ListenerPlan;
}

/**
 * Route 53's health checkers, as an AWS-managed prefix list in each region. Checks come from several checker
 * regions; the list of the endpoint's region holds every checker's ranges (the region names where the list
 * lives: a security group can reference only its own region's lists, and Route 53's guide says to admit that
 * one). https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-router-firewall-rules.html
 */
const HEALTH_CHECKER_PREFIX_LIST = (region: string): string => `com.amazonaws.${region}.route53-healthchecks`;

/** Health checks probe every 30 s and call a region down after 3 failures: about 90 s to fail over. */
const HEALTH_CHECK = { requestIntervalSeconds: 30, failureThreshold: 3 } as const;

/**
 * Level 7: per region, a Route 53 health check on its load balancer's serving listener (the app's health path,
 * which the load balancer forwards without the origin secret: Route 53 sends no custom header) and its
 * record for `originDomainName` (failover PRIMARY/SECONDARY, or latency), aliased to the load balancer.
 * One Terraform stack holds every region, so the hosted zone is looked up once, by the domain.
 */
export class GlobalRouting extends Construct {
  public readonly healthChecks: Route53HealthCheck[];
  /** Each region's health check, by the region it probes (the monitoring plan's health-check alarms name them so). */
  public readonly healthChecksByRegion: ReadonlyMap<AwsRegion, Route53HealthCheck>;
  public readonly records: Route53Record[];

  constructor(scope: Construct, id: string, props: GlobalRoutingProps) {
    super(scope, id);
    const { plan } = props;
    const { zone } = props;
    const routed = plan.records.flatMap((record) => {
      const loadBalancer = props.loadBalancers[record.region];
      const suffix = props.suffixes[record.region];
      return loadBalancer && suffix !== undefined ? [{ record, loadBalancer, suffix }] : [];
    });
    this.healthChecks = routed.map(({ record, loadBalancer, suffix }) => this.addHealthCheck(plan, props.listener, record, loadBalancer, suffix));
    this.healthChecksByRegion = new Map(routed.map(({ record }, index) => [record.region, this.healthChecks[index]]));
    this.records = routed.map(({ record, loadBalancer, suffix }, index) => named(new Route53Record(this, `Record-${record.region}`, {
      zoneId: zone.zoneId,
      // Its own name: the origin name stays the simple alias it has been since the first level with a domain.
      name: plan.routedName,
      type: 'A',
      setIdentifier: record.setIdentifier,
      healthCheckId: this.healthChecks[index].id,
      alias: { name: loadBalancer.loadBalancer.dnsName, zoneId: loadBalancer.loadBalancer.zoneId, evaluateTargetHealth: true },
      ...(record.failover ? { failoverRoutingPolicy: { type: record.failover } } : { latencyRoutingPolicy: { region: record.region } }),
    }), `origin_record${suffix}`));
  }

  /** The health check, and the rule admitting Route 53's health checkers of that region to its load balancer. */
  private addHealthCheck(plan: MultiRegionPlan, listener: ListenerPlan, record: RegionRecordPlan, loadBalancer: LoadBalancer, suffix: string): Route53HealthCheck {
    const checkers = named(new DataAwsEc2ManagedPrefixList(this, `Checkers-${record.region}`, {
      provider: loadBalancer.provider, name: HEALTH_CHECKER_PREFIX_LIST(record.region),
    }), `health_checkers${suffix}`);
    // Its own group: with CloudFront's list (weight 55) this one (weight 25) would exceed the 60 rules of a group.
    loadBalancer.healthCheckerSecurityGroup?.allowSource('health_checkers', { prefixListId: checkers.id }, listener.port);
    // The load balancer's own name is probed: its certificate names the origin name, and a checker whose name the
    // certificate lacks retries the handshake without SNI. TLS 1.2 is within what HTTPS checks support.
    // https://docs.aws.amazon.com/Route53/latest/APIReference/API_HealthCheckConfig.html
    return named(new Route53HealthCheck(this, `HealthCheck-${record.region}`, {
      type: listener.protocol,
      fqdn: loadBalancer.loadBalancer.dnsName,
      port: listener.port,
      resourcePath: plan.healthCheckPath,
      requestInterval: HEALTH_CHECK.requestIntervalSeconds,
      failureThreshold: HEALTH_CHECK.failureThreshold,
      tags: { Name: `${plan.originDomainName} ${record.region}` },
    }), `health_check${suffix}`);
  }
}
