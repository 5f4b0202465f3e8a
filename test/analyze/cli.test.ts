import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

// Runs the compiled CLI (`npm test` builds first); these tests check JSON shapes and exit codes end to end.
const cli = 'dist/bin/tierup.js';
const run = (...args: string[]) => JSON.parse(execFileSync('node', [cli, ...args], { encoding: 'utf8' }));

describe('planning commands through the compiled CLI', () => {
  beforeAll(() => {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` (npm test does it first)`);
  });

  it('cost --json has the documented keys', () => {
    const result = run('cost', 'blueprints/shop-4-fleet.yaml', '--json', '--requests-per-month', '20000000');
    expect(Object.keys(result)).toEqual(['currency', 'priceDate', 'monthly', 'items', 'warnings']);
    expect(Object.keys(result.monthly)).toEqual(['min', 'expected', 'max']);
    expect(result.items.find((item: { resource: string }) => item.resource === 'Cdn HTTPS requests').quantity).toBe(2000);
  });

  it('capacity --json has the documented keys', () => {
    const result = run('capacity', 'blueprints/shop-4-fleet.yaml', '--json', '--rps', '1000');
    expect(result).toMatchObject({ maxRps: 2000, bottleneck: 'app', headroom: 1 });
    expect(Object.keys(result.tiers[0])).toEqual(['tier', 'maxRps', 'notes']);
  });

  it('advise --json has the documented keys', () => {
    const result = run('advise', '--rps', '20000', '--read-ratio', '0.95', '--data-gb', '200', '--json');
    expect(Object.keys(result)).toEqual(['level', 'levelName', 'reasons', 'rps', 'users']);
    expect(result).toMatchObject({ level: 4, levelName: 'fleet' });
  });

  it('exits 2 on bad flags and 1 on a bad blueprint', () => {
    expect(spawnSync('node', [cli, 'advise', '--rps', '10', '--read-ratio', '2', '--data-gb', '1']).status).toBe(2);
    expect(spawnSync('node', [cli, 'cost', 'blueprints/missing.yaml']).status).toBe(1);
  });
});
