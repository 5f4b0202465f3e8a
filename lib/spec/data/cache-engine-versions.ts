// The ElastiCache engine versions tierup may pin, with the dates AWS has announced for their end of support, as
// data: a pinned version that AWS retires on a date is a deploy failure waiting for it. Sources: "ElastiCache
// versions for Redis OSS end of life schedule" (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/engine-versions.html)
// and ElastiCache Extended Support (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/extended-support.html):
// Redis OSS 4 and 5 left standard support on 2026-01-31 and leave Extended Support, charged, on 2029-01-31; AWS
// has announced no end for Redis OSS 6 and 7 nor for any Valkey version. ElastiCache takes a major.minor
// (`7.1`) and, with automatic minor version upgrades on, applies patch releases itself.

/** One ElastiCache engine version and the end of its support, where AWS has announced one (null: none announced). */
export interface CacheVersionLifecycle {
  readonly engine: 'redis' | 'valkey';
  readonly version: string;
  readonly endOfStandardSupport: string | null;
  readonly endOfExtendedSupport: string | null;
  readonly source: string;
}

const SCHEDULE = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/engine-versions.html';

/** The Redis OSS and Valkey versions of ElastiCache's node-based clusters, oldest first. */
export const CACHE_ENGINE_VERSIONS: readonly CacheVersionLifecycle[] = [
  { engine: 'redis', version: '4.0', endOfStandardSupport: '2026-01-31', endOfExtendedSupport: '2029-01-31', source: SCHEDULE },
  { engine: 'redis', version: '5.0', endOfStandardSupport: '2026-01-31', endOfExtendedSupport: '2029-01-31', source: SCHEDULE },
  { engine: 'redis', version: '6.0', endOfStandardSupport: null, endOfExtendedSupport: null, source: SCHEDULE },
  { engine: 'redis', version: '6.2', endOfStandardSupport: null, endOfExtendedSupport: null, source: SCHEDULE },
  { engine: 'redis', version: '7.0', endOfStandardSupport: null, endOfExtendedSupport: null, source: SCHEDULE },
  { engine: 'redis', version: '7.1', endOfStandardSupport: null, endOfExtendedSupport: null, source: SCHEDULE },
  { engine: 'valkey', version: '7.2', endOfStandardSupport: null, endOfExtendedSupport: null, source: SCHEDULE },
  { engine: 'valkey', version: '8.0', endOfStandardSupport: null, endOfExtendedSupport: null, source: SCHEDULE },
  { engine: 'valkey', version: '8.1', endOfStandardSupport: null, endOfExtendedSupport: null, source: SCHEDULE },
  { engine: 'valkey', version: '8.2', endOfStandardSupport: null, endOfExtendedSupport: null, source: SCHEDULE },
];

/** True when ElastiCache keeps `version` of `engine` in standard support on `today` (YYYY-MM-DD). */
export function cacheVersionInStandardSupport(engine: CacheVersionLifecycle['engine'], version: string, today: string): boolean {
  const entry = CACHE_ENGINE_VERSIONS.find((candidate) => candidate.engine === engine && candidate.version === version);
  return entry !== undefined && (entry.endOfStandardSupport === null || today <= entry.endOfStandardSupport);
}
