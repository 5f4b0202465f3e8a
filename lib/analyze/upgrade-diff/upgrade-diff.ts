import type { ArchitecturePlan } from '../../plan';
import { type BlueprintChange, blueprintChanges, summarizeChanges } from './blueprint-changes';
import { losesData, type ResourceChange } from './change';
import { type CfnTemplates, diffCfnTemplates } from './diff-cfn';
import { diffTfConfigs, type TfConfigs } from './diff-tf';
import { domainWarnings, originProofWarnings, originSecretNames } from './domain-migrations';
import { type EngineVersionChange, engineVersionChanges } from './engine-versions';
import { type Migration, migrationsFor } from './migration-steps';
import { withNetworkMoves } from './network-move';

/** The outputs of both engines for one blueprint, rendered by the caller. */
export interface RenderedBlueprint {
  readonly plan: ArchitecturePlan;
  readonly cfn: CfnTemplates | null;
  readonly tf: TfConfigs | null;
}

/** What `tierup diff` reports. */
export interface UpgradeDiff {
  /**
   * True when no stateful resource is replaced or destroyed in either target, no deployed database is asked for a
   * major version change (which RDS refuses, since tierup never allows one) and no data volume is asked to shrink.
   */
  readonly safe: boolean;
  readonly changes: readonly ResourceChange[];
  /** Deployed databases whose engine version pin changes, with what each engine does to them. */
  readonly engineVersions: readonly EngineVersionChange[];
  /**
   * Blueprint fields that reach running instances (a release: image, bootScript, ami; an instance type; level 1's data
   * volume size), with what each engine does; a `refused` one (a shrinking data volume) makes `safe` false.
   */
  readonly blueprintChanges: readonly BlueprintChange[];
  /** Orphaned resources and other things to act on that do not make the upgrade unsafe. */
  readonly warnings: readonly string[];
  readonly migrations: readonly Migration[];
}

/** Compares two rendered blueprints in every target both have. */
export function diffBlueprints(before: RenderedBlueprint, after: RenderedBlueprint): UpgradeDiff {
  // The origin secrets are Secrets Manager secrets, but rotation deletes the oldest by design: not user data.
  // (The database's master secret stays a data store.)
  const notData = new Set([...originSecretNames(before.plan), ...originSecretNames(after.plan)]);
  const fields = blueprintChanges(before.plan, after.plan);
  const byTier = new Map([...new Set(fields.map((change) => change.tier))].map((tier) => [tier, summarizeChanges(fields.filter((change) => change.tier === tier))]));
  const changes = withNetworkMoves([
    ...(before.cfn && after.cfn ? diffCfnTemplates(before.cfn, after.cfn, notData, byTier) : []),
    ...(before.tf && after.tf ? diffTfConfigs(before.tf, after.tf, notData, byTier) : []),
  ], { before: before.plan, after: after.plan }, { before, after });
  const engineVersions = engineVersionChanges(before.plan, after.plan);
  const warnings = [...domainWarnings(before.plan, after.plan), ...originProofWarnings(before.plan, after.plan), ...engineVersions
    .filter((change) => !change.majorChange)
    .map((change) => `database ${change.database}: CloudFormation: ${change.cloudformation}; Terraform: ${change.terraform}`), ...changes
    .filter((change) => change.action === 'orphan')
    .map((change) => `${change.target} ${change.stack}: ${change.id} (${change.type}) leaves the ${change.target === 'cfn' ? 'stack' : 'configuration'} but is kept in the account; it still costs money — migrate what it holds, then delete it by hand when it is no longer needed`)];
  const safe = !changes.some(losesData) && !engineVersions.some((change) => change.majorChange) && !fields.some((change) => change.refused);
  return { safe, changes, engineVersions, blueprintChanges: fields, warnings, migrations: migrationsFor(before.plan, after.plan) };
}
