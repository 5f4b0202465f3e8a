import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import {
  CFN_NAMED_TYPES, CFN_UNNAMED_TYPES, cfnNameClaims, type NameClaim, nameCollisions, TF_NAMED_TYPES, TF_UNNAMED_TYPES, tfNameClaims,
} from '../../lib/analyze/account-rules/physical-names';
import { cfnDomainClaims, tfDomainClaims } from '../../lib/analyze/account-rules/domain-names';
import { type ArchitecturePlan, createPlan } from '../../lib/plan';
import { addBlueprintStacks, CFN_APP_PROPS, synthesizeCfn } from '../../lib/render/cfn';
import { renderTfConfigs } from '../../lib/render/tf';
import { parseBlueprint } from '../../lib/spec';

// Several blueprints deployed into one account, as teams do: two applications, two environments of one
// application, every level, several regions. No physical name may be claimed twice where AWS wants it
// unique (per account and region; per account for IAM and CloudFront; everywhere for S3 buckets).

const ROOT = join(__dirname, '..', '..');
const ACCOUNT = { accountId: '123456789012', partition: 'aws' };
const LEVELS = [1, 2, 3, 4, 5, 6, 7] as const;

/** One deployment of the account: a ladder of blueprint files and the edits that make it this app and environment. */
interface Deployment {
  readonly label: string;
  readonly file: (level: number) => string;
  readonly edits: Readonly<Record<string, string>>;
  readonly levels: readonly number[];
}

const shop = (level: number): string => join(ROOT, 'blueprints', `${['', 'shop-1-single-server', 'shop-2-separate-db', 'shop-3-cache', 'shop-4-fleet', 'shop-5-sharded', 'shop-6-microservices', 'shop-7-multi-region'][level]}.yaml`);
const store = (level: number): string => join(ROOT, 'blueprints', level === 2 ? 'store-2-domain.yaml' : 'store-4-domain.yaml');
const blog = (level: number): string => join(ROOT, 'test', 'fixtures', 'ladder-blog', `${['', 'blog-1-single-server', 'blog-2-separate-db', 'blog-3-cache', 'blog-4-fleet', 'blog-5-sharded', 'blog-6-microservices', 'blog-7-multi-region'][level]}.yaml`);

const DEPLOYMENTS: readonly Deployment[] = [
  { label: 'shop production (us-east-1, eu-west-1)', file: shop, edits: {}, levels: LEVELS },
  { label: 'shop staging beside it', file: shop, edits: { 'environment: production': 'environment: staging', 'domainName: shop.example.com': 'domainName: staging.shop.example.com' }, levels: LEVELS },
  // A second application in the same regions as the first; its own name, as CloudFront aliases and records are unique.
  { label: 'blog production in us-east-1', file: blog, edits: { 'environment: staging': 'environment: production', 'eu-central-1': 'us-east-1', 'domainName: blog.example.org': 'domainName: www.blog.example.org' }, levels: [1, 3, 5, 7] },
  { label: 'blog staging (eu-central-1, us-west-2)', file: blog, edits: {}, levels: [2, 4, 6, 7] },
  // Own domains: the store, and its staging on a name of its own (the same name would be refused, see below).
  { label: 'store production on store.example.com', file: store, edits: {}, levels: [2, 4] },
  { label: 'store staging on staging.store.example.com', file: store, edits: { 'environment: production': 'environment: staging', 'name: store.example.com': 'name: staging.store.example.com' }, levels: [2, 4] },
];

function planOf(file: string, edits: Readonly<Record<string, string>>): ArchitecturePlan {
  const text = Object.entries(edits).reduce((yaml, [from, to]) => yaml.split(from).join(to), readFileSync(file, 'utf8'));
  return createPlan(parseBlueprint(text, file).spec);
}

function claimsOf(plan: ArchitecturePlan, outdir: string): { claims: NameClaim[]; types: string[] } {
  const cfn = synthesizeCfn([plan], { outdir, validate: false }).stacks;
  const tf = Object.entries(renderTfConfigs(plan));
  return {
    claims: [
      ...cfn.flatMap((stack) => cfnNameClaims(stack.stackName, stack.region, stack.template, ACCOUNT)),
      ...tf.flatMap(([stack, config]) => tfNameClaims(stack, config, ACCOUNT)),
    ],
    types: [
      ...cfn.flatMap((stack) => Object.values(stack.template.Resources).map((resource) => `cfn ${resource.Type}`)),
      ...tf.flatMap(([, config]) => Object.keys(config.resource ?? {}).map((type) => `tf ${type}`)),
    ],
  };
}

