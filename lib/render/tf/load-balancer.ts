import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener, type LbListenerDefaultAction } from '@cdktf/provider-aws/lib/lb-listener';
import { LbListenerRule, type LbListenerRuleCondition } from '@cdktf/provider-aws/lib/lb-listener-rule';
import type { ListenerPlan, LoadBalancerPlan, RetentionPlan } from '../../plan';
import { servingListener } from '../../plan/plan-domain';
import type { AccessLogs } from './access-logs';
import type { Domain } from './domain';
import type { OriginProof } from './origin-proof';
import type { Placement } from './placement';
import { PUBLIC_SOURCE_NAMES, TierSecurityGroup } from './security-group';
import { helperName, named } from './terraform-names';

/** Props of {@link LoadBalancer}. */
export interface LoadBalancerProps {
  readonly plan: LoadBalancerPlan;
  /** '' in the primary region, `_<provider alias>` in the others (level 7): Terraform names are unique per stack. */
  readonly regionSuffix: string;
  readonly placement: Placement;
  readonly retention: RetentionPlan;
  /** The region's access-log bucket: the load balancer writes its access logs there. */
  readonly accessLogs: AccessLogs;
  /** The domain, whose certificate for the origin name the HTTPS listener serves; null without one. */
  readonly domain: Domain | null;
  /** The secret header every rule requires behind CloudFront; null without a CDN. */
  readonly originProof: OriginProof | null;
}

/** What {@link LoadBalancer.serve} creates for the default app. */
export interface DefaultRoute {
  /** The serving listener; services add their path rules to it. */
  readonly listener: LbListener;
  /** What puts the default target group behind the load balancer: the listener, or the app's rule behind CloudFront. */
  readonly attachment: LbListener | LbListenerRule;
}

/** ELB's policy for TLS 1.3 and 1.2 only. https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html */
const SSL_POLICY = 'ELBSecurityPolicy-TLS13-1-2-2021-06';

/** AWS's managed list of CloudFront's origin-facing addresses. https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/LocationsOfEdgeServers.html */
export const CLOUDFRONT_PREFIX_LIST = 'com.amazonaws.global.cloudfront.origin-facing';

/**
 * The Application Load Balancer in the public subnets with the plan's listeners (HTTP, or HTTPS with ACM's
 * certificate for the origin name and an HTTP redirect), writing access logs to the region's {@link AccessLogs}.
 * When CloudFront is in front it admits only CloudFront's origin-facing prefix list, and since that list admits
 * every account's distributions, the serving listener answers 403 unless the request carries the origin secret;
 * fleets attach their target groups (the default app as the default action or the app's rule, services through
 * path rules).
 */
export class LoadBalancer extends Construct {
  public readonly loadBalancer: Lb;
  public readonly securityGroup: TierSecurityGroup;
  /** Level 7: the group admitting Route 53's health checkers (the CloudFront list fills {@link securityGroup}). */
  public readonly healthCheckerSecurityGroup: TierSecurityGroup | null;
  public readonly tfName: string;
  /** The region's provider, for what other constructs add next to the load balancer. */
  public readonly provider: TerraformProvider | undefined;
  /** The conditions every forwarding rule adds behind CloudFront: the origin secret header, either accepted value. */
  public readonly originConditions: LbListenerRuleCondition[];
  private readonly props: LoadBalancerProps;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const { plan, placement } = props;
    const tfName = `${plan.tfName}${props.regionSuffix}`;
    const { provider } = placement;
    this.tfName = tfName;
    this.provider = provider;
    this.props = props;
    const { originProof } = props;
    this.originConditions = plan.originProof && originProof ? [{ httpHeader: { httpHeaderName: originProof.headerName, values: originProof.values } }] : [];
    this.securityGroup = new TierSecurityGroup(this, 'SecurityGroup', {
      tfName: helperName(tfName, 'security_group'),
      vpcId: placement.network.vpc.id,
      description: plan.cloudFrontOnly ? 'tierup load balancer: CloudFront only' : 'tierup load balancer: HTTP from anywhere',
      provider,
    });
    // The plan's ports: behind CloudFront only the serving one (its prefix list weighs 55 of a group's 60 rules).
    const cloudFront = plan.cloudFrontOnly
      ? named(new DataAwsEc2ManagedPrefixList(this, 'CloudFront', { provider, name: CLOUDFRONT_PREFIX_LIST }), helperName(tfName, 'cloudfront'))
      : null;
    for (const { port } of plan.listeners) {
      if (cloudFront) this.securityGroup.allowSource('cloudfront', { prefixListId: cloudFront.id }, port);
      else this.securityGroup.allowSource(PUBLIC_SOURCE_NAMES[port], { cidrIpv4: '0.0.0.0/0' }, port);
    }
    this.healthCheckerSecurityGroup = plan.healthCheckerGroup
      ? new TierSecurityGroup(this, 'HealthCheckerSecurityGroup', {
        tfName: helperName(tfName, 'health_checkers'), vpcId: placement.network.vpc.id, description: 'tierup load balancer: Route 53 health checkers', provider,
      })
      : null;

