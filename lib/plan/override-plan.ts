import type { OverrideSpec } from '../spec';

/** The engines an override can change. */
export type OverrideEngine = 'cloudformation' | 'terraform';

/** What one override changes on one resource of one engine. */
export interface ResourcePatchPlan {
  /** CloudFormation: the construct path under the primary stack (`Database/Instance`); Terraform: the address (`aws_db_instance.database`). */
  readonly resource: string;
  /** Property (or argument) paths and the values they take. */
  readonly set: Readonly<Record<string, unknown>>;
  /** Property (or argument) paths removed from the output. */
  readonly remove: readonly string[];
}

/** One blueprint override, in blueprint order (a later one wins on the same property). */
export interface OverridePlan {
  readonly name: string;
  readonly reason: string | null;
  /** Its position in the blueprint's `overrides`, so problems found while rendering point at the right entry. */
  readonly index: number;
  readonly cloudformation: ResourcePatchPlan | null;
  readonly terraform: ResourcePatchPlan | null;
}

/** The blueprint's overrides as the renderers apply them. */
export function planOverrides(specs: readonly OverrideSpec[]): OverridePlan[] {
  return specs.map((spec, index) => ({
    name: spec.name,
    reason: spec.reason ?? null,
    index,
    cloudformation: spec.cloudformation ? { resource: spec.cloudformation.resource, set: { ...spec.cloudformation.set }, remove: [...spec.cloudformation.remove] } : null,
    terraform: spec.terraform ? { resource: spec.terraform.resource, set: { ...spec.terraform.set }, remove: [...spec.terraform.remove] } : null,
  }));
}

/** The one engine an override changes, or null when it changes both: such an override is a parity exception. */
export function parityException(override: OverridePlan): OverrideEngine | null {
  if (override.cloudformation && !override.terraform) return 'cloudformation';
  if (override.terraform && !override.cloudformation) return 'terraform';
  return null;
}

/** A warning per override given for one engine only: the two outputs differ there on purpose. */
export function parityExceptionWarnings(overrides: readonly OverridePlan[]): string[] {
  return overrides.flatMap((override) => {
    const engine = parityException(override);
    if (engine === null) return [];
    const other = engine === 'cloudformation' ? 'terraform' : 'cloudformation';
    return [`parity exception: override "${override.name}" changes the ${engine} output only, so the engines differ there; add a \`${other}:\` patch if the change belongs in both`];
  });
}

/** An override a renderer could not apply: an unknown resource or property, located in the blueprint. */
export interface OverrideIssue {
  /** Blueprint path of the offending field, e.g. `['overrides', 0, 'terraform', 'resource']`. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly fix: string;
  /** Point at the key (a `set` entry) rather than its value. */
  readonly atKey: boolean;
}

/** The patch fields a renderer checks one by one: each property path with where it sits in the blueprint. */
export function patchedPaths(override: OverridePlan, engine: OverrideEngine): { readonly path: string; readonly field: readonly (string | number)[]; readonly atKey: boolean }[] {
  const patch = override[engine];
  if (!patch) return [];
  const base = ['overrides', override.index, engine];
  return [
    ...Object.keys(patch.set).map((path) => ({ path, field: [...base, 'set', path], atKey: true })),
    ...patch.remove.map((path, at) => ({ path, field: [...base, 'remove', at], atKey: false })),
  ];
}
