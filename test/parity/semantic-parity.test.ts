import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ArchitecturePlan, createPlan } from '../../lib/plan';
import { synthesizeCfn } from '../../lib/render/cfn';
import { renderTfConfigs } from '../../lib/render/tf';
import { loadBlueprint, parseBlueprint } from '../../lib/spec';
import { cfnModel } from './semantic/cfn-model';
import { generatedBlueprint } from './semantic/generated-blueprint';
import { pinCount, uncreatablePins } from '../analyze/engine-version-pins';
import { cfnFront, planFront, tfFront } from './semantic/front-model';
import { planModel, type SemanticModel, unheardInboxes, unusableCredentials } from './semantic/semantic-model';
import { tfModel } from './semantic/tf-model';
import { planWatching } from './semantic/watch-model';

// Semantic parity: read each engine's output (not the plan) into who reaches whom on which port, which tier may
// do what to which resource, which settings exist with which values, what each tier is told and the stateful
// properties; both engines must mean the same, and what the plan's wiring graph says. The census
// (census.test.ts) stays as the cheaper first check.

/** A difference the engines cannot avoid, and the plans it shows in. */
interface KnownDifference {
  readonly name: string;
  readonly cloudformation: RegExp;
  /** null: Terraform has no counterpart. */
  readonly terraform: RegExp | null;
  readonly where: (plan: ArchitecturePlan) => boolean;
}
const hasCache = (plan: ArchitecturePlan): boolean => plan.cache !== null || plan.services.some((service) => service.cache !== null);
const hasFleet = (plan: ArchitecturePlan): boolean => plan.fleet !== null;

/**
 * The differences the engines cannot avoid, each with its reason in docs/terraform.md ("Differences between the
 * engines"): how the app authenticates to a cache. CloudFormation hands it an AUTH token in Secrets Manager;
 * Terraform, whose state would hold that token in clear text, uses IAM authentication.
 */
