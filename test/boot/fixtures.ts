import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { acceptedOriginSecrets, type ArchitecturePlan, type BootTier, createPlan, requiredSettings } from '../../lib/plan';
import { type BlueprintSpec, loadBlueprint } from '../../lib/spec';

/** An example blueprint's plan, with `change` applied to its parsed spec (a free port, an image…). */
export function examplePlan(name: string, change: (spec: BlueprintSpec) => void = () => undefined): ArchitecturePlan {
  const { spec } = loadBlueprint(join(__dirname, '../../blueprints', `${name}.yaml`));
  change(spec);
  return createPlan(spec);
}

/** The example blueprints' names. */
export function exampleNames(): string[] {
  return ['shop-1-single-server', 'shop-2-separate-db', 'shop-3-cache', 'shop-4-fleet', 'shop-5-sharded', 'shop-6-microservices', 'shop-7-multi-region', 'store-2-domain', 'store-4-domain']
    .filter((name) => parse(readFileSync(join(__dirname, '../../blueprints', `${name}.yaml`), 'utf8')) !== null);
}

/** Where the fixture's data stores listen. */
export interface StorePorts {
  readonly database: number;
  readonly cache: number;
}

/**
 * SSM parameters as the stacks would publish them for `tier`: every required setting, with the data
 * stores on 127.0.0.1 at the given ports, plus one setting no tier waits for.
 */
export function parametersFor(plan: ArchitecturePlan, tier: BootTier, ports: StorePorts, prefix = plan.parameterPrefix): Record<string, string> {
  const values: Record<string, string> = { [`${prefix}/extra/note`]: 'published but not required' };
  for (const path of requiredSettings(plan, tier, plan.regions[0].region)) {
    values[`${prefix}/${path}`] = originValueOf(plan, path) ?? (path === 'database/name' && plan.database ? plan.database.databaseName : valueOf(path, ports));
  }
  return values;
}

/** The origin proof's settings as the stacks publish them (wiring-settings.ts). */
function originValueOf(plan: ArchitecturePlan, path: string): string | null {
  const proof = plan.server?.originProof;
  if (!proof) return null;
  if (path === 'origin/header-name') return proof.headerName;
  if (path === 'origin/secret-names') return acceptedOriginSecrets(proof).map((secret) => secret.name).join(' ');
  return null;
}

function valueOf(path: string, ports: StorePorts): string {
  if (path === 'server/data-volume-id') return 'vol-0123456789abcdef0';
  if (path.endsWith('/secret-arn')) return `arn:aws:secretsmanager:us-east-1:123456789012:secret:${path.replace(/\//g, '-')}-AbCdEf`;
  if (path.endsWith('/url')) return `https://sqs.us-east-1.amazonaws.com/123456789012/${path.split('/')[1]}`;
  if (path === 'database/port') return String(ports.database);
  if (path === 'cache/port') return String(ports.cache);
  if (path.startsWith('shards/') && path !== 'shards/map') return `127.0.0.1:${ports.database}`;
  if (path === 'shards/map') return '{"version":1,"strategy":"hash"}';
  if (/endpoint/.test(path)) return '127.0.0.1';
  return `value-of-${path.replace(/\//g, '-')}`;
}
