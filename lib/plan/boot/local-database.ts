// Level 1's database on the server, from the Amazon Linux 2023 repositories.

/** The engine a level-1 server installs and keeps on its data volume. */
export interface LocalDatabasePlan {
  readonly engine: 'postgres' | 'mysql';
  /** dnf packages (AL2023 ships PostgreSQL 16 and, for MySQL, MariaDB 10.5). */
  readonly packages: readonly string[];
  /** systemd unit of the server process. */
  readonly service: string;
  /** The engine's home: the data volume is mounted here, so every database file is on it. */
  readonly mountPoint: string;
  /** System user that owns the files. */
  readonly owner: string;
  readonly port: number;
  /** Database and user the app gets (TIERUP_DATABASE_NAME / _USERNAME); the password is generated on first boot. */
  readonly databaseName: 'app';
  readonly username: 'app';
}

/**
 * Per engine. AL2023 has no MySQL Community packages; MariaDB 10.5 speaks the MySQL protocol, and the
 * level 1 → 2 migration dumps it with mysqldump into RDS for MySQL
 * (https://docs.aws.amazon.com/linux/al2023/release-notes/all-packages.html).
 */
export const LOCAL_DATABASE_ENGINES = {
  postgres: { engine: 'postgres', packages: ['postgresql16-server'], service: 'postgresql', mountPoint: '/var/lib/pgsql', owner: 'postgres', port: 5432, databaseName: 'app', username: 'app' },
  mysql: { engine: 'mysql', packages: ['mariadb105-server'], service: 'mariadb', mountPoint: '/var/lib/mysql', owner: 'mysql', port: 3306, databaseName: 'app', username: 'app' },
} as const satisfies Record<LocalDatabasePlan['engine'], LocalDatabasePlan>;

/**
 * What the level-1 server tells its app about its database (in local.env), by settings path: the same paths, hence
 * the same app.env keys (`TIERUP_DATABASE_ENDPOINT`…), as the RDS settings and credentials from level 2
 * (wiring-settings.ts), so the climb to level 2 changes no app code.
 */
export function localDatabaseSettings(db: LocalDatabasePlan, password: string): Readonly<Record<string, string>> {
  return {
    'database/engine': db.engine,
    'database/endpoint': '127.0.0.1',
    'database/port': String(db.port),
    'database/name': db.databaseName,
    'database/username': db.username,
    'database/password': password,
  };
}

/**
 * The one-shot script (run after the engine's unit) that creates the app's database and user once and
 * lets it log in over 127.0.0.1 with its password. Idempotent: a reboot or a new instance on the same
 * volume finds them and changes nothing. `TIERUP_ROOT` (unset on EC2) roots its files, for the boot tests.
 */
export function databaseInitScript(db: LocalDatabasePlan): string {
  const password = `$(cat "$root${db.mountPoint}/tierup-app-password")`;
  const body = db.engine === 'postgres'
    ? [
        'hba="$root/var/lib/pgsql/data/pg_hba.conf"',
        '# The app logs in over TCP with its password; local socket logins stay peer-only.',
        'if ! grep -q "^host all app 127.0.0.1/32 scram-sha-256" "$hba"; then',
        '  sed -i "1i host all app 127.0.0.1/32 scram-sha-256" "$hba"',
        '  systemctl reload postgresql',
        'fi',
        `password="${password}"`,
        'sql() { runuser -u postgres -- psql -v ON_ERROR_STOP=1 -qtAc "$1"; }',
        'if [ "$(sql "SELECT 1 FROM pg_roles WHERE rolname = \'app\'")" != 1 ]; then',
        '  sql "CREATE ROLE app LOGIN PASSWORD \'$password\'"',
        '  sql "CREATE DATABASE app OWNER app"',
        'fi',
      ]
    : [
        `password="${password}"`,
        'mysql --protocol=socket -uroot -e "CREATE DATABASE IF NOT EXISTS app; CREATE USER IF NOT EXISTS \'app\'@\'127.0.0.1\' IDENTIFIED BY \'$password\'; GRANT ALL ON app.* TO \'app\'@\'127.0.0.1\';"',
      ];
  return ['#!/bin/bash', '# tierup: the app\'s database and user on the level-1 server (idempotent).', 'set -euo pipefail', 'root="${TIERUP_ROOT:-}"', ...body, ''].join('\n');
}
