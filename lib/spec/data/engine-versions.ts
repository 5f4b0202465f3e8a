// The engine versions RDS offers, as data: a blueprint naming one that does not exist validates today and
// fails at deploy. The lists follow aws-cdk-lib 2.276's `PostgresEngineVersion` and `MysqlEngineVersion`
// (a test checks every entry against them), which track the RDS release notes:
// https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-versions.html
// https://docs.aws.amazon.com/AmazonRDS/latest/MySQLReleaseNotes/mysql-versions.html
// Versions RDS has retired may still be listed; a new one missing here is a one-line addition.

/** Minor versions per major: PostgreSQL majors are one number (`16`), MySQL majors two (`8.0`). */
export const ENGINE_VERSIONS = {
  postgres: {
    '13': range(1, 23),
    '14': range(1, 22),
    '15': range(2, 17),
    '16': range(1, 13),
    '17': range(1, 9),
    '18': range(1, 3),
  },
  mysql: {
    '8.0': ['11', '13', '15', '16', '17', '19', '20', '21', '23', '25', '26', '27', '28', '29', '30', '31', '32', '33', '34', '35', '36', '37', '39', '40', '41', '42', '43', '44', '45', '46'],
    '8.4': range(3, 10),
  },
} as const satisfies Record<'postgres' | 'mysql', Record<string, readonly string[]>>;

/** How many dot-separated parts name a major version of each engine. */
export const MAJOR_VERSION_PARTS = { postgres: 1, mysql: 2 } as const satisfies Record<keyof typeof ENGINE_VERSIONS, number>;

/** What a written version means: a major alone (RDS picks its default minor) or a major and minor. */
export type ParsedEngineVersion =
  | { readonly known: true; readonly major: string; readonly minor: string | null }
  | { readonly known: false; readonly suggestions: readonly string[] };

/**
 * Parses `16`, `16.4` (PostgreSQL) or `8.0`, `8.0.39` (MySQL) against the known versions. A version
 * with too few parts (`8` for MySQL) or an unknown one (`9.9.9`) is not known; suggestions are the
 * engine's versions closest to it.
 */
export function parseEngineVersion(engine: keyof typeof ENGINE_VERSIONS, version: string): ParsedEngineVersion {
  const parts = version.split('.');
  const majorParts = MAJOR_VERSION_PARTS[engine];
  const major = parts.slice(0, majorParts).join('.');
  const minors = (ENGINE_VERSIONS[engine] as Record<string, readonly string[]>)[major];
  const minor = parts.length === majorParts + 1 ? parts[majorParts] : null;
  const fits = parts.length === majorParts || parts.length === majorParts + 1;
  if (fits && minors !== undefined && (minor === null || minors.includes(minor))) return { known: true, major, minor };
  return { known: false, suggestions: knownEngineVersions(engine) };
}

/** Every version a blueprint may write for an engine: each major, and each major.minor. */
export function knownEngineVersions(engine: keyof typeof ENGINE_VERSIONS): string[] {
  return Object.entries(ENGINE_VERSIONS[engine] as Record<string, readonly string[]>)
    .flatMap(([major, minors]) => [major, ...minors.map((minor) => `${major}.${minor}`)]);
}

function range(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, index) => String(from + index));
}
