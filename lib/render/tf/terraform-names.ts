import type { TerraformElement } from 'cdktf';

/**
 * Gives an element its plan-chosen Terraform name (`aws_db_instance.database`) instead of cdktf's
 * path hash: names are contract (DESIGN.md §5.1), and a reviewer reads them in every plan output.
 */
export function named<T extends TerraformElement>(element: T, tfName: string): T {
  element.overrideLogicalId(tfName);
  return element;
}

/** `fleet` + `security_group` → `fleet_security_group`: names of helper resources derive from their owner. */
export function helperName(owner: string, part: string): string {
  return `${owner}_${part}`;
}

/** Terraform `lifecycle` of a stateful resource: `prevent_destroy` when the plan asks for it. */
export function statefulLifecycle(preventDestroy: boolean): { preventDestroy: boolean } {
  return { preventDestroy };
}
