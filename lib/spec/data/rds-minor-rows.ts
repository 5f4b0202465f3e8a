import type { LifecycleDate, MinorLifecycle } from './rds-version-lifecycle';

// Building blocks of the minor-version tables: each row states what AWS's pages let us know, and how.

/** A date AWS published: the first day of the new state. */
export const on = (date: string): LifecycleDate => ({ on: date });

/** A state reached by `date` at the latest, the exact day unpublished; `evidence` says how it is known. */
export const by = (date: string, evidence: string): LifecycleDate => ({ by: date, evidence });

/** A date this table does not know. */
export const unknown = (why: string): LifecycleDate => ({ unknown: why });

/**
 * The release calendars list only the minors RDS still supports: a minor gone from the page by a date was no
 * longer created by then. The dates come from the page's history as endoflife.date's release-data project
 * scraped it (https://github.com/endoflife-date/release-data, releases/amazon-rds-*.json).
 */
export const offCalendar = (date: string): LifecycleDate => by(date, `no longer listed in the release calendar on ${date}`);

/** Listed as supported on the calendar's last reading (2026-08-22); no end date recorded here. */
export const STILL_LISTED = unknown('listed as supported in the release calendar on 2026-08-22; no end date recorded here');

/** Standard support of a minor that left the calendar without a published date here. */
export const UNRECORDED = unknown('not recorded here');

/** Rows for minors `from`..`to` of `major` that share their dates. */
export function minors(
  major: string, from: number, to: number, endOfCreation: LifecycleDate, endOfStandardSupport: LifecycleDate, source: string,
): MinorLifecycle[] {
  return Array.from({ length: to - from + 1 }, (_, index) => ({ version: `${major}.${from + index}`, endOfCreation, endOfStandardSupport, source }));
}
