import { GP3_SIZE_GIB } from '../../spec/data/ebs-volume-limits';

/**
 * What `tierup advise` may size, and the thresholds that force a level, from the playbook
 * (PLAYBOOK.md "When to climb" and "Figures"); documented in docs/planning.md.
 */

/** Headroom the advised architecture keeps over the load: (capacity − load) / load ≥ this (`--headroom`); the capacity alarms' default too. */
export { TARGET_HEADROOM } from '../../plan/capacity/capacity-figures';

/**
 * Peak requests per second per user, the ladder's conversion between its "typical load" column
 * (users, PLAYBOOK.md "When to climb") and `advise --rps`: one request every 40 s per user at peak,
 * so 40K users ≈ 1000 rps (level 3, as the ladder says). A rule of thumb: your own figure is peak rps
 * divided by the users active in that hour, from your logs; `advise --users N --rps-per-user R` takes it.
 */
export const PEAK_RPS_PER_USER = 0.025;

/** Requests per second of the baseline app instance, t3.small (`--rps-per-instance`). */
export const BASELINE_RPS_PER_INSTANCE = 200;

/** Instance type of the advised fleets and workers (the baseline). */
export const FLEET_INSTANCE_TYPE = 't3.small';

/**
 * Single servers of levels 1-3, smallest first, with their throughput as a multiple of the
 * baseline (by sustained vCPUs: burstable t3 at baseline, then 4 and 8 full Graviton vCPUs).
 */
export const SERVER_LADDER = [
  { instanceType: 't3.small', rpsFactor: 1 },
  { instanceType: 't3.large', rpsFactor: 2 },
  { instanceType: 'm7g.xlarge', rpsFactor: 4 },
  { instanceType: 'm7g.2xlarge', rpsFactor: 8 },
] as const;

/** RDS classes, smallest first. */
export const DATABASE_LADDER = [
  'db.t4g.small', 'db.t4g.medium', 'db.t4g.large', 'db.m6g.large', 'db.m6g.xlarge', 'db.m6g.2xlarge', 'db.r6g.2xlarge', 'db.r6g.4xlarge',
] as const;

/**
 * The largest class advised below level 4: past db.m6g.large a cache and read replicas cost less
 * than a bigger primary (the playbook's order of work: cache, then replicas, before growing further).
 */
export const LARGEST_SINGLE_DATABASE = 'db.m6g.large';

/** ElastiCache node types, smallest first. */
export const CACHE_LADDER = ['cache.t4g.small', 'cache.t4g.medium', 'cache.r7g.large', 'cache.r7g.xlarge'] as const;

/** Limits the sizing respects (AWS's and the blueprint schema's). */
export const SIZING_LIMITS = {
  /** RDS allows at most 15 read replicas per primary. */
  readReplicas: 15,
  /** ElastiCache replication groups take at most 5 replicas. */
  cacheReplicas: 5,
  shards: 64,
  fleetMax: 1000,
  /**
   * Level 1 keeps its data on its data volume, which `app.dataVolumeGb` sizes up to what a gp3 volume holds; below
   * level 5 the data per primary (CAPACITY_FIGURES.dataGbPerPrimary) is the tighter limit.
   */
  singleServerDataGb: GP3_SIZE_GIB.max,
} as const;

/** Reads at least this many times the writes call for read replicas (playbook: 10:1). */
export const READ_HEAVY_RATIO = 10;

/** Teams from which each wants to deploy on its own: microservices (level 6). */
export const TEAMS_FOR_MICROSERVICES = 3;

/** Regions of users from which latency calls for multi-region (level 7). */
export const REGIONS_FOR_MULTI_REGION = 2;

/** Regions an advised level-7 blueprint names, in order, for `--regions N`. */
export const ADVICE_REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-1', 'ap-northeast-1', 'us-west-2'] as const;