    this.loadBalancer = named(new Lb(this, 'LoadBalancer', {
      provider,
      namePrefix: 'tierup',
      loadBalancerType: 'application',
      internal: false,
      subnets: placement.network.publicSubnetIds,
      securityGroups: [this.securityGroup.group.id, ...(this.healthCheckerSecurityGroup ? [this.healthCheckerSecurityGroup.group.id] : [])],
      dropInvalidHeaderFields: true,
      enableDeletionProtection: plan.deletionProtection,
      accessLogs: props.accessLogs.loadBalancerLogs,
      // Elastic Load Balancing checks that it may write to the bucket when logging is turned on.
      dependsOn: [props.accessLogs.policy],
    }), tfName);
  }

  /**
   * The plan's listeners for the default app's target group: the serving one (`<lb>_listener`) forwards to it, or
   * behind CloudFront answers 403 and forwards through the app's rule (`<lb>_app_rule`, ALB's last priority,
   * after every service's) only requests carrying the origin secret; an HTTP listener redirects to HTTPS where
   * viewers come straight to the load balancer. Level 7's health checks reach the health path through a rule of
   * their own (`<lb>_health_check_rule`): Route 53 sends no custom header.
   * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-update-rules.html
   */
  public serve(defaultTargetGroupArn: string): DefaultRoute {
    const { plan } = this.props;
    const forward: LbListenerDefaultAction = { type: 'forward', targetGroupArn: defaultTargetGroupArn };
    const serving = servingListener(plan);
    const listener = this.addListener(serving, 'listener', plan.originProof
      ? { type: 'fixed-response', fixedResponse: { contentType: 'text/plain', messageBody: 'Forbidden', statusCode: '403' } }
      : forward);
    for (const other of plan.listeners.filter((candidate) => candidate !== serving)) {
      this.addListener(other, helperName('listener', other.tfName), {
        type: 'redirect', redirect: { port: String(serving.port), protocol: serving.protocol, statusCode: 'HTTP_301' },
      });
    }
    if (plan.healthCheckRule) {
      named(new LbListenerRule(this, 'HealthCheckRule', {
        provider: this.provider,
        listenerArn: listener.arn,
        priority: plan.healthCheckRule.priority,
        condition: [{ pathPattern: { values: [plan.healthCheckRule.path] } }],
        action: [forward],
      }), helperName(this.tfName, 'health_check_rule'));
    }
    if (this.originConditions.length === 0) return { listener, attachment: listener };
    const appRule = named(new LbListenerRule(this, 'AppRule', {
      provider: this.provider,
      listenerArn: listener.arn,
      priority: plan.appRulePriority,
      condition: this.originConditions,
      action: [forward],
    }), helperName(this.tfName, 'app_rule'));
    return { listener, attachment: appRule };
  }

  /** One listener; HTTPS with the region's certificate for the origin name and TLS 1.2 or 1.3 only. */
  private addListener(plan: ListenerPlan, part: string, defaultAction: LbListenerDefaultAction): LbListener {
    const { domain } = this.props;
    const certificate = plan.certificate && domain ? domain.certificate(plan.certificate, this.props.regionSuffix, this.provider) : null;
    return named(new LbListener(this, plan.id === servingListener(this.props.plan).id ? 'Listener' : `Listener-${plan.id}`, {
      provider: this.provider,
      loadBalancerArn: this.loadBalancer.arn,
      port: plan.port,
      protocol: plan.protocol,
      ...(certificate && { certificateArn: certificate.arn, sslPolicy: SSL_POLICY }),
      defaultAction: [defaultAction],
    }), helperName(this.tfName, part));
  }
}
