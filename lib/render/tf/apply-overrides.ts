import { TerraformResource, type TerraformStack } from 'cdktf';
import type { OverrideIssue, OverridePlan } from '../../plan';
import { patchedPaths } from '../../plan/override-plan';
import { closestMatch, listed } from '../../spec/did-you-mean';
import { type BlockSchema, loadTypeSchema } from './provider-schema';

/**
 * Applies the blueprint's Terraform overrides to a stack once everything else is built: each names a
 * resource by its address (`aws_db_instance.database`) and sets or removes arguments with cdktf's
 * overrides, checked against the provider schema of @cdktf/provider-aws. An override naming an unknown
 * resource or argument is not applied and comes back as an issue.
 */
export function applyTfOverrides(stack: TerraformStack, overrides: readonly OverridePlan[]): OverrideIssue[] {
  // Addresses fix cdktf's names of unnamed resources, so they are read only when there is something to apply.
  if (!overrides.some((override) => override.terraform)) return [];
  const resources = new Map(stack.node.findAll().filter(TerraformResource.isTerraformResource).map((resource) => [`${resource.terraformResourceType}.${resource.friendlyUniqueId}`, resource]));
  return overrides.flatMap((override): OverrideIssue[] => {
    const patch = override.terraform;
    if (!patch) return [];
    const resource = resources.get(patch.resource);
    if (!resource) {
      const addresses = [...resources.keys()].toSorted();
      const suggestion = closestMatch(patch.resource, addresses);
      const sameType = addresses.filter((address) => address.startsWith(`${patch.resource.split('.')[0]}.`));
      return [{
        path: ['overrides', override.index, 'terraform', 'resource'], atKey: false,
        message: `the Terraform output has no resource ${patch.resource}`,
        fix: suggestion ? `did you mean "${suggestion}"?` : sameType.length > 0 ? `resources of that type: ${listed(sameType)}` : 'name a resource by its address in cdk.tf.json, `<type>.<name>`',
      }];
    }
    const schema = loadTypeSchema('resource', resource.terraformResourceType);
    const issues = schema ? patchedPaths(override, 'terraform').flatMap(({ path, field, atKey }) => pathIssues(resource.terraformResourceType, schema, path, field, atKey)) : [];
    if (issues.length > 0) return issues;
    Object.entries(patch.set).forEach(([path, value]) => resource.addOverride(path, value));
    // cdktf deletes what an override sets to undefined.
    patch.remove.forEach((path) => resource.addOverride(path, undefined));
    return [];
  });
}

/** Terraform's meta-arguments, valid on every resource beside its schema's arguments. */
const META_ARGUMENTS = ['count', 'depends_on', 'for_each', 'lifecycle', 'provider', 'provisioner', 'connection'];

function pathIssues(type: string, schema: BlockSchema, path: string, field: readonly (string | number)[], atKey: boolean): OverrideIssue[] {
  const segments = path.split('.');
  if (META_ARGUMENTS.includes(segments[0])) return [];
  let block: BlockSchema | null = schema;
  for (const [index, segment] of segments.entries()) {
    if (block === null) return [];
    const argument = block.get(segment);
    if (!argument) {
      const candidates = [...block.keys()];
      const suggestion = closestMatch(segment, index === 0 ? [...candidates, ...META_ARGUMENTS] : candidates);
      const unknown = segments.slice(0, index + 1).join('.');
      return [{
        path: field, atKey,
        message: `${type} has no argument ${unknown}`,
        fix: suggestion ? `did you mean "${[...segments.slice(0, index), suggestion].join('.')}"?` : `arguments here: ${listed(candidates)}`,
      }];
    }
    // Below a map (tags) any key goes; below a scalar nothing does.
    if (argument.type === 'map') return [];
    if (!argument.isBlock && index < segments.length - 1) {
      return [{ path: field, atKey, message: `${type} argument ${segments.slice(0, index + 1).join('.')} is a single value; "${path}" cannot address inside it`, fix: `set ${segments.slice(0, index + 1).join('.')} as a whole` }];
    }
    block = argument.nested;
  }
  return [];
}

