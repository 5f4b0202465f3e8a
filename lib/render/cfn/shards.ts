import type { ISecurityGroup, IVpc } from 'aws-cdk-lib/aws-ec2';
import type { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { RetentionPlan, SettingPlan, ShardsPlan } from '../../plan';
import { publishSetting } from './app-config';
import { Database } from './database';
import type { SettingValues } from './setting-values';

/** Props of {@link Shards}. */
export interface ShardsProps {
  readonly plan: ShardsPlan;
  /** Shard 0: the level-4 primary, left exactly as it is. */
  readonly primary: Database;
  readonly vpc: IVpc;
  readonly retention: RetentionPlan;
  /** Security groups that may connect to a shard, by the shard's key in the wiring graph. */
  readonly clients: (key: string) => readonly ISecurityGroup[];
}

/**
 * Level 5: shards 1..n-1, each a {@link Database} with its own replicas and proxy, and the shard map
 * in SSM Parameter Store: the map itself (JSON) and, for every shard including shard 0, its writer,
 * readers and secret under the map's `endpointsPrefix`, as the wiring graph lists them (docs/upper-levels.md).
 */
export class Shards extends Construct {
  /** Every shard by index, shard 0 (the primary) first. */
  public readonly databases: readonly Database[];
  public readonly parameters: StringParameter[] = [];
  private readonly plan: ShardsPlan;

  constructor(scope: Construct, id: string, props: ShardsProps) {
    super(scope, id);
    const { plan } = props;
    this.plan = plan;
    const added = plan.shards.map((shard) => new Database(this, shard.database.id, {
      plan: shard.database,
      vpc: props.vpc,
      retention: props.retention,
      clients: props.clients(shard.database.tfName),
    }));
    this.databases = [props.primary, ...added];
  }

  /** Publishes the graph's shard-map settings: `MapParameter`, then `Shard<i>Writer`, `Shard<i>Readers`, `Shard<i>SecretArn`. */
  public publish(settings: readonly SettingPlan[], values: SettingValues): void {
    const endpoints = `${this.plan.map.endpointsPrefix}/`;
    for (const setting of settings) {
      const id = setting.name === this.plan.mapParameterName
        ? 'MapParameter'
        : `Shard${setting.name.slice(endpoints.length).split('/').map((part) => part.replace(/(^|-)(\w)/g, (_, _dash, letter: string) => letter.toUpperCase())).join('')}`;
      this.parameters.push(publishSetting(this, id, setting, values));
    }
  }
}
