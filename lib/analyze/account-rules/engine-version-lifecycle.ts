import type { ArchitecturePlan, DatabasePlan } from '../../plan';
import { DEFAULT_ENGINE_VERSIONS } from '../../plan/environment-defaults';
import type { BlueprintSpec } from '../../spec';
import { EXTENDED_SUPPORT_CHARGE } from '../../spec/data/rds-version-lifecycle';
import { nearestCreatableVersion, type VersionLifecycle, versionLifecycle } from '../../spec/engine-lifecycle';
import { HOURS_PER_MONTH, RDS_VCPUS } from '../data/prices';
import type { AccountFinding, AwsSource } from './account-rule';

// RDS refuses to create an engine version it has retired ("Cannot find version 16.4 for postgres"), and creates a
// major past its end of standard support only in RDS Extended Support, which it charges for. Whether either holds
// depends on the day: the rule takes it, so tests pass one and `validate` passes today's.

const ENGINE_NAMES = { postgres: 'PostgreSQL', mysql: 'MySQL' } as const;
const MAJOR_UPGRADE_GUIDE = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html';

/** One database of a blueprint: where the blueprint sets its version, and what the plan made of it. */
interface VersionedDatabase {
  readonly path: readonly (string | number)[];
  readonly written: boolean;
  /** The primary and, for the app's, its shards: every instance group that runs the version. */
  readonly plans: readonly DatabasePlan[];
}

/** A rule over a blueprint and its plan on a given day (YYYY-MM-DD). */
export interface DatedAccountRule {
  readonly id: string;
  readonly source: AwsSource;
  readonly check: (spec: BlueprintSpec, plan: ArchitecturePlan, today: string) => AccountFinding[];
}

/**
 * Every database's engine version (written, or the default) is one RDS still creates on the day: an error with
 * the day it stopped and the nearest version it creates; a warning, with the charge, for a major in RDS Extended Support.
 */
export const engineVersionLifecycle: DatedAccountRule = {
  id: 'engine-version-lifecycle',
  source: {
    title: 'Amazon RDS for PostgreSQL and MySQL release calendars; Using Amazon RDS Extended Support',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html',
  },
  check: (spec, plan, today) => versionedDatabases(spec, plan).flatMap((database) => {
    const primary = database.plans[0];
    const lifecycle = versionLifecycle(primary.engine, primary.engineVersion, today);
    if (lifecycle?.retired) return [retiredFinding(lifecycle, database, today)];
    if (lifecycle?.extendedSupport) return [extendedSupportFinding(lifecycle, database, today)];
    return [];
  }),
};

function retiredFinding(lifecycle: VersionLifecycle, database: VersionedDatabase, today: string): AccountFinding {
  const { engine, version, major } = lifecycle;
  const retired = lifecycle.retired!;
  const name = `${ENGINE_NAMES[engine]} ${version}`;
  const whose = database.written ? '' : ` (tierup's default for \`${engine}\`: upgrade tierup, or write \`engineVersion\`)`;
  const message = retired.exact
    ? `RDS has refused to create ${name}${whose} since ${retired.since} (${major.source})`
    : `RDS no longer creates ${name}${whose}: it stopped by ${retired.since} at the latest (${retired.reason}; ${major.source})`;
  const nearest = nearestCreatableVersion(engine, version, today);
  const sameMajor = nearest !== null && (nearest === major.major || nearest.startsWith(`${major.major}.`));
  const majorUpgrade = `for a deployed database that is a major upgrade, which tierup never makes: follow ${MAJOR_UPGRADE_GUIDE} first`;
  const extended = versionLifecycle(engine, major.major, today)?.extendedSupport;
  const charged = extended
    ? ` (in RDS Extended Support since ${extended.since}, charged per vCPU-hour), or a major in standard support, \`engineVersion: "${DEFAULT_ENGINE_VERSIONS[engine]}"\` (${majorUpgrade})`
    : '';
  const fix = sameMajor
    ? `write \`engineVersion: "${major.major}"\`: RDS creates its current ${major.major} minor and upgrades it itself${charged}` +
      (nearest !== major.major ? `; or the nearest minor RDS still creates, \`engineVersion: "${nearest}"\`` : '') +
      '; README "Upgrade notes" says what the change does to a deployed database'
    : `write a major RDS still creates, \`engineVersion: "${nearest ?? DEFAULT_ENGINE_VERSIONS[engine]}"\`; ${majorUpgrade}`;
  return { rule: engineVersionLifecycle.id, severity: 'error', message, fix, path: database.path };
}

