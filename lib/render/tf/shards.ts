import { Construct } from 'constructs';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import type { AwsRegion } from '../../spec';
import type { RetentionPlan, ShardsPlan } from '../../plan';
import { Database } from './database';
import type { Placement } from './placement';
import { helperName, named } from './terraform-names';

/** Props of {@link Shards}. */
export interface ShardsProps {
  readonly plan: ShardsPlan;
  /** Shard 0: the level-4 primary, left exactly as it is. */
  readonly primary: Database;
  readonly placement: Placement;
  readonly retention: RetentionPlan;
  readonly regions: Readonly<Partial<Record<AwsRegion, Placement>>>;
}

/** Terraform name prefix of the shard map's parameters. */
const MAP_TF_NAME = 'shard_map';

/**
 * Level 5: shards 1..n-1, each a {@link Database} with its own replicas and proxy, and the shard map in
 * SSM Parameter Store: the map itself (JSON) and, for every shard including shard 0, its writer and
 * readers as `host:port` under the map's `endpointsPrefix`, named as in the CloudFormation target.
 */
export class Shards extends Construct {
  /** Every shard by index, shard 0 (the primary) first. */
  public readonly databases: readonly Database[];
  public readonly mapParameter: SsmParameter;

  constructor(scope: Construct, id: string, props: ShardsProps) {
    super(scope, id);
    const { plan } = props;
    const added = plan.shards.map((shard) => new Database(this, shard.database.id, {
      plan: shard.database, placement: props.placement, retention: props.retention, regions: props.regions,
    }));
    this.databases = [props.primary, ...added];
    this.mapParameter = named(new SsmParameter(this, 'MapParameter', {
      name: plan.mapParameterName,
      type: 'String',
      value: JSON.stringify(plan.map),
      description: `Shard map (${plan.strategy} on ${plan.key}) for the routing layer`,
    }), MAP_TF_NAME);
    this.databases.forEach((database, index) => this.publishEndpoints(plan.map.endpointsPrefix, index, database));
  }

  /** `<prefix>/<i>/writer` (the proxy when there is one) and `<prefix>/<i>/readers` (the replicas, else the writer). */
  private publishEndpoints(prefix: string, index: number, database: Database): void {
    const port = String(database.plan.port);
    const writer = `${database.proxy ? database.proxy.endpoint : database.instance.address}:${port}`;
    const readers = database.replicas.length > 0
      ? database.replicas.map((replica) => `${replica.address}:${port}`).join(',')
      : writer;
    named(new SsmParameter(this, `Shard${index}Writer`, {
      name: `${prefix}/${index}/writer`, type: 'String', value: writer, description: `Shard ${index}: writer endpoint (host:port)`,
    }), helperName(MAP_TF_NAME, `${index}_writer`));
    named(new SsmParameter(this, `Shard${index}Readers`, {
      name: `${prefix}/${index}/readers`, type: 'String', value: readers, description: `Shard ${index}: reader endpoints (host:port, comma-separated)`,
    }), helperName(MAP_TF_NAME, `${index}_readers`));
  }
}
