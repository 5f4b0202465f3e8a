import { createPlan } from '../../lib/plan';
import { parseBlueprint } from '../../lib/spec';

// What the plan decides so that both engines' output deploys the first time (issue 21).

const planOf = (yaml: string) => createPlan(parseBlueprint(yaml, 'test.yaml').spec);

describe('cache access control', () => {
  it.each(['redis', 'valkey'] as const)('%s: a Redis OSS-engine user group, its default user off without a password, the app user on IAM', (engine) => {
    expect(planOf(`name: shop\nlevel: 3\ncache: { engine: ${engine} }\n`).cache!.accessControl).toEqual({
      userGroupEngine: 'redis',
      userGroupId: 'shop-prod-cache',
      defaultUser: { userId: 'shop-prod-cache-default', userName: 'default', accessString: 'off -@all', authentication: 'no-password-required' },
      appUser: { userId: 'shop-prod-cache-app', userName: 'shop-prod-cache-app', accessString: 'on ~* +@all', authentication: 'iam' },
    });
  });

  it('names a service cache\'s group and users after its replication group', () => {
    const plan = planOf('name: shop\nlevel: 6\nservices: [{ name: search, pathPattern: "/search/*", cache: { engine: valkey } }]\n');
    expect(plan.services[0].cache!.accessControl).toMatchObject({ userGroupId: 'shop-prod-s-search', appUser: { userId: 'shop-prod-s-search-app' } });
  });
});
