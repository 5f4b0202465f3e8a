import { join } from 'node:path';
import { diffBlueprints, type RenderedBlueprint, type ResourceChange } from '../../../lib/analyze/upgrade-diff';
import { renderFile } from './render-both';

// Level 6 → level 7 replicates every database master secret into the further region. Adding replica Regions is an
// in-place update in both engines (CloudFormation: ReplicaRegions, "Update requires: No interruption"; Terraform:
// the `replica` block is not ForceNew, the provider calls ReplicateSecretToRegions), so the secret, whose ARN the
// app reads and whose password the databases use, is kept.

const blueprints = join(__dirname, '../../../blueprints');

describe('level 6 → level 7: the master secrets gain replicas in place', () => {
  let level6: RenderedBlueprint;
  let level7: RenderedBlueprint;
  beforeAll(() => {
    level6 = renderFile(join(blueprints, 'shop-6-microservices.yaml'));
    level7 = renderFile(join(blueprints, 'shop-7-multi-region.yaml'));
  });

  const secretChanges = (target: ResourceChange['target'], type: string): ResourceChange[] =>
    diffBlueprints(level6, level7).changes.filter((change) => change.target === target && change.type === type && change.stack.startsWith('shop-production-us-east-1'));

  it('updates each CloudFormation master secret for ReplicaRegions alone, replacing none', () => {
    const all = secretChanges('cfn', 'AWS::SecretsManager::Secret');
    // The origin proof's secrets gain their replicas the same way (the further region's load balancer reads them there).
    expect(all.filter((change) => change.id.startsWith('OriginSecret')).map((change) => [change.action, change.causes[0]])).toEqual([
      ['update', 'ReplicaRegions'], ['update', 'ReplicaRegions'],
    ]);
    const changes = all.filter((change) => !change.id.startsWith('OriginSecret'));
    // The app database, three more shards and the orders service's database; the cache's AUTH token secret is untouched.
    expect(changes.map((change) => [change.id.replace(/[0-9A-F]{8}$/, ''), change.action, change.causes])).toEqual([
      ['DatabaseMasterSecret', 'update', ['ReplicaRegions']],
      ['ShardsShard1MasterSecret', 'update', ['ReplicaRegions']],
      ['ShardsShard2MasterSecret', 'update', ['ReplicaRegions']],
      ['ShardsShard3MasterSecret', 'update', ['ReplicaRegions']],
      ['DatabaseMasterSecret', 'update', ['ReplicaRegions']],
    ]);
    expect(changes.at(-1)?.stack).toBe('shop-production-us-east-1/ServiceOrders');
  });

  it('updates each Terraform master secret for its replica block alone, replacing none', () => {
    const changes = secretChanges('tf', 'aws_secretsmanager_secret');
    expect(changes.map((change) => [change.id, change.action, change.causes])).toEqual(
      ['database', 'service_orders_database', 'shard_1', 'shard_2', 'shard_3']
        .map((database) => [`aws_secretsmanager_secret.${database}_master_secret`, 'update', ['replica']]),
    );
  });
});
