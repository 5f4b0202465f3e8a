// The engine versions RDS offers, read from the dated tables of AWS's release calendars (rds-version-lifecycle.ts,
// rds-postgresql-minors.ts, rds-mysql-minors.ts): every major and minor a blueprint may write, the retired ones
// included, so a blueprint of a deployed stack that pins one still loads (for `diff`); whether RDS still creates
// one is a question of the date, which `validate` asks (engine-version-lifecycle.ts). A minor the table lacks
// (one released after it was read) is a one-line addition to the minors' file.
import { RDS_MYSQL_MINORS } from './rds-mysql-minors';
import { RDS_POSTGRES_MINORS } from './rds-postgresql-minors';
import { MAJOR_VERSION_PARTS, type MajorLifecycle, type MinorLifecycle, RDS_MAJOR_VERSIONS, type RdsEngine } from './rds-version-lifecycle';

export { MAJOR_VERSION_PARTS } from './rds-version-lifecycle';

/** Every minor version of each engine, as the tables list them. */
export const RDS_MINOR_VERSIONS: Readonly<Record<RdsEngine, readonly MinorLifecycle[]>> = { postgres: RDS_POSTGRES_MINORS, mysql: RDS_MYSQL_MINORS };

/** Minor numbers per major, oldest first: PostgreSQL majors are one number (`16`), MySQL majors two (`8.0`). */
export const ENGINE_VERSIONS: Readonly<Record<RdsEngine, Readonly<Record<string, readonly string[]>>>> = {
  postgres: minorsByMajor('postgres'),
  mysql: minorsByMajor('mysql'),
};

/** What a written version means: a major alone (RDS picks its default minor) or a major and minor. */
export type ParsedEngineVersion =
  | { readonly known: true; readonly major: string; readonly minor: string | null }
  | { readonly known: false; readonly suggestions: readonly string[] };

/**
 * Parses `16`, `16.4` (PostgreSQL) or `8.0`, `8.0.39` (MySQL) against the known versions. A version
 * with too few parts (`8` for MySQL) or an unknown one (`9.9.9`) is not known; suggestions are the
 * engine's versions closest to it.
 */
export function parseEngineVersion(engine: RdsEngine, version: string): ParsedEngineVersion {
  const parts = version.split('.');
  const majorParts = MAJOR_VERSION_PARTS[engine];
  const major = parts.slice(0, majorParts).join('.');
  const minors = ENGINE_VERSIONS[engine][major];
  const minor = parts.length === majorParts + 1 ? parts[majorParts] : null;
  const fits = parts.length === majorParts || parts.length === majorParts + 1;
  if (fits && minors !== undefined && (minor === null || minors.includes(minor))) return { known: true, major, minor };
  return { known: false, suggestions: knownEngineVersions(engine) };
}

/** The major of a version as written: `17` of `17.6`, `8.4` of `8.4.7` (and of `8.4`). */
export function majorOf(engine: RdsEngine, version: string): string {
  return version.split('.').slice(0, MAJOR_VERSION_PARTS[engine]).join('.');
}

/** Every version a blueprint may write for an engine: each major, and each major.minor. */
export function knownEngineVersions(engine: RdsEngine): string[] {
  return Object.entries(ENGINE_VERSIONS[engine]).flatMap(([major, minors]) => [major, ...minors.map((minor) => `${major}.${minor}`)]);
}

/** The lifecycle of a major, or undefined for a major the table does not know. */
export function majorLifecycle(engine: RdsEngine, major: string): MajorLifecycle | undefined {
  return (RDS_MAJOR_VERSIONS[engine] as readonly MajorLifecycle[]).find((entry) => entry.major === major);
}

function minorsByMajor(engine: RdsEngine): Record<string, string[]> {
  const table: Record<string, string[]> = Object.fromEntries(RDS_MAJOR_VERSIONS[engine].map((entry) => [entry.major, [] as string[]]));
  for (const { version } of RDS_MINOR_VERSIONS[engine]) {
    const major = majorOf(engine, version);
    table[major].push(version.slice(major.length + 1));
  }
  for (const minors of Object.values(table)) minors.sort((a, b) => Number(a) - Number(b));
  return table;
}
