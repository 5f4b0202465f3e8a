import { ENGINE_VERSIONS, majorLifecycle, parseEngineVersion, RDS_MINOR_VERSIONS } from './data/engine-versions';
import type { LifecycleDate, MajorLifecycle, RdsEngine } from './data/rds-version-lifecycle';

// Whether RDS creates an engine version on a given day, read from the dated tables: a pure function of the date,
// so tests pass one and the CLI passes today's.

/** Since when RDS no longer creates a version (`exact`: the day AWS gave; else at the latest), and how that is known. */
export interface Retirement {
  readonly since: string;
  readonly exact: boolean;
  /** How the date is known, when it is not AWS's own for this version. */
  readonly reason: string | null;
}

/** A major in RDS Extended Support: charged from `since`, at the third year's rate from `yearThreeFrom`, until `until`. */
export interface ExtendedSupport {
  readonly since: string;
  readonly yearThreeFrom: string;
  readonly until: string;
}

/** What RDS does with a version on a given day. */
export interface VersionLifecycle {
  readonly engine: RdsEngine;
  readonly version: string;
  readonly major: MajorLifecycle;
  /** Null while RDS still creates it, as far as the tables know. */
  readonly retired: Retirement | null;
  /** Null while its major is in standard support (or retired). */
  readonly extendedSupport: ExtendedSupport | null;
}

/** The lifecycle of a version on `today` (YYYY-MM-DD), or null for a version the tables do not know. */
export function versionLifecycle(engine: RdsEngine, version: string, today: string): VersionLifecycle | null {
  const parsed = parseEngineVersion(engine, version);
  if (!parsed.known) return null;
  const major = majorLifecycle(engine, parsed.major);
  if (!major) return null;
  const majorRetired = today > major.endOfExtendedSupport
    ? { since: dayAfter(major.endOfExtendedSupport), exact: true, reason: `its major ${major.major} left RDS Extended Support on ${major.endOfExtendedSupport}` }
    : null;
  const retired = majorRetired ?? (parsed.minor === null ? null : minorRetirement(engine, parsed.major, Number(parsed.minor), today));
  const inExtendedSupport = retired === null && today > major.endOfStandardSupport;
  return {
    engine,
    version,
    major,
    retired,
    extendedSupport: inExtendedSupport
      ? { since: dayAfter(major.endOfStandardSupport), yearThreeFrom: addYears(dayAfter(major.endOfStandardSupport), 2), until: major.endOfExtendedSupport }
      : null,
  };
}

/**
 * The version closest to `version` that RDS still creates on `today`: the next minor of its major that the
 * tables do not know to be retired, else the major itself, else the oldest later major in standard support.
 */
export function nearestCreatableVersion(engine: RdsEngine, version: string, today: string): string | null {
  const parsed = parseEngineVersion(engine, version);
  if (!parsed.known) return null;
  const creatable = (candidate: string) => versionLifecycle(engine, candidate, today)?.retired === null;
  const laterMinors = (ENGINE_VERSIONS[engine][parsed.major] ?? [])
    .filter((minor) => parsed.minor === null || Number(minor) > Number(parsed.minor))
    .map((minor) => `${parsed.major}.${minor}`);
  const sameMajor = [...laterMinors, parsed.major].find(creatable);
  if (sameMajor) return sameMajor;
  const majors = Object.keys(ENGINE_VERSIONS[engine]);
  return majors.slice(majors.indexOf(parsed.major) + 1).find((major) => creatable(major) && versionLifecycle(engine, major, today)?.extendedSupport === null) ?? null;
}

/**
 * When RDS stopped creating minor `minor` of `major`, if it has by `today`: its own date, or, since RDS retires
 * minors oldest first, a later minor's when that is earlier (then known only as a latest date).
 */
function minorRetirement(engine: RdsEngine, major: string, minor: number, today: string): Retirement | null {
  const rows = RDS_MINOR_VERSIONS[engine].filter((row) => row.version.startsWith(`${major}.`) && Number(row.version.slice(major.length + 1)) >= minor);
  const dated = rows.flatMap((row) => {
    const date = knownDate(row.endOfCreation);
    return date === null ? [] : [{ row, date, own: row.version === `${major}.${minor}`, exact: 'on' in row.endOfCreation }];
  });
  const first = dated.filter((entry) => entry.date <= today).toSorted((a, b) => a.date.localeCompare(b.date) || Number(b.own) - Number(a.own))[0];
  if (!first) return null;
  const evidence = 'evidence' in first.row.endOfCreation ? first.row.endOfCreation.evidence : null;
  if (first.own) return { since: first.date, exact: first.exact, reason: first.exact ? null : evidence };
  return {
    since: first.date,
    exact: false,
    reason: `RDS retires minors oldest first, and ${first.row.version} was ${first.exact ? `refused from ${first.date}` : (evidence ?? `retired by ${first.date}`)}`,
  };
}

function knownDate(date: LifecycleDate): string | null {
  if ('on' in date) return date.on;
  if ('by' in date) return date.by;
  return null;
}

/** The day after a YYYY-MM-DD date. */
export function dayAfter(date: string): string {
  const next = new Date(`${date}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  return next.toISOString().slice(0, 10);
}

function addYears(date: string, years: number): string {
  const later = new Date(`${date}T00:00:00Z`);
  later.setUTCFullYear(later.getUTCFullYear() + years);
  return later.toISOString().slice(0, 10);
}
