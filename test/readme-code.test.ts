import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ModuleKind, ScriptTarget, transpileModule } from 'typescript';

/**
 * The README's TypeScript samples run as written: each ```ts block is compiled and executed, its
 * `tierup`, `tierup/cdk`, `tierup/cdktf` and `tierup/testing` imports answered by this checkout, and the
 * blueprint files it names by the examples they stand for. Terminal samples are checked by
 * readme-samples.test.ts.
 */
const ROOT = join(__dirname, '..');
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const samples = [...readme.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1]);

/** What each sample's imports and file names stand for here. */
const MODULES: Record<string, string> = {
  tierup: join(ROOT, 'lib/index'),
  'tierup/cdk': join(ROOT, 'lib/cdk'),
  'tierup/cdktf': join(ROOT, 'lib/cdktf'),
  'tierup/testing': join(ROOT, 'lib/testing'),
};
const FILES: Record<string, string> = {
  'blueprint.yaml': join(ROOT, 'blueprints/shop-4-fleet.yaml'),
  'infra/shop.yaml': join(ROOT, 'blueprints/shop-4-fleet.yaml'),
};

interface SampleRun {
  readonly tests: { readonly name: string; readonly body: () => void }[];
}

/**
 * Runs one sample. `it` blocks are collected and run in order; `toMatchSnapshot` is jest's own and would
 * write the reader's snapshot file, so here it checks that the value is a non-empty, JSON-safe snapshot.
 */
function runSample(source: string): SampleRun {
  const { outputText } = transpileModule(source, { compilerOptions: { module: ModuleKind.CommonJS, target: ScriptTarget.ES2022, esModuleInterop: true } });
  const code = Object.entries(FILES).reduce((text, [name, path]) => text.split(`'${name}'`).join(JSON.stringify(path)), outputText);
  const run: SampleRun = { tests: [] };
  const sampleRequire = (name: string): unknown => require(MODULES[name] ?? name);
  const sampleExpect = Object.assign((value: unknown) => {
    const matchers = expect(value);
    return new Proxy(matchers, {
      get: (target, property, receiver) => (property === 'toMatchSnapshot'
        ? () => {
            expect(JSON.parse(JSON.stringify(value))).toEqual(value);
            expect(JSON.stringify(value).length).toBeGreaterThan(2);
          }
        : Reflect.get(target, property, receiver)),
    });
  }, expect);
  const it = (name: string, body: () => void) => run.tests.push({ name, body });
  // An aspect that visits and changes nothing, for the sample that applies "myAspect".
  const myAspect = { visit: () => undefined };
  new Function('require', 'expect', 'it', 'myAspect', 'exports', code)(sampleRequire, sampleExpect, it, myAspect, {});
  return run;
}

describe('README TypeScript samples run as written', () => {
  it('has the library and the testing samples', () => {
    expect(samples.length).toBeGreaterThanOrEqual(2);
  });

  it.each(samples.map((sample) => [sample.split('\n')[0], sample] as const))('%s', (_first, sample) => {
    const run = runSample(sample);
    for (const test of run.tests) test.body();
  });
});
