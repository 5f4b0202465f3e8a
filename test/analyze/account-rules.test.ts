import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkOutputAccountRules, checkPlanAccountRules, OUTPUT_ACCOUNT_RULES, PLAN_ACCOUNT_RULES, type SynthesizedOutputs,
} from '../../lib/analyze/account-rules';
import { listenerRuleCount } from '../../lib/analyze/account-rules/load-balancer-quotas';
import { type ArchitecturePlan, createPlan } from '../../lib/plan';
import { renderCfnTemplates } from '../../lib/render/cfn';
import { renderTfConfigs } from '../../lib/render/tf';
import { parseBlueprint } from '../../lib/spec';
import { EXAMPLE_FILES } from '../security/examples';
import { examplePlan } from './plan-of';

const ROOT = join(__dirname, '..', '..');

/** An example, optionally edited (generated blueprints: other environments, engines, bigger counts). */
function planOf(file: string, edits: Readonly<Record<string, string>> = {}): ArchitecturePlan {
  const text = Object.entries(edits).reduce((yaml, [from, to]) => yaml.split(from).join(to), readFileSync(join(ROOT, file), 'utf8'));
  return createPlan(parseBlueprint(text, file).spec);
}

function outputsOf(plan: ArchitecturePlan): SynthesizedOutputs {
  return { cloudformation: renderCfnTemplates(plan), terraform: renderTfConfigs(plan) };
}

/** A deep copy of Terraform output, to edit as an older or broken renderer would have written it. */
function editTf(outputs: SynthesizedOutputs, edit: (resources: Record<string, Record<string, Record<string, unknown>>>) => void): SynthesizedOutputs {
  const terraform = JSON.parse(JSON.stringify(outputs.terraform)) as Record<string, { resource: Record<string, Record<string, Record<string, unknown>>> }>;
  for (const config of Object.values(terraform)) edit(config.resource);
  return { ...outputs, terraform };
}

