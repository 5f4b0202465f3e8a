import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { blueprintJsonSchema, LEVEL_NAMES, LEVELS, loadBlueprint, parseBlueprint, starterBlueprint } from '../../lib/spec';

const examples = readdirSync(join(__dirname, '../../blueprints')).filter((f) => f.endsWith('.yaml')).toSorted();

describe('loading blueprints', () => {
  it('ships one example per level, shop-1 to shop-7, and two on a domain', () => {
    expect(examples.filter((f) => f.startsWith('shop-')).map((f) => f.split('-')[1])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(examples.filter((f) => !f.startsWith('shop-'))).toEqual(['store-2-domain.yaml', 'store-4-domain.yaml']);
  });

  it.each(examples)('loads %s at the level its file name says, named as its file', (file) => {
    const { spec } = loadBlueprint(join(__dirname, '../../blueprints', file));
    expect(spec.level).toBe(Number(file.split('-')[1]));
    expect(spec.name).toBe(file.split('-')[0]);
  });

  it.each(LEVELS.map((level) => [level, LEVEL_NAMES[level]] as const))('accepts level %i and its name "%s" alike', (level, name) => {
    const byNumber = parseBlueprint(starterBlueprint({ name: 'x', level }), 'a.yaml').spec;
    const byName = parseBlueprint(starterBlueprint({ name: 'x', level }).replace(`level: ${name}`, `level: ${level}`), 'b.yaml').spec;
    expect(byNumber).toEqual(byName);
    expect(byNumber.level).toBe(level);
  });

  it('reads JSON as well as YAML', () => {
    const { spec } = parseBlueprint(JSON.stringify({ name: 'api', level: 2, database: { engine: 'mysql' } }), 'api.json');
    expect(spec.database?.engine).toBe('mysql');
  });

  it('applies literal defaults and leaves environment-dependent ones to the plan', () => {
    const { spec } = parseBlueprint('name: api\nlevel: 1\n', 'api.yaml');
    expect(spec).toMatchObject({
      version: 1, environment: 'production', regions: ['us-east-1'], tags: {},
      network: { cidr: '10.0.0.0/16', maxAzs: 2 },
      app: { port: 8080, healthCheckPath: '/health', rpsPerInstance: 200 },
    });
    expect(spec.app.instanceType).toBeUndefined();
  });

  it('reports every problem of a file in one pass', () => {
    expect(() => parseBlueprint('name: Bad\nlevel: 1\nap: {}\ncache: {}\n', 'x.yaml')).toThrow(/name[\s\S]*ap/);
  });

  it('names a missing file and a directory clearly', () => {
    expect(() => loadBlueprint('does/not/exist.yaml')).toThrow(/does\/not\/exist\.yaml: error: does not exist/);
    expect(() => loadBlueprint(__dirname)).toThrow(/is a directory/);
  });
});

describe('the JSON Schema', () => {
  const schema = blueprintJsonSchema() as { properties: Record<string, unknown>; required: string[] };

  it('requires name and level and knows every section of DESIGN.md §2', () => {
    expect(schema.required).toEqual(expect.arrayContaining(['name', 'level']));
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining([
      'version', 'name', 'level', 'environment', 'regions', 'tags', 'network', 'app', 'database', 'cache', 'cdn',
      'queues', 'services', 'multiRegion', 'terraform',
    ]));
  });

  it('is the one shipped in schema/blueprint.schema.json', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(require('../../schema/blueprint.schema.json')).toEqual(JSON.parse(JSON.stringify(blueprintJsonSchema())));
  });
});
