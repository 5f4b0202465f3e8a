import { Fn, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import type { ExistingVpcPlan, NetworkPlan } from '../../plan';
import { PUBLIC_PORTS } from '../../plan/wiring/access-actions';
import { serviceAssumeRolePolicy } from './policy-documents';
import { TierSecurityGroup } from './security-group';
import { subnetLayout } from './subnet-layout';
import { helperName, named } from './terraform-names';

/** Props of {@link Network}. */
export interface NetworkProps {
  readonly plan: NetworkPlan;
  /** '' in the primary region, `_<provider alias>` in the others (level 7): Terraform names are unique per stack. */
  readonly regionSuffix: string;
  /** The region's provider; undefined for the default provider. */
  readonly provider: TerraformProvider | undefined;
  /** The team's VPC in this region (the region plan's `existingVpc`); null to create the VPC. */
  readonly existing: ExistingVpcPlan | null;
}

/** The team's VPC, by the id the blueprint gives (no data source: nothing is read from AWS at plan time). */
export interface ExistingVpc {
  readonly id: string;
}

/** Subnet tiers, in the order both targets allocate them. */
const TIERS = ['public', 'private', 'isolated'] as const;

/**
 * The VPC: public, private and isolated subnets in every zone with the CIDRs the CloudFormation target
 * gives them, NAT for the private tier from level 4, and VPC flow logs to CloudWatch. Or the team's own
 * VPC, by the literal ids of the plan: then only the Secrets Manager endpoint, when the plan asks for it.
 */
export class Network extends Construct {
  /** The VPC tierup created, or the team's by id. */
  public readonly vpc: Vpc | ExistingVpc;
  public readonly publicSubnetIds: string[];
  public readonly privateSubnetIds: string[];
  public readonly isolatedSubnetIds: string[];
  /** The VPC's flow log group; null in the team's VPC, whose flow logs are the team's. */
  public readonly flowLogGroup: CloudwatchLogGroup | null;
  /** Secrets Manager reached from the isolated subnets (the rotation functions), or null without a database (or in the team's VPC, with its own). */
  public readonly secretsEndpoint: VpcEndpoint | null;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { plan, provider, existing } = props;
    const tfName = `${plan.tfName}${props.regionSuffix}`;
    if (existing) {
      this.vpc = { id: existing.vpcId };
      this.publicSubnetIds = [...existing.subnets.public];
      this.privateSubnetIds = [...existing.subnets.private];
      this.isolatedSubnetIds = [...existing.subnets.isolated];
      this.flowLogGroup = null;
      this.secretsEndpoint = existing.secretsEndpoint
        && this.addSecretsEndpoint(tfName, existing.vpcId, existing.secretsEndpoint.serviceName, existing.secretsEndpoint.admittedCidr, provider);
      return;
    }
    const name = (part: string): string => helperName(tfName, part);
    const layout = subnetLayout(plan);
    const zones = named(new DataAwsAvailabilityZones(this, 'Zones', { provider, state: 'available' }), name('zones'));

    const vpc = named(new Vpc(this, 'Vpc', {
      provider, cidrBlock: plan.cidr, enableDnsHostnames: true, enableDnsSupport: true, tags: { Name: tfName },
    }), tfName);
    this.vpc = vpc;
    const subnets = Object.fromEntries(TIERS.map((tier) => [tier, layout[tier].map((cidrBlock, zone) =>
      named(new Subnet(this, `${tier}-${zone + 1}`, {
        provider,
        vpcId: vpc.id,
        cidrBlock,
        availabilityZone: Fn.element(zones.names, zone),
        mapPublicIpOnLaunch: false,
        tags: { Name: `${tfName}-${tier}-${zone + 1}` },
      }), name(`${tier}_${zone + 1}`)))])) as Record<(typeof TIERS)[number], Subnet[]>;
    this.publicSubnetIds = subnets.public.map((subnet) => subnet.id);
    this.privateSubnetIds = subnets.private.map((subnet) => subnet.id);
    this.isolatedSubnetIds = subnets.isolated.map((subnet) => subnet.id);

    const gateway = named(new InternetGateway(this, 'InternetGateway', { provider, vpcId: vpc.id }), name('internet_gateway'));
    const publicRoutes = named(new RouteTable(this, 'PublicRoutes', { provider, vpcId: vpc.id }), name('public_routes'));
    named(new Route(this, 'PublicDefaultRoute', {
      provider, routeTableId: publicRoutes.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: gateway.id,
    }), name('public_default_route'));
    subnets.public.forEach((subnet, zone) => named(new RouteTableAssociation(this, `PublicRoutes${zone + 1}`, {
      provider, subnetId: subnet.id, routeTableId: publicRoutes.id,
    }), name(`public_${zone + 1}_routes`)));

    // One NAT gateway per zone up to `natGateways`; zones beyond share them round-robin, as in aws-cdk-lib.
    const natGateways = Array.from({ length: plan.natGateways }, (_, index) => {
      const address = named(new Eip(this, `NatAddress${index + 1}`, { provider, domain: 'vpc' }), name(`nat_${index + 1}_address`));
      return named(new NatGateway(this, `Nat${index + 1}`, {
        provider, allocationId: address.id, subnetId: subnets.public[index].id, dependsOn: [gateway],
      }), name(`nat_${index + 1}`));
    });
    subnets.private.forEach((subnet, zone) => {
      const routes = named(new RouteTable(this, `PrivateRoutes${zone + 1}`, { provider, vpcId: vpc.id }), name(`private_${zone + 1}_routes`));
      named(new RouteTableAssociation(this, `PrivateRoutesAssociation${zone + 1}`, {
        provider, subnetId: subnet.id, routeTableId: routes.id,
      }), name(`private_${zone + 1}_routes_association`));
      if (natGateways.length > 0) {
        named(new Route(this, `PrivateDefaultRoute${zone + 1}`, {
          provider, routeTableId: routes.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: natGateways[zone % natGateways.length].id,
        }), name(`private_${zone + 1}_default_route`));
      }
    });
    subnets.isolated.forEach((subnet, zone) => {
      const routes = named(new RouteTable(this, `IsolatedRoutes${zone + 1}`, { provider, vpcId: vpc.id }), name(`isolated_${zone + 1}_routes`));
      named(new RouteTableAssociation(this, `IsolatedRoutesAssociation${zone + 1}`, {
        provider, subnetId: subnet.id, routeTableId: routes.id,
      }), name(`isolated_${zone + 1}_routes_association`));
    });

    const flowLogGroup = named(new CloudwatchLogGroup(this, 'FlowLogs', {
      provider, namePrefix: `/tierup/${tfName}/flow-logs-`, retentionInDays: 365,
    }), name('flow_logs'));
    this.flowLogGroup = flowLogGroup;
    const flowLogRole = named(new IamRole(this, 'FlowLogRole', {
      provider, assumeRolePolicy: serviceAssumeRolePolicy('vpc-flow-logs.amazonaws.com'),
    }), name('flow_log_role'));
    named(new IamRolePolicy(this, 'FlowLogPolicy', {
      provider,
      role: flowLogRole.id,
      policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
          Resource: `${flowLogGroup.arn}:*`,
        }],
      }),
    }), name('flow_log_policy'));
    named(new FlowLog(this, 'FlowLog', {
      provider, vpcId: vpc.id, trafficType: 'ALL', logDestination: flowLogGroup.arn, iamRoleArn: flowLogRole.arn,
    }), name('flow_log'));
    this.secretsEndpoint = plan.secretsEndpoint
      ? this.addSecretsEndpoint(tfName, vpc.id, `com.amazonaws.${vpc.region}.secretsmanager`, plan.cidr, provider)
      : null;
  }

  /** The Secrets Manager endpoint in the isolated subnets, admitting HTTPS from the VPC's own block only. */
  private addSecretsEndpoint(tfName: string, vpcId: string, serviceName: string, cidr: string, provider: TerraformProvider | undefined): VpcEndpoint {
    const name = (part: string): string => helperName(tfName, part);
    const group = new TierSecurityGroup(this, 'SecretsManagerEndpointSecurityGroup', {
      tfName: name('secrets_manager_endpoint'), vpcId, description: `tierup ${name('secrets_manager_endpoint')}: HTTPS from the VPC`, provider,
    });
    group.allowSource('https_from_vpc', { cidrIpv4: cidr }, PUBLIC_PORTS.awsApi);
    return named(new VpcEndpoint(this, 'SecretsManagerEndpoint', {
      provider,
      vpcId,
      serviceName,
      vpcEndpointType: 'Interface',
      privateDnsEnabled: true,
      subnetIds: this.isolatedSubnetIds,
      securityGroupIds: [group.group.id],
    }), name('secrets_manager'));
  }
}
