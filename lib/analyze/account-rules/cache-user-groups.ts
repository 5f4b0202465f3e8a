import type { AccountFinding, OutputAccountRule, SynthesizedOutputs } from './account-rule';
import { cfnTarget, listOf, tfTarget } from './output-references';

/** One ElastiCache user, as far as the rule reads it. */
interface CacheUser {
  readonly engine: string;
  /** `password`, `iam` or `no-password-required`. */
  readonly authentication: string;
}

/** One user group with the users it names (null where a user is no resource of the same output). */
interface CacheUserGroup {
  readonly address: string;
  readonly engine: string;
  readonly users: readonly (CacheUser | null)[];
}

/**
 * A user group of the Valkey engine holds only users who authenticate with a password or IAM; ElastiCache refuses
 * a passwordless user in it, such as a `default` user switched off without a password (a Redis OSS-engine group
 * takes such a user, and a Valkey cache takes a Redis OSS-engine group).
 */
export const cacheUserGroups: OutputAccountRule = {
  id: 'cache-user-group-users',
  source: { title: 'Amazon ElastiCache: Role-Based Access Control (RBAC)', url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/Clusters.RBAC.html' },
  check: (outputs) => [...cfnGroups(outputs), ...tfGroups(outputs)]
    .filter((group) => group.engine.toLowerCase() === 'valkey')
    .filter((group) => group.users.some((user) => user !== null && user.authentication !== 'password' && user.authentication !== 'iam'))
    .map((group): AccountFinding => ({
      rule: 'cache-user-group-users',
      severity: 'error',
      message: `user group ${group.address} is of the Valkey engine and holds a user without a password or IAM authentication; ElastiCache refuses it`,
      fix: 'make the group and its users of the redis engine (a Valkey cache accepts them), or authenticate every user in it (tierup does; regenerate the output with this version)',
      path: ['cache', 'engine'],
    })),
};

function cfnGroups(outputs: SynthesizedOutputs): CacheUserGroup[] {
  return Object.entries(outputs.cloudformation).flatMap(([stack, template]) => {
    const resources = template.Resources;
    const user = (value: unknown): CacheUser | null => {
      const id = cfnTarget(value);
      const resource = id === null ? undefined : resources[id];
      if (resource?.Type !== 'AWS::ElastiCache::User') return null;
      const properties = resource.Properties ?? {};
      const mode = (properties.AuthenticationMode as { Type?: unknown } | undefined)?.Type;
      const authentication = typeof mode === 'string' ? mode : properties.NoPasswordRequired === true ? 'no-password-required' : 'password';
      return { engine: String(properties.Engine), authentication };
    };
    return Object.entries(resources).filter(([, resource]) => resource.Type === 'AWS::ElastiCache::UserGroup').map(([id, resource]) => ({
      address: `${stack}/${id}`, engine: String(resource.Properties?.Engine), users: listOf(resource.Properties?.UserIds).map(user),
    }));
  });
}

function tfGroups(outputs: SynthesizedOutputs): CacheUserGroup[] {
  return Object.entries(outputs.terraform).flatMap(([stack, config]) => {
    const users = config.resource?.aws_elasticache_user ?? {};
    const user = (value: unknown): CacheUser | null => {
      const target = tfTarget(value);
      const body = target?.startsWith('aws_elasticache_user.') ? users[target.slice('aws_elasticache_user.'.length)] : undefined;
      if (!body) return null;
      const mode = listOf(body.authentication_mode)[0] as { type?: unknown } | undefined;
      const authentication = typeof mode?.type === 'string' ? mode.type : body.no_password_required === true ? 'no-password-required' : 'password';
      return { engine: String(body.engine), authentication };
    };
    return Object.entries(config.resource?.aws_elasticache_user_group ?? {}).map(([name, body]) => ({
      address: `${stack}/aws_elasticache_user_group.${name}`, engine: String(body.engine), users: listOf(body.user_ids).map(user),
    }));
  });
}
