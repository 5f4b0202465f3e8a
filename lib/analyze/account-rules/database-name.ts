import type { AccountFinding, OutputAccountRule } from './account-rule';

/**
 * The name RDS accepts for the database it creates with an instance (CreateDBInstance, DBName): a letter, then
 * letters, underscores or digits, at most 64 characters for MySQL and MariaDB and 63 for PostgreSQL.
 */
const DB_NAME_PATTERNS: Readonly<Record<string, RegExp>> = {
  postgres: /^[A-Za-z][A-Za-z0-9_]{0,62}$/,
  mysql: /^[A-Za-z][A-Za-z0-9_]{0,63}$/,
  mariadb: /^[A-Za-z][A-Za-z0-9_]{0,63}$/,
};

/** Every database name either engine asks RDS to create is one RDS accepts for the instance's engine. */
export const databaseName: OutputAccountRule = {
  id: 'database-name',
  source: {
    title: 'Amazon RDS API Reference: CreateDBInstance, DBName',
    url: 'https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBInstance.html',
  },
  check: (outputs) => {
    const named: { resource: string; engine: unknown; name: unknown }[] = [];
    for (const [stack, template] of Object.entries(outputs.cloudformation)) {
      for (const [id, resource] of Object.entries(template.Resources)) {
        const properties = resource.Properties ?? {};
        if (resource.Type === 'AWS::RDS::DBInstance' && properties.DBName !== undefined) named.push({ resource: `${stack}/${id}`, engine: properties.Engine, name: properties.DBName });
      }
    }
    for (const [stack, config] of Object.entries(outputs.terraform)) {
      for (const [name, body] of Object.entries(config.resource?.aws_db_instance ?? {})) {
        if (body.db_name !== undefined) named.push({ resource: `${stack}/aws_db_instance.${name}`, engine: body.engine, name: body.db_name });
      }
    }
    return named.filter(({ engine, name }) => typeof name !== 'string' || !(DB_NAME_PATTERNS[String(engine)]?.test(name) ?? false))
      .map(({ resource, engine, name }): AccountFinding => ({
        rule: 'database-name',
        severity: 'error',
        message: `${resource} asks RDS to create the ${String(engine)} database ${JSON.stringify(name)}, which RDS refuses: a letter, then letters, underscores or digits (at most 63 for PostgreSQL, 64 for MySQL)`,
        fix: 'rename the blueprint (or the service) so that its name without hyphens makes a valid database name',
        path: ['name'],
      }));
  },
};
