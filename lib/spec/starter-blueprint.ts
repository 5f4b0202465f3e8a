import { stringify } from 'yaml';
import type { Level } from './levels';
import { LEVEL_NAMES } from './levels';

/** What a starter blueprint is made from. */
export interface StarterOptions {
  readonly name: string;
  readonly level: Level;
  /** @default "production" */
  readonly environment?: 'production' | 'staging' | 'development';
  /** @default - us-east-1, and eu-west-1 beside it at level 7 */
  readonly regions?: readonly string[];
  /** @default "postgres" */
  readonly databaseEngine?: 'postgres' | 'mysql';
  /** @default "redis" */
  readonly cacheEngine?: 'redis' | 'valkey';
  /** Your own domain over HTTPS (level 7: also multiRegion's names). @default - none */
  readonly domain?: { readonly name: string; readonly hostedZone: string };
  /** The `$schema` reference of the editor's modeline comment. @default - none: no modeline */
  readonly schemaReference?: string;
  /** Sizes that replace the environment's defaults (used by `tierup advise --emit`). */
  readonly sizing?: StarterSizing;
}

/** Sizes a starter may carry; a field left out is left to the environment's default. */
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
  /** Level 1: the data volume, in GiB. */
  readonly dataVolumeGb?: number;
}

/**
 * A starter blueprint for a level: the sections the level introduces and the choices it makes
 * (engines, read replicas, shards, a queue, a service), and nothing the environment decides
 * (instance sizes, Multi-AZ, replicas of the cache, fleet bounds): those come from the
 * environment's defaults, so `environment: staging` really is staging-sized. Sizes given in
 * `sizing` are written out. The result always validates.
 */
export function starterBlueprint(options: StarterOptions): string {
  const { name, level } = options;
  const sizing = options.sizing ?? {};
  const regions = options.regions ?? (level === 7 ? ['us-east-1', 'eu-west-1'] : ['us-east-1']);
  const app = defined({
    instanceType: sizing.instanceType,
    rpsPerInstance: sizing.rpsPerInstance,
    scaling: level >= 4 && (sizing.scalingMin !== undefined || sizing.scalingMax !== undefined)
      ? defined({ min: sizing.scalingMin, max: sizing.scalingMax })
      : undefined,
    dataVolumeGb: level === 1 ? sizing.dataVolumeGb : undefined,
  });
  const document: Record<string, unknown> = {
    version: 1,
    name,
    level: LEVEL_NAMES[level],
    environment: options.environment ?? 'production',
    regions,
    ...(options.domain ? { domain: { name: options.domain.name, hostedZone: options.domain.hostedZone } } : {}),
    ...(Object.keys(app).length > 0 ? { app } : {}),
  };
  // Level 1 runs its database on the server and takes only the engine from `database`; PostgreSQL is the default.
  if (level === 1 && options.databaseEngine !== undefined && options.databaseEngine !== 'postgres') {
    document.database = { engine: options.databaseEngine };
  }
  if (level >= 2) {
    document.database = defined({
      engine: options.databaseEngine ?? 'postgres',
      instanceClass: sizing.dbInstanceClass,
      storageGb: sizing.storageGb,
      ...(level >= 4 ? { readReplicas: sizing.readReplicas ?? 1, proxy: true } : {}),
      ...(level >= 5 ? { shards: { count: sizing.shards ?? 2, strategy: 'hash', key: 'user_id' } } : {}),
    });
  }
  if (level >= 3) {
    document.cache = defined({ engine: options.cacheEngine ?? 'redis', nodeType: sizing.cacheNodeType, replicas: sizing.cacheReplicas });
  }
  if (level >= 5) document.queues = [{ name: 'jobs', worker: { max: 10 } }];
  if (level >= 6) document.services = [{ name: 'api', pathPattern: '/api/*' }];
  if (level >= 7) {
    const domain = options.domain ?? { name: `${name}.example.com`, hostedZone: 'example.com' };
    document.multiRegion = { mode: 'active-passive', domainName: domain.name, hostedZoneName: domain.hostedZone };
  }
  const header = [
    // The schema's `$id` is a name, not an address that serves it: only a path to the shipped file resolves.
    ...(options.schemaReference ? [`# yaml-language-server: $schema=${options.schemaReference}`] : []),
    `# A tierup blueprint at level ${level} (${LEVEL_NAMES[level]}). Fields left out take the defaults of`,
    `# environment ${options.environment ?? 'production'}; \`tierup explain\` shows every resolved value, \`tierup schema\` every field.`,
  ].join('\n');
  return `${header}\n${stringify(document, { flowCollectionPadding: true, lineWidth: 120 })}`;
}

/** The object without its undefined fields. */
function defined(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
}
