import type { DatabasePlan } from '../../lib/plan';
import { renderCfnTemplates } from '../../lib/render/cfn';
import { renderTfConfigs } from '../../lib/render/tf';
import { EXAMPLE_FILES, planOf } from '../security/examples';

type Resources = Record<string, { Type: string; Properties: Record<string, unknown> }>;

/** Every database of a plan: the app's, the shards', the services'. */
function databasesOf(file: string): DatabasePlan[] {
  const plan = planOf(file);
  return [...(plan.database ? [plan.database] : []), ...(plan.shards?.shards.map((shard) => shard.database) ?? []), ...plan.services.flatMap((service) => (service.database ? [service.database] : []))];
}

// A replica left to aws-cdk-lib's default is gp2 (300 baseline IOPS at 100 GiB against gp3's 3,000): every RDS
// instance, primary or replica, in either region, names the volume type its plan decides.
describe.each(EXAMPLE_FILES.filter((file) => databasesOf(file).length > 0))('%s: every RDS instance has the plan\'s volume type', (file) => {
  const types = new Set(databasesOf(file).map((database) => database.storageType));

  it('CloudFormation', () => {
    const instances = Object.values(renderCfnTemplates(planOf(file))).flatMap((template) => Object.values((template as { Resources: Resources }).Resources))
      .filter((resource) => resource.Type === 'AWS::RDS::DBInstance');
    expect(instances.length).toBeGreaterThan(0);
    expect(new Set(instances.map((instance) => instance.Properties.StorageType))).toEqual(types);
  });

  it('Terraform', () => {
    const instances = Object.values(renderTfConfigs(planOf(file))).flatMap((config) => Object.values((config as { resource: Record<string, Record<string, Record<string, unknown>>> }).resource.aws_db_instance ?? {}));
    expect(instances.length).toBeGreaterThan(0);
    expect(new Set(instances.map((instance) => instance.storage_type))).toEqual(types);
  });
});
