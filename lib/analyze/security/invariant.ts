import type { TemplateResource, TemplateView } from './template-model';

/**
 * One security invariant of DESIGN.md §5.3, as cdk-nag writes a rule: a small pure function from one
 * resource (and the template around it, for references) to the problems found, empty when it complies.
 */
export interface SecurityInvariant {
  /** Stable id, e.g. `encryption-at-rest`; printed as the rule of a finding. */
  readonly id: string;
  /** What it demands, in one sentence (docs/security.md lists these). */
  readonly summary: string;
  /** Checked in production only (deletion protection, Multi-AZ, retention, backups). */
  readonly productionOnly: boolean;
  readonly check: (logicalId: string, resource: TemplateResource, template: TemplateView) => readonly string[];
}

/** Per resource type, the problems of one resource: the shape most invariants take. */
export type ChecksByType = Readonly<Record<string, (resource: TemplateResource, template: TemplateView, logicalId: string) => readonly string[]>>;

/** Runs the check of the resource's type, if the table has one. */
export function byType(checks: ChecksByType): SecurityInvariant['check'] {
  return (logicalId, resource, template) => (Object.hasOwn(checks, resource.Type) ? checks[resource.Type](resource, template, logicalId) : []);
}

/** `[message]` when `ok` is false, else none. */
export function unless(ok: boolean, message: string): string[] {
  return ok ? [] : [message];
}
