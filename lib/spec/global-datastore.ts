import type { AwsRegion } from './regions';

/**
 * The prefix ElastiCache puts before a global datastore's suffix, by the region that creates it (the
 * primary): the datastore's id is `<prefix>-<suffix>`. Source: "Using global datastores (CLI)",
 * https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastores-CLI.html
 * Regions missing here have no published prefix; the spec rule rejects `globalCache` with one of them as primary.
 */
export const GLOBAL_DATASTORE_PREFIXES: Partial<Record<AwsRegion, string>> = {
  'us-east-1': 'ldgnf',
  'us-east-2': 'fpkhr',
  'us-west-1': 'virxk',
  'us-west-2': 'sgaui',
  'ca-central-1': 'bxodz',
  'ap-south-1': 'erpgt',
  'ap-northeast-1': 'quwsw',
  'ap-northeast-2': 'lfqnh',
  'ap-northeast-3': 'nlapn',
  'ap-southeast-1': 'vlqxn',
  'ap-southeast-2': 'vbgxd',
  'ap-east-1': 'knjmp',
  'eu-central-1': 'iudkw',
  'eu-west-1': 'gxeiz',
  'eu-west-2': 'okuqm',
  'eu-west-3': 'fgjhi',
  'sa-east-1': 'juxlw',
};

/**
 * Node families a global datastore accepts, in size large and above: M5, M6g, M7g, R5, R6g, R6gd, R7g,
 * C7gn (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Redis-Global-Datastores-Getting-Started.html).
 */
const GLOBAL_DATASTORE_FAMILIES = ['m5', 'm6g', 'm7g', 'r5', 'r6g', 'r6gd', 'r7g', 'c7gn'] as const;

/** A primary with secondaries in at most two other regions (same source). */
export const GLOBAL_DATASTORE_MAX_REGIONS = 3;

/** True when `nodeType` (e.g. `cache.r7g.large`) can be part of a global datastore. */
export function globalDatastoreSupportsNodeType(nodeType: string): boolean {
  const match = /^cache\.([a-z0-9]+)\.(\d*)x?large$/.exec(nodeType);
  return match !== null && (GLOBAL_DATASTORE_FAMILIES as readonly string[]).includes(match[1]);
}
