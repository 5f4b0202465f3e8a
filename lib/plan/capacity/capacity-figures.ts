/**
 * The capacity model's constants: rules of thumb, not benchmarks. Load-test to replace them
 * (PLAYBOOK "Capacity planning"); each one is documented in docs/planning.md with its source.
 */

/**
 * Sustainable simple queries per second (indexed point reads, warm buffer cache) of one RDS
 * instance, by class. Rule of thumb scaled with vCPUs and memory: ~600 per vCPU for burstable
 * classes at their baseline, ~2,000 per vCPU for m6g and ~2,500 per vCPU for memory-optimized r6g.
 */
export const DATABASE_QUERIES_PER_SECOND: Readonly<Record<string, number>> = {
  'db.t4g.micro': 300, 'db.t4g.small': 600, 'db.t4g.medium': 1_200, 'db.t4g.large': 2_500, 'db.t4g.xlarge': 5_000,
  'db.t3.micro': 250, 'db.t3.small': 500, 'db.t3.medium': 1_000, 'db.t3.large': 2_000,
  'db.m6g.large': 4_000, 'db.m6g.xlarge': 8_000, 'db.m6g.2xlarge': 16_000, 'db.m6g.4xlarge': 32_000,
  'db.r6g.large': 5_000, 'db.r6g.xlarge': 10_000, 'db.r6g.2xlarge': 20_000, 'db.r6g.4xlarge': 40_000,
};

/**
 * Operations per second one ElastiCache node sustains for small GET/SET commands. Redis serves
 * ~100K ops/s per core; burstable nodes are held to their baseline.
 */
export const CACHE_OPERATIONS_PER_SECOND: Readonly<Record<string, number>> = {
  'cache.t4g.micro': 25_000, 'cache.t4g.small': 40_000, 'cache.t4g.medium': 60_000,
  'cache.t3.micro': 20_000, 'cache.t3.small': 35_000, 'cache.t3.medium': 50_000,
  'cache.m6g.large': 100_000, 'cache.m7g.large': 120_000,
  'cache.r6g.large': 100_000, 'cache.r7g.large': 120_000, 'cache.r6g.xlarge': 200_000, 'cache.r7g.xlarge': 240_000,
};

/**
 * Share of reads the cache answers, by strategy, within the playbook's 80–95%: cache-aside misses
 * on first reads and after each TTL; write-through and write-behind refresh entries on every write.
 */
export const CACHE_HIT_RATIO = {
  'cache-aside': 0.85,
  'write-through': 0.9,
  'write-behind': 0.9,
} as const satisfies Record<'cache-aside' | 'write-through' | 'write-behind', number>;

/** Scalars of the model. */
export const CAPACITY_FIGURES = {
  /** Database queries one HTTP request makes (`--queries-per-request`). */
  queriesPerRequest: 3,
  /** Share of requests that only read (`--read-ratio`). */
  readRatio: 0.9,
  /** A write costs as much as this many reads (WAL, index updates, replication). */
  writeCost: 2,
  /** Beyond ~10K writes/s one primary no longer keeps up: the playbook's trigger for sharding. */
  writesPerSecondPerPrimary: 10_000,
  /** Beyond ~2 TB of active data per primary: the playbook's other trigger for sharding. */
  dataGbPerPrimary: 2_000,
  /** At level 1 the app and its database share one machine; the app gets about half of it. */
  sharedServerShare: 0.5,
  /** An ALB scales by itself; beyond this, sudden surges call for AWS's LCU reservation (pre-warming). */
  loadBalancerRps: 100_000,
} as const;

/**
 * Headroom the model keeps over the load: `advise` sizes for (capacity − load) / load ≥ this (`--headroom`), and
 * capacity alarms fire at ceiling ÷ (1 + this) unless the blueprint's `alerts.headroom` says otherwise.
 */
export const TARGET_HEADROOM = 0.3;
