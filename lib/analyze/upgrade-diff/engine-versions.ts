import type { ArchitecturePlan, DatabasePlan } from '../../plan';

// What a deployed database does when its version pin changes between two blueprints (a tierup upgrade whose default
// moved, or an edited `engineVersion`), in each engine. Neither engine ever allows a major upgrade (CloudFormation
// `AllowMajorVersionUpgrade: false`, Terraform leaves `allow_major_version_upgrade` off), so a changed major is refused
// by RDS at deploy: `diff` says so beforehand, with the pin that keeps the deployed major.
//
// RDS's rules, from ModifyDBInstance `EngineVersion` (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_ModifyDBInstance.html):
// "If you specify only a major version, Amazon RDS updates the DB instance to the default minor version if the current
// minor version is lower"; "Major version upgrades must be allowed when specifying a value for the EngineVersion
// parameter that's a different major version than the DB instance's current version". CloudFormation passes a changed
// `EngineVersion` to ModifyDBInstance and applies it immediately (an update with some interruption, never a
// replacement); Terraform's provider reads a major alone as a prefix of the running version, so `16` → `16` is no change.

const MAJOR_UPGRADE_GUIDE = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html';

/** A deployed database whose version pin changes, and what each engine does about it. */
export interface EngineVersionChange {
  /** The DB instance identifier, the same in both blueprints. */
  readonly database: string;
  readonly engine: DatabasePlan['engine'];
  /** CloudFormation's `EngineVersion` before and after. */
  readonly from: string;
  readonly to: string;
  /** Terraform's `engine_version` (the major) before and after. */
  readonly fromMajor: string;
  readonly toMajor: string;
  /** True when the major changes: RDS refuses it, since tierup never allows a major upgrade. */
  readonly majorChange: boolean;
  readonly cloudformation: string;
  readonly terraform: string;
}

/** Every database deployed by `before` and kept by `after` (same identifier, same engine) whose version pin changes. */
export function engineVersionChanges(before: ArchitecturePlan, after: ArchitecturePlan): EngineVersionChange[] {
  const deployed = new Map(databasesOf(before).map((database) => [database.identifier, database]));
  return databasesOf(after).flatMap((next) => {
    const previous = deployed.get(next.identifier);
    if (!previous || previous.engine !== next.engine || previous.engineVersion === next.engineVersion) return [];
    return [describe(previous, next)];
  });
}

/** The pin that keeps a database on its deployed major, as the fix of a refused major change. */
export function keepMajorFix(change: EngineVersionChange): string {
  return `keep the deployed major: write \`engineVersion: "${change.fromMajor}"\` on this database in the new blueprint ` +
    `(to move to ${change.toMajor}, upgrade the major outside tierup first, ${MAJOR_UPGRADE_GUIDE}, then write it)`;
}

function describe(previous: DatabasePlan, next: DatabasePlan): EngineVersionChange {
  const base = {
    database: next.identifier, engine: next.engine, from: previous.engineVersion, to: next.engineVersion,
    fromMajor: previous.engineMajorVersion, toMajor: next.engineMajorVersion,
  };
  if (previous.engineMajorVersion !== next.engineMajorVersion) {
    return {
      ...base,
      majorChange: true,
      cloudformation: `EngineVersion ${previous.engineVersion} → ${next.engineVersion} asks RDS for a major ${direction(previous, next)}, which the template does not allow ` +
        '(AllowMajorVersionUpgrade: false): RDS refuses it, the update fails and CloudFormation rolls back; the data is untouched',
      terraform: `engine_version ${previous.engineMajorVersion} → ${next.engineMajorVersion} (and a parameter group of the new family) asks RDS for a major ${direction(previous, next)}; ` +
        'allow_major_version_upgrade is off, so RDS refuses it and the apply stops; the data is untouched',
    };
  }
  const terraform = `engine_version stays ${next.engineMajorVersion}: no change`;
  const toMajorAlone = next.engineVersion === next.engineMajorVersion;
  return {
    ...base,
    majorChange: false,
    cloudformation: toMajorAlone
      ? `EngineVersion ${previous.engineVersion} → ${next.engineVersion}: RDS keeps the minor the instance runs if it is ${next.engineMajorVersion}'s default minor or later ` +
        '(automatic minor upgrades keep it there), else upgrades it to that default during the deploy: a minor upgrade, minutes of downtime (less with Multi-AZ)'
      : `EngineVersion ${previous.engineVersion} → ${next.engineVersion}: RDS upgrades the instance to ${next.engineVersion} during the deploy if it runs an earlier minor ` +
        `(minutes of downtime); if automatic minor upgrades already took it to ${next.engineVersion} or later, RDS refuses the downgrade and the update fails: ` +
        `prefer the major alone, \`engineVersion: "${next.engineMajorVersion}"\``,
    terraform,
  };
}

function direction(previous: DatabasePlan, next: DatabasePlan): string {
  return Number(next.engineMajorVersion) > Number(previous.engineMajorVersion) ? 'version upgrade' : 'version downgrade';
}

/** Every RDS primary of a plan: the app's, its shards', the services'. */
function databasesOf(plan: ArchitecturePlan): DatabasePlan[] {
  return [
    ...(plan.database ? [plan.database] : []),
    ...(plan.shards?.shards.map((shard) => shard.database) ?? []),
    ...plan.services.flatMap((service) => (service.database ? [service.database] : [])),
  ];
}
