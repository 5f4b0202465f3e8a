import { CfnResource, NestedStack, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

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
export function stackName(stack: Stack): string {
  return NestedStack.isNestedStack(stack) ? `${stackName(Stack.of(stack.node.scope as IConstruct))}/${stack.node.id}` : stack.stackName;
}
