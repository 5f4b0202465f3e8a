import { Fn, type TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { DataAwsRegion } from '@cdktf/provider-aws/lib/data-aws-region';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { snakeCase } from '../../plan';
import type { Cache } from './cache';
import type { Database } from './database';
import type { AppTier } from './placement';
import { policyDocument } from './policy-documents';
import { helperName, named } from './terraform-names';

/** Props of {@link AppConfig}. */
export interface AppConfigProps {
  /** The plan's `parameterPrefix`, e.g. /tierup/shop/production. */
  readonly prefix: string;
  /** Prefix of the parameters' Terraform names: `app_config` for the app (suffixed per region at level 7), `<service>_config` for a service. */
  readonly tfName: string;
  readonly provider: TerraformProvider | undefined;
}

/** A value the app reads, by its path under the prefix. */
export interface AppSetting {
  /** Path under the prefix, e.g. "database/endpoint"; also names the resource (`app_config_database_endpoint`). */
  readonly path: string;
  readonly value: string;
  readonly description: string;
}

/**
 * How the app learns its endpoints: one SSM parameter per setting under the blueprint's prefix (the same
 * names as the CloudFormation target), and read access to that path only for the roles running the app.
 */
export class AppConfig extends Construct {
  public readonly prefix: string;
  public readonly parameters: Map<string, SsmParameter> = new Map();
  private readonly tfName: string;
  private readonly provider: TerraformProvider | undefined;
  /** ARN of the parameter path, `arn:<partition>:ssm:<region>:<account>:parameter<prefix>`. */
  private readonly pathArn: string;

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
  }

  /** Publishes settings; each becomes `<prefix>/<path>`. */
  public publish(...settings: readonly AppSetting[]): void {
    for (const setting of settings) {
      const part = snakeCase(setting.path.replace(/\//g, '_'));
      this.parameters.set(setting.path, named(new SsmParameter(this, setting.path, {
        provider: this.provider, name: `${this.prefix}/${setting.path}`, type: 'String', value: setting.value, description: setting.description,
      }), helperName(this.tfName, part)));
    }
  }

  /** Lets an app tier read the parameters under the prefix, the whole path at once included. */
  public grantRead(tier: AppTier): void {
    const path = this.pathArn;
    named(new IamRolePolicy(this, `Read-${tier.tfName}`, {
      provider: this.provider,
      role: tier.roleName,
      policy: policyDocument([{
        Effect: 'Allow',
        Action: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
        Resource: [path, `${path}/*`],
      }]),
    }), helperName(this.tfName, `read_${tier.tfName}`));
  }

  /** Publishes a database's endpoints under `path` (e.g. "database"), as the CloudFormation target does. */
  public publishDatabase(path: string, database: Database): void {
    const { plan } = database;
    this.publish(
      { path: `${path}/engine`, value: plan.engine, description: 'postgres or mysql' },
      { path: `${path}/endpoint`, value: database.instance.address, description: 'Primary (writer) host name' },
      { path: `${path}/port`, value: String(plan.port), description: 'Engine port' },
      { path: `${path}/secret-arn`, value: database.secretArn, description: 'Secrets Manager secret (JSON with username and password), rotated every 30 days' },
    );
    if (database.replicas.length > 0) {
      this.publish({
        path: `${path}/reader-endpoints`,
        value: Fn.join(',', database.replicas.map((replica) => replica.address)),
        description: 'Read replica host names, comma-separated',
      });
    }
    if (database.proxy) {
      this.publish({ path: `${path}/proxy-endpoint`, value: database.proxy.endpoint, description: 'RDS Proxy host name (TLS required); prefer it to the primary' });
    }
  }

  /**
   * Publishes a cache's endpoints and caching policy under `path` (e.g. "cache"). Where the CloudFormation
   * target publishes `auth-secret-arn`, this one publishes `auth` = `iam` and the `user` to connect as.
   */
  public publishCache(path: string, cache: Cache): void {
    const { plan, group, user } = cache;
    this.publish(
      { path: `${path}/engine`, value: plan.engine, description: 'redis or valkey' },
      { path: `${path}/endpoint`, value: group.primaryEndpointAddress, description: 'Primary host name (TLS required)' },
      { path: `${path}/reader-endpoint`, value: group.readerEndpointAddress, description: 'Reader host name (TLS required)' },
      { path: `${path}/port`, value: String(plan.port), description: 'Cache port' },
      { path: `${path}/auth`, value: 'iam', description: 'Authenticate with an IAM token (elasticache:Connect) as the user below' },
      { path: `${path}/user`, value: user.userName, description: 'ElastiCache user to connect as' },
      { path: `${path}/strategy`, value: plan.strategy, description: 'cache-aside, write-through or write-behind' },
      { path: `${path}/ttl-seconds`, value: String(plan.ttlSeconds), description: 'Time to live of cached entries, in seconds' },
    );
  }
}
