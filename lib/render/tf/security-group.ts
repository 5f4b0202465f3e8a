import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { PUBLIC_PORTS } from '../../plan/wiring/access-actions';
import { helperName, named } from './terraform-names';

/** Names of the rules admitting the internet on a port (`server_security_group_http`), kept from before the plan owned the ports. */
export const PUBLIC_SOURCE_NAMES: Readonly<Record<number, string>> = { 80: 'http', 443: 'https' };

/** A tier that may reach another: its Terraform name (rules are named after it) and its security group. */
export interface SecurityGroupClient {
  readonly tfName: string;
  readonly securityGroupId: string;
}

/** Props of {@link TierSecurityGroup}. */
export interface TierSecurityGroupProps {
  readonly tfName: string;
  readonly vpcId: string;
  readonly description: string;
  readonly provider: TerraformProvider | undefined;
}

/**
 * A security group whose rules are separate, named resources. It has no inline rules and therefore
 * no egress until one is added: Terraform removes AWS's default allow-all egress, so a data store
 * cannot open connections out.
 */
export class TierSecurityGroup extends Construct {
  public readonly group: SecurityGroup;
  public readonly tfName: string;
  private readonly provider: TerraformProvider | undefined;

  constructor(scope: Construct, id: string, props: TierSecurityGroupProps) {
    super(scope, id);
    this.tfName = props.tfName;
    this.provider = props.provider;
    this.group = named(new SecurityGroup(this, 'Group', {
      provider: props.provider, vpcId: props.vpcId, description: props.description, namePrefix: `${props.tfName}-`,
    }), props.tfName);
  }

  /** This group as a client of another tier. */
  public get client(): SecurityGroupClient {
    return { tfName: this.tfName, securityGroupId: this.group.id };
  }

  /** Admits one client tier on one TCP port (`<group>_from_<client>`). */
  public allowFrom(client: SecurityGroupClient, port: number): VpcSecurityGroupIngressRule {
    return named(new VpcSecurityGroupIngressRule(this, `From-${client.tfName}`, {
      provider: this.provider,
      securityGroupId: this.group.id,
      referencedSecurityGroupId: client.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      description: `from ${client.tfName}`,
    }), helperName(this.tfName, `from_${client.tfName}`));
  }

  /** Admits a named source (an address range or a managed prefix list) on one TCP port (`<group>_<name>`). */
  public allowSource(name: string, source: { cidrIpv4: string } | { prefixListId: string }, port: number): VpcSecurityGroupIngressRule {
    return named(new VpcSecurityGroupIngressRule(this, `Source-${name}`, {
      provider: this.provider, securityGroupId: this.group.id, ipProtocol: 'tcp', fromPort: port, toPort: port, description: name, ...source,
    }), helperName(this.tfName, name));
  }

  /** Lets this tier open connections to one target tier on one TCP port (`<group>_to_<target>`). */
  public allowTo(target: SecurityGroupClient, port: number): VpcSecurityGroupEgressRule {
    return named(new VpcSecurityGroupEgressRule(this, `To-${target.tfName}`, {
      provider: this.provider,
      securityGroupId: this.group.id,
      referencedSecurityGroupId: target.securityGroupId,
      ipProtocol: 'tcp',
      fromPort: port,
      toPort: port,
      description: `to ${target.tfName}`,
    }), helperName(this.tfName, `to_${target.tfName}`));
  }

  /** Lets a compute tier reach anything (AWS APIs, package mirrors) through its NAT or gateway. */
  public allowAllEgress(): VpcSecurityGroupEgressRule {
    return named(new VpcSecurityGroupEgressRule(this, 'EgressAll', {
      provider: this.provider, securityGroupId: this.group.id, ipProtocol: '-1', cidrIpv4: '0.0.0.0/0', description: 'all outbound',
    }), helperName(this.tfName, 'egress_all'));
  }

  /** Lets this tier call AWS APIs over HTTPS (through an interface endpoint or NAT). */
  public allowHttpsEgress(): VpcSecurityGroupEgressRule {
    const port = PUBLIC_PORTS.awsApi;
    return named(new VpcSecurityGroupEgressRule(this, 'EgressHttps', {
      provider: this.provider, securityGroupId: this.group.id, ipProtocol: 'tcp', fromPort: port, toPort: port, cidrIpv4: '0.0.0.0/0', description: 'HTTPS out',
    }), helperName(this.tfName, 'egress_https'));
  }
}
