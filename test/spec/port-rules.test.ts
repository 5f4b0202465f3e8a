import { DATABASE_PORTS } from '../../lib/plan/environment-defaults';
import { parseBlueprint } from '../../lib/spec';
import { SERVER_RESERVED_PORTS } from '../../lib/spec/rules/port-rules';

const problems = (text: string): string[] => {
  try {
    parseBlueprint(text, 'test.yaml');
    return [];
  } catch (error) {
    return [(error as Error).message];
  }
};

describe('app.port on the level 1-3 server', () => {
  it('reserves the database port the plan gives level 1\'s engines', () => {
    expect(SERVER_RESERVED_PORTS.localDatabase).toEqual(DATABASE_PORTS);
  });

  it.each([
    [1, 80], [2, 443], [3, 80], [1, 5432],
  ])('level %i refuses port %i', (level, port) => {
    expect(problems(`name: shop\nlevel: ${level}\napp: { port: ${port} }\n`).join('\n')).toMatch(new RegExp(`app\\.port ${port}`));
  });

  it.each([
    [4, 80], [2, 5432], [1, 3306], [1, 8080],
  ])('level %i takes port %i (a fleet behind the load balancer; the database in RDS; the other engine; any other)', (level, port) => {
    expect(problems(`name: shop\nlevel: ${level}\napp: { port: ${port} }\n`)).toEqual([]);
  });
});
