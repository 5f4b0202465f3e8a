import {
  EC2_HOURLY, ELASTICACHE_HOURLY, PRICED_REGIONS, type PricedRegion, RDS_HOURLY, REGIONAL_EC2_HOURLY, REGIONAL_RATES,
  REGIONAL_RATIO, type RegionalRates, VALKEY_NODE_FACTOR,
} from './data/prices';

/** True when the price book has figures for the region. */
export function isPricedRegion(region: string): region is PricedRegion {
  return (PRICED_REGIONS as readonly string[]).includes(region);
}

/** The region's flat rates, or null when the region is not priced. */
export function regionalRates(region: string): RegionalRates | null {
  return isPricedRegion(region) ? REGIONAL_RATES[region] : null;
}

/** Hourly price of an EC2 instance type in a region, or null when unknown. */
export function ec2Hourly(region: string, instanceType: string): number | null {
  if (!isPricedRegion(region)) return null;
  const published = REGIONAL_EC2_HOURLY[region]?.[instanceType];
  if (published !== undefined) return published;
  return scaled(EC2_HOURLY[instanceType], region);
}

/** Hourly single-AZ price of an RDS instance class in a region, or null when unknown. */
export function rdsHourly(region: string, engine: 'postgres' | 'mysql', instanceClass: string): number | null {
  return isPricedRegion(region) ? scaled(RDS_HOURLY[engine][instanceClass], region) : null;
}

/** Hourly price of an ElastiCache node in a region, or null when unknown. */
export function cacheNodeHourly(region: string, engine: 'redis' | 'valkey', nodeType: string): number | null {
  if (!isPricedRegion(region)) return null;
  const redis = scaled(ELASTICACHE_HOURLY[nodeType], region);
  if (redis === null) return null;
  return engine === 'valkey' ? round4(redis * VALKEY_NODE_FACTOR) : redis;
}

function scaled(usEast1: number | undefined, region: PricedRegion): number | null {
  if (usEast1 === undefined) return null;
  return REGIONAL_RATIO[region] === 1 ? usEast1 : round4(usEast1 * REGIONAL_RATIO[region]);
}

function round4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
