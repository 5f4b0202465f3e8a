import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, NestedStack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import type { ArchitecturePlan } from '../../../../lib/plan';
import { createPlan } from '../../../../lib/plan';
import { loadBlueprint } from '../../../../lib/spec';
import { BlueprintStack } from '../../../../lib/render/cfn/blueprint-stack';
import { RegionalStack } from '../../../../lib/render/cfn/regional-stack';
import { CFN_APP_PROPS, synthesizeCfn } from '../../../../lib/render/cfn/synthesize';
import { examplePlan } from './fixtures';
import { tmpdir } from 'node:os';

/** Every template of a synthesized plan, nested ones included, with its resource count. */
function resourceCounts(plan: ArchitecturePlan): Record<string, number> {
  const outdir = mkdtempSync(join(tmpdir(), 'tierup-upper-'));
  try {
    synthesizeCfn([plan], { outdir, validate: false });
    return Object.fromEntries(readdirSync(outdir).filter((file) => file.endsWith('.template.json')).map((file) => [
      file, Object.keys(JSON.parse(readFileSync(join(outdir, file), 'utf8')).Resources).length,
    ]));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function planFromYaml(yaml: string): ArchitecturePlan {
  const directory = mkdtempSync(join(tmpdir(), 'tierup-spec-'));
  try {
    writeFileSync(join(directory, 'blueprint.yaml'), yaml);
    return createPlan(loadBlueprint(join(directory, 'blueprint.yaml')).spec);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

const levels = {
  5: examplePlan('shop-5-sharded'),
  6: examplePlan('shop-6-microservices'),
  7: examplePlan('shop-7-multi-region'),
};

describe('BlueprintStack at levels 5-7', () => {
  const stack6 = new BlueprintStack(new App(CFN_APP_PROPS), { plan: levels[6] });
  const template6 = Template.fromStack(stack6);

  it('creates one nested stack per service, with the service id', () => {
    expect(stack6.services.map((service) => service.node.id)).toEqual(['ServiceOrders', 'ServiceSearch']);
    expect(stack6.services.every((service) => NestedStack.isNestedStack(service))).toBe(true);
    template6.resourceCountIs('AWS::CloudFormation::Stack', 2);
  });

  it('routes each service path with its planned priority and the origin header; the app\'s rule is last; anything else is refused', () => {
    // The accepted versions, the one CloudFront sends first: v1, then v2 (created a rotation early), by name.
    const proof = (version: number) => `{{resolve:secretsmanager:tierup/shop/production/origin-secret-v${version}:SecretString:::}}`;
    for (const service of stack6.services) {
      Template.fromStack(service).hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
        Priority: service.plan.listenerPriority,
        Conditions: [
          { Field: 'path-pattern', PathPatternConfig: { Values: [service.plan.pathPattern] } },
          { Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Origin-Verify', Values: [proof(1), proof(2)] } },
        ],
        Actions: [Match.objectLike({ Type: 'forward' })],
      });
    }
    template6.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', {
      DefaultActions: [{ Type: 'fixed-response', FixedResponseConfig: Match.objectLike({ StatusCode: '403' }) }],
    });
    template6.hasResourceProperties('AWS::ElasticLoadBalancingV2::ListenerRule', {
      Priority: 50_000,
      Conditions: [{ Field: 'http-header', HttpHeaderConfig: { HttpHeaderName: 'X-Origin-Verify', Values: [1, 2].map((version) => (
        { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: Match.stringLikeRegexp(`^OriginSecretV${version}`) }, ':SecretString:::}}']] })) } }],
      Actions: [{ Type: 'forward', TargetGroupArn: { Ref: Match.stringLikeRegexp('^LoadBalancerDefaultTargetGroup') } }],
    });
    expect(Math.max(...stack6.services.map((service) => service.plan.listenerPriority))).toBeLessThan(50_000);
    // Read by name, so each service stack deploys after the secrets it names.
    for (const nested of Object.values(template6.findResources('AWS::CloudFormation::Stack'))) {
      expect(nested.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/^OriginSecretV1/), expect.stringMatching(/^OriginSecretV2/)]));
    }
  });

  it('gives a service its own fleet, database only where planned, and its inbox queue', () => {
    const [orders, search] = stack6.services.map((service) => Template.fromStack(service));
    orders.resourceCountIs('AWS::AutoScaling::AutoScalingGroup', 1);
    orders.hasResourceProperties('AWS::RDS::DBInstance', { DBInstanceIdentifier: 'shop-prod-orders-db' });
    search.resourceCountIs('AWS::RDS::DBInstance', 0);
    search.resourceCountIs('AWS::ElastiCache::ReplicationGroup', 1);
    search.hasResourceProperties('AWS::SQS::Queue', { QueueName: 'shop-prod-search-on-order-placed' });
  });

  it('subscribes search to order-placed from the main stack', () => {
    template6.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'sqs', RawMessageDelivery: true });
  });

  it('keeps the level-6 primary stack when level 7 adds a region, but for the CDN origin, the routing and the domain\'s certificates', () => {
    const stack7 = new BlueprintStack(new App(CFN_APP_PROPS), { plan: levels[7] });
    const template7 = Template.fromStack(stack7);
    template7.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ Origins: Match.arrayWith([Match.objectLike({ DomainName: 'origin.shop.example.com' })]) }),
    });
    template7.hasResourceProperties('AWS::Route53::RecordSet', { Failover: 'PRIMARY' });
    const types = (template: Template) => Object.values(template.toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
    const added = types(template7).filter((type) => !types(template6).includes(type)).toSorted();
    // multiRegion.domainName is level 7's domain: CloudFront's and the load balancer's certificates come with it.
    expect([...new Set(added)]).toEqual(['AWS::CertificateManager::Certificate', 'AWS::Lambda::Function', 'AWS::Route53::HealthCheck', 'AWS::Route53::RecordSet', 'Custom::AWS']);
  });

  it('replicates every master secret into the further region with that region\'s default key, from level 7 only', () => {
    const stack7 = new BlueprintStack(new App(CFN_APP_PROPS), { plan: levels[7] });
    const masters = (stack: BlueprintStack) => [stack, ...stack.services].flatMap((scope) => Object.values(Template.fromStack(scope)
      .findResources('AWS::SecretsManager::Secret', { Properties: { GenerateSecretString: { SecretStringTemplate: Match.stringLikeRegexp('username') } } })));
    // The app database, three more shards and the orders service's database (in its nested stack).
    expect(masters(stack7).map((secret) => secret.Properties.ReplicaRegions)).toEqual(Array.from({ length: 5 }, () => [{ Region: 'eu-west-1' }]));
    expect(masters(stack6).map((secret) => secret.Properties.ReplicaRegions)).toEqual(Array.from({ length: 5 }, () => undefined));
  });
});

