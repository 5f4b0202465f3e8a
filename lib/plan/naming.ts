import type { Environment } from './architecture-plan';

/** "order-events" → "OrderEvents": construct ids from user-given names. */
export function pascalCase(name: string): string {
  return name.split(/[-_]/).filter(Boolean).map((part) => part[0].toUpperCase() + part.slice(1)).join('');
}

/** "order-events" → "order_events": Terraform resource names from user-given names. */
export function snakeCase(name: string): string {
  return name.replace(/-/g, '_');
}

/** Short environment names keep physical names inside AWS length limits (ElastiCache ids: 40). */
export const ENVIRONMENT_SHORT_NAMES = {
  production: 'prod',
  staging: 'stg',
  development: 'dev',
} as const satisfies Record<Environment, string>;

/** `shop-prod`: the prefix of every physical name of a blueprint. */
export function physicalPrefix(name: string, environment: Environment): string {
  return `${name}-${ENVIRONMENT_SHORT_NAMES[environment]}`;
}

/** FNV-1a, 32 bits: a small, well-known, dependency-free hash, used for stable derived numbers. */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}