describe('account rules', () => {
  const outputs = new Map<string, { plan: ArchitecturePlan; outputs: SynthesizedOutputs }>();
  beforeAll(() => {
    for (const file of EXAMPLE_FILES) {
      const plan = planOf(file);
      outputs.set(file, { plan, outputs: outputsOf(plan) });
    }
  }, 240_000);

  it('cite an AWS document each, and have unique ids', () => {
    const rules = [...PLAN_ACCOUNT_RULES, ...OUTPUT_ACCOUNT_RULES];
    for (const rule of rules) expect(rule.source.url).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expect(new Set(rules.map((rule) => rule.id)).size).toBe(rules.length);
  });

  it.each(EXAMPLE_FILES)('pass for %s in both engines', (file) => {
    const { plan, outputs: rendered } = outputs.get(file)!;
    expect(checkPlanAccountRules(plan)).toEqual([]);
    expect(checkOutputAccountRules(rendered, plan)).toEqual([]);
  });

  it.each(EXAMPLE_FILES)('pass for blueprints generated from %s (development, MySQL, more replicas)', (file) => {
    const plan = planOf(file, { 'environment: production': 'environment: development', 'environment: staging': 'environment: development', 'engine: postgres': 'engine: mysql', 'readReplicas: 2': 'readReplicas: 3' });
    expect(checkPlanAccountRules(plan)).toEqual([]);
  });

  it('warn when CloudFormation would look the hosted zone up by name, at the field that names it', () => {
    const store = checkPlanAccountRules(planOf('blueprints/store-2-domain.yaml', { ', hostedZoneId: Z0123456789ABCDEFGHIJ': '' }));
    expect(store).toEqual([expect.objectContaining({ rule: 'hosted-zone-lookup', severity: 'warning', path: ['domain', 'hostedZone'], fix: expect.stringContaining('domain.hostedZoneId') })]);
    const seven = checkPlanAccountRules(planOf('blueprints/shop-7-multi-region.yaml', { '  hostedZoneId: Z0123456789ABCDEFGHIJ\n': '' }));
    expect(seven).toEqual([expect.objectContaining({ rule: 'hosted-zone-lookup', path: ['multiRegion', 'hostedZoneName'], fix: expect.stringContaining('multiRegion.hostedZoneId') })]);
    // Without a domain there is no zone to look up.
    expect(checkPlanAccountRules(planOf('blueprints/shop-4-fleet.yaml'))).toEqual([]);
  });

  it('find a replica of a primary whose password RDS manages (today\'s output before the fix)', () => {
    const { plan, outputs: rendered } = outputs.get('blueprints/shop-4-fleet.yaml')!;
    const managed = editTf(rendered, (resources) => { resources.aws_db_instance.database.manage_master_user_password = true; });
    expect(checkOutputAccountRules(managed, plan)).toEqual([expect.objectContaining({ rule: 'replica-source-password', severity: 'error', path: ['database', 'readReplicas'] })]);
  });

  it('find a database name RDS refuses for the engine (DBName / db_name), and none in the examples', () => {
    const { plan, outputs: rendered } = outputs.get('blueprints/shop-4-fleet.yaml')!;
    expect(checkOutputAccountRules(rendered, plan).filter((finding) => finding.rule === 'database-name')).toEqual([]);
    const hyphenated = editTf(rendered, (resources) => { resources.aws_db_instance.database.db_name = 'shop-db'; });
    expect(checkOutputAccountRules(hyphenated, plan)).toEqual([expect.objectContaining({ rule: 'database-name', severity: 'error', message: expect.stringContaining('aws_db_instance.database') })]);
    const cloudformation = JSON.parse(JSON.stringify(rendered.cloudformation)) as Record<string, { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> }>;
    const primary = Object.values(cloudformation['shop-production-us-east-1'].Resources).find((resource) => resource.Properties?.DBName !== undefined)!;
    primary.Properties.DBName = `a${'b'.repeat(63)}`;
    expect(checkOutputAccountRules({ cloudformation, terraform: {} }, plan)).toEqual([expect.objectContaining({ rule: 'database-name' })]);
  });

  it('find a cross-region replica of such a primary in CloudFormation', () => {
    const { plan, outputs: rendered } = outputs.get('blueprints/shop-7-multi-region.yaml')!;
    const cloudformation = JSON.parse(JSON.stringify(rendered.cloudformation)) as Record<string, { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> }>;
    const primary = Object.values(cloudformation['shop-production-us-east-1'].Resources)
      .find((resource) => resource.Type === 'AWS::RDS::DBInstance' && resource.Properties.DBInstanceIdentifier === 'shop-prod-db')!;
    primary.Properties.ManageMasterUserPassword = true;
    const regional = Object.fromEntries(Object.entries(cloudformation).filter(([stack]) => !stack.endsWith('us-east-1')));
    const found = checkOutputAccountRules({ cloudformation: { ...regional, 'shop-production-us-east-1': { Resources: Object.fromEntries(Object.entries(cloudformation['shop-production-us-east-1'].Resources).filter(([, resource]) => resource === primary)) } }, terraform: {} }, plan);
    expect(found).toEqual([expect.objectContaining({ rule: 'replica-source-password' })]);
  });

  it('weigh prefix lists: CloudFront\'s and Route 53\'s in one group exceed 60 rules (Terraform\'s level-7 group before the split)', () => {
    const { plan, outputs: rendered } = outputs.get('blueprints/shop-7-multi-region.yaml')!;
    const merged = editTf(rendered, (resources) => {
      for (const rule of Object.values(resources.aws_vpc_security_group_ingress_rule)) {
        rule.security_group_id = String(rule.security_group_id).replace(/load_balancer(_[a-z0-9_]+)?_health_checkers\.id/, (_match, region: string | undefined) => `load_balancer${region ?? ''}_security_group.id`);
      }
    });
    expect(checkOutputAccountRules(merged, plan)).toEqual(expect.arrayContaining([expect.objectContaining({ rule: 'security-group-rules', message: expect.stringContaining('weighing 80') })]));
  });

  it('find a Valkey-engine user group holding the passwordless default user (Terraform\'s output before the fix)', () => {
    const { plan, outputs: rendered } = outputs.get('blueprints/store-4-domain.yaml')!;
    const valkey = editTf(rendered, (resources) => {
      for (const body of [...Object.values(resources.aws_elasticache_user_group), ...Object.values(resources.aws_elasticache_user)]) body.engine = 'valkey';
    });
    expect(checkOutputAccountRules(valkey, plan)).toEqual([expect.objectContaining({
      rule: 'cache-user-group-users', severity: 'error', path: ['cache', 'engine'], message: expect.stringContaining('aws_elasticache_user_group.cache_user_group'),
    })]);
    // A Valkey group of IAM users only is accepted.
    const iamOnly = editTf(valkey, (resources) => { resources.aws_elasticache_user.cache_default_user.authentication_mode = { type: 'password' }; });
    expect(checkOutputAccountRules(iamOnly, plan)).toEqual([]);
  });

  it('find two resources for one security group rule: CloudFormation\'s IndirectPort twin, and a repeated Terraform rule', () => {
    const { plan, outputs: rendered } = outputs.get('blueprints/shop-4-fleet.yaml')!;
    const cloudformation = JSON.parse(JSON.stringify(rendered.cloudformation)) as Record<string, { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> }>;
    const resources = cloudformation['shop-production-us-east-1'].Resources;
    const [id, rule] = Object.entries(resources).find(([, resource]) => resource.Type === 'AWS::EC2::SecurityGroupIngress' && resource.Properties.Description === 'From the proxy')!;
    const instance = Object.entries(resources).find(([, resource]) => resource.Type === 'AWS::RDS::DBInstance' && resource.Properties.DBInstanceIdentifier === 'shop-prod-db')![0];
    const port = { 'Fn::GetAtt': [instance, 'Endpoint.Port'] };
    resources[`${id}IndirectPort`] = { ...rule, Properties: { ...rule.Properties, FromPort: port, ToPort: port } };
    expect(checkOutputAccountRules({ ...rendered, cloudformation }, plan)).toEqual([expect.objectContaining({
      rule: 'security-group-rule-duplicates', severity: 'warning', message: expect.stringContaining(`${id}IndirectPort`),
    })]);
    const repeated = editTf(rendered, (tf) => {
      const rules = tf.aws_vpc_security_group_ingress_rule;
      rules.database_security_group_from_fleet_again = { ...rules.database_security_group_from_fleet };
    });
    expect(checkOutputAccountRules(repeated, plan)).toEqual([expect.objectContaining({ rule: 'security-group-rule-duplicates', severity: 'error' })]);
  });

  it('warn past 5 security groups on one interface', () => {
    const { plan, outputs: rendered } = outputs.get('blueprints/shop-4-fleet.yaml')!;
    const many = editTf(rendered, (resources) => { resources.aws_launch_template.fleet_launch_template.vpc_security_group_ids = ['a', 'b', 'c', 'd', 'e', 'f']; });
    expect(checkOutputAccountRules(many, plan)).toEqual([expect.objectContaining({ rule: 'security-groups-per-interface', severity: 'warning' })]);
  });

  it('warn past 40 DB instances in a region, naming the quota and how to raise it', () => {
    const plan = planOf('blueprints/shop-5-sharded.yaml', { 'readReplicas: 2': 'readReplicas: 12' });
    expect(checkPlanAccountRules(plan)).toEqual([expect.objectContaining({
      rule: 'db-instances-per-region', severity: 'warning', path: ['database', 'shards', 'count'],
      message: expect.stringContaining('default quota of 40 DB instances per region'), fix: expect.stringContaining('Service Quotas'),
    })]);
  });

  it('warn past 100 listener rules and target groups', () => {
    const { plan } = outputs.get('blueprints/shop-6-microservices.yaml')!;
    const crowded = { ...plan, services: Array.from({ length: 101 }, () => ({ ...plan.services[0], database: null })) };
    expect(checkPlanAccountRules(crowded).map((finding) => finding.rule)).toEqual(['rules-per-listener', 'target-groups-per-load-balancer']);
  });

  it('count the app\'s rule behind CloudFront and level 7\'s health rule among the listener\'s rules', () => {
    expect(listenerRuleCount(examplePlan(4))).toBe(1); // the app's rule, with the origin proof
    expect(listenerRuleCount(examplePlan(6))).toBe(examplePlan(6).services.length + 1);
    expect(listenerRuleCount(examplePlan(7))).toBe(examplePlan(7).services.length + 2); // + the health path without the header
    expect(listenerRuleCount(planOf('blueprints/shop-4-fleet.yaml', { 'cdn: { priceClass: 100, staticAssets: true }': 'cdn: { enabled: false }' }))).toBe(0); // the default action serves
    expect(listenerRuleCount(examplePlan(3))).toBe(0);
    // 98 services + the app's rule + the health rule = 100: at the quota, not past it; one more service is.
    const level7 = examplePlan(7);
    const services = (count: number) => ({ ...level7, services: Array.from({ length: count }, () => ({ ...level7.services[0], database: null })) });
    expect(checkPlanAccountRules(services(98)).filter((finding) => finding.rule === 'rules-per-listener')).toEqual([]);
    expect(checkPlanAccountRules(services(99)).filter((finding) => finding.rule === 'rules-per-listener')).toEqual([
      expect.objectContaining({ message: '101 listener rules on the load balancer exceed the default quota of 100' }),
    ]);
  });
});
