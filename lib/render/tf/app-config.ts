import type { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import type { SettingPlan } from '../../plan';
import { snakeCase } from '../../plan/naming';
import type { SettingValues } from './setting-values';
import { helperName, named } from './terraform-names';

/** Props of {@link AppConfig}. */
export interface AppConfigProps {
  /** The plan's `parameterPrefix`, e.g. /tierup/shop/production. */
  readonly prefix: string;
  /** Prefix of the parameters' Terraform names: `app_config` for the app (suffixed per region at level 7), `<service>_config` for a service. */
  readonly tfName: string;
  readonly provider: TerraformProvider | undefined;
}

/**
 * How the app learns its endpoints: one SSM parameter per setting of the wiring graph under the blueprint's
 * prefix (the same names as the CloudFormation target), and the ARN of that path for the grants that read it.
 */
export class AppConfig extends Construct {
  public readonly prefix: string;
  public readonly parameters: Map<string, SsmParameter> = new Map();
  /** ARN of the parameter path, `arn:<partition>:ssm:<region>:<account>:parameter<prefix>`. */
  public readonly pathArn: string;
  /** The partition and account of the region, for other ARNs the grants build (the agent's log groups). */
  public readonly partition: string;
  public readonly accountId: string;
  private readonly tfName: string;
  private readonly provider: TerraformProvider | undefined;

  constructor(scope: Construct, id: string, props: AppConfigProps) {
    super(scope, id);
    this.prefix = props.prefix;
    this.tfName = props.tfName;
    this.provider = props.provider;
    const { provider } = props;
    const partition = named(new DataAwsPartition(this, 'Partition', { provider }), helperName(this.tfName, 'partition'));
    const region = named(new DataAwsRegion(this, 'Region', { provider }), helperName(this.tfName, 'region'));
    const account = named(new DataAwsCallerIdentity(this, 'Account', { provider }), helperName(this.tfName, 'account'));
    this.pathArn = `arn:${partition.partition}:ssm:${region.region}:${account.accountId}:parameter${this.prefix}`;
    this.partition = partition.partition;
    this.accountId = account.accountId;
  }

  /** Publishes the graph's settings; each is named `<prefix>/<path>` and its resource `<tfName>_<path>`. */
  public publish(settings: readonly SettingPlan[], values: SettingValues): void {
    for (const setting of settings) {
      const path = setting.name.slice(this.prefix.length + 1);
      this.parameters.set(path, publishSetting(this, path, helperName(this.tfName, snakeCase(path.replace(/\//g, '_'))), setting, values, this.provider));
    }
  }
}

/** One setting as an SSM parameter. */
export function publishSetting(
  scope: Construct, id: string, tfName: string, setting: SettingPlan, values: SettingValues, provider: TerraformProvider | undefined,
): SsmParameter {
  return named(new SsmParameter(scope, id, {
    provider, name: setting.name, type: 'String', value: values.resolve(setting.value), description: setting.description,
  }), tfName);
}
