import { Testing } from 'cdktf';
// cdktf's jest matchers' type declarations (Testing.setupJest() registers them at run time).
import 'cdktf/lib/testing/adapters/jest';
import { ElasticacheUser } from '@cdktf/provider-aws/lib/elasticache-user';
import { ElasticacheUserGroup } from '@cdktf/provider-aws/lib/elasticache-user-group';
import type { ArchitecturePlan } from '../../../lib/plan';
import { BlueprintStack, renderTfConfigs } from '../../../lib/render/tf';
import { examplePlan } from './examples';

Testing.setupJest();

// What AWS and Terraform check when they create the configuration (issue 21): each test fails on the output before it.

type Body = Record<string, unknown>;
type Config = { resource: Record<string, Record<string, Body>>; data?: Record<string, Record<string, Body>>; output: Record<string, Body> };

const configs = new Map<string, Config>();
/** The one configuration of an example (rendered once per file). */
function configOf(file: string): Config {
  if (!configs.has(file)) configs.set(file, Object.values(renderTfConfigs(examplePlan(file)))[0] as unknown as Config);
  return configs.get(file)!;
}
const synth = (plan: ArchitecturePlan): string => Testing.synth(new BlueprintStack(Testing.app(), { plan }));

describe('Cache access control', () => {
  it('puts a Valkey cache\'s users in a Redis OSS-engine group: a Valkey-engine group refuses the passwordless default user', () => {
    const synthesized = synth(examplePlan('store-4-domain.yaml'));
    expect(synthesized).toHaveResourceWithProperties(ElasticacheUserGroup, { engine: 'redis', user_group_id: 'store-prod-cache' });
    expect(synthesized).toHaveResourceWithProperties(ElasticacheUser, {
      engine: 'redis', user_name: 'default', access_string: 'off -@all', authentication_mode: { type: 'no-password-required' },
    });
    expect(synthesized).toHaveResourceWithProperties(ElasticacheUser, { engine: 'redis', user_name: 'store-prod-cache-app', authentication_mode: { type: 'iam' } });
    expect(synthesized).not.toHaveResourceWithProperties(ElasticacheUserGroup, { engine: 'valkey' });
    expect(configOf('store-4-domain.yaml').resource.aws_elasticache_replication_group.cache).toMatchObject({ engine: 'valkey' });
  });

  it('does so in every region and service of level 7', () => {
    const { resource } = configOf('shop-7-multi-region.yaml');
    const groups = resource.aws_elasticache_user_group;
    expect(Object.keys(groups)).toEqual(expect.arrayContaining(['service_search_cache_user_group', 'service_search_cache_eu_west_1_user_group']));
    for (const group of Object.values(groups)) expect(group.engine).toBe('redis');
    for (const user of Object.values(resource.aws_elasticache_user)) expect(user.engine).toBe('redis');
  });
});

describe('ReplicaKey (level 7)', () => {
  const { resource, data } = configOf('shop-7-multi-region.yaml');

  it('encrypts every cross-region replica with a key of its own region, rotated, rather than the AWS-managed aws/rds', () => {
    expect(resource.aws_kms_key.regional_replicas_key_eu_west_1).toMatchObject({
      provider: 'aws.eu_west_1', description: 'Encrypts the cross-region read replicas in eu-west-1', enable_key_rotation: true, lifecycle: { prevent_destroy: true },
    });
    const replicas = Object.entries(resource.aws_db_instance).filter(([name]) => name.endsWith('_replica_eu_west_1'));
    expect(replicas.map(([name]) => name).toSorted()).toEqual(['database', 'service_orders_database', 'shard_1', 'shard_2', 'shard_3'].map((db) => `${db}_replica_eu_west_1`));
    for (const [, replica] of replicas) {
      expect(replica).toMatchObject({ kms_key_id: '${aws_kms_key.regional_replicas_key_eu_west_1.arn}', storage_encrypted: true });
    }
    expect(data?.aws_kms_alias).toBeUndefined();
  });

  it('keeps the key of replicas created before, which Terraform could only change by replacing them', () => {
    for (const [name, replica] of Object.entries(resource.aws_db_instance)) {
      expect({ name, lifecycle: replica.lifecycle }).toEqual(name.endsWith('_eu_west_1')
        ? { name, lifecycle: { ignore_changes: ['kms_key_id'] } }
        : { name, lifecycle: replica.lifecycle });
    }
  });

  it('has the key policy of CloudFormation\'s RegionalReplicas/Key: the account root may do kms:*', () => {
    const policy = JSON.parse(String(resource.aws_kms_key.regional_replicas_key_eu_west_1.policy)) as { Statement: Body[] };
    expect(policy.Statement).toEqual([{
      Effect: 'Allow',
      Principal: { AWS: 'arn:${data.aws_partition.regional_replicas_key_eu_west_1_partition.partition}:iam::${data.aws_caller_identity.regional_replicas_key_eu_west_1_account.account_id}:root' },
      Action: ['kms:*'],
      Resource: '*',
    }]);
    expect(data?.aws_partition.regional_replicas_key_eu_west_1_partition).toEqual({ provider: 'aws.eu_west_1' });
  });
});

describe('the url output (levels 1-3)', () => {
  it.each(['shop-1-single-server.yaml', 'shop-2-separate-db.yaml', 'shop-3-cache.yaml'])('%s names the Elastic IP\'s address, which the instance\'s public_ip is not once it attaches', (file) => {
    expect(configOf(file).output.url).toMatchObject({ value: 'http://${aws_eip.server_address.public_ip}' });
  });
});

describe('tiers start after the stores they wait for', () => {
  it('level 4: the fleet after its database, its read replicas, the proxy and the cache', () => {
    expect(configOf('shop-4-fleet.yaml').resource.aws_autoscaling_group.fleet.depends_on).toEqual([
      'aws_db_instance.database', 'aws_db_instance.database_replica_1', 'aws_db_instance.database_replica_2',
      'aws_db_proxy.database_proxy', 'aws_elasticache_replication_group.cache',
    ]);
  });

  it('level 7: each further region\'s groups after that region\'s replicas and caches', () => {
    const groups = configOf('shop-7-multi-region.yaml').resource.aws_autoscaling_group;
    expect(groups.fleet_eu_west_1.depends_on).toEqual(expect.arrayContaining([
      'aws_db_instance.database_replica_eu_west_1', 'aws_db_instance.shard_3_replica_eu_west_1', 'aws_elasticache_replication_group.cache_eu_west_1',
    ]));
    expect(groups.service_orders_fleet_eu_west_1.depends_on).toEqual(['aws_db_instance.service_orders_database_replica_eu_west_1']);
    expect(groups.service_search_fleet_eu_west_1.depends_on).toEqual(['aws_elasticache_replication_group.service_search_cache_eu_west_1']);
  });
});