describe('RegionalStack', () => {
  const plan = levels[7];
  const stack = new RegionalStack(new App(CFN_APP_PROPS), { plan, region: plan.regions[1] });
  const template = Template.fromStack(stack);

  it('is named after the region plan', () => {
    expect(stack.stackName).toBe('shop-production-eu-west-1');
    expect(stack.region).toBe('eu-west-1');
  });

  it('replicates every primary across regions, encrypted with a key of this region', () => {
    const identifiers = ['shop-prod-db', 'shop-prod-shard-1', 'shop-prod-shard-2', 'shop-prod-shard-3', 'shop-prod-orders-db'];
    template.resourceCountIs('AWS::RDS::DBInstance', identifiers.length);
    for (const identifier of identifiers) {
      template.hasResourceProperties('AWS::RDS::DBInstance', {
        DBInstanceIdentifier: `${identifier}-eu-west-1`,
        SourceDBInstanceIdentifier: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':rds:us-east-1:', { Ref: 'AWS::AccountId' }, `:db:${identifier}`]] },
        SourceRegion: 'us-east-1',
        KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^RegionalReplicasKey'), 'Arn'] },
        PubliclyAccessible: false,
      });
    }
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  it('runs the regional tier: fleet, service fleets, cache, queue workers', () => {
    template.resourceCountIs('AWS::ElasticLoadBalancingV2::LoadBalancer', 1);
    template.resourceCountIs('AWS::CloudFormation::Stack', 2);
    template.resourceCountIs('AWS::ElastiCache::ReplicationGroup', 1);
    template.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { MinSize: '0' });
  });

  it('receives static assets in a versioned, private bucket', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      VersioningConfiguration: { Status: 'Enabled' },
      PublicAccessBlockConfiguration: Match.objectLike({ BlockPublicAcls: true, RestrictPublicBuckets: true }),
    });
  });

  it('tells and grants this region\'s replica of each master secret: the primary\'s ARN, read from the primary region, with the region swapped', () => {
    const replicaArn = (setting: string) => {
      const side = (index: number) => ({
        'Fn::Select': [index, { 'Fn::Split': [':us-east-1:', { 'Fn::GetAtt': [Match.stringLikeRegexp(`^SettingValuesRead${setting}`), 'Parameter.Value'] }] }],
      });
      return { 'Fn::Join': ['', [side(0), ':eu-west-1:', side(1)]] };
    };
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/tierup/shop/production/database/secret-arn', Value: replicaArn('TierupShopProductionDatabaseSecretArn') });
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/tierup/shop/production/shards/1/secret-arn', Value: replicaArn('TierupShopProductionShards1SecretArn') });
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: Match.objectLike({
        Statement: Match.arrayWith([{ Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'], Effect: 'Allow', Resource: replicaArn('TierupShopProductionDatabaseSecretArn') }]),
      }),
    });
    // One lookup per secret (app database, shards 1-3, orders): shard 0's ARN is the app database's, read once.
    expect(Object.keys(template.findResources('Custom::AWS')).filter((id) => /SecretArn/.test(id))).toHaveLength(5);
  });

  it('gives each event a topic of this region, delivering to this region\'s inbox and told to this region\'s publisher', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      TopicName: 'shop-prod-order-placed', KmsMasterKeyId: { 'Fn::Join': ['', Match.arrayWith([':kms:eu-west-1:'])] },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'sqs', RawMessageDelivery: true, TopicArn: { Ref: Match.stringLikeRegexp('^EventsEventOrderPlaced') },
      Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ServiceSearch'), Match.stringLikeRegexp('QueueOnOrderPlaced')] },
    });
    template.hasResourceProperties('AWS::SSM::Parameter', { Name: '/tierup/shop/production/events/order-placed/arn', Value: { Ref: Match.stringLikeRegexp('^EventsEventOrderPlaced') } });
    // The publisher is told this region's topic, not the primary region's read across regions.
    expect(Object.keys(template.findResources('Custom::AWS')).filter((id) => /Event/.test(id))).toEqual([]);
    const search = Template.fromStack(stack.services.find((service) => service.plan.name === 'search')!);
    search.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: 'sqs:SendMessage', Principal: { Service: 'sns.amazonaws.com' } })]) },
    });
  });

  it('takes the SECONDARY failover record', () => {
    template.hasResourceProperties('AWS::Route53::RecordSet', { Failover: 'SECONDARY', SetIdentifier: 'eu-west-1' });
  });
});

