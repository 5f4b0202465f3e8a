import { CfnResource, type Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import type { OverrideIssue, OverridePlan } from '../../plan';
import { patchedPaths } from '../../plan/override-plan';
import { closestMatch, listed } from '../../spec/did-you-mean';
import { cfnPropertyPathProblem, isKnownCfnType } from './resource-spec';

/**
 * Applies the blueprint's CloudFormation overrides to a stack once everything else is built: each names
 * a resource by construct path under the stack (`Database/Instance`, or `Database` when the construct has one
 * main resource) and sets or removes properties with aws-cdk-lib's property overrides, checked against the
 * resource spec. An override naming an unknown resource or property is not applied and comes back as an issue.
 */
export function applyCfnOverrides(stack: Stack, overrides: readonly OverridePlan[]): OverrideIssue[] {
  return overrides.flatMap((override): OverrideIssue[] => {
    const patch = override.cloudformation;
    if (!patch) return [];
    const found = findResource(stack, patch.resource);
    if ('message' in found) return [{ path: ['overrides', override.index, 'cloudformation', 'resource'], atKey: false, ...found }];
    const { resource } = found;
    const issues = patchedPaths(override, 'cloudformation').flatMap(({ path, field, atKey }): OverrideIssue[] => {
      const problem = isKnownCfnType(resource.cfnResourceType) ? cfnPropertyPathProblem(resource.cfnResourceType, path) : null;
      if (!problem) return [];
      const segments = path.split('.');
      const known = segments.slice(0, problem.segment).join('.');
      if (problem.parent !== 'struct') {
        return [{ path: field, atKey, message: `${resource.cfnResourceType} property ${known} is a ${problem.parent === 'list' ? 'list' : 'single value'}; "${path}" cannot address inside it`, fix: `set ${known} as a whole` }];
      }
      const suggestion = closestMatch(segments[problem.segment], problem.candidates);
      const unknown = segments.slice(0, problem.segment + 1).join('.');
      return [{
        path: field, atKey,
        message: `${resource.cfnResourceType} has no property ${unknown}`,
        fix: suggestion ? `did you mean "${[...segments.slice(0, problem.segment), suggestion].join('.')}"?` : `properties here: ${listed(problem.candidates)}`,
      }];
    });
    if (issues.length > 0) return issues;
    Object.entries(patch.set).forEach(([path, value]) => resource.addPropertyOverride(path, value));
    patch.remove.forEach((path) => resource.addPropertyDeletionOverride(path));
    return [];
  });
}

/** The CloudFormation resources of a stack by construct path relative to it, including those of its nested stacks. */
export function cfnResourcePaths(stack: Stack): string[] {
  return stack.node.findAll().filter((construct) => construct !== stack && asResource(construct) !== null).map((construct) => relativePath(stack, construct));
}

function findResource(stack: Stack, path: string): { resource: CfnResource } | { message: string; fix: string } {
  const construct = path.split('/').reduce<IConstruct | undefined>((node, id) => node?.node.tryFindChild(id), stack);
  const resource = construct && asResource(construct);
  if (resource) return { resource };
  const paths = cfnResourcePaths(stack);
  if (construct) {
    const inside = paths.filter((candidate) => candidate.startsWith(`${path}/`));
    return { message: `"${path}" is a group of resources, not one`, fix: `name one of them: ${listed(inside)}` };
  }
  const suggestion = closestMatch(path, paths);
  const topLevel = [...new Set(paths.map((candidate) => candidate.split('/')[0]))].toSorted();
  return {
    message: `the CloudFormation output has no resource "${path}"`,
    fix: suggestion ? `did you mean "${suggestion}"?` : `resources are named by construct path under the primary stack, starting with one of: ${topLevel.join(', ')}`,
  };
}

/** The resource a construct is (an L1) or stands for (an L2's default child). */
function asResource(construct: IConstruct): CfnResource | null {
  if (CfnResource.isCfnResource(construct)) return construct;
  const child = construct.node.defaultChild;
  return child && CfnResource.isCfnResource(child) ? child : null;
}

function relativePath(stack: Stack, construct: IConstruct): string {
  return construct.node.path.slice(stack.node.path.length + 1);
}
