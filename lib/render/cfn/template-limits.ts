import { CfnResource, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { AwsLimitError } from '../../plan/aws-limit-error';

/**
 * CloudFormation refuses a template with more than 500 resources ("Resources: maximum number of resources
 * that you can declare in your AWS CloudFormation template", AWS CloudFormation quotas,
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html). It is not
 * a quota that can be raised.
 */
export const MAX_RESOURCES_PER_TEMPLATE = 500;

/** A stack that CloudFormation would refuse for its size, found before synthesis. */
export class TemplateTooLargeError extends AwsLimitError {
  /**
   * @param largestTypes the stack's most numerous resource types with their counts, most first: what to lower
   */
  constructor(readonly stackName: string, readonly resources: number, readonly largestTypes: ReadonlyArray<readonly [string, number]> = []) {
    super(`CloudFormation stack ${stackName} would declare ${resources} resources; CloudFormation allows at most `
      + `${MAX_RESOURCES_PER_TEMPLATE} per template (AWS CloudFormation quotas: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html)`
      + (largestTypes.length > 0 ? `; most numerous: ${largestTypes.map(([type, count]) => `${count} ${type}`).join(', ')}` : ''),
    'lower the number of `services` (each adds its nested stack, log group and alarms to the primary stack; a service group that '
      + 'scales on its own can be a blueprint of its own), `database.shards.count`, `database.readReplicas` or the number of '
      + 'shards\' proxies and services\' databases in this region, or render Terraform only (`--target tf`), which has no such limit');
    this.name = 'TemplateTooLargeError';
  }
}

/** Throws {@link TemplateTooLargeError} for the first stack under `root` (nested stacks counted apart) over the limit. */
export function checkTemplateSizes(root: IConstruct): void {
  const resourcesByStack = new Map<Stack, CfnResource[]>();
  for (const construct of root.node.findAll()) {
    if (CfnResource.isCfnResource(construct)) {
      const stack = Stack.of(construct);
      const resources = resourcesByStack.get(stack);
      if (resources) resources.push(construct);
      else resourcesByStack.set(stack, [construct]);
    }
  }
  for (const [stack, resources] of resourcesByStack) {
    if (resources.length > MAX_RESOURCES_PER_TEMPLATE) {
      throw new TemplateTooLargeError(stack.stackName, resources.length, mostNumerousTypes(resources, 3));
    }
  }
}

/** The `count` most numerous resource types among `resources`, with their counts; ties in type order. */
function mostNumerousTypes(resources: readonly CfnResource[], count: number): Array<readonly [string, number]> {
  const byType = new Map<string, number>();
  for (const resource of resources) byType.set(resource.cfnResourceType, (byType.get(resource.cfnResourceType) ?? 0) + 1);
  return [...byType].sort(([typeA, a], [typeB, b]) => b - a || typeA.localeCompare(typeB)).slice(0, count);
}
