import { Fn, type RemovalPolicy } from 'aws-cdk-lib';
import { FlowLogDestination, FlowLogTrafficType, InterfaceVpcEndpoint, InterfaceVpcEndpointAwsService, IpAddresses, Peer, Port, SubnetType, Vpc } from 'aws-cdk-lib/aws-ec2';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { type NetworkPlan, PUBLIC_PORTS } from '../../plan';

/** Props of {@link Network}. */
export interface NetworkProps {
  readonly plan: NetworkPlan;
  /** What happens to the flow log group when the stack goes. */
  readonly logRemovalPolicy: RemovalPolicy;
}

/** Subnet group names: fixed, because they are part of every subnet's logical id. */
export const SUBNET_GROUPS = { public: 'Public', private: 'Private', isolated: 'Isolated' } as const;

/**
 * The VPC: Public, Private and Isolated subnets in every zone, in the same order and with the same
 * masks at every level, so that a level change never moves a subnet (and the database's subnet group).
 */
export class Network extends Construct {
  public readonly vpc: Vpc;
  public readonly flowLogGroup: LogGroup;
  /** Secrets Manager reached from the isolated subnets (the rotation functions), or null without a database. */
  public readonly secretsEndpoint: InterfaceVpcEndpoint | null;

  constructor(scope: Construct, id: string, props: NetworkProps) {
    super(scope, id);
    const { plan } = props;
    // Below level 4 nothing runs in the private subnets, so they have no route out (and cost no NAT);
    // the group keeps its name, hence its subnets keep their logical ids and CIDRs when NAT arrives.
    const privateType = plan.natGateways > 0 ? SubnetType.PRIVATE_WITH_EGRESS : SubnetType.PRIVATE_ISOLATED;
    this.vpc = new Vpc(this, 'Vpc', {
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
    this.flowLogGroup = new LogGroup(this, 'FlowLogs', {
      retention: RetentionDays.ONE_YEAR,
      removalPolicy: props.logRemovalPolicy,
    });
    this.vpc.addFlowLog('FlowLog', {
      destination: FlowLogDestination.toCloudWatchLogs(this.flowLogGroup),
      trafficType: FlowLogTrafficType.ALL,
    });
    this.secretsEndpoint = plan.secretsEndpoint ? this.addSecretsEndpoint(plan.cidr) : null;
  }

  /** The Secrets Manager endpoint in the isolated subnets, admitting HTTPS from the VPC's own block only. */
  private addSecretsEndpoint(cidr: string): InterfaceVpcEndpoint {
    const endpoint = this.vpc.addInterfaceEndpoint('SecretsManagerEndpoint', {
      service: InterfaceVpcEndpointAwsService.SECRETS_MANAGER, subnets: { subnetGroupName: SUBNET_GROUPS.isolated }, privateDnsEnabled: true, open: false,
    });
    endpoint.connections.allowFrom(Peer.ipv4(cidr), Port.tcp(PUBLIC_PORTS.awsApi), 'HTTPS from the VPC');
    return endpoint;
  }
}

/**
 * The zones a stack spreads over: `Fn::GetAZs` picked by index, so the template stays account-agnostic
 * while the VPC still gets exactly `maxAzs` zones (an env-agnostic stack would stop at two).
 */
export function zoneTokens(maxAzs: number): string[] {
  return Array.from({ length: maxAzs }, (_, index) => Fn.select(index, Fn.getAzs()));
}
