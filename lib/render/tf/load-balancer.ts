import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsEc2ManagedPrefixList } from '@cdktf/provider-aws/lib/data-aws-ec2-managed-prefix-list';
import { Lb } from '@cdktf/provider-aws/lib/lb';
import { LbListener } from '@cdktf/provider-aws/lib/lb-listener';
import type { LoadBalancerPlan, RetentionPlan } from '../../plan';
import type { AccessLogs } from './access-logs';
import type { Placement } from './placement';
import { TierSecurityGroup } from './security-group';
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
}

/** CloudFront reaches origins over HTTP on this port without a domain. TODO(domain): read the plan's listeners. */
export const LISTENER_PORT = 80;

/** AWS's managed list of CloudFront's origin-facing addresses. https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/LocationsOfEdgeServers.html */
export const CLOUDFRONT_PREFIX_LIST = 'com.amazonaws.global.cloudfront.origin-facing';

/**
 * The Application Load Balancer in the public subnets with one HTTP listener, writing access logs to the
 * region's {@link AccessLogs}. When CloudFront is in
 * front it admits only CloudFront's origin-facing prefix list; fleets attach their target groups
 * (the default app as the listener's default action, services through path rules).
 */
export class LoadBalancer extends Construct {
  public readonly loadBalancer: Lb;
  public readonly securityGroup: TierSecurityGroup;
  /** Level 7: the group admitting Route 53's health checkers (the CloudFront list fills {@link securityGroup}). */
  public readonly healthCheckerSecurityGroup: TierSecurityGroup | null;
  public readonly tfName: string;
  /** The region's provider, for what other constructs add next to the load balancer. */
  public readonly provider: TerraformProvider | undefined;

  constructor(scope: Construct, id: string, props: LoadBalancerProps) {
    super(scope, id);
    const { plan, placement } = props;
    const tfName = `${plan.tfName}${props.regionSuffix}`;
    const { provider } = placement;
    this.tfName = tfName;
    this.provider = provider;
    this.securityGroup = new TierSecurityGroup(this, 'SecurityGroup', {
      tfName: helperName(tfName, 'security_group'),
      vpcId: placement.network.vpc.id,
      description: plan.cloudFrontOnly ? 'tierup load balancer: CloudFront only' : 'tierup load balancer: HTTP from anywhere',
      provider,
    });
    if (plan.cloudFrontOnly) {
      const cloudFront = named(new DataAwsEc2ManagedPrefixList(this, 'CloudFront', { provider, name: CLOUDFRONT_PREFIX_LIST }), helperName(tfName, 'cloudfront'));
      this.securityGroup.allowSource('cloudfront', { prefixListId: cloudFront.id }, LISTENER_PORT);
    } else {
      this.securityGroup.allowSource('http', { cidrIpv4: '0.0.0.0/0' }, LISTENER_PORT);
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

  /** The HTTP listener, forwarding to the default app's target group; services add path rules to it. */
  public addListener(defaultTargetGroupArn: string): LbListener {
    return named(new LbListener(this, 'Listener', {
      provider: this.provider,
      loadBalancerArn: this.loadBalancer.arn,
      port: LISTENER_PORT,
      protocol: 'HTTP',
      defaultAction: [{ type: 'forward', targetGroupArn: defaultTargetGroupArn }],
    }), helperName(this.tfName, 'listener'));
  }
}
