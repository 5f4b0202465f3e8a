import type { ISecurityGroup, IVpc } from 'aws-cdk-lib/aws-ec2';
import type { IGrantable } from 'aws-cdk-lib/aws-iam';
import { StringParameter } from 'aws-cdk-lib/aws-ssm';
import { Construct } from 'constructs';
import type { RetentionPlan, ShardsPlan } from '../../plan';
import { Database } from './database';

/** Props of {@link Shards}. */
export interface ShardsProps {
  readonly plan: ShardsPlan;
  /** Shard 0: the level-4 primary, left exactly as it is. */
  readonly primary: Database;
  readonly vpc: IVpc;
  readonly retention: RetentionPlan;
  /** Security groups of the tier that may connect to every shard. */
  readonly clients: readonly ISecurityGroup[];
  /** Roles that read every shard's master secret (the app's instances). */
  readonly readers: readonly IGrantable[];
}

/**
 * Level 5: shards 1..n-1, each a {@link Database} with its own replicas and proxy, and the shard map
 * in SSM Parameter Store: the map itself (JSON) and, for every shard including shard 0, its writer and
 * readers as `host:port` under the map's `endpointsPrefix` (docs/upper-levels.md describes both).
 */
export class Shards extends Construct {
  /** Every shard by index, shard 0 (the primary) first. */
  public readonly databases: readonly Database[];
  public readonly mapParameter: StringParameter;

  constructor(scope: Construct, id: string, props: ShardsProps) {
    super(scope, id);
    const { plan } = props;
    const added = plan.shards.map((shard) => {
      const database = new Database(this, shard.database.id, {
        plan: shard.database,
        vpc: props.vpc,
        retention: props.retention,
        clients: props.clients,
      });
      for (const reader of props.readers) database.grantSecretRead(reader);
      return database;
    });
    this.databases = [props.primary, ...added];
    this.mapParameter = new StringParameter(this, 'MapParameter', {
      parameterName: plan.mapParameterName,
      stringValue: JSON.stringify(plan.map),
      description: `Shard map (${plan.strategy} on ${plan.key}) for the routing layer`,
    });
    this.databases.forEach((database, index) => this.publishEndpoints(plan.map.endpointsPrefix, index, database));
  }

  /** `<prefix>/<i>/writer` (the proxy when there is one) and `<prefix>/<i>/readers` (the replicas, else the writer). */
  private publishEndpoints(prefix: string, index: number, database: Database): void {
    const port = String(database.plan.port);
    const writer = `${database.proxy ? database.proxy.endpoint : database.instance.dbInstanceEndpointAddress}:${port}`;
    const readers = database.replicas.length > 0
      ? database.replicas.map((replica) => `${replica.dbInstanceEndpointAddress}:${port}`).join(',')
      : writer;
    new StringParameter(this, `Shard${index}Writer`, {
      parameterName: `${prefix}/${index}/writer`,
      stringValue: writer,
      description: `Shard ${index}: writer endpoint (host:port)`,
    });
    new StringParameter(this, `Shard${index}Readers`, {
      parameterName: `${prefix}/${index}/readers`,
      stringValue: readers,
      description: `Shard ${index}: reader endpoints (host:port, comma-separated)`,
    });
  }
}
