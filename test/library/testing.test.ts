import { join } from 'node:path';
import { planBlueprintText } from '../../lib';
import {
  databaseEncryption, isDatabaseEncrypted, isLoadBalancerPrivateToCdn, loadBalancerAccess, NORMALIZED, normalizeOutputs,
  renderOutputs, type RenderedOutputs, snapshotBlueprint, statefulResources, tierupMatchers,
} from '../../lib/testing';

expect.extend(tierupMatchers);

const blueprint = (name: string) => join(__dirname, '..', '..', 'blueprints', name);
const level2 = renderOutputs(blueprint('shop-2-separate-db.yaml'));
const level4 = renderOutputs(blueprint('shop-4-fleet.yaml'));

/** A copy of `outputs` with `edit` applied to every CloudFormation resource and Terraform resource body. */
function edited(outputs: RenderedOutputs, cfn: (type: string, properties: Record<string, unknown>) => void, tf: (type: string, body: Record<string, unknown>) => void): RenderedOutputs {
  const copy = structuredClone(outputs) as { cloudformation: Record<string, { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> }>; terraform: Record<string, { resource: Record<string, Record<string, Record<string, unknown>>> }> };
  for (const template of Object.values(copy.cloudformation)) for (const resource of Object.values(template.Resources)) cfn(resource.Type, resource.Properties ?? {});
  for (const config of Object.values(copy.terraform)) for (const [type, byName] of Object.entries(config.resource)) for (const body of Object.values(byName)) tf(type, body);
  return copy as unknown as RenderedOutputs;
}

describe('snapshotBlueprint', () => {
  const snapshot = snapshotBlueprint(blueprint('shop-4-fleet.yaml'));
  const text = JSON.stringify(snapshot);

  it('holds both engines, keyed by stack', () => {
    expect(Object.keys(snapshot.cloudformation)).toEqual(['shop-production-us-east-1']);
    expect(Object.keys(snapshot.terraform)).toEqual(['shop-production-us-east-1']);
  });

  it('normalizes asset hashes, the bootstrap version and the provider version', () => {
    expect(text).not.toMatch(/[0-9a-f]{64}/);
    expect(text).not.toContain('BootstrapVersion');
    const template = snapshot.cloudformation['shop-production-us-east-1'];
    expect(Object.keys(template.Parameters as object)).not.toContain('BootstrapVersion');
    expect(snapshot.terraform['shop-production-us-east-1'].terraform).toMatchObject({ required_providers: { aws: { source: 'hashicorp/aws', version: NORMALIZED.version } } });
  });

  it('replaces a hash wherever it appears, and keeps everything else', () => {
    const hash = 'a'.repeat(64);
    const normalized = normalizeOutputs({
      cloudformation: { s: { Resources: { Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Key: `${hash}.zip` }, Runtime: 'nodejs20.x' } } } } },
      terraform: {},
    });
    expect(normalized.cloudformation.s.Resources).toEqual({ Fn: { Type: 'AWS::Lambda::Function', Properties: { Code: { S3Key: `${NORMALIZED.assetHash}.zip` }, Runtime: 'nodejs20.x' } } });
  });

  it('gives the same snapshot on every run', () => {
    expect(snapshotBlueprint(blueprint('shop-4-fleet.yaml'))).toEqual(snapshot);
  });
});

describe('database encryption', () => {
  it('finds every instance of the level-4 blueprint encrypted, replicas included, in both engines', () => {
    const databases = databaseEncryption(level4);
    expect(databases.filter((database) => database.engine === 'cloudformation')).toHaveLength(3);
    expect(databases.filter((database) => database.engine === 'terraform').map((database) => database.address))
      .toEqual(['aws_db_instance.database', 'aws_db_instance.database_replica_1', 'aws_db_instance.database_replica_2']);
    expect(isDatabaseEncrypted(level4)).toBe(true);
    expect(level2).toHaveEncryptedDatabases();
  });

  it('fails when an engine stores a database in the clear', () => {
    const plainCfn = edited(level2, (type, properties) => { if (type === 'AWS::RDS::DBInstance') properties.StorageEncrypted = false; }, () => undefined);
    const plainTf = edited(level2, () => undefined, (type, body) => { if (type === 'aws_db_instance') body.storage_encrypted = false; });
    expect(isDatabaseEncrypted(plainCfn)).toBe(false);
    expect(isDatabaseEncrypted(plainTf)).toBe(false);
    expect(plainTf).not.toHaveEncryptedDatabases();
    expect(() => expect(plainTf).toHaveEncryptedDatabases()).toThrow(/not encrypted: terraform shop-production-us-east-1 aws_db_instance.database/);
  });

  it('is false when there is no database at all', () => {
    expect(isDatabaseEncrypted({ cloudformation: {}, terraform: {} })).toBe(false);
  });
});

describe('load balancer private to the CDN', () => {
  it('holds at level 4 in both engines', () => {
    const balancers = loadBalancerAccess(level4);
    expect(balancers.map((balancer) => balancer.engine)).toEqual(['cloudformation', 'terraform']);
    expect(balancers.every((balancer) => balancer.ingressRules > 0)).toBe(true);
    expect(level4).toHaveLoadBalancerPrivateToCdn();
  });

  it('does not hold when the CDN is off', () => {
    const result = planBlueprintText('name: shop\nlevel: fleet\nenvironment: development\ncdn: { enabled: false }\n', 'no-cdn.yaml');
    if (!result.ok) throw new Error('the blueprint should be valid');
    const outputs = renderOutputs(result.plan);
    expect(isLoadBalancerPrivateToCdn(outputs)).toBe(false);
    expect(outputs).not.toHaveLoadBalancerPrivateToCdn();
  });

  it('does not hold when a rule admits addresses', () => {
    const open = edited(level4, (type, properties) => { if (type === 'AWS::EC2::SecurityGroupIngress' && properties.SourcePrefixListId) properties.CidrIp = '0.0.0.0/0'; }, () => undefined);
    expect(isLoadBalancerPrivateToCdn(open)).toBe(false);
  });

  it('is false without a load balancer', () => {
    expect(isLoadBalancerPrivateToCdn(level2)).toBe(false);
  });
});

describe('stateful resources', () => {
  it('lists the data stores of level 2 in both engines', () => {
    const types = (engine: string) => [...new Set(statefulResources(level2).filter((resource) => resource.engine === engine).map((resource) => resource.type))];
    expect(types('cloudformation')).toEqual(expect.arrayContaining(['AWS::RDS::DBInstance']));
    expect(types('terraform')).toEqual(expect.arrayContaining(['aws_db_instance']));
    expect(types('cloudformation')).not.toContain('AWS::EC2::Instance');
  });

  it('matches an exact list, and says what differs', () => {
    const actual = [...new Set(statefulResources(level2).filter((resource) => resource.engine === 'terraform').map((resource) => resource.type))];
    expect(level2).toHaveStatefulTypes({ terraform: actual });
    expect(() => expect(level2).toHaveStatefulTypes({ terraform: ['aws_s3_bucket'] })).toThrow(/terraform: expected \[aws_s3_bucket\], found \[/);
  });
});