export const KNOWN_DIFFERENCES: readonly KnownDifference[] = [
  { name: 'cache authentication setting', cloudformation: /\/cache\/auth-secret-arn( |$)/, terraform: /\/cache\/(auth|user)( |$)/, where: hasCache },
  { name: 'cache authentication grant', cloudformation: /secretsmanager:\S+ \{cache-auth:/, terraform: /elasticache:Connect \{cache:/, where: hasCache },
  // CloudFormation waits for each instance's cfn-signal (creation and update policies); Terraform has no resource
  // signals and judges readiness by the instance refresh's ELB health checks instead, so it grants nothing.
  { name: 'readiness signal grant', cloudformation: /^(\w+_)?fleet@\S+ cloudformation:SignalResource \{AWS::StackId\}$/, terraform: null, where: hasFleet },
];

/**
 * Every template of a plan, nested stacks' included, synthesized in a directory of this test's own (not
 * `tierup-cfn-*`, which test/render/cfn/synthesize.test.ts counts while other tests run).
 */
function cfnTemplates(plan: ArchitecturePlan): Record<string, never> {
  const outdir = mkdtempSync(join(tmpdir(), 'tierup-parity-'));
  try {
    return Object.fromEntries(synthesizeCfn([plan], { outdir, validate: false }).stacks.map((stack) => [stack.stackName, stack.template as never]));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const ASPECTS = ['reach', 'grants', 'settings', 'told', 'stateful', 'deliveries'] as const;

const withoutKnown = (model: SemanticModel, engine: 'cloudformation' | 'terraform'): Record<string, string[]> =>
  Object.fromEntries(ASPECTS.map((aspect) => [aspect, model[aspect].filter((line) => !KNOWN_DIFFERENCES.some((difference) => difference[engine]?.test(line) === true))]));

const root = join(__dirname, '../..');
const files = (dir: string): [string, ArchitecturePlan][] => readdirSync(join(root, dir)).filter((file) => file.endsWith('.yaml')).toSorted()
  .map((file) => [`${dir}/${file}`, createPlan(loadBlueprint(join(root, dir, file)).spec)]);
const cases: [string, ArchitecturePlan][] = [
  ...files('blueprints'),
  ...files('test/fixtures/ladder-blog'),
  ...files('test/fixtures/existing-vpc'),
  ['generated: 12 services, 3 regions', createPlan(parseBlueprint(generatedBlueprint(12), 'generated.yaml').spec)],
  // Everyone told: e-mail, Slack over every region's topics (CloudFormation names the other stacks' by ARN), an existing topic.
  ['level 7 outside us-east-1, with every kind of alerts', createPlan(parseBlueprint([
    'name: shop', 'level: 7', 'regions: [eu-west-1, eu-central-1]',
    'alerts: { emails: [ops@example.com], slack: { workspaceId: T012AB3CDEF, channelId: C0123ABCDEF }, topicArn: "arn:aws:sns:eu-central-1:123456789012:ops" }',
    'multiRegion: { domainName: shop.example.com, hostedZoneName: example.com }',
  ].join('\n'), 'told.yaml').spec)],
  // The deploy that brings the origin proof to a stack deployed without it: sent, not yet required.
  ['level 6, origin secret sent but not required', createPlan(parseBlueprint(
    'name: shop\nlevel: 6\ncdn: { requireOriginSecret: false }\nservices: [{ name: api, pathPattern: "/api/*" }]\n', 'sent.yaml').spec)],
  // No cache at a level that adds one (issue 22): nothing reaches, tells of or watches a cache, a service's own aside.
  ['level 4, cache.enabled: false', createPlan(parseBlueprint('name: shop\nlevel: 4\ncache: { enabled: false }\n', 'no-cache.yaml').spec)],
  ['level 6, cache.enabled: false beside a service\'s own cache', createPlan(parseBlueprint(
    'name: shop\nlevel: 6\ncache: { enabled: false }\nservices: [{ name: api, pathPattern: "/api/*", cache: { engine: valkey } }]\n', 'service-cache.yaml').spec)],
];

describe.each(cases)('%s', (_name, plan) => {
  // Each output is synthesized once and read once; every assertion shares them.
  const templates = cfnTemplates(plan);
  const cfn = cfnModel(plan, templates);
  const tfConfigs = renderTfConfigs(plan);
  const tf = tfModel(plan, tfConfigs);

  it.each(['reach', 'grants', 'settings', 'told', 'deliveries'] as const)('CloudFormation builds the %s the plan wires', (aspect) => {
    // What CloudFormation alone needs beside the graph (a difference with no Terraform counterpart) is left out.
    const engineOnly = KNOWN_DIFFERENCES.filter((difference) => difference.terraform === null);
    expect(cfn[aspect].filter((line) => !engineOnly.some((difference) => difference.cloudformation.test(line)))).toEqual(planModel(plan, 'cloudformation')[aspect]);
  });

  it.each(['reach', 'grants', 'settings', 'told', 'deliveries'] as const)('Terraform builds the %s the plan wires', (aspect) => {
    expect(tf[aspect]).toEqual(planModel(plan, 'terraform')[aspect]);
  });

  it.each([['CloudFormation', cfn], ['Terraform', tf]] as const)('%s delivers every region\'s events to that region\'s inboxes', (_engine, model) => {
    expect(unheardInboxes(plan, model)).toEqual([]);
  });

  it.each([['CloudFormation', cfn], ['Terraform', tf]] as const)('%s lets every tier read the secret of each database user and password it is told', (_engine, model) => {
    expect(unusableCredentials(plan, model)).toEqual([]);
    expect(plan.wiring.tiers.some((tier) => tier.credentials.length > 0)).toBe(plan.level >= 2);
  });

  it('Terraform puts in front of viewers what the plan says: names, certificates, origin, secret header, listeners, rules, records', () => {
    expect(tfFront(plan, tfConfigs as never)).toEqual(planFront(plan));
  });

  it('CloudFormation puts in front of viewers what the plan says, the same as Terraform', () => {
    expect(cfnFront(plan, templates as never)).toEqual(planFront(plan));
  });

  it('asks RDS, in both engines, only for engine versions it creates on 2026-12-06', () => {
    expect(uncreatablePins(templates, tfConfigs as never, '2026-12-06')).toEqual([]);
    expect(pinCount(templates, tfConfigs as never) > 0).toBe(plan.level >= 2);
  });

  it('means the same in both engines, but for the known differences', () => {
    expect(withoutKnown(tf, 'terraform')).toEqual(withoutKnown(cfn, 'cloudformation'));
    expect(cfn.stateful.some((line) => line.startsWith('db:'))).toBe(plan.level >= 2);
    expect(cfn.stateful.some((line) => /^image \/aws\/service\/ami-amazon-linux-latest\/al2023-ami-kernel-6\.1-/.test(line))).toBe(true);
  });

  it('Terraform watches what the plan says: alarms, climb composites, topics and their policies, subscriptions, log groups, filters, dashboards, outputs', () => {
    expect(tf.watching).toEqual(planWatching(plan, 'terraform'));
  });

  it('CloudFormation watches what the plan says, the same as Terraform but for where the outputs are', () => {
    expect(cfn.watching).toEqual(planWatching(plan, 'cloudformation'));
    const apart = (lines: readonly string[]): string[] => lines.filter((line) => !line.startsWith('output '));
    expect(apart(cfn.watching)).toEqual(apart(tf.watching));
  });

  it('differs only where a known difference applies, and each applies exactly where the plan has its part', () => {
    for (const difference of KNOWN_DIFFERENCES) {
      const lines = (model: SemanticModel, pattern: RegExp) => [...model.settings, ...model.grants, ...model.stateful].filter((line) => pattern.test(line));
      expect([difference.name, lines(cfn, difference.cloudformation).length > 0]).toEqual([difference.name, difference.where(plan)]);
      if (difference.terraform) expect([difference.name, lines(tf, difference.terraform).length > 0]).toEqual([difference.name, difference.where(plan)]);
    }
  });
});

describe('semantic parity catches a broken renderer', () => {
  const plan = cases.find(([name]) => name.endsWith('shop-7-multi-region.yaml'))![1];
  type Config = ReturnType<typeof renderTfConfigs>[string];
  const pristine = JSON.stringify(renderTfConfigs(plan));
  const broken = (damage: (resource: Record<string, Record<string, Record<string, unknown>>>) => void): SemanticModel => {
    const configs = JSON.parse(pristine) as Record<string, Config>;
    for (const config of Object.values(configs)) damage(config.resource as unknown as Record<string, Record<string, Record<string, unknown>>>);
    return tfModel(plan, configs as never);
  };
  const expected = planModel(plan, 'terraform');

  it('is intact on the pristine output', () => {
    expect(broken(() => undefined).grants).toEqual(expected.grants);
  });

  it('fails when a grant is dropped (the workers may no longer read the database secret)', () => {
    const model = broken((resource) => {
      const policy = resource.aws_iam_role_policy.workers_emails_permissions;
      const document = JSON.parse(String(policy.policy)) as { Statement: { Action: string[] }[] };
      document.Statement = document.Statement.filter((statement) => !statement.Action.includes('secretsmanager:GetSecretValue'));
      policy.policy = JSON.stringify(document);
    });
    expect(model.grants).not.toEqual(expected.grants);
    expect(expected.grants.filter((line) => !model.grants.includes(line)).join('\n')).toMatch(/^workers_emails@us-east-1 secretsmanager:/);
  });

  it('fails when a tier told a database user and password may no longer read their secret', () => {
    const model = broken((resource) => {
      const policy = resource.aws_iam_role_policy.fleet_eu_west_1_permissions;
      const document = JSON.parse(String(policy.policy)) as { Statement: { Action: string[]; Resource: string[] }[] };
      document.Statement = document.Statement.filter((statement) => !(statement.Action.includes('secretsmanager:GetSecretValue')
        && statement.Resource.includes('${local.database_master_secret_eu_west_1_arn}')));
      policy.policy = JSON.stringify(document);
    });
    expect(unusableCredentials(plan, model)).toEqual(['fleet@eu-west-1 secretsmanager:GetSecretValue {db-secret:shop-prod-db@eu-west-1}']);
  });

  it('fails when an egress rule is dropped (the workers can no longer open the database)', () => {
    const model = broken((resource) => { delete resource.aws_vpc_security_group_egress_rule.workers_emails_security_group_egress_all; });
    expect(expected.reach.filter((line) => !model.reach.includes(line))).toContain('worker:workers_emails@us-east-1 -> database:database:5432');
  });

  it('fails when a rule stops requiring the origin secret (any distribution could reach the app)', () => {
    const configs = JSON.parse(pristine) as Record<string, Config>;
    for (const config of Object.values(configs)) {
      const rules = (config.resource as unknown as Record<string, Record<string, { condition: unknown[] }>>).aws_lb_listener_rule;
      rules.load_balancer_app_rule.condition = [];
    }
    const front = tfFront(plan, configs as never);
    expect(planFront(plan).filter((line) => !front.includes(line))).toEqual([
      'load-balancer@us-east-1 listener 443 rule 50000 header X-Origin-Verify in {origin-secret:tierup/shop/production/origin-secret-v1},{origin-secret:tierup/shop/production/origin-secret-v2} -> app',
    ]);
  });

  it('fails when a further region\'s inbox loses its subscription (its events would be lost after a failover)', () => {
    const model = broken((resource) => { delete resource.aws_sns_topic_subscription.service_search_queue_on_order_placed_eu_west_1_subscription; });
    expect(unheardInboxes(plan, model)).toEqual([
      '{topic:shop-prod-order-placed@eu-west-1#arn} -> {queue:shop-prod-search-on-order-placed@eu-west-1#arn} raw=true',
    ]);
    expect(unheardInboxes(plan, broken(() => undefined))).toEqual([]);
  });

  describe('watching', () => {
    const further = plan.monitoring.regions[1];
    const watchedLines = planWatching(plan, 'terraform');
    const lost = (model: SemanticModel): string[] => watchedLines.filter((line) => !model.watching.includes(line));
    const alarmLineOf = (name: string): string | undefined => watchedLines.find((line) => line.startsWith(`alarm ${further.region} ${name} `));

    it('is intact on the pristine output', () => {
      expect(further.alarms.length).toBeGreaterThan(0);
      expect(broken(() => undefined).watching).toEqual(watchedLines);
    });

    it('fails when an alarm stops telling its topic that all is well again', () => {
      const [alarm] = further.alarms;
      const model = broken((resource) => { delete resource.aws_cloudwatch_metric_alarm[alarm.tfName].ok_actions; });
      expect(lost(model)).toEqual([alarmLineOf(alarm.alarmName)]);
    });

    it('fails when a further region\'s alarm watches the primary region\'s resources and tells its topics', () => {
      const alarm = further.alarms.find((candidate) => JSON.stringify(candidate.source).includes('"kind":"reference"'));
      const model = broken((resource) => {
        const body = resource.aws_cloudwatch_metric_alarm[alarm?.tfName ?? '?'];
        Object.assign(body, JSON.parse(JSON.stringify(body).replaceAll(`_${further.region.replace(/-/g, '_')}.`, '.')));
      });
      expect(lost(model)).toEqual([alarmLineOf(alarm?.alarmName ?? '?')]);
    });

    it('fails when a topic accepts plain HTTP, or is encrypted with a key CloudWatch may not use', () => {
      const [alerts, capacity] = further.topics;
      const model = broken((resource) => {
        const policy = resource.aws_sns_topic_policy[`${alerts.tfName}_policy`];
        const document = JSON.parse(String(policy.policy)) as { Statement: { Effect: string }[] };
        policy.policy = JSON.stringify({ ...document, Statement: document.Statement.filter((statement) => statement.Effect !== 'Deny') });
        resource.aws_sns_topic[capacity.tfName].kms_master_key_id = 'alias/aws/sns';
      });
      expect(lost(model)).toEqual([
        expect.stringMatching(new RegExp(`^policy ${further.region} key-of:${capacity.topicName} AccountAdministers `)),
        expect.stringMatching(new RegExp(`^policy ${further.region} key-of:${capacity.topicName} LogsEncrypt `)),
        expect.stringMatching(new RegExp(`^policy ${further.region} key-of:${capacity.topicName} ServicesPublish `)),
        expect.stringMatching(new RegExp(`^policy ${further.region} topic:${alerts.topicName} DenyInsecureTransport Deny `)),
        ...[alerts, capacity].map((topic) => expect.stringMatching(new RegExp(`^topic ${further.region} ${topic.topicName} `))),
      ]);
    });

    it('fails when a topic lets CloudWatch publish for any account (the confused deputy)', () => {
      const [alerts] = further.topics;
      const model = broken((resource) => {
        const policy = resource.aws_sns_topic_policy[alerts.policyTfName];
        const document = JSON.parse(String(policy.policy)) as { Statement: { Condition?: unknown }[] };
        policy.policy = JSON.stringify({ ...document, Statement: document.Statement.map(({ Condition: _condition, ...statement }) => statement) });
      });
      expect(lost(model)).toEqual([
        `policy ${further.region} topic:${alerts.topicName} DenyInsecureTransport Deny principal=anyone actions=sns:Publish resource=self conditions=Bool:aws:SecureTransport=false`,
        `policy ${further.region} topic:${alerts.topicName} ServicesPublish Allow principal=service:cloudwatch.amazonaws.com actions=sns:Publish resource=self conditions=StringEquals:aws:SourceAccount=account-id`,
        expect.stringMatching(new RegExp(`^topic ${further.region} ${alerts.topicName} `)),
      ]);
    });
  });

  it('fails when a setting is dropped (a further region no longer told its database)', () => {
    const model = broken((resource) => { delete resource.aws_ssm_parameter.app_config_eu_west_1_database_endpoint; });
    expect(expected.settings.filter((line) => !model.settings.includes(line))).toEqual([
      'eu-west-1 /tierup/shop/production/database/endpoint = {db:shop-prod-db-eu-west-1@eu-west-1#address}',
    ]);
    expect(model.told).not.toEqual(expected.told);
  });
});

describe('semantic parity catches a broken CloudFormation renderer', () => {
  const plan = cases.find(([name]) => name.endsWith('shop-6-microservices.yaml'))![1];
  const pristine = JSON.stringify(cfnTemplates(plan));
  const expected = planModel(plan, 'cloudformation');

  it('fails when CloudFront stops sending the origin secret (the load balancer would refuse every request)', () => {
    const templates = JSON.parse(pristine) as Record<string, { Resources: Record<string, { Type: string; Properties: { DistributionConfig: { Origins: { OriginCustomHeaders?: unknown }[] } } }> }>;
    for (const template of Object.values(templates)) {
      for (const resource of Object.values(template.Resources).filter((candidate) => candidate.Type === 'AWS::CloudFront::Distribution')) {
        for (const origin of resource.Properties.DistributionConfig.Origins) delete origin.OriginCustomHeaders;
      }
    }
    const front = cfnFront(plan, templates as never);
    expect(planFront(plan).filter((line) => !front.includes(line))).toEqual([
      'cdn origin http://{load-balancer} X-Origin-Verify={origin-secret:tierup/shop/production/origin-secret-v1}',
    ]);
  });

  it('fails when the publisher loses sns:Publish', () => {
    const templates = JSON.parse(pristine) as Record<string, { Resources: Record<string, { Type: string; Properties: { PolicyDocument: { Statement: { Action: string | string[] }[] } } }> }>;
    for (const template of Object.values(templates)) {
      for (const resource of Object.values(template.Resources).filter((candidate) => candidate.Type === 'AWS::IAM::Policy')) {
        const document = resource.Properties.PolicyDocument;
        document.Statement = document.Statement.filter((statement) => ![statement.Action].flat().includes('sns:Publish'));
      }
    }
    const model = cfnModel(plan, templates as never);
    expect(expected.grants.filter((line) => !model.grants.includes(line))).toEqual([
      'service_orders_fleet@us-east-1 sns:Publish {topic:shop-prod-order-placed@us-east-1#arn}',
    ]);
  });
});
