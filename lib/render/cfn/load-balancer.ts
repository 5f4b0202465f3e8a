import { Duration } from 'aws-cdk-lib';
import type { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { Peer, Port, SecurityGroup, type IVpc } from 'aws-cdk-lib/aws-ec2';
import {
  type ApplicationListener, ApplicationListenerRule, ApplicationLoadBalancer, ApplicationProtocol, ApplicationTargetGroup, ListenerAction,
  ListenerCondition, SslPolicy, TargetType,
} from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import type { IBucket } from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { DomainPlan, FleetPlan, ListenerPlan, LoadBalancerPlan } from '../../plan';
import { ACCESS_LOG_PREFIXES } from '../../plan/access-log-prefixes';
import { servingListener } from '../../plan/plan-domain';
import type { AwsRegion } from '../../spec';
import { dnsValidatedCertificate } from './certificate-stack';
import { cloudFrontPrefixListId } from './cloudfront-prefix-list';
import { acknowledge } from './nag';
import { SUBNET_GROUPS } from './network';
import type { OriginProof } from './origin-secrets';

/** Props of {@link LoadBalancer}. */
export interface LoadBalancerProps {
  readonly plan: LoadBalancerPlan;
  readonly vpc: IVpc;
  readonly region: AwsRegion;
  /** The default app's fleet: the default target group forwards to it. */
  readonly defaultFleet: FleetPlan;
  /** Where the load balancer writes its access logs (see AccessLogs). */
  readonly accessLogs: IBucket;
  /** With a domain: the HTTPS listener's certificate is validated in its zone; null without one. */
  readonly domain: DomainPlan | null;
  /** Behind CloudFront: the header values the rules require (the plan's `originProof`); null without a CDN. */
  readonly originProof: OriginProof | null;
}

/**
 * The header rule's condition: the secret header equals one accepted value. A rule holds at most 5 condition
 * values in all (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-limits.html),
 * so a path rule with two accepted values stays within it.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html
 */
export function originProofCondition(proof: OriginProof): ListenerCondition {
  return ListenerCondition.httpHeader(proof.headerName, [...proof.accepted]);
}

/**
 * The Application Load Balancer in the public subnets and its listeners (the plan's): one that serves (HTTP
 * without a domain; HTTPS with ACM's certificate for the origin name and a TLS 1.2+ policy with one), and, when
 * viewers come straight to it over HTTPS, HTTP redirecting to it. Without a CDN the serving listener forwards to
 * the app's target group. Behind CloudFront it admits only CloudFront's origin-facing addresses, and, as anyone's
 * distribution can reach those, its default action is a 403: the app's rule (last) and each service's path rule
 * also require the distribution's secret header.
 */
export class LoadBalancer extends Construct {
  public readonly securityGroup: SecurityGroup;
  public readonly loadBalancer: ApplicationLoadBalancer;
  /** The serving listener: services add their path rules to it. */
  public readonly listener: ApplicationListener;
  /** HTTP 80 redirecting to HTTPS (a domain without a CDN); null otherwise. */
  public readonly redirectListener: ApplicationListener | null;
  /** With a domain: the regional certificate for the origin name; null without one. */
  public readonly certificate: Certificate | null;
  /** Behind CloudFront: the app's rule (secret header → the default target group); null without a CDN. */
  public readonly appRule: ApplicationListenerRule | null;
  /** Level 7 behind CloudFront: the health path without the header, for Route 53's health checks; null otherwise. */
  public readonly healthCheckRule: ApplicationListenerRule | null;
  /** The default app's target group; services add their own with path rules on {@link listener}. */
  public readonly defaultTargetGroup: ApplicationTargetGroup;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const { plan, vpc, defaultFleet } = props;
    this.securityGroup = new SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: `Load balancer: ${[...new Set(plan.listeners.map((listener) => listener.protocol))].toSorted().join(' and ')} from ${plan.cloudFrontOnly ? 'CloudFront only' : 'anywhere'}`,
      allowAllOutbound: false,
    });
    const viewers = plan.cloudFrontOnly ? Peer.prefixList(cloudFrontPrefixListId(this, props.region)) : Peer.anyIpv4();
    for (const listener of plan.listeners) {
      this.securityGroup.addIngressRule(viewers, Port.tcp(listener.port), plan.cloudFrontOnly ? 'CloudFront origin-facing' : listener.protocol);
    }
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
    const certificatePlan = plan.listeners.find((listener) => listener.certificate !== null)?.certificate;
    this.certificate = certificatePlan && props.domain ? dnsValidatedCertificate(this, certificatePlan, props.domain) : null;
    const listeners = plan.listeners.map((listener) => this.addPlannedListener(listener, servingListener(plan), props.originProof));
    const redirect = plan.listeners.findIndex((listener) => listener.action === 'redirect-to-https');
    this.listener = listeners[plan.listeners.findIndex((listener) => listener.action === 'serve')];
    this.redirectListener = redirect >= 0 ? listeners[redirect] : null;

    const proof = props.originProof;
    this.appRule = proof && new ApplicationListenerRule(this, 'AppRule', {
      listener: this.listener,
      priority: plan.appRulePriority,
      conditions: [originProofCondition(proof)],
      action: ListenerAction.forward([this.defaultTargetGroup]),
    });
    // Route 53 health checks send no custom header, so the health path alone skips the proof.
    this.healthCheckRule = plan.healthCheckRule && new ApplicationListenerRule(this, 'HealthCheckRule', {
      listener: this.listener,
      priority: plan.healthCheckRule.priority,
      conditions: [ListenerCondition.pathPatterns([plan.healthCheckRule.path])],
      action: ListenerAction.forward([this.defaultTargetGroup]),
    });
  }

  /** One listener of the plan; HTTPS takes the regional certificate and ELB's TLS 1.2-and-1.3 policy. */
  private addPlannedListener(listener: ListenerPlan, serving: ListenerPlan, proof: OriginProof | null): ApplicationListener {
    const https = listener.protocol === 'HTTPS';
    return this.loadBalancer.addListener(listener.id, {
      port: listener.port,
      protocol: https ? ApplicationProtocol.HTTPS : ApplicationProtocol.HTTP,
      open: false,
      ...(https && this.certificate ? { certificates: [this.certificate], sslPolicy: SslPolicy.RECOMMENDED_TLS } : {}),
      defaultAction: listener.action === 'redirect-to-https'
        ? ListenerAction.redirect({ protocol: serving.protocol, port: String(serving.port), permanent: true })
        : proof
          ? ListenerAction.fixedResponse(403, { contentType: 'text/plain', messageBody: 'Forbidden' })
          : ListenerAction.forward([this.defaultTargetGroup]),
    });
  }
}
