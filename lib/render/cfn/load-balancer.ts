import { Duration } from 'aws-cdk-lib';
import { Peer, Port, SecurityGroup, type IVpc } from 'aws-cdk-lib/aws-ec2';
import {
  ApplicationListener, ApplicationLoadBalancer, ApplicationProtocol, ApplicationTargetGroup, ListenerAction, TargetType,
} from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { ACCESS_LOG_PREFIXES, type FleetPlan, type LoadBalancerPlan, servingListener } from '../../plan';
import type { AwsRegion } from '../../spec';
import { cloudFrontPrefixListId } from './cloudfront-prefix-list';
import { acknowledge } from './nag';
import { SUBNET_GROUPS } from './network';

/** Props of {@link LoadBalancer}. */
export interface LoadBalancerProps {
  readonly plan: LoadBalancerPlan;
  readonly vpc: IVpc;
  readonly region: AwsRegion;
  /** The default app's fleet: the default target group forwards to it. */
  readonly defaultFleet: FleetPlan;
  /** Where the load balancer writes its access logs (see AccessLogs). */
  readonly accessLogs: IBucket;
}

/**
 * The Application Load Balancer in the public subnets: an HTTP listener whose default action
 * forwards to the app's target group. Viewers reach it through CloudFront over HTTPS when a CDN is
 * on, and then the load balancer admits only CloudFront's origin-facing addresses.
 */
export class LoadBalancer extends Construct {
  public readonly securityGroup: SecurityGroup;
  public readonly loadBalancer: ApplicationLoadBalancer;
  public readonly listener: ApplicationListener;
  /** The default app's target group; services add their own with path rules on {@link listener}. */
  public readonly defaultTargetGroup: ApplicationTargetGroup;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const { plan, vpc, defaultFleet } = props;
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: plan.cloudFrontOnly ? 'Load balancer: HTTP from CloudFront only' : 'Load balancer: HTTP from anywhere',
      allowAllOutbound: false,
    });
    const viewers = plan.cloudFrontOnly ? Peer.prefixList(cloudFrontPrefixListId(this, props.region)) : Peer.anyIpv4();
    this.securityGroup.addIngressRule(viewers, Port.tcp(servingListener(plan).port), plan.cloudFrontOnly ? 'CloudFront origin-facing' : 'HTTP');
    if (!plan.cloudFrontOnly) acknowledge(this.securityGroup, 'loadBalancerOpenToWeb');

    this.loadBalancer = new ApplicationLoadBalancer(this, 'LoadBalancer', {
      vpc,
      vpcSubnets: { subnetGroupName: SUBNET_GROUPS.public },
      internetFacing: true,
      securityGroup: this.securityGroup,
      dropInvalidHeaderFields: true,
      deletionProtection: plan.deletionProtection,
    });
    this.loadBalancer.logAccessLogs(props.accessLogs, ACCESS_LOG_PREFIXES.loadBalancer);
    this.defaultTargetGroup = new ApplicationTargetGroup(this, 'DefaultTargetGroup', {
      vpc,
      port: defaultFleet.port,
      protocol: ApplicationProtocol.HTTP,
      targetType: TargetType.INSTANCE,
      // Instances drain quickly: the app keeps no sessions (they live in the cache).
      deregistrationDelay: Duration.seconds(30),
      healthCheck: {
        path: defaultFleet.healthCheckPath,
        healthyHttpCodes: defaultFleet.healthyHttpCodes,
        interval: Duration.seconds(15),
        healthyThresholdCount: 2,
        unhealthyThresholdCount: 3,
      },
    });
    // Plain HTTP: tierup owns no domain or certificate, so TLS ends at CloudFront (see docs/cloudformation.md).
    this.listener = this.loadBalancer.addListener('Http', {
      port: servingListener(plan).port,
      protocol: ApplicationProtocol.HTTP,
      open: false,
      defaultAction: ListenerAction.forward([this.defaultTargetGroup]),
    });
  }
}
