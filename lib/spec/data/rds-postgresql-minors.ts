import { minors, offCalendar, on, STILL_LISTED, UNRECORDED } from './rds-minor-rows';
import { type MinorLifecycle, POSTGRES_CALENDAR as CALENDAR } from './rds-version-lifecycle';

// RDS for PostgreSQL minor versions, batch by batch as RDS retired them; source: the release calendar
// (https://docs.aws.amazon.com/AmazonRDS/latest/PostgreSQLReleaseNotes/postgresql-release-calendar.html).
// Exact dates come from AWS Health notices ("Amazon RDS for PostgreSQL is deprecating minor versions"): new
// 16.3 and 16.4 instances refused from 2025-10-01; 14.14-14.17, 15.9-15.12, 16.5-16.8 and 17.1-17.4 refused
// from 2026-05-01, standard support ending 2026-05-31. Other retirements are known only from the calendar.
// RDS retires minors oldest first, so a minor is never created longer than a later one of its major.

const MAY_2026 = { creation: on('2026-05-01'), support: on('2026-05-31') } as const;

/** Every RDS for PostgreSQL minor version tierup knows, oldest first within each major. */
export const RDS_POSTGRES_MINORS: readonly MinorLifecycle[] = [
  // 11 and 12 are in RDS Extended Support: RDS keeps their last community release.
  ...minors('11', 22, 22, STILL_LISTED, UNRECORDED, CALENDAR),
  ...minors('12', 22, 22, STILL_LISTED, UNRECORDED, CALENDAR),
  ...minors('13', 1, 6, offCalendar('2024-01-02'), offCalendar('2024-01-02'), CALENDAR),
  ...minors('13', 7, 10, offCalendar('2024-05-13'), offCalendar('2024-05-13'), CALENDAR),
  ...minors('13', 11, 16, offCalendar('2025-11-15'), offCalendar('2025-11-15'), CALENDAR),
  ...minors('13', 17, 22, offCalendar('2026-08-15'), offCalendar('2026-08-15'), CALENDAR),
  ...minors('13', 23, 23, STILL_LISTED, UNRECORDED, CALENDAR),
  ...minors('14', 1, 2, offCalendar('2024-01-02'), offCalendar('2024-01-02'), CALENDAR),
  ...minors('14', 3, 7, offCalendar('2024-05-13'), offCalendar('2024-05-13'), CALENDAR),
  ...minors('14', 8, 8, offCalendar('2024-08-07'), offCalendar('2024-08-07'), CALENDAR),
  ...minors('14', 9, 13, offCalendar('2025-11-15'), offCalendar('2025-11-15'), CALENDAR),
  ...minors('14', 14, 17, MAY_2026.creation, MAY_2026.support, CALENDAR),
  ...minors('14', 18, 23, STILL_LISTED, UNRECORDED, CALENDAR),
  ...minors('15', 2, 2, offCalendar('2024-05-13'), offCalendar('2024-05-13'), CALENDAR),
  ...minors('15', 3, 3, offCalendar('2024-08-07'), offCalendar('2024-08-07'), CALENDAR),
  ...minors('15', 4, 8, offCalendar('2025-11-15'), offCalendar('2025-11-15'), CALENDAR),
  ...minors('15', 9, 12, MAY_2026.creation, MAY_2026.support, CALENDAR),
  ...minors('15', 13, 18, STILL_LISTED, UNRECORDED, CALENDAR),
  ...minors('16', 1, 2, offCalendar('2025-11-15'), offCalendar('2025-11-15'), CALENDAR),
  ...minors('16', 3, 4, on('2025-10-01'), offCalendar('2025-11-15'), CALENDAR),
  ...minors('16', 5, 8, MAY_2026.creation, MAY_2026.support, CALENDAR),
  ...minors('16', 9, 14, STILL_LISTED, UNRECORDED, CALENDAR),
  ...minors('17', 1, 4, MAY_2026.creation, MAY_2026.support, CALENDAR),
  ...minors('17', 5, 10, STILL_LISTED, UNRECORDED, CALENDAR),
  ...minors('18', 1, 4, STILL_LISTED, UNRECORDED, CALENDAR),
];
