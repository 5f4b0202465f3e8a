import type { BlueprintRule, RuleIssue } from './rule-context';

/**
 * Ports the level 1-3 server itself listens on, which the app cannot take: nginx fronts the app on 80 (and on 443
 * with a domain; reserved always, so adding a domain later cannot collide), and at level 1 the database installed on
 * the server listens on its engine's default port (the plan's DATABASE_PORTS). nginx could not bind a port the app
 * holds: the boot would fail, or serve without the access log the server's alarms count.
 */
export const SERVER_RESERVED_PORTS = { web: [80, 443], localDatabase: { postgres: 5432, mysql: 3306 } } as const;

/** At levels 1-3, `app.port` is none of the server's own ports. */
export const appPortIsFreeOnTheServer: BlueprintRule = ({ spec, level }) => {
  if (level > 3) return [];
  const port = spec.app.port;
  const issues: RuleIssue[] = [];
  if ((SERVER_RESERVED_PORTS.web as readonly number[]).includes(port)) {
    issues.push({
      path: ['app', 'port'],
      message: `app.port ${port} is the server's web port: at level ${level} nginx listens on 80 (and on 443 with a domain) and proxies to the app's own port`,
      fix: 'give the app a port of its own, e.g. `port: 8080` (viewers still reach it on 80/443 through nginx)',
    });
  }
  const engine = spec.database?.engine ?? 'postgres';
  if (level === 1 && port === SERVER_RESERVED_PORTS.localDatabase[engine]) {
    issues.push({
      path: ['app', 'port'],
      message: `app.port ${port} is the port of the ${engine === 'postgres' ? 'PostgreSQL' : 'MariaDB'} server that level 1 runs on the same instance`,
      fix: 'give the app another port, e.g. `port: 8080`',
    });
  }
  return issues;
};
