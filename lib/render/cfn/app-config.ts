import { Fn, Stack } from 'aws-cdk-lib';
import { type IGrantable, type Grant, Grant as IamGrant } from 'aws-cdk-lib/aws-iam';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct, type IConstruct } from 'constructs';
import { pascalCase } from '../../plan';
import type { Cache } from './cache';
import type { Database } from './database';
import { acknowledge } from './nag';

/** Props of {@link AppConfig}. */
export interface AppConfigProps {
  /** The plan's `parameterPrefix`, e.g. /tierup/shop/production. */
  readonly prefix: string;
}

/** A value the app reads, by its path under the prefix. */
export interface AppSetting {
  /** Path under the prefix, e.g. "database/endpoint"; also names the construct. */
  readonly path: string;
  readonly value: string;
  readonly description: string;
}

/**
 * How the app learns its endpoints: one SSM parameter per setting under the blueprint's prefix, and
 * read access to that path (and nothing else) for the roles that run the app. The names are the
 * app-integration contract documented in docs/cloudformation.md.
 */
export class AppConfig extends Construct {
  public readonly prefix: string;
  /** Every parameter, by its path under the prefix. */
  public readonly parameters: Map<string, StringParameter> = new Map();

  constructor(scope: Construct, id: string, props: AppConfigProps) {
    super(scope, id);
    this.prefix = props.prefix;
  }

  /** Publishes settings; each becomes `<prefix>/<path>`. */
  public publish(...settings: readonly AppSetting[]): void {
    for (const setting of settings) {
      this.parameters.set(setting.path, new StringParameter(this, pascalCase(setting.path.replace(/\//g, '-')), {
        parameterName: `${this.prefix}/${setting.path}`,
        stringValue: setting.value,
        description: setting.description,
      }));
    }
  }

  /** Lets `grantee` read the parameters under the prefix, the whole path at once included. */
  public grantRead(grantee: IGrantable & IConstruct): Grant {
    const stack = Stack.of(this);
    const path = stack.formatArn({ service: 'ssm', resource: 'parameter', resourceName: this.prefix.slice(1) });
    // cdk-nag names the finding after the ARN with its partition and account left as placeholders.
    acknowledge(grantee, 'appSettingsPath', `Resource::arn:<AWS::Partition>:ssm:${stack.region}:<AWS::AccountId>:parameter${this.prefix}/*`);
    return IamGrant.addToPrincipal({
      grantee,
      actions: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
      resourceArns: [path, `${path}/*`],
    });
  }

  /** Publishes a database's endpoints under `path` (e.g. "database"); see docs/cloudformation.md. */
  public publishDatabase(path: string, database: Database): void {
    const { plan } = database;
    this.publish(
      { path: `${path}/engine`, value: plan.engine, description: 'postgres or mysql' },
      { path: `${path}/endpoint`, value: database.instance.dbInstanceEndpointAddress, description: 'Primary (writer) host name' },
      { path: `${path}/port`, value: String(plan.port), description: 'Engine port' },
      { path: `${path}/secret-arn`, value: database.secret.secretArn, description: 'Secrets Manager secret (JSON with username and password), rotated every 30 days' },
    );
    if (database.replicas.length > 0) {
      this.publish({
        path: `${path}/reader-endpoints`,
        value: Fn.join(',', database.replicas.map((replica) => replica.dbInstanceEndpointAddress)),
        description: 'Read replica host names, comma-separated',
      });
    }
    if (database.proxy) {
      this.publish({ path: `${path}/proxy-endpoint`, value: database.proxy.endpoint, description: 'RDS Proxy host name (TLS required); prefer it to the primary' });
    }
  }

  /** Publishes a cache's endpoints and the caching policy under `path` (e.g. "cache"). */
  public publishCache(path: string, cache: Cache): void {
    const { plan, replicationGroup } = cache;
    this.publish(
      { path: `${path}/engine`, value: plan.engine, description: 'redis or valkey' },
      { path: `${path}/endpoint`, value: replicationGroup.attrPrimaryEndPointAddress, description: 'Primary host name (TLS required)' },
      { path: `${path}/reader-endpoint`, value: replicationGroup.attrReaderEndPointAddress, description: 'Reader host name (TLS required)' },
      { path: `${path}/port`, value: String(plan.port), description: 'Cache port' },
      { path: `${path}/auth-secret-arn`, value: cache.authToken.secretArn, description: 'Secrets Manager secret holding the AUTH token' },
      { path: `${path}/strategy`, value: plan.strategy, description: 'cache-aside, write-through or write-behind' },
      { path: `${path}/ttl-seconds`, value: String(plan.ttlSeconds), description: 'Time to live of cached entries, in seconds' },
    );
  }
}
