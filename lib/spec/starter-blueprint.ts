import { stringify } from 'yaml';
import type { Level } from './levels';
import { LEVEL_NAMES } from './levels';

/** What a starter blueprint is made from. */
export interface StarterOptions {
  readonly name: string;
  readonly level: Level;
  readonly environment?: 'production' | 'staging' | 'development';
  readonly regions?: readonly string[];
}

/**
 * A starter blueprint for a level: each section the level introduces, with the playbook's sensible
 * values spelled out so the team sees what it can tune. The result always validates.
 */
export function starterBlueprint(options: StarterOptions): string {
  const { name, level } = options;
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
      instanceType: 't3.small',
      port: 8080,
      healthCheckPath: '/health',
      rpsPerInstance: 200,
      ...(level >= 4 ? { scaling: { min: 2, max: 10, targetCpuPercent: 60 } } : {}),
    },
  };
  if (level >= 2) {
    document.database = {
      engine: 'postgres',
      instanceClass: 'db.t4g.medium',
      storageGb: 100,
      ...(level >= 4 ? { readReplicas: 1, proxy: true } : {}),
      ...(level >= 5 ? { shards: { count: 2, strategy: 'hash', key: 'user_id' } } : {}),
    };
  }
  if (level >= 3) document.cache = { engine: 'redis', nodeType: 'cache.t4g.small', replicas: 1, strategy: 'cache-aside', ttlSeconds: 300 };
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
