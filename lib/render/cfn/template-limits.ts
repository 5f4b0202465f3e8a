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
  constructor(readonly stackName: string, readonly resources: number) {
    super(`CloudFormation stack ${stackName} would declare ${resources} resources; CloudFormation allows at most `
      + `${MAX_RESOURCES_PER_TEMPLATE} per template (AWS CloudFormation quotas: https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html)`,
    'lower `database.shards.count`, `database.readReplicas` or the number of shards\' proxies and services\' databases in this region, '
      + 'or render Terraform only (`--target tf`), which has no such limit');
    this.name = 'TemplateTooLargeError';
  }
}

/** Throws {@link TemplateTooLargeError} for the first stack under `root` (nested stacks counted apart) over the limit. */
export function checkTemplateSizes(root: IConstruct): void {
  const counts = new Map<Stack, number>();
  for (const construct of root.node.findAll()) {
    if (CfnResource.isCfnResource(construct)) {
      const stack = Stack.of(construct);
      counts.set(stack, (counts.get(stack) ?? 0) + 1);
    }
  }
  for (const [stack, resources] of counts) {
    if (resources > MAX_RESOURCES_PER_TEMPLATE) throw new TemplateTooLargeError(stack.stackName, resources);
  }
}