function extendedSupportFinding(lifecycle: VersionLifecycle, database: VersionedDatabase, today: string): AccountFinding {
  const { engine, extendedSupport, major } = lifecycle;
  const rate = today < extendedSupport!.yearThreeFrom ? EXTENDED_SUPPORT_CHARGE.yearsOneAndTwoPerVcpuHour : EXTENDED_SUPPORT_CHARGE.yearThreePerVcpuHour;
  const later = rate === EXTENDED_SUPPORT_CHARGE.yearsOneAndTwoPerVcpuHour ? `, $${EXTENDED_SUPPORT_CHARGE.yearThreePerVcpuHour.toFixed(3)} from ${extendedSupport!.yearThreeFrom}` : '';
  const whose = database.written ? '' : ` (tierup's default for \`${engine}\`)`;
  return {
    rule: engineVersionLifecycle.id,
    severity: 'warning',
    message: `${ENGINE_NAMES[engine]} ${major.major}${whose} left RDS standard support on ${major.endOfStandardSupport}: RDS runs it only in RDS Extended Support until ${extendedSupport!.until}, ` +
      `charged $${rate.toFixed(3)} per vCPU-hour on top of each instance (${EXTENDED_SUPPORT_CHARGE.region}${later})${monthlyCharge(database.plans, rate)} (${EXTENDED_SUPPORT_CHARGE.source[engine]})`,
    fix: `write a major in standard support, e.g. \`engineVersion: "${DEFAULT_ENGINE_VERSIONS[engine]}"\`; for a deployed database that is a major upgrade, which tierup never makes: follow ${MAJOR_UPGRADE_GUIDE}`,
    path: database.path,
  };
}

/** ", about $N a month for this blueprint's I instances (V vCPUs)", counting replicas and Multi-AZ standbys; empty when a class's vCPUs are unknown. */
function monthlyCharge(plans: readonly DatabasePlan[], rate: number): string {
  const groups = plans.map((plan) => ({ instances: (plan.multiAz ? 2 : 1) + plan.replicas.length + plan.regionalReplicas.length, vcpus: RDS_VCPUS[plan.instanceClass] }));
  if (groups.some((group) => group.vcpus === undefined)) return '';
  const instances = groups.reduce((sum, group) => sum + group.instances, 0);
  const vcpus = groups.reduce((sum, group) => sum + group.instances * group.vcpus!, 0);
  return `, about $${Math.round(vcpus * rate * HOURS_PER_MONTH)} a month for this blueprint's ${instances} instance${instances === 1 ? '' : 's'} (${vcpus} vCPUs)`;
}

/** The app's database (with its shards) and each service's, located by their field in the blueprint. */
function versionedDatabases(spec: BlueprintSpec, plan: ArchitecturePlan): VersionedDatabase[] {
  const app = plan.database && spec.database
    ? [{ path: ['database', 'engineVersion'], written: spec.database.engineVersion !== undefined, plans: [plan.database, ...(plan.shards?.shards.map((shard) => shard.database) ?? [])] }]
    : [];
  const services = (spec.services ?? []).flatMap((service, index) => {
    const planned = plan.services.find((candidate) => candidate.name === service.name)?.database;
    return planned && service.database
      ? [{ path: ['services', index, 'database', 'engineVersion'], written: service.database.engineVersion !== undefined, plans: [planned] }]
      : [];
  });
  return [...app, ...services];
}
