import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import type { ArchitecturePlan } from '../../../plan';
import { addBlueprintStacks, CFN_APP_PROPS, type CfnTemplate } from '../synthesize';
import { type CfnFinding, validateTemplates } from '../validate';
import { type NagFinding, stackName } from './run-nag';
import { nagWrittenTemplates } from './written-templates';

export { type NagFinding, runNag } from './run-nag';

/** Options of {@link reviewCfn}. */
export interface CfnReviewOptions {
  /** Where the cloud assembly is written (a temporary directory: nothing in it is kept). */
  readonly outdir: string;
  /** Also run aws-cdk-lib's CloudFormation validation (its engine takes seconds to start). */
  readonly validate: boolean;
}

/** Everything {@link reviewCfn} learned about one synthesis. */
export interface CfnReview {
  /** Every template by stack name, nested stacks as `<parent>/<construct id>`. */
  readonly templates: Readonly<Record<string, CfnTemplate>>;
  /** AwsSolutions findings nobody acknowledged. */
  readonly nagFindings: readonly NagFinding[];
  /** AwsSolutions acknowledgements recorded in the templates' metadata (one per resource and rule). */
  readonly acknowledged: number;
  /** aws-cdk-lib's CloudFormation validation findings, nested templates included. */
  readonly validation: readonly CfnFinding[];
}

/**
 * Synthesizes the plans once into `outdir` (as `synthesizeCfn` does) and reviews the result: cdk-nag's
 * AwsSolutions pack over every template written (nested ones included; what CDK adds after aspects run too),
 * aws-cdk-lib's CloudFormation validation over them when asked, and the templates themselves for further checks.
 */
export function reviewCfn(plans: readonly ArchitecturePlan[], options: CfnReviewOptions): CfnReview {
  const { outdir } = options;
  const app = new App({ ...CFN_APP_PROPS, outdir });
  addBlueprintStacks(app, plans);
  app.synth();
  const stacks = app.node.findAll().filter((construct): construct is Stack => Stack.isStack(construct));
  const files = stacks.map((stack) => ({
    stack,
    name: stackName(stack),
    file: stack.templateFile,
  }));
  // Nested stacks' templates are assets of the assembly, written beside the top-level ones.
  const templates = Object.fromEntries(files.map(({ name, file }) => [name, JSON.parse(readFileSync(join(outdir, file), 'utf8')) as CfnTemplate]));
  const nagFindings = nagWrittenTemplates(files.map(({ stack, name, file }) => ({ stack: name, region: stack.region, file: join(outdir, file), template: templates[name] })));
  const validation = options.validate
    ? validateTemplates(app, files.map(({ stack, name, file }) => ({
        stackName: name, constructPath: stack.node.path, templatePath: join(outdir, file), region: stack.region,
      })))
    : [];
  return { templates, nagFindings, acknowledged: countAcknowledged(templates), validation };
}

/** AwsSolutions acknowledgements written into the templates' `cdk_nag` metadata. */
function countAcknowledged(templates: Readonly<Record<string, CfnTemplate>>): number {
  return Object.values(templates).flatMap((template) => Object.values(template.Resources)).flatMap((resource) => {
    const metadata = (resource as { Metadata?: { cdk_nag?: { rules_to_suppress?: { id: string }[] } } }).Metadata;
    return (metadata?.cdk_nag?.rules_to_suppress ?? []).filter((rule) => rule.id.startsWith('AwsSolutions-'));
  }).length;
}
