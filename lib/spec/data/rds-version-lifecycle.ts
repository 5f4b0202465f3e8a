// When RDS creates, supports and charges for each PostgreSQL and MySQL major version, as data. A default that is
// right today is wrong next year: `validate` reads these dates to refuse what RDS no longer creates and to warn, with
// the charge, of what runs in RDS Extended Support. The minors are in rds-postgresql-minors.ts and rds-mysql-minors.ts.
//
// Sources (the calendars list, per major, "RDS end of standard support date" and "RDS end of Extended Support date"):
//   https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html
//   https://docs.aws.amazon.com/AmazonRDS/latest/MySQLReleaseNotes/mysql-release-calendar.html
// RDS creates a major past its end of standard support only in RDS Extended Support, which it charges for, and
// creates it no more after its end of Extended Support ("You can create new databases with major engine versions
// that have reached the RDS end of standard support date. RDS automatically enrolls these new databases in RDS
// Extended Support and charges you for this offering"): https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/extended-support-overview.html

/** The engines this table covers, as a blueprint names them. */
export type RdsEngine = 'postgres' | 'mysql';

/**
 * A date as far as AWS's pages let it be known: exactly (`on`, the date AWS gives), only as a latest date (`by`:
 * it had happened by then, the exact day unpublished here), or not at all.
 */
export type LifecycleDate =
  | { readonly on: string }
  | { readonly by: string; readonly evidence: string }
  | { readonly unknown: string };

/** One major version: how long RDS supports it, and where that is written. */
export interface MajorLifecycle {
  readonly major: string;
  /** The last day of RDS standard support; RDS Extended Support, charged, starts the next day. */
  readonly endOfStandardSupport: string;
  /** The last day of RDS Extended Support: RDS creates the major no more after it and upgrades what still runs it. */
  readonly endOfExtendedSupport: string;
  readonly source: string;
}

/** One minor version: from when RDS refuses to create it, and when its standard support ends. */
export interface MinorLifecycle {
  /** As a blueprint writes it: `16.4`, `8.0.39`. */
  readonly version: string;
  /** The first day RDS refuses `CreateDBInstance` with it ("Cannot find version 16.4 for postgres"). */
  readonly endOfCreation: LifecycleDate;
  /** Its RDS end of standard support date, after which RDS upgrades instances that still run it. */
  readonly endOfStandardSupport: LifecycleDate;
  readonly source: string;
}

export const POSTGRES_CALENDAR = 'https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html';
export const MYSQL_CALENDAR = 'https://docs.aws.amazon.com/AmazonRDS/latest/MySQLReleaseNotes/mysql-release-calendar.html';

/** The calendars' major-version tables (as they read on 2026-08-22), oldest first. */
export const RDS_MAJOR_VERSIONS = {
  postgres: [
    { major: '11', endOfStandardSupport: '2024-02-29', endOfExtendedSupport: '2027-03-31', source: POSTGRES_CALENDAR },
    { major: '12', endOfStandardSupport: '2025-02-28', endOfExtendedSupport: '2028-02-29', source: POSTGRES_CALENDAR },
    { major: '13', endOfStandardSupport: '2026-02-28', endOfExtendedSupport: '2029-02-28', source: POSTGRES_CALENDAR },
    { major: '14', endOfStandardSupport: '2027-02-28', endOfExtendedSupport: '2030-02-28', source: POSTGRES_CALENDAR },
    { major: '15', endOfStandardSupport: '2028-02-29', endOfExtendedSupport: '2031-02-28', source: POSTGRES_CALENDAR },
    { major: '16', endOfStandardSupport: '2029-02-28', endOfExtendedSupport: '2032-02-29', source: POSTGRES_CALENDAR },
    { major: '17', endOfStandardSupport: '2030-02-28', endOfExtendedSupport: '2033-02-28', source: POSTGRES_CALENDAR },
    { major: '18', endOfStandardSupport: '2031-02-28', endOfExtendedSupport: '2034-02-28', source: POSTGRES_CALENDAR },
  ],
  mysql: [
    { major: '5.7', endOfStandardSupport: '2024-02-29', endOfExtendedSupport: '2029-06-30', source: MYSQL_CALENDAR },
    { major: '8.0', endOfStandardSupport: '2026-07-31', endOfExtendedSupport: '2029-07-31', source: MYSQL_CALENDAR },
    { major: '8.4', endOfStandardSupport: '2029-07-31', endOfExtendedSupport: '2032-07-31', source: MYSQL_CALENDAR },
  ],
} as const satisfies Record<RdsEngine, readonly MajorLifecycle[]>;

/**
 * What RDS Extended Support costs on top of the instance, per vCPU-hour of every instance that runs the major
 * (replicas and Multi-AZ standbys included), in us-east-1: the same rate for RDS for PostgreSQL and MySQL, from
 * the day after the end of standard support; the third year costs twice the first two.
 * https://aws.amazon.com/rds/postgresql/pricing/ , https://aws.amazon.com/rds/mysql/pricing/ (RDS Extended Support)
 */
export const EXTENDED_SUPPORT_CHARGE = {
  region: 'us-east-1',
  yearsOneAndTwoPerVcpuHour: 0.1,
  yearThreePerVcpuHour: 0.2,
  source: { postgres: 'https://aws.amazon.com/rds/postgresql/pricing/', mysql: 'https://aws.amazon.com/rds/mysql/pricing/' },
} as const satisfies { readonly source: Record<RdsEngine, string> } & Record<string, unknown>;

/** How many dot-separated parts name a major version of each engine: PostgreSQL `16`, MySQL `8.0`. */
export const MAJOR_VERSION_PARTS = { postgres: 1, mysql: 2 } as const satisfies Record<RdsEngine, number>;
