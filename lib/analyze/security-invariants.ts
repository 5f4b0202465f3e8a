import { ENCRYPTION_AT_REST, ENCRYPTION_IN_TRANSIT } from './security/encryption';
import type { SecurityInvariant } from './security/invariant';
import { DATA_TIER_ISOLATION, IMDSV2, NO_SSH, WORLD_OPEN_INGRESS } from './security/network';
import { BACKUPS, CDN_HTTPS, DELETION_PROTECTION, MULTI_AZ, RETAIN_DATA, S3_PRIVATE_AND_TLS } from './security/storage';
import type { SecurityTemplate } from './security/template-model';

export type { SecurityInvariant } from './security/invariant';
export type { SecurityTemplate, TemplateResource } from './security/template-model';

/** DESIGN.md §5.3's invariants, checked over rendered CloudFormation: the list is data, each check a pure function. */
export const SECURITY_INVARIANTS: readonly SecurityInvariant[] = [
  ENCRYPTION_AT_REST,
  ENCRYPTION_IN_TRANSIT,
  IMDSV2,
  NO_SSH,
  WORLD_OPEN_INGRESS,
  DATA_TIER_ISOLATION,
  S3_PRIVATE_AND_TLS,
  CDN_HTTPS,
  DELETION_PROTECTION,
  MULTI_AZ,
  RETAIN_DATA,
  BACKUPS,
];

/** What the checks need to know beyond the templates. */
export interface SecurityContext {
  /** Production adds the deletion-protection, Multi-AZ, retention and backup invariants. */
  readonly production: boolean;
}

/** One resource breaking one invariant. */
export interface InvariantFinding {
  readonly invariant: string;
  readonly stack: string;
  readonly resource: string;
  readonly message: string;
}

/**
 * Checks every resource of every template (stack name → template, nested stacks as further entries)
 * against `invariants`, and returns what breaks them, ordered by stack, resource and invariant.
 */
export function checkSecurityInvariants(
  templates: Readonly<Record<string, SecurityTemplate>>,
  context: SecurityContext,
  invariants: readonly SecurityInvariant[] = SECURITY_INVARIANTS,
): InvariantFinding[] {
  const active = invariants.filter((invariant) => context.production || !invariant.productionOnly);
  return Object.entries(templates).toSorted(([a], [b]) => a.localeCompare(b)).flatMap(([stack, template]) => {
    const view = { stack, resources: template.Resources };
    return Object.entries(template.Resources).flatMap(([logicalId, resource]) => active.flatMap((invariant) =>
      invariant.check(logicalId, resource, view).map((message) => ({ invariant: invariant.id, stack, resource: logicalId, message }))));
  });
}
