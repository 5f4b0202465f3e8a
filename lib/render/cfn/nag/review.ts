import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, CfnResource, NestedStack, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import type { ArchitecturePlan } from '../../../plan';
import { addBlueprintStacks, CFN_APP_PROPS, type CfnTemplate } from '../synthesize';
import { type CfnFinding, validateTemplates } from '../validate';

/** One unacknowledged finding of cdk-nag's AwsSolutions pack. */
export interface NagFinding {
  /** "error" or "warning", as the pack grades the rule. */
  readonly severity: string;
  /** The rule id, with the granular finding when there is one (`AwsSolutions-IAM5[Resource::*]`). */
  readonly rule: string;
  /** Stack name; a nested stack is `<parent>/<construct id>`. */
  readonly stack: string;
  /** Logical id in that stack's template. */
  readonly resource: string;
  readonly message: string;
}

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
 * AwsSolutions pack over the construct tree, aws-cdk-lib's CloudFormation validation over every
 * template (nested ones included) when asked, and the templates themselves for further checks.
 */
export function reviewCfn(plans: readonly ArchitecturePlan[], options: CfnReviewOptions): CfnReview {
  const { outdir } = options;
  const app = new App({ ...CFN_APP_PROPS, outdir });
  addBlueprintStacks(app, plans);
  const nagFindings = runNag(app);
  app.synth();
  const stacks = app.node.findAll().filter((construct): construct is Stack => Stack.isStack(construct));
  const files = stacks.map((stack) => ({
    stack,
    name: stackName(stack),
    file: stack.templateFile,
  }));
  // Nested stacks' templates are assets of the assembly, written beside the top-level ones.
  const templates = Object.fromEntries(files.map(({ name, file }) => [name, JSON.parse(readFileSync(join(outdir, file), 'utf8')) as CfnTemplate]));
  const validation = options.validate
    ? validateTemplates(app, files.map(({ stack, name, file }) => ({
        stackName: name, constructPath: stack.node.path, templatePath: join(outdir, file), region: stack.region,
      })))
    : [];
  return { templates, nagFindings, acknowledged: countAcknowledged(templates), validation };
}

/** Runs cdk-nag's AwsSolutions pack over a construct tree and returns its unacknowledged findings, sorted. */
export function runNag(scope: IConstruct): NagFinding[] {
  const report = new AwsSolutionsChecks().validateScope(scope);
  const byPath = new Map(scope.node.findAll().map((construct) => [construct.node.path, construct]));
  const findings = report.violations.flatMap((violation) => violation.violatingResources.map((violating): NagFinding => {
    // cdk-nag reports the construct path of every CfnResource it flags.
    const resource = byPath.get(violating.constructPath as string) as CfnResource;
    const stack = Stack.of(resource);
    return {
      severity: violation.severity ?? 'error',
      rule: violation.ruleName,
      stack: stackName(stack),
      resource: stack.resolve(resource.logicalId) as string,
      message: violation.description,
    };
  }));
  return findings.toSorted((a, b) => `${a.stack}/${a.resource}/${a.rule}`.localeCompare(`${b.stack}/${b.resource}/${b.rule}`));
}

/** A stack's name in reports: its CloudFormation name, or `<parent>/<construct id>` for a nested stack. */
function stackName(stack: Stack): string {
  return NestedStack.isNestedStack(stack) ? `${stackName(Stack.of(stack.node.scope as IConstruct))}/${stack.node.id}` : stack.stackName;
}

/** AwsSolutions acknowledgements written into the templates' `cdk_nag` metadata. */
function countAcknowledged(templates: Readonly<Record<string, CfnTemplate>>): number {
  return Object.values(templates).flatMap((template) => Object.values(template.Resources)).flatMap((resource) => {
    const metadata = (resource as { Metadata?: { cdk_nag?: { rules_to_suppress?: { id: string }[] } } }).Metadata;
    return (metadata?.cdk_nag?.rules_to_suppress ?? []).filter((rule) => rule.id.startsWith('AwsSolutions-'));
  }).length;
}
