import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parse } from 'yaml';
import { runCli } from './run-cli';

describe('tierup init', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tierup-init-'));

  it('writes a staging starter that takes staging sizes, with the engines asked for', () => {
    const file = join(dir, 'staging.yaml');
    const run = runCli(['init', '--level', 'fleet', '--name', 'shop', '--environment', 'staging', '--region', 'eu-central-1', '--engine', 'mysql', '--cache-engine', 'valkey', '-o', file]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const written = parse(readFileSync(file, 'utf8'));
    expect(written).toEqual({
      version: 1, name: 'shop', level: 'fleet', environment: 'staging', regions: ['eu-central-1'],
      database: { engine: 'mysql', readReplicas: 1, proxy: true },
      cache: { engine: 'valkey' },
    });
    const plan = JSON.parse(runCli(['explain', file, '--json']).stdout);
    expect(plan.database).toMatchObject({ engine: 'mysql', instanceClass: 'db.t4g.small', multiAz: false });
    expect(plan.cache).toMatchObject({ engine: 'valkey', nodeType: 'cache.t4g.micro', replicas: 0 });
  });

  it.each([
    ['mysql', { database: { engine: 'mysql' } }, 'MariaDB (MySQL-compatible) on the data volume'],
    ['postgres', {}, 'PostgreSQL on the data volume'],
  ])('level 1 keeps --engine %s: the server runs it, and explain and diagram say so', (engine, database, said) => {
    const file = join(dir, `level-1-${engine}.yaml`);
    expect(runCli(['init', '--level', '1', '--name', 'shop', '--engine', engine, '-o', file]).status).toBe(0);
    expect(parse(readFileSync(file, 'utf8'))).toEqual({ version: 1, name: 'shop', level: 'single-server', environment: 'production', regions: ['us-east-1'], ...database });
    expect(JSON.parse(runCli(['explain', file, '--json']).stdout).server.localDatabase.engine).toBe(engine);
    expect(runCli(['explain', file]).stdout).toContain(said);
    expect(runCli(['diagram', file]).stdout).toContain(said.replace('data volume', 'server'));
  });

  it.each([
    ['init', (file: string) => ['init', '--level', '2', '-o', file]],
    ['advise --emit', (file: string) => ['advise', '--rps', '500', '--read-ratio', '0.9', '--data-gb', '10', '--emit', file]],
  ])('%s points $schema at the shipped schema, relative to the file it writes', (_command, args) => {
    const file = join(dir, 'nested', _command.replace(/\W+/g, '-'), 'blueprint.yaml');
    require('node:fs').mkdirSync(dirname(file), { recursive: true });
    expect(runCli(args(file)).status).toBe(0);
    const reference = /\$schema=(\S+)/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';
    expect(reference.startsWith('.')).toBe(true);
    const target = resolve(dirname(file), reference);
    expect(existsSync(target)).toBe(true);
    expect(JSON.parse(readFileSync(target, 'utf8')).title).toMatch(/tierup blueprint/);
  });

  it.each([1, 2, 3, 4, 5, 6, 7].flatMap((level) => (['production', 'staging', 'development'] as const).map((environment) => [level, environment] as const)))(
    'level %i in %s validates', (level, environment) => {
      const file = join(dir, `l${level}-${environment}.yaml`);
      expect(runCli(['init', '--level', String(level), '--environment', environment, '-o', file]).status).toBe(0);
      expect(runCli(['validate', file]).status).toBe(0);
    });

  it('refuses a region that does not exist and several regions below level 7', () => {
    expect(runCli(['init', '--region', 'eu-centrl-1']).status).toBe(2);
    expect(runCli(['init', '--region', 'us-east-1', '--region', 'eu-west-1']).stderr).toMatch(/need --level 7/);
  });
});
