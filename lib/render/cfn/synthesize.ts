import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, type AppProps, NestedStack, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { ArchitecturePlan } from '../../plan';
import { BlueprintStack } from './blueprint-stack';
import { addMonitoringStacks } from './monitoring-stack';
import { RegionalStack } from './regional-stack';
import { checkTemplateSizes } from './template-limits';
import { validateTemplates, type CfnFinding } from './validate';
import { addCheckovSkips } from './checkov-skips';
import { withCdkShortcuts } from './synthesis/cdk-shortcuts';

/** Options of {@link synthesizeCfn}. */
export interface CfnSynthesisOptions {
  /** The cloud assembly directory (`cdk deploy --app <outdir>` deploys from it). */
  readonly outdir: string;
  /** Run aws-cdk-lib's built-in CloudFormation validation over every template (starting its engine costs ~2 s). */
  readonly validate: boolean;
}

/** One synthesized stack. */
export interface CfnStackOutput {
  readonly stackName: string;
  readonly region: string;
  /** Template file, relative to the assembly directory. */
  readonly templateFile: string;
  readonly template: CfnTemplate;
  readonly resourceCount: number;
}

/** A CloudFormation template as JSON. */
export interface CfnTemplate {
  readonly Resources: Readonly<Record<string, { readonly Type: string; readonly Properties?: Record<string, unknown> }>>;
  readonly [section: string]: unknown;
}

/** What {@link synthesizeCfn} produced. */
export interface CfnSynthesis {
  readonly outdir: string;
  readonly stacks: readonly CfnStackOutput[];
  /** Validation findings, empty when validation was off. */
  readonly findings: readonly CfnFinding[];
}

/**
 * App settings shared by tierup's synth and cdk.json's app, so both write the same bytes: no version
 * reporting, no construct-creation stack traces, and validation run explicitly rather than printed.
 * S3 server access logs are granted by bucket policy rather than by the deprecated LogDeliveryWrite ACL.
 */
export const CFN_APP_PROPS = {
  analyticsReporting: false,
  stackTraces: false,
  builtinCloudFormationValidation: false,
  context: {
    'aws:cdk:enable-path-metadata': false,
    'aws:cdk:disable-version-reporting': true,
    'aws:cdk:disable-creation-stack-traces': true,
    '@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy': true,
    // `requireImdsv2` names the server's launch template after its construct path (stack included) rather
    // than a fixed `InstanceLaunchTemplate`, which a second blueprint in the account and region would collide with.
    '@aws-cdk/aws-ec2:uniqueImdsv2TemplateName': true,
  },
} as const satisfies AppProps;

/** Adds every plan's stacks to an app, ready to synthesize deterministically. */
export function addBlueprintStacks(app: App, plans: readonly ArchitecturePlan[]): BlueprintStack[] {
  const stacks = plans.map((plan) => {
    const primary = new BlueprintStack(app, { plan });
    addCheckovSkips(primary, plan);
    if (primary.certificateStack) addCheckovSkips(primary.certificateStack, plan);
    // Level 7: one regional stack per further region, in the same app. Each regional stack holds the
    // cross-region replicas of the primary's databases, so it deploys after the primary: the dependency
    // is declared in the cloud assembly, and `cdk deploy --all` orders the stacks by it.
    plan.regions.filter((region) => !region.primary)
      .forEach((region) => {
        const regional = new RegionalStack(app, { plan, region });
        regional.addStackDependency(primary, 'cross-region replicas need their source');
        addCheckovSkips(regional, plan);
      });
    // The us-east-1 alarms of CloudFront and Route 53 when no region is us-east-1: they read the regions' resources.
    addMonitoringStacks(app, plan).forEach((monitoring) => addCheckovSkips(monitoring, plan));
    return primary;
  });
  dropMetadataTraces(app);
  return stacks;
}

/**
 * aws-cdk-lib records a stack trace with every validation acknowledgement it makes (e.g. on flow logs)
 * whatever `stackTraces` says; those traces hold this machine's paths, so they are dropped before synthesis.
 */
function dropMetadataTraces(root: IConstruct): void {
  for (const construct of root.node.findAll()) {
    for (const entry of construct.node.metadata) {
      delete (entry as { trace?: string[] }).trace;
    }
  }
}

/** Synthesizes the plans into one cloud assembly in `outdir`, validating the templates when asked. */
export function synthesizeCfn(plans: readonly ArchitecturePlan[], options: CfnSynthesisOptions): CfnSynthesis {
  const app = new App({ ...CFN_APP_PROPS, outdir: options.outdir });
  addBlueprintStacks(app, plans);
  checkTemplateSizes(app);
  // aws-cdk-lib's synthesis with less work per resource, the same bytes (lib/render/cfn/synthesis/cdk-shortcuts.ts).
  const assembly = withCdkShortcuts(() => app.synth());
  const topLevel = assembly.stacks.map((artifact): CfnStackOutput => stackOutput(artifact.stackName, artifact.environment.region, assembly.directory, artifact.templateFile));
  // Nested stacks (a service each) are templates of their own, named "<parent stack>/<construct id>".
  const nested = app.node.findAll().filter(NestedStack.isNestedStack).map((stack) => {
    const parent = Stack.of(stack.nestedStackParent!);
    return stackOutput(`${parent.stackName}/${stack.node.id}`, parent.region, assembly.directory, stack.templateFile);
  });
  const stacks = [...topLevel, ...nested];
  const findings = options.validate
    ? validateTemplates(app, assembly.stacks.map((artifact) => ({
        stackName: artifact.stackName,
        constructPath: artifact.hierarchicalId,
        templatePath: artifact.templateFullPath,
        region: artifact.environment.region,
      })))
    : [];
  return { outdir: options.outdir, stacks, findings };
}

function stackOutput(stackName: string, region: string, directory: string, templateFile: string): CfnStackOutput {
  const template = JSON.parse(readFileSync(join(directory, templateFile), 'utf8')) as CfnTemplate;
  return { stackName, region, templateFile, template, resourceCount: Object.keys(template.Resources).length };
}

/** Renders one plan's templates in memory (for diffs and parity checks), keyed by stack name; nested stacks as "<parent>/<id>". */
export function renderCfnTemplates(plan: ArchitecturePlan): Record<string, CfnTemplate> {
  const outdir = mkdtempSync(join(tmpdir(), 'tierup-cfn-'));
  try {
    const synthesis = synthesizeCfn([plan], { outdir, validate: false });
    return Object.fromEntries(synthesis.stacks.map((stack) => [stack.stackName, stack.template]));
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}
