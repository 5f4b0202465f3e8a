import type { LocalDatabasePlan } from '../plan';

/**
 * What a level-1 server's database is called in explain and diagrams: Amazon Linux 2023 ships PostgreSQL
 * and, for `engine: mysql`, MariaDB (MySQL-compatible); see LocalDatabasePlan.packages.
 */
export const LOCAL_ENGINE_NAMES = {
  postgres: 'PostgreSQL',
  mysql: 'MariaDB (MySQL-compatible)',
} as const satisfies Record<LocalDatabasePlan['engine'], string>;
