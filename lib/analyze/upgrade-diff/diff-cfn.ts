import { fullDiff, ResourceImpact, type ResourceDifference } from '@aws-cdk/cloudformation-diff';
import { type ChangeAction, describeValue, type ResourceChange } from './change';
import { isStatefulCfnType } from './stateful-types';

/** A set of CloudFormation templates keyed by stack (nested stacks as "parent/child"). */
export type CfnTemplates = Readonly<Record<string, { readonly Resources?: Readonly<Record<string, unknown>> }>>;

const ACTION_OF_IMPACT: Readonly<Record<ResourceImpact, ChangeAction | null>> = {
  [ResourceImpact.WILL_CREATE]: 'add',
  [ResourceImpact.WILL_UPDATE]: 'update',
  [ResourceImpact.WILL_REPLACE]: 'replace',
  // "May replace" decides at deploy time; for data that is a risk tierup will not take silently.
  [ResourceImpact.MAY_REPLACE]: 'replace',
  [ResourceImpact.WILL_DESTROY]: 'destroy',
  [ResourceImpact.WILL_ORPHAN]: 'orphan',
  [ResourceImpact.WILL_IMPORT]: 'add',
  [ResourceImpact.NO_CHANGE]: null,
};

/**
 * Compares two template sets stack by stack with @aws-cdk/cloudformation-diff, which knows from the
 * resource spec which property changes force a replacement. A stack that disappears destroys
 * every resource in it; a new stack adds all of its own. Resources whose physical name is in
 * `notData` (the origin secrets, which rotation deletes by design) are not counted as data stores.
 */
export function diffCfnTemplates(before: CfnTemplates, after: CfnTemplates, notData: ReadonlySet<string> = new Set()): ResourceChange[] {
  const stacks = [...new Set([...Object.keys(before), ...Object.keys(after)])].toSorted();
  return stacks.flatMap((stack) => {
    const diff = fullDiff(before[stack] ?? {}, after[stack] ?? {});
    const changes: ResourceChange[] = [];
    diff.resources.forEachDifference((id, difference) => {
      const action = ACTION_OF_IMPACT[difference.changeImpact];
      if (!action) return;
      const type = difference.newResourceType ?? difference.oldResourceType ?? 'unknown';
      const disposable = [difference.oldValue, difference.newValue].some((resource) => notData.has(String(resource?.Properties?.Name)));
      const causes = causesOf(difference, action, before[stack] === undefined || after[stack] === undefined);
      changes.push({ target: 'cfn', stack, id, type, action, stateful: isStatefulCfnType(type) && !disposable, causes: disposable ? [...causes, NOT_DATA] : causes });
    });
    return changes.toSorted((a, b) => a.id.localeCompare(b.id));
  });
}

/** Why a secret that would count as a data store does not. */
export const NOT_DATA = 'an origin secret version: rotation retires it by design, it holds no data';

function causesOf(difference: ResourceDifference, action: ChangeAction, stackChanged: boolean): string[] {
  if (action === 'add') return [];
  if (action === 'destroy') return [stackChanged ? 'its stack is removed' : 'removed from the template'];
  if (action === 'orphan') return ['removed from the template; its DeletionPolicy keeps it in the account'];
  if (difference.resourceTypeChanged) return [`type changes to ${difference.newResourceType}`];
  const updates = Object.entries(difference.propertyUpdates);
  const forcing = updates.filter(([, property]) => property.changeImpact === ResourceImpact.WILL_REPLACE || property.changeImpact === ResourceImpact.MAY_REPLACE);
  if (action === 'replace') {
    return forcing.map(([name, property]) => `${name}: ${describeValue(property.oldValue)} → ${describeValue(property.newValue)}${property.changeImpact === ResourceImpact.MAY_REPLACE ? ' (may replace)' : ''}`);
  }
  return [...updates.map(([name]) => name), ...Object.keys(difference.otherChanges)].toSorted();
}
