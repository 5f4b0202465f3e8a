import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Bucket } from 'aws-cdk-lib/aws-s3';
import { renderCfnTemplates } from '../../lib/render/cfn';
import { acknowledge, NAG_ACKNOWLEDGEMENTS } from '../../lib/render/cfn/nag';
import { type CfnReview, reviewCfn, runNag } from '../../lib/render/cfn/nag/review';
import { nagWrittenTemplates } from '../../lib/render/cfn/nag/written-templates';
import type { CfnTemplate } from '../../lib/render/cfn/synthesize';
import { EXAMPLE_FILES, planOf } from './examples';

interface Suppression { readonly id: string; readonly reason: string }

/** The `cdk_nag` acknowledgements a template records, per logical id. */
function suppressions(template: { Resources: Record<string, unknown> }): Record<string, Suppression[]> {
  return Object.fromEntries(Object.entries(template.Resources).map(([id, resource]) => [id,
    ((resource as { Metadata?: { cdk_nag?: { rules_to_suppress?: Suppression[] } } }).Metadata?.cdk_nag?.rules_to_suppress ?? [])]));
}

// DESIGN.md §5.3: cdk-nag's AwsSolutions pack reports no unacknowledged finding, and each acknowledgement states its reason.
describe('cdk-nag AwsSolutions', () => {
  const outdir = mkdtempSync(join(tmpdir(), 'tierup-nag-'));
  const reviews = new Map<string, CfnReview>();
  beforeAll(() => {
    EXAMPLE_FILES.forEach((file, index) => reviews.set(file, reviewCfn([planOf(file)], { outdir: join(outdir, String(index)), validate: false })));
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it.each(EXAMPLE_FILES)('%s has no unacknowledged finding', (file) => {
    expect(reviews.get(file)!.nagFindings).toEqual([]);
  });

  it.each(EXAMPLE_FILES)('%s records every acknowledgement with a known rule and its reason', (file) => {
    const review = reviews.get(file)!;
    expect(review.acknowledged).toBeGreaterThan(0);
    const reasons = new Map<string, string>(Object.values(NAG_ACKNOWLEDGEMENTS).map((ack) => [ack.reason, ack.rule]));
    const recorded = Object.values(review.templates).flatMap((template) => Object.values(suppressions(template)).flat())
      .filter((suppression) => suppression.id.startsWith('AwsSolutions-'));
    // A finding several statements cause (a role's `Resource::*`) is acknowledged once, with each of their reasons in turn.
    const rulesOf = (reason: string): string[] | null => {
      if (reason === '') return [];
      for (const [known, rule] of reasons) {
        const rest = reason.startsWith(known) ? rulesOf(reason.slice(known.length).trimStart()) : null;
        if (rest) return [rule, ...rest];
      }
      return null;
    };
    for (const suppression of recorded) {
      const rules = rulesOf(suppression.reason);
      expect(rules?.length).toBeGreaterThan(0);
      expect(new Set(rules)).toEqual(new Set([suppression.id.replace(/\[.*$/, '')]));
    }
  });

  it('gives a role\'s one `Resource::*` finding the reason of every statement that names `*`', () => {
    const templates = renderCfnTemplates(planOf('blueprints/shop-4-fleet.yaml'));
    const fleet = Object.values(suppressions(templates['shop-production-us-east-1'])).flat()
      .filter((suppression) => suppression.id === 'AwsSolutions-IAM5[Resource::*]');
    expect(fleet.length).toBeGreaterThan(0);
    for (const suppression of fleet) {
      expect(suppression.reason).toBe(`${NAG_ACKNOWLEDGEMENTS.agentMetricsAnyResource.reason} ${NAG_ACKNOWLEDGEMENTS.agentTagsAnyResource.reason}`);
    }
  });

  it('reviews what is written: CDK\'s cross-region export writer and reader (a domain outside us-east-1) are checked and acknowledged', () => {
    const review = reviews.get('blueprints/store-4-domain.yaml')!;
    const providers = Object.entries(review.templates).flatMap(([stack, template]) => Object.entries(suppressions(template))
      .filter(([id]) => /^CustomCrossRegionExport(Writer|Reader)CustomResourceProviderRole/.test(id))
      .map(([id, recorded]) => ({ stack, id: id.replace(/[0-9A-F]{8}$/, ''), rules: recorded.map((suppression) => suppression.id) })));
    // The certificate reaches the primary stack, and the distribution the us-east-1 monitoring stack, across regions.
    expect(providers.toSorted((a, b) => `${a.stack} ${a.id}`.localeCompare(`${b.stack} ${b.id}`))).toEqual([
      { stack: 'store-production-eu-west-1', id: 'CustomCrossRegionExportReaderCustomResourceProviderRole', rules: [
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:eu-west-1:<AWS::AccountId>:parameter/cdk/exports/store-production-eu-west-1/*]',
      ] },
      { stack: 'store-production-eu-west-1', id: 'CustomCrossRegionExportWriterCustomResourceProviderRole', rules: [
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:us-east-1:<AWS::AccountId>:parameter/cdk/exports/*]',
      ] },
      { stack: 'store-production-eu-west-1-certificate', id: 'CustomCrossRegionExportWriterCustomResourceProviderRole', rules: [
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:eu-west-1:<AWS::AccountId>:parameter/cdk/exports/*]',
      ] },
      { stack: 'store-production-monitoring-us-east-1', id: 'CustomCrossRegionExportReaderCustomResourceProviderRole', rules: [
        'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ssm:us-east-1:<AWS::AccountId>:parameter/cdk/exports/store-production-monitoring-us-east-1/*]',
      ] },
    ]);
    // Without their recorded acknowledgements, the review of the written templates reports them.
    const dir = join(outdir, 'stripped');
    mkdirSync(dir, { recursive: true });
    const written = Object.entries(review.templates).map(([stack, template], index) => {
      const stripped = JSON.parse(JSON.stringify(template)) as { Resources: Record<string, { Metadata?: unknown }> };
      for (const [id, resource] of Object.entries(stripped.Resources)) if (id.startsWith('CustomCrossRegionExport')) delete resource.Metadata;
      const file = join(dir, `${index}.json`);
      writeFileSync(file, JSON.stringify(stripped));
      return { stack, region: 'eu-west-1', file, template: stripped as unknown as CfnTemplate };
    });
    expect(nagWrittenTemplates(written).map((finding) => `${finding.stack} ${finding.rule.replace(/\[.*$/, '')}`).toSorted()).toEqual([
      'store-production-eu-west-1 AwsSolutions-IAM4', 'store-production-eu-west-1 AwsSolutions-IAM4',
      'store-production-eu-west-1 AwsSolutions-IAM5', 'store-production-eu-west-1 AwsSolutions-IAM5',
      'store-production-eu-west-1-certificate AwsSolutions-IAM4', 'store-production-eu-west-1-certificate AwsSolutions-IAM5',
      'store-production-monitoring-us-east-1 AwsSolutions-IAM4', 'store-production-monitoring-us-east-1 AwsSolutions-IAM5',
    ]);
  });

  it('writes the audit trail into every synthesized template, without running the pack', () => {
    const templates = renderCfnTemplates(planOf('blueprints/shop-4-fleet.yaml'));
    const byResource = suppressions(templates['shop-production-us-east-1']);
    const replica = Object.entries(byResource).find(([id]) => id.startsWith('DatabaseDatabaseReplica1'))!;
    expect(replica[1]).toContainEqual({ id: 'AwsSolutions-RDS2', reason: NAG_ACKNOWLEDGEMENTS.replicaInheritsEncryption.reason });
    const primary = Object.entries(byResource).find(([id]) => id.startsWith('DatabaseInstance') && !id.includes('Parameter'))!;
    expect(primary[1].map((suppression) => suppression.id)).not.toContain('AwsSolutions-RDS2');
  });

  it('acknowledges staging trade-offs only outside production', () => {
    const ids = (file: string) => new Set(Object.values(reviews.get(file)!.templates)
      .flatMap((template) => Object.values(suppressions(template)).flat().map((suppression) => suppression.id)));
    expect(ids('blueprints/shop-4-fleet.yaml').has('AwsSolutions-RDS10')).toBe(false);
    expect(ids('test/fixtures/ladder-blog/blog-4-fleet.yaml').has('AwsSolutions-RDS10')).toBe(true);
  });

  it('reports what is not acknowledged, by stack and logical id, and not what is', () => {
    const app = new App();
    const stack = new Stack(app, 'probe', { env: { region: 'us-east-1' } });
    new Bucket(stack, 'Plain', { enforceSSL: true });
    const acknowledged = new Bucket(stack, 'Acknowledged', { enforceSSL: true });
    acknowledge(acknowledged, 'accessLogBucketNotLogged');
    const findings = runNag(app).filter((finding) => finding.rule === 'AwsSolutions-S1');
    expect(findings).toEqual([expect.objectContaining({ stack: 'probe', resource: expect.stringMatching(/^Plain[0-9A-F]{8}$/) })]);
  });
});
