import { Construct } from 'constructs';
import type { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import type { AwsRegion } from '../../spec';
import type { RetentionPlan, SettingPlan, ShardsPlan } from '../../plan';
import { snakeCase } from '../../plan/naming';
import { publishSetting } from './app-config';
import { Database } from './database';
import type { Placement } from './placement';
import type { ReplicaRegion } from './replica-key';
import type { SettingValues } from './setting-values';
import { helperName } from './terraform-names';

/** Props of {@link Shards}. */
export interface ShardsProps {
  readonly plan: ShardsPlan;
  /** Shard 0: the level-4 primary, left exactly as it is. */
  readonly primary: Database;
  readonly placement: Placement;
  readonly retention: RetentionPlan;
  readonly regions: Readonly<Partial<Record<AwsRegion, ReplicaRegion>>>;
}

/** Terraform name prefix of the shard map's parameters. */
const MAP_TF_NAME = 'shard_map';

/**
 * Level 5: shards 1..n-1, each a {@link Database} with its own replicas and proxy, and the shard map in
 * SSM Parameter Store: the map itself (JSON) and, for every shard including shard 0, its writer, readers
 * and secret under the map's `endpointsPrefix`, as the wiring graph lists them (named as in the CloudFormation target).
 */
export class Shards extends Construct {
  /** Every shard by index, shard 0 (the primary) first. */
  public readonly databases: readonly Database[];
  public readonly parameters: SsmParameter[] = [];
  private readonly plan: ShardsPlan;

  constructor(scope: Construct, id: string, props: ShardsProps) {
    super(scope, id);
    const { plan } = props;
    this.plan = plan;
    const added = plan.shards.map((shard) => new Database(this, shard.database.id, {
      plan: shard.database, placement: props.placement, retention: props.retention, regions: props.regions,
    }));
    this.databases = [props.primary, ...added];
  }

  /** Publishes the graph's shard-map settings: `shard_map`, then `shard_map_<i>_writer`, `_readers` and `_secret_arn`. */
  public publish(settings: readonly SettingPlan[], values: SettingValues): void {
    const endpoints = `${this.plan.map.endpointsPrefix}/`;
    for (const setting of settings) {
      const path = setting.name.slice(endpoints.length);
      const [id, tfName] = setting.name === this.plan.mapParameterName
        ? ['MapParameter', MAP_TF_NAME]
        : [`Shard${path.split('/').map((part) => part.replace(/(^|-)(\w)/g, (_, _dash, letter: string) => letter.toUpperCase())).join('')}`,
            helperName(MAP_TF_NAME, snakeCase(path.replace(/\//g, '_')))];
      this.parameters.push(publishSetting(this, id, tfName, setting, values, undefined));
    }
  }
}
