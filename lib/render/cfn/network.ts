import { Annotations, Fn, type RemovalPolicy } from 'aws-cdk-lib';
import {
  FlowLogDestination, FlowLogTrafficType, InterfaceVpcEndpoint, InterfaceVpcEndpointAwsService, IpAddresses, type IVpc, Peer, Port, SubnetType, Vpc,
} from 'aws-cdk-lib/aws-ec2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { ExistingVpcPlan, NetworkPlan } from '../../plan';
import { PUBLIC_PORTS } from '../../plan/wiring/access-actions';

/** Props of {@link Network}. */
export interface NetworkProps {
  readonly plan: NetworkPlan;
  /** The team's VPC in this stack's region (the region plan's `existingVpc`); null to create the VPC. */
  readonly existing: ExistingVpcPlan | null;
  /** What happens to the flow log group when the stack goes. */
  readonly logRemovalPolicy: RemovalPolicy;
}

/** Subnet group names: fixed, because they are part of every subnet's logical id. */
export const SUBNET_GROUPS = { public: 'Public', private: 'Private', isolated: 'Isolated' } as const;

/**
 * The VPC: Public, Private and Isolated subnets in every zone, in the same order and with the same
 * masks at every level, so that a level change never moves a subnet (and the database's subnet group).
 * Or the team's own VPC, imported by the ids and zones of the plan, under the same subnet group names.
 */
export class Network extends Construct {
  /** The VPC tierup created, or the team's (imported: nothing of it is in the template). */
  public readonly vpc: IVpc;
  /** The VPC's flow log group; null in the team's VPC, whose flow logs are the team's. */
  public readonly flowLogGroup: LogGroup | null;
  /** Secrets Manager reached from the isolated subnets (the rotation functions), or null without a database (or in the team's VPC, with its own). */
  public readonly secretsEndpoint: InterfaceVpcEndpoint | null;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { plan, existing } = props;
    if (existing) {
      this.vpc = importVpc(this, existing);
      this.flowLogGroup = null;
      this.secretsEndpoint = existing.secretsEndpoint && this.addSecretsEndpoint(this.vpc, existing.secretsEndpoint.admittedCidr);
      return;
    }
    // Below level 4 nothing runs in the private subnets, so they have no route out (and cost no NAT);
    // the group keeps its name, hence its subnets keep their logical ids and CIDRs when NAT arrives.
    const privateType = plan.natGateways > 0 ? SubnetType.PRIVATE_WITH_EGRESS : SubnetType.PRIVATE_ISOLATED;
    const vpc = new Vpc(this, 'Vpc', {
      ipAddresses: IpAddresses.cidr(plan.cidr),
      maxAzs: plan.maxAzs,
      natGateways: plan.natGateways,
      // The default security group is used by nothing tierup creates; restricting it needs a Lambda-backed custom resource.
      restrictDefaultSecurityGroup: false,
      subnetConfiguration: [
        { name: SUBNET_GROUPS.public, subnetType: SubnetType.PUBLIC, cidrMask: plan.subnetMasks.public, mapPublicIpOnLaunch: false },
        { name: SUBNET_GROUPS.private, subnetType: privateType, cidrMask: plan.subnetMasks.private },
        { name: SUBNET_GROUPS.isolated, subnetType: SubnetType.PRIVATE_ISOLATED, cidrMask: plan.subnetMasks.isolated },
      ],
    });
    this.vpc = vpc;
    const flowLogGroup = new LogGroup(this, 'FlowLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: props.logRemovalPolicy,
    });
    this.flowLogGroup = flowLogGroup;
    vpc.addFlowLog('FlowLog', {
      destination: FlowLogDestination.toCloudWatchLogs(flowLogGroup),
      trafficType: FlowLogTrafficType.ALL,
    });
    this.secretsEndpoint = plan.secretsEndpoint ? this.addSecretsEndpoint(vpc, plan.cidr) : null;
  }

  /** The Secrets Manager endpoint in the isolated subnets, admitting HTTPS from the VPC's own block only. */
  private addSecretsEndpoint(vpc: IVpc, cidr: string): InterfaceVpcEndpoint {
    const endpoint = vpc.addInterfaceEndpoint('SecretsManagerEndpoint', {
      service: InterfaceVpcEndpointAwsService.SECRETS_MANAGER, subnets: { subnetGroupName: SUBNET_GROUPS.isolated }, privateDnsEnabled: true, open: false,
    });
    endpoint.connections.allowFrom(Peer.ipv4(cidr), Port.tcp(PUBLIC_PORTS.awsApi), 'HTTPS from the VPC');
    return endpoint;
  }
}

/**
 * The team's VPC from the plan's literal ids and zones (`Vpc.fromVpcAttributes`: no lookup, no account needed),
 * its tiers named like the groups of the VPC tierup creates, so every construct selects its subnets the same way.
 */
function importVpc(scope: Construct, existing: ExistingVpcPlan): IVpc {
  const { subnets } = existing;
  // tierup reads no route table (it creates no route and no gateway endpoint), so the import names none.
  Annotations.of(scope).acknowledgeWarning('@aws-cdk/aws-ec2:noSubnetRouteTableId', 'tierup adds no route to the team\'s VPC and reads none of its route tables');
  return Vpc.fromVpcAttributes(scope, 'Vpc', {
    vpcId: existing.vpcId,
    availabilityZones: [...existing.zones],
    publicSubnetIds: [...subnets.public],
    publicSubnetNames: [SUBNET_GROUPS.public],
    privateSubnetIds: [...subnets.private],
    privateSubnetNames: [SUBNET_GROUPS.private],
    isolatedSubnetIds: [...subnets.isolated],
    isolatedSubnetNames: [SUBNET_GROUPS.isolated],
  });
}

/**
 * The zones a stack spreads over: `Fn::GetAZs` picked by index, so the template stays account-agnostic
 * while the VPC still gets exactly `maxAzs` zones (an env-agnostic stack would stop at two).
 */
export function zoneTokens(maxAzs: number): string[] {
  return Array.from({ length: maxAzs }, (_, index) => Fn.select(index, Fn.getAzs()));
}
