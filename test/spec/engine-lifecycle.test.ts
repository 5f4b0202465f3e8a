import { ENGINE_VERSIONS, knownEngineVersions, majorLifecycle, majorOf, RDS_MINOR_VERSIONS } from '../../lib/spec/data/engine-versions';
import { type LifecycleDate, RDS_MAJOR_VERSIONS, type RdsEngine } from '../../lib/spec/data/rds-version-lifecycle';
import { nearestCreatableVersion, versionLifecycle } from '../../lib/spec/engine-lifecycle';

// The dated table of RDS engine versions and what it says RDS does on a given day. The day is a parameter:
// these tests pin it, the CLI passes today's.

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ENGINES: readonly RdsEngine[] = ['postgres', 'mysql'];
const datesOf = (date: LifecycleDate): string[] => ('on' in date ? [date.on] : 'by' in date ? [date.by] : []);

describe('the dated table of RDS engine versions', () => {
  it.each(ENGINES)('lists each %s version once, under a major it knows, each citing an AWS page', (engine) => {
    const versions = RDS_MINOR_VERSIONS[engine].map((row) => row.version);
    expect(new Set(versions).size).toBe(versions.length);
    for (const row of RDS_MINOR_VERSIONS[engine]) {
      expect(majorLifecycle(engine, majorOf(engine, row.version))).toBeDefined();
      expect(row.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/AmazonRDS\//);
      for (const date of [...datesOf(row.endOfCreation), ...datesOf(row.endOfStandardSupport)]) expect(date).toMatch(DAY);
      // A date known only as a latest one says how it is known; an unknown one says why.
      for (const date of [row.endOfCreation, row.endOfStandardSupport]) {
        if ('by' in date) expect(date.evidence).not.toBe('');
        if ('unknown' in date) expect(date.unknown).not.toBe('');
      }
    }
    for (const major of RDS_MAJOR_VERSIONS[engine]) {
      expect(major.endOfStandardSupport < major.endOfExtendedSupport).toBe(true);
      expect(major.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/AmazonRDS\//);
    }
  });

  it('holds the dates AWS announced', () => {
    const row = (engine: RdsEngine, version: string) => RDS_MINOR_VERSIONS[engine].find((entry) => entry.version === version);
    expect(row('postgres', '16.4')?.endOfCreation).toEqual({ on: '2025-10-01' });
    expect(['14.14', '15.12', '16.5', '16.8', '17.1', '17.4'].map((version) => row('postgres', version)?.endOfCreation)).toEqual(Array(6).fill({ on: '2026-05-01' }));
    expect(row('postgres', '17.4')?.endOfStandardSupport).toEqual({ on: '2026-05-31' });
    expect(majorLifecycle('mysql', '8.0')?.endOfStandardSupport).toBe('2026-07-31');
    expect(majorLifecycle('postgres', '17')?.endOfStandardSupport).toBe('2030-02-28');
  });

  it('keeps what a blueprint may write: majors and major.minors, retired ones included (a deployed blueprint still loads)', () => {
    expect(knownEngineVersions('postgres')).toEqual(expect.arrayContaining(['16', '16.4', '17', '17.10', '18.4']));
    expect(knownEngineVersions('mysql')).toEqual(expect.arrayContaining(['8.0', '8.0.39', '8.4', '8.4.11']));
    expect(ENGINE_VERSIONS.postgres['16']).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14']);
  });
});

describe('what RDS creates on a given day', () => {
  it.each([
    // [engine, version, day, retired since (null: still created), exact]
    ['postgres', '16.4', '2026-12-06', '2025-10-01', true],
    ['postgres', '16.4', '2025-09-30', null, false],
    ['postgres', '16.5', '2026-05-01', '2026-05-01', true],
    ['postgres', '16.5', '2026-04-30', null, false],
    ['postgres', '17.4', '2026-12-06', '2026-05-01', true],
    // 16.1 left the calendar by 2025-11-15, but 16.3 was refused from 2025-10-01 and RDS retires minors oldest first.
    ['postgres', '16.1', '2026-12-06', '2025-10-01', false],
    ['postgres', '17.5', '2026-12-06', null, false],
    ['postgres', '17', '2026-12-06', null, false],
    ['mysql', '8.0.39', '2026-12-06', '2025-11-15', false],
    ['mysql', '8.4.3', '2026-12-06', '2026-08-15', false],
    ['mysql', '8.4', '2026-12-06', null, false],
    // A major past its end of Extended Support.
    ['postgres', '12', '2028-03-01', '2028-03-01', true],
    ['postgres', '12', '2028-02-29', null, false],
  ] as const)('%s %s on %s: retired since %s', (engine, version, day, since, exact) => {
    const retired = versionLifecycle(engine, version, day)!.retired;
    expect(retired === null ? null : { since: retired.since, exact: retired.exact }).toEqual(since === null ? null : { since, exact });
  });

  it.each([
    ['mysql', '8.0', '2026-12-06', { since: '2026-08-01', yearThreeFrom: '2028-08-01', until: '2029-07-31' }],
    ['mysql', '8.0.46', '2026-12-06', { since: '2026-08-01', yearThreeFrom: '2028-08-01', until: '2029-07-31' }],
    ['postgres', '13', '2026-12-06', { since: '2026-03-01', yearThreeFrom: '2028-03-01', until: '2029-02-28' }],
    ['postgres', '16', '2026-12-06', null],
    ['mysql', '8.0', '2026-07-31', null],
  ] as const)('%s %s on %s is in RDS Extended Support: %o', (engine, version, day, extended) => {
    expect(versionLifecycle(engine, version, day)!.extendedSupport).toEqual(extended);
  });

  it.each([
    ['postgres', '16.4', '2026-12-06', '16.9'],
    ['postgres', '17.1', '2026-12-06', '17.5'],
    ['mysql', '8.0.39', '2026-12-06', '8.0.46'],
    ['mysql', '8.4.3', '2026-12-06', '8.4.5'],
    // Past its Extended Support, a major's nearest is the oldest later major still in standard support.
    ['postgres', '12', '2028-03-01', '16'],
  ] as const)('the nearest version RDS still creates for %s %s on %s is %s', (engine, version, day, nearest) => {
    expect(nearestCreatableVersion(engine, version, day)).toBe(nearest);
  });

  it('knows nothing of a version the table lacks', () => {
    expect(versionLifecycle('postgres', '9.9.9', '2026-12-06')).toBeNull();
  });
});
