import { stringify } from 'yaml';
import type { Level } from './levels';
import { LEVEL_NAMES } from './levels';

/** What a starter blueprint is made from. */
export interface StarterOptions {
  readonly name: string;
  readonly level: Level;
  readonly environment?: 'production' | 'staging' | 'development';
  readonly regions?: readonly string[];
  /** Sizes that replace the starter's defaults (used by `tierup advise --emit`). */
  readonly sizing?: StarterSizing;
}

/** Sizes a starter may carry; every field falls back to the starter's default. */
export interface StarterSizing {
  readonly instanceType?: string;
  readonly rpsPerInstance?: number;
  readonly scalingMin?: number;
  readonly scalingMax?: number;
  readonly dbInstanceClass?: string;
  readonly storageGb?: number;
  readonly readReplicas?: number;
  /** Level 5 and up: shard count, at least 2. */
  readonly shards?: number;
  readonly cacheNodeType?: string;
  readonly cacheReplicas?: number;
}

/**
 * A starter blueprint for a level: each section the level introduces, with the playbook's sensible
 * values spelled out so the team sees what it can tune. The result always validates.
 */
export function starterBlueprint(options: StarterOptions): string {
  const { name, level } = options;
  const sizing = options.sizing ?? {};
  const regions = options.regions ?? (level === 7 ? ['us-east-1', 'eu-west-1'] : ['us-east-1']);
  const document: Record<string, unknown> = {
    version: 1,
    name,
    level: LEVEL_NAMES[level],
    environment: options.environment ?? 'production',
    regions,
    tags: {},
    network: { cidr: '10.0.0.0/16', maxAzs: 2, ...(level >= 4 ? { natGateways: 1 } : {}) },
    app: {
      instanceType: sizing.instanceType ?? 't3.small',
      port: 8080,
      healthCheckPath: '/health',
      rpsPerInstance: sizing.rpsPerInstance ?? 200,
      ...(level >= 4 ? { scaling: { min: sizing.scalingMin ?? 2, max: sizing.scalingMax ?? 10, targetCpuPercent: 60 } } : {}),
    },
  };
  if (level >= 2) {
    document.database = {
      engine: 'postgres',
      instanceClass: sizing.dbInstanceClass ?? 'db.t4g.medium',
      storageGb: sizing.storageGb ?? 100,
      ...(level >= 4 ? { readReplicas: sizing.readReplicas ?? 1, proxy: true } : {}),
      ...(level >= 5 ? { shards: { count: sizing.shards ?? 2, strategy: 'hash', key: 'user_id' } } : {}),
    };
  }
  if (level >= 3) {
    document.cache = {
      engine: 'redis', nodeType: sizing.cacheNodeType ?? 'cache.t4g.small', replicas: sizing.cacheReplicas ?? 1, strategy: 'cache-aside', ttlSeconds: 300,
    };
  }
  if (level >= 4) document.cdn = { priceClass: 100, staticAssets: true };
  if (level >= 5) document.queues = [{ name: 'jobs', worker: { instanceType: 't3.small', min: 0, max: 10, backlogPerInstance: 100 } }];
  if (level >= 6) document.services = [{ name: 'api', pathPattern: '/api/*' }];
  if (level >= 7) document.multiRegion = { mode: 'active-passive', domainName: `${name}.example.com`, hostedZoneName: 'example.com' };
  const header = [
    '# yaml-language-server: $schema=https://tierup.dev/schema/blueprint.schema.json',
    `# A tierup blueprint at level ${level} (${LEVEL_NAMES[level]}). \`tierup explain\` shows every resolved default.`,
  ].join('\n');
  return `${header}\n${stringify(document, { flowCollectionPadding: true, lineWidth: 120 })}`;
}
