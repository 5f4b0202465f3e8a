import type { BlueprintRule, RuleIssue } from './rule-context';
import { duplicates } from './rule-context';

/** Override names are unique; each override changes something in at least one engine, and no path is both set and removed. */
export const overridesAreWellFormed: BlueprintRule = ({ spec }) => {
  const overrides = spec.overrides ?? [];
  const issues: RuleIssue[] = [...duplicates(overrides.map((override) => override.name), ['overrides'], 'override name', 'name')];
  overrides.forEach((override, index) => {
    if (!override.cloudformation && !override.terraform) {
      issues.push({
        path: ['overrides', index], message: `override "${override.name}" changes nothing in either engine`,
        fix: 'add a `cloudformation:` and/or `terraform:` patch with `resource:` and `set:` or `remove:`, or delete the override',
      });
    }
    for (const engine of ['cloudformation', 'terraform'] as const) {
      const patch = override[engine];
      if (!patch) continue;
      if (Object.keys(patch.set).length === 0 && patch.remove.length === 0) {
        issues.push({ path: ['overrides', index, engine], message: 'sets and removes nothing', fix: 'add `set: { <property>: <value> }` or `remove: [<property>]`' });
      }
      patch.remove.forEach((path, at) => {
        if (Object.hasOwn(patch.set, path)) {
          issues.push({ path: ['overrides', index, engine, 'remove', at], message: `"${path}" is both set and removed`, fix: 'keep it in `set` or in `remove`, not both' });
        }
      });
    }
  });
  return issues;
};
