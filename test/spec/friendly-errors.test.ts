import { parseBlueprint, SpecError, type SpecProblem } from '../../lib/spec';

function problemsOf(text: string, file = 'bad.yaml'): readonly SpecProblem[] {
  try {
    parseBlueprint(text, file);
  } catch (error) {
    if (error instanceof SpecError) return error.problems;
    throw error;
  }
  throw new Error('the blueprint was accepted');
}

const fleet = 'name: shop\nlevel: fleet\n';

describe('enum errors name the choices and the likely one', () => {
  it.each([
    ['cdn.priceClass', `${fleet}cdn:\n  priceClass: PriceClass_All\n`, /accepted: 100, 200, all$/, /did you mean "all"\?/],
    ['cdn.priceClass', `${fleet}cdn:\n  priceClass: PriceClass_100\n`, /accepted: 100, 200, all$/, /did you mean 100\?/],
    ['cdn.priceClass', `${fleet}cdn:\n  priceClass: "100"\n`, /accepted: 100, 200, all$/, /write 100 without quotes/],
    ['cdn.priceClass', `${fleet}cdn:\n  priceClass: ALL\n`, /accepted/, /did you mean "all"\?/],
    ['environment', 'name: shop\nlevel: 1\nenvironment: stage\n', /accepted: production, staging, development$/, /did you mean "staging"\?/],
    ['level', 'name: shop\nlevel: Fleet\n', /accepted: 1-7, single-server, separate-db, cache, fleet/, /did you mean "fleet"\?/],
    ['app.instanceType', 'name: shop\nlevel: 1\napp:\n  instanceType: M7g.large\n', /not an EC2 instance type/, /did you mean "m7g.large"\?/],
  ])('%s: %j', (field, text, message, fix) => {
    const problems = problemsOf(text);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field });
    expect(problems[0].message).toMatch(message);
    expect(problems[0].fix).toMatch(fix);
  });

  it('a region typo names the nearest few regions once, not all of them twice', () => {
    const [problem, ...rest] = problemsOf('name: shop\nlevel: 1\nregions: [eu-centrl-1]\n');
    expect(rest).toEqual([]);
    expect(problem.message).toBe('"eu-centrl-1" is not an AWS region; nearest: eu-central-1, eu-central-2, ca-central-1 (33 accepted; `tierup schema` lists them)');
    expect(problem.fix).toBe('did you mean "eu-central-1"?');
  });

  it.each(['all', 'All', 100, 200])('accepts priceClass %j', (value) => {
    expect(parseBlueprint(`${fleet}cdn:\n  priceClass: ${value}\n`, 'ok.yaml').spec.cdn?.priceClass).toBe(value === 'All' ? 'all' : value);
  });
});

describe('YAML and JSON syntax errors are said once, in the user\'s terms', () => {
  it('one extra space of indentation is one problem on the line that has it', () => {
    const problems = problemsOf('name: shop\nlevel: 1\napp:\n  port: 8080\n   healthCheckPath: /up\n');
    expect(problems).toEqual([{
      file: 'bad.yaml', line: 5, column: 4, field: '',
      message: 'YAML syntax: line 5 is indented further than line 4 (`port:`), which already has a value',
      fix: 'correct the YAML: indent line 5 by 2 spaces, like line 4, or nest it under a field that ends with `:`',
    }]);
  });

  it('tabs are one problem naming every line', () => {
    const problems = problemsOf('name: shop\nlevel: 1\napp:\n\tport: 80\n\thealthCheckPath: /up\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 4, message: 'YAML syntax: lines 4, 5 are indented with a tab; YAML indents with spaces only' });
  });

  it('one tab among space-indented lines is one problem: the misalignment it causes is not reported again', () => {
    const problems = problemsOf('name: shop\nlevel: 1\napp:\n\tport: 8080\n  healthCheckPath: /health\n');
    expect(problems).toEqual([expect.objectContaining({ line: 4, message: 'YAML syntax: line 4 is indented with a tab; YAML indents with spaces only' })]);
  });

  it.each([
    ['at the end of the file', 'name: shop\nlevel: 1\napp:\n  healthCheckPath: /healthz: x\n'],
    ['before another field', 'name: shop\nlevel: 1\napp:\n  healthCheckPath: /healthz: x\n  port: 8080\n'],
  ])('a value holding ": " (%s) is a value to quote, not an indentation problem', (_where, text) => {
    expect(problemsOf(text)).toEqual([{
      file: 'bad.yaml', line: 4, column: 20, field: '',
      message: 'YAML syntax: the value of `healthCheckPath` contains `: `, which YAML reads as a field inside it',
      fix: 'quote the value: `healthCheckPath: "/healthz: x"`',
    }]);
  });

  it('a truncated .json blueprint is reported as JSON, with its line and column', () => {
    const problems = problemsOf('{\n  "name": "shop",\n  "level": 1,\n', 'bad.json');
    expect(problems).toEqual([{
      file: 'bad.json', line: 3, column: 14, field: '',
      message: 'JSON syntax: the file ends before every `{` and `[` is closed (is it truncated?)',
      fix: 'complete the file: close each open `{` with `}` and `[` with `]`',
    }]);
  });

  it('a missing comma in JSON points at the next field', () => {
    const [problem] = problemsOf('{\n  "name": "shop"\n  "level": 1\n}\n', 'bad.json');
    expect(problem).toMatchObject({ line: 3, column: 3, message: "JSON syntax: expected ',' or '}' after property value" });
  });

  it('an unclosed flow list says so', () => {
    const [problem] = problemsOf('name: shop\nlevel: 1\nregions: [us-east-1\n');
    expect(problem.message).toMatch(/a `\[ … \]` list is not closed/);
  });
});

describe('routes the CDN takes', () => {
  const micro = (services: string, cdn = '') => `name: shop\nlevel: microservices\n${cdn}services:\n${services}`;

  it.each(['/static/*', '/static/img/*', '/st*', '/static/logo.png'])('rejects a service at %s while static assets are on', (pattern) => {
    const [problem, ...rest] = problemsOf(micro(`  - { name: assets, pathPattern: "${pattern}" }\n`));
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ field: 'services[0].pathPattern', line: 4 });
    expect(problem.message).toMatch(/is taken by the CDN: CloudFront serves \/static\/\* from the static-assets bucket/);
    expect(problem.fix).toMatch(/cdn.staticAssets: false/);
  });

  it.each([
    ['a path beside it', micro('  - { name: assets, pathPattern: "/statics/*" }\n')],
    ['static assets off', micro('  - { name: assets, pathPattern: "/static/*" }\n', 'cdn: { staticAssets: false }\n')],
    ['no CDN', micro('  - { name: assets, pathPattern: "/static/*" }\n', 'cdn: { enabled: false }\n')],
  ])('accepts %s', (_name, text) => {
    expect(() => parseBlueprint(text, 'ok.yaml')).not.toThrow();
  });

  it('names the path the plan gives the static assets', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { createPlan } = require('../../lib/plan') as typeof import('../../lib/plan');
    const { CDN_STATIC_ASSETS_PATH } = require('../../lib/spec/rules/cdn-rules') as typeof import('../../lib/spec/rules/cdn-rules');
    expect(createPlan(parseBlueprint('name: shop\nlevel: 4\n', 'x.yaml').spec).cdn?.staticAssets?.pathPattern).toBe(CDN_STATIC_ASSETS_PATH);
  });
});
