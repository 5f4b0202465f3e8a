import type { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import type { InstanceIdentity } from './instance-identity';
import { helperName, named } from './terraform-names';

/** What {@link createLaunchTemplate} needs. */
export interface LaunchTemplateProps {
  readonly owner: string;
  readonly instanceType: string;
  readonly rootVolumeGb: number;
  readonly identity: InstanceIdentity;
  readonly securityGroupId: string;
  /** Base64 user data: the tier's boot script. */
  readonly bootScript: string;
  readonly tags: Readonly<Record<string, string>>;
  readonly provider: TerraformProvider | undefined;
}

/**
 * `<owner>_launch_template`: IMDSv2 only with one hop (containers cannot reach the metadata service),
 * an encrypted gp3 root volume, detailed monitoring, no key pair, and the blueprint's tags on every
 * instance and volume (provider `default_tags` do not reach instances an Auto Scaling group starts).
 */
export function createLaunchTemplate(scope: Construct, props: LaunchTemplateProps): LaunchTemplate {
  const tags = { ...props.tags, Name: props.owner };
  return named(new LaunchTemplate(scope, 'LaunchTemplate', {
    provider: props.provider,
    namePrefix: `${props.owner}-`,
    imageId: props.identity.imageId,
    instanceType: props.instanceType,
    vpcSecurityGroupIds: [props.securityGroupId],
    iamInstanceProfile: { arn: props.identity.profile.arn },
    metadataOptions: { httpTokens: 'required', httpEndpoint: 'enabled', httpPutResponseHopLimit: 1 },
    monitoring: { enabled: true },
    userData: props.bootScript,
    blockDeviceMappings: [{ deviceName: '/dev/xvda', ebs: { encrypted: 'true', volumeType: 'gp3', volumeSize: props.rootVolumeGb, deleteOnTermination: 'true' } }],
    tagSpecifications: [{ resourceType: 'instance', tags }, { resourceType: 'volume', tags }],
    updateDefaultVersion: true,
  }), helperName(props.owner, 'launch_template'));
}
