// The instance types, RDS instance classes and ElastiCache node types tierup accepts, as data: family →
// sizes. A typo (`m7g.larg`) passes every shape check and fails only at deploy. The families are the
// current general-purpose, compute- and memory-optimized ones; a type missing here is a one-line addition.
// https://docs.aws.amazon.com/ec2/latest/instancetypes/instance-types.html
// https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Summary.html
// https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html

const BURSTABLE = ['nano', 'micro', 'small', 'medium', 'large', 'xlarge', '2xlarge'] as const;
const INTEL_AMD = ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge'] as const;
const GRAVITON = ['medium', 'large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'] as const;

/** EC2 instance families and their sizes. */
export const EC2_INSTANCE_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  t3: BURSTABLE, t3a: BURSTABLE, t4g: BURSTABLE,
  m5: INTEL_AMD, m5a: INTEL_AMD, m6i: [...INTEL_AMD, '32xlarge'], m6a: [...INTEL_AMD, '32xlarge', '48xlarge'], m7i: [...INTEL_AMD, '48xlarge'], m7a: ['medium', ...INTEL_AMD, '32xlarge', '48xlarge'],
  m6g: GRAVITON, m7g: GRAVITON, m8g: [...GRAVITON, '24xlarge', '48xlarge'],
  c5: ['large', 'xlarge', '2xlarge', '4xlarge', '9xlarge', '12xlarge', '18xlarge', '24xlarge'], c6i: [...INTEL_AMD, '32xlarge'], c7i: [...INTEL_AMD, '48xlarge'],
  c6g: GRAVITON, c7g: GRAVITON, c8g: [...GRAVITON, '24xlarge', '48xlarge'],
  r5: INTEL_AMD, r6i: [...INTEL_AMD, '32xlarge'], r7i: [...INTEL_AMD, '48xlarge'],
  r6g: GRAVITON, r7g: GRAVITON, r8g: [...GRAVITON, '24xlarge', '48xlarge'],
};

/** RDS instance classes (without `db.`) for PostgreSQL and MySQL. */
export const RDS_INSTANCE_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  t3: ['micro', 'small', 'medium', 'large', 'xlarge', '2xlarge'], t4g: ['micro', 'small', 'medium', 'large', 'xlarge', '2xlarge'],
  m5: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge'], m6i: [...INTEL_AMD, '32xlarge'], m7i: [...INTEL_AMD, '48xlarge'],
  m6g: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'], m7g: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  r5: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge'], r6i: [...INTEL_AMD, '32xlarge'], r7i: [...INTEL_AMD, '48xlarge'],
  r6g: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'], r7g: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  r8g: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge', '24xlarge', '48xlarge'],
};

/** ElastiCache node types (without `cache.`). */
export const CACHE_NODE_FAMILIES: Readonly<Record<string, readonly string[]>> = {
  t3: ['micro', 'small', 'medium'], t4g: ['micro', 'small', 'medium'],
  m5: ['large', 'xlarge', '2xlarge', '4xlarge', '12xlarge', '24xlarge'], m6g: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  m7g: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  r5: ['large', 'xlarge', '2xlarge', '4xlarge', '12xlarge', '24xlarge'], r6g: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  r6gd: ['xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'], r7g: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
  c7gn: ['large', 'xlarge', '2xlarge', '4xlarge', '8xlarge', '12xlarge', '16xlarge'],
};

/** Every name of a table, with its prefix (`db.`, `cache.`, or none for EC2). */
export function knownTypes(families: Readonly<Record<string, readonly string[]>>, prefix: string): string[] {
  return Object.entries(families).flatMap(([family, sizes]) => sizes.map((size) => `${prefix}${family}.${size}`));
}
