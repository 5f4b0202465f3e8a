import { minors, offCalendar, STILL_LISTED, UNRECORDED } from './rds-minor-rows';
import { type MinorLifecycle, MYSQL_CALENDAR as CALENDAR } from './rds-version-lifecycle';

// RDS for MySQL minor versions, batch by batch as RDS retired them; source: the release calendar
// (https://docs.aws.amazon.com/AmazonRDS/latest/MySQLReleaseNotes/mysql-release-calendar.html). Retirements
// are known from the calendar only: no AWS notice with exact dates was found. 8.0 left standard support on
// 2026-07-31; since then the calendar lists only 8.0.46, which RDS keeps in RDS Extended Support.

/** Every RDS for MySQL minor version tierup knows, oldest first within each major. */
export const RDS_MYSQL_MINORS: readonly MinorLifecycle[] = [
  ...minors('5.7', 44, 44, STILL_LISTED, UNRECORDED, CALENDAR),
  // The minors RDS offered before 2024 that the calendar no longer listed when its history starts.
  ...[11, 13, 15, 16, 17, 19, 20, 21, 23, 25, 26, 27].flatMap((minor) =>
    minors('8.0', minor, minor, offCalendar('2024-01-02'), offCalendar('2024-01-02'), CALENDAR)),
  ...minors('8.0', 28, 28, offCalendar('2024-03-30'), offCalendar('2024-03-30'), CALENDAR),
  ...minors('8.0', 29, 29, offCalendar('2024-01-02'), offCalendar('2024-01-02'), CALENDAR),
  ...minors('8.0', 30, 30, offCalendar('2024-03-15'), offCalendar('2024-03-15'), CALENDAR),
  ...minors('8.0', 31, 31, offCalendar('2024-03-30'), offCalendar('2024-03-30'), CALENDAR),
  ...minors('8.0', 32, 36, offCalendar('2025-04-03'), offCalendar('2025-04-03'), CALENDAR),
  ...minors('8.0', 37, 37, offCalendar('2025-11-15'), offCalendar('2025-11-15'), CALENDAR),
  ...minors('8.0', 39, 39, offCalendar('2025-11-15'), offCalendar('2025-11-15'), CALENDAR),
  ...minors('8.0', 40, 45, offCalendar('2026-08-15'), offCalendar('2026-08-15'), CALENDAR),
  ...minors('8.0', 46, 46, STILL_LISTED, UNRECORDED, CALENDAR),
  ...minors('8.4', 3, 4, offCalendar('2026-08-15'), offCalendar('2026-08-15'), CALENDAR),
  ...minors('8.4', 5, 11, STILL_LISTED, UNRECORDED, CALENDAR),
];