/** Collisions between different deployments, or within one output; one deployment's levels replace each other and may repeat names. */
function conflicts(claims: readonly (NameClaim & { deployment: string; level: number })[]): string[] {
  return nameCollisions(claims).flatMap((group) => {
    const typed = group as (NameClaim & { deployment: string; level: number })[];
    const deployments = new Set(typed.map((claim) => claim.deployment));
    const outputs = typed.map((claim) => `${claim.deployment}@${claim.level}`);
    const repeatsWithinOutput = new Set(outputs).size < outputs.length;
    return deployments.size > 1 || repeatsWithinOutput
      ? [`${typed[0].engine} ${typed[0].type} "${typed[0].name}" (${typed[0].scope} ${typed[0].region}): ${typed.map((claim) => `${claim.deployment}@${claim.level} ${claim.resource}`).join(', ')}`]
      : [];
  });
}

describe('side by side in one account', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'tierup-side-by-side-'));
  const claims: (NameClaim & { deployment: string; level: number })[] = [];
  const types = new Set<string>();
  beforeAll(() => {
    let index = 0;
    for (const deployment of DEPLOYMENTS) {
      for (const level of deployment.levels) {
        const found = claimsOf(planOf(deployment.file(level), deployment.edits), join(outdir, String(index++)));
        claims.push(...found.claims.map((claim) => ({ ...claim, deployment: deployment.label, level })));
        found.types.forEach((type) => types.add(type));
      }
    }
  }, 240_000);
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('claims no physical name twice in an account and region (globally for S3, per account for IAM and CloudFront)', () => {
    expect(claims.length).toBeGreaterThan(500);
    // Level 7's health-checked records are claimed in their zone, by both engines.
    const routed = claims.filter((claim) => claim.scope === 'zone' && claim.name.startsWith('routed.origin.shop.example.com A #'));
    expect(new Set(routed.map((claim) => claim.engine))).toEqual(new Set(['cloudformation', 'terraform']));
    expect(conflicts(claims)).toEqual([]);
  });

  it('classifies every resource type either engine emits as named or unnamed, so a new one forces a decision', () => {
    const known = new Set([
      ...Object.keys(CFN_NAMED_TYPES).map((type) => `cfn ${type}`), ...CFN_UNNAMED_TYPES.map((type) => `cfn ${type}`),
      ...Object.keys(TF_NAMED_TYPES).map((type) => `tf ${type}`), ...TF_UNNAMED_TYPES.map((type) => `tf ${type}`),
    ]);
    expect([...types].filter((type) => !known.has(type)).toSorted()).toEqual([]);
  });

  it('would fail if the fixed launch template name came back (CloudFormation, without the uniqueImdsv2TemplateName flag)', () => {
    const flagOff = (plan: ArchitecturePlan): NameClaim[] => {
      const app = new App({ ...CFN_APP_PROPS, outdir: mkdtempSync(join(outdir, 'flag-off-')), context: { ...CFN_APP_PROPS.context, '@aws-cdk/aws-ec2:uniqueImdsv2TemplateName': false } });
      addBlueprintStacks(app, [plan]);
      return app.synth().stacks.flatMap((stack) => cfnNameClaims(stack.stackName, stack.environment.region, stack.template, ACCOUNT));
    };
    const production = planOf(shop(1), {});
    const staging = planOf(shop(1), { 'environment: production': 'environment: staging' });
    const collisions = conflicts([
      ...flagOff(production).map((claim) => ({ ...claim, deployment: 'production', level: 1 })),
      ...flagOff(staging).map((claim) => ({ ...claim, deployment: 'staging', level: 1 })),
    ]);
    expect(collisions).toEqual([expect.stringContaining('AWS::EC2::LaunchTemplate "InstanceLaunchTemplate"')]);
  });

  it('treats a CloudFront alias as claimed in all of AWS and a record as claimed in its zone, in both engines', () => {
    const template = (alias: string) => ({
      Resources: {
        CdnDistribution: { Type: 'AWS::CloudFront::Distribution', Properties: { DistributionConfig: { Aliases: [alias] } } },
        DomainRecordA: { Type: 'AWS::Route53::RecordSet', Properties: { HostedZoneName: 'example.com.', Name: `${alias}.`, Type: 'A' } },
        DomainRecordAaaa: { Type: 'AWS::Route53::RecordSet', Properties: { HostedZoneId: 'Z0123456789ABCDEFGHIJ', Name: `${alias}.`, Type: 'AAAA' } },
        OriginRecord: { Type: 'AWS::Route53::RecordSet', Properties: { HostedZoneName: 'example.com.', Name: `origin.${alias}.`, Type: 'A' } },
        Lookup: { Type: 'AWS::Route53::RecordSet', Properties: { Name: { 'Fn::GetAtt': ['X', 'Name'] }, Type: 'A' } },
      },
    });
    expect(cfnDomainClaims('s', template('Store.example.com')).map((claim) => [claim.scope, claim.name])).toEqual([
      ['global', 'store.example.com'], ['zone', 'store.example.com A'], ['zone', 'store.example.com AAAA'], ['zone', 'origin.store.example.com A'],
    ]);
    // Two deployments (another region, another environment) on the same name: every claim collides, whatever the region.
    const cfn = conflicts([
      ...cfnNameClaims('store-production-us-east-1', 'us-east-1', template('store.example.com'), ACCOUNT).map((claim) => ({ ...claim, deployment: 'production', level: 2 })),
      ...cfnNameClaims('store-staging-eu-west-1', 'eu-west-1', template('store.example.com'), ACCOUNT).map((claim) => ({ ...claim, deployment: 'staging', level: 4 })),
    ]);
    expect(cfn).toEqual([
      expect.stringContaining('AWS::CloudFront::Distribution "store.example.com" (global )'),
      expect.stringContaining('AWS::Route53::RecordSet "store.example.com A" (zone )'),
      expect.stringContaining('AWS::Route53::RecordSet "store.example.com AAAA" (zone )'),
      expect.stringContaining('AWS::Route53::RecordSet "origin.store.example.com A" (zone )'),
    ]);
    // Level 7's routed records share a name and differ by set identifier; Terraform's interpolated names are left out.
    const config = (alias: string) => ({
      resource: {
        aws_cloudfront_distribution: { cdn: { aliases: [alias] } },
        aws_route53_record: {
          origin_record_us_east_1: { name: `origin.${alias}`, type: 'A', set_identifier: 'us-east-1' },
          origin_record_eu_west_1: { name: `origin.${alias}`, type: 'A', set_identifier: 'eu-west-1' },
          viewer_certificate_validation: { name: '${tolist(aws_acm_certificate.viewer_certificate.domain_validation_options)[0].resource_record_name}', type: 'CNAME' },
        },
      },
    });
    expect(tfDomainClaims('s', config('shop.example.com')).map((claim) => claim.name)).toEqual(['shop.example.com', 'origin.shop.example.com A #us-east-1', 'origin.shop.example.com A #eu-west-1']);
    expect(conflicts(tfNameClaims('s', config('shop.example.com'), ACCOUNT).map((claim) => ({ ...claim, deployment: 'one', level: 7 })))).toEqual([]);
    expect(conflicts([
      ...tfNameClaims('a', config('shop.example.com'), ACCOUNT).map((claim) => ({ ...claim, deployment: 'one', level: 7 })),
      ...tfNameClaims('b', config('shop.example.com'), ACCOUNT).map((claim) => ({ ...claim, deployment: 'two', level: 7 })),
    ])).toHaveLength(3);
  });

  it('would fail if a fixed origin access control name came back (Terraform)', () => {
    const fixed = (plan: ArchitecturePlan): ArchitecturePlan => ({
      ...plan, cdn: plan.cdn && { ...plan.cdn, staticAssets: plan.cdn.staticAssets && { ...plan.cdn.staticAssets, originAccessControlName: 'cdn-static-assets' } },
    });
    const claimsFor = (plan: ArchitecturePlan, deployment: string) => Object.entries(renderTfConfigs(fixed(plan)))
      .flatMap(([stack, config]) => tfNameClaims(stack, config, ACCOUNT)).map((claim) => ({ ...claim, deployment, level: 4 }));
    const collisions = conflicts([
      ...claimsFor(planOf(shop(4), {}), 'shop'),
      ...claimsFor(planOf(shop(4), { 'environment: production': 'environment: staging' }), 'shop staging'),
    ]);
    expect(collisions).toEqual([expect.stringContaining('aws_cloudfront_origin_access_control "cdn-static-assets" (account )')]);
  });
});