describe('template size', () => {
  it('keeps every template of a dozen services at or under 500 resources', () => {
    const base = readFileSync('blueprints/shop-6-microservices.yaml', 'utf8');
    const services = Array.from({ length: 12 }, (_, index) => `svc-${String.fromCharCode(97 + index)}`).map((name) => [
      `  - name: ${name}`,
      `    pathPattern: "/${name}/*"`,
      '    database: { engine: postgres, readReplicas: 1, proxy: true }',
      '    cache: { engine: valkey }',
      `    queues: [{ name: ${name}-jobs, worker: { instanceType: t3.small, min: 0, max: 4, backlogPerInstance: 50 } }]`,
    ].join('\n')).join('\n');
    const counts = resourceCounts(planFromYaml(`${base.slice(0, base.indexOf('services:'))}services:\n${services}\n`));
    expect(Object.keys(counts)).toHaveLength(13);
    expect(Math.max(...Object.values(counts))).toBeLessThanOrEqual(500);
  });

  it('keeps every template of three regions at or under 500 resources', () => {
    const base = readFileSync('blueprints/shop-7-multi-region.yaml', 'utf8');
    const counts = resourceCounts(planFromYaml(base.replace('regions: [us-east-1, eu-west-1]', 'regions: [us-east-1, eu-west-1, ap-southeast-1]')));
    // Three regions' stacks and the us-east-1 stack of Route 53's and CloudFront's alarms.
    expect(Object.keys(counts).filter((file) => !file.includes('.nested.'))).toHaveLength(4);
    expect(Math.max(...Object.values(counts))).toBeLessThanOrEqual(500);
  });
});

describe.each([5, 6, 7] as const)('shop-%i snapshot', (level) => {
  it('matches', () => {
    const app = new App(CFN_APP_PROPS);
    const plan = levels[level];
    const stacks = [new BlueprintStack(app, { plan }), ...plan.regions.filter((region) => !region.primary).map((region) => new RegionalStack(app, { plan, region }))];
    for (const stack of stacks) {
      expect(Template.fromStack(stack).toJSON()).toMatchSnapshot(stack.stackName);
    }
  });
});
