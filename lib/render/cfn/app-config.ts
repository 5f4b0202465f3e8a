import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { SettingPlan } from '../../plan';
import { pascalCase } from '../../plan/naming';
import type { SettingValues } from './setting-values';

/** Props of {@link AppConfig}. */
export interface AppConfigProps {
  /** The plan's `parameterPrefix`, e.g. /tierup/shop/production. */
  readonly prefix: string;
}

/**
 * How the app learns its endpoints: one SSM parameter per setting of the wiring graph under the blueprint's
 * prefix, and read access to that path (and nothing else) for the roles that run the app. The names are
 * the app-integration contract documented in the README.
 */
export class AppConfig extends Construct {
  public readonly prefix: string;
  /** Every parameter, by its path under the prefix. */
  public readonly parameters: Map<string, StringParameter> = new Map();

  constructor(scope: Construct, id: string, props: AppConfigProps) {
    super(scope, id);
    this.prefix = props.prefix;
  }

  /** Publishes the graph's settings; each is named `<prefix>/<path>` and its construct after the path. */
  public publish(settings: readonly SettingPlan[], values: SettingValues): void {
    for (const setting of settings) {
      const path = setting.name.slice(this.prefix.length + 1);
      this.parameters.set(path, publishSetting(this, pascalCase(path.replace(/\//g, '-')), setting, values));
    }
  }
}

/** One setting as an SSM parameter. */
export function publishSetting(scope: Construct, id: string, setting: SettingPlan, values: SettingValues): StringParameter {
  return new StringParameter(scope, id, { parameterName: setting.name, stringValue: values.resolve(setting.value), description: setting.description });
}
