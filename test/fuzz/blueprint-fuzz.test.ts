import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parse, stringify } from 'yaml';
import { type ArchitecturePlan, createPlan } from '../../lib/plan';
import { renderCfnTemplates } from '../../lib/render/cfn';
import { MAX_RESOURCES_PER_TEMPLATE, TemplateTooLargeError } from '../../lib/render/cfn/template-limits';
import { renderTfConfigs } from '../../lib/render/tf';
import { parseBlueprint, SpecError } from '../../lib/spec';
import { uncreatablePins } from '../analyze/engine-version-pins';
import { mutate, mutations } from './mutate-blueprint';

// Mutants of valid blueprints must be rejected with a SpecError, or accepted and then synthesize in
// both targets. A fixed seed keeps CI reproducible; FUZZ_SEED and FUZZ_RUNS explore further.
const SEED = Number(process.env.FUZZ_SEED ?? 20261123);
const RUNS = Number(process.env.FUZZ_RUNS ?? 400);

const examplesDir = join(__dirname, '../../blueprints');
const bases = readdirSync(examplesDir).toSorted().map((file) => parse(readFileSync(join(examplesDir, file), 'utf8')) as Record<string, unknown>);

describe('fuzzing blueprints', () => {
  const accepted = new Map<string, ArchitecturePlan>();
  let rejected = 0;

  it(`rejects or accepts ${RUNS} mutants without crashing`, () => {
    fc.assert(
      fc.property(fc.nat({ max: bases.length - 1 }), fc.array(mutations, { minLength: 1, maxLength: 3 }), (base, edits) => {
        const text = stringify(mutate(bases[base], edits));
        try {
          const plan = createPlan(parseBlueprint(text, 'mutant.yaml').spec);
          accepted.set(JSON.stringify(plan), plan);
        } catch (error) {
          if (!(error instanceof SpecError)) throw error;
          for (const problem of error.problems) {
            expect(problem.message.length).toBeGreaterThan(0);
            expect(problem.fix.length).toBeGreaterThan(0);
          }
          rejected++;
        }
      }),
      { seed: SEED, numRuns: RUNS },
    );
    expect(rejected).toBeGreaterThan(RUNS / 10);
    expect(accepted.size).toBeGreaterThan(RUNS / 20);
  });

  it('synthesizes every distinct accepted mutant in both targets, asking RDS only for versions it creates on 2026-12-06', () => {
    let tooLarge = 0;
    for (const plan of accepted.values()) {
      const tf = renderTfConfigs(plan);
      expect(Object.keys(tf).length).toBe(1);
      try {
        const cfn = renderCfnTemplates(plan);
        expect(Object.keys(cfn).length).toBeGreaterThan(0);
        expect(uncreatablePins(cfn as never, tf as never, '2026-12-06')).toEqual([]);
      } catch (error) {
        // CloudFormation's 500-resource limit is refused before synthesis, with a fix; nothing else may throw.
        if (!(error instanceof TemplateTooLargeError)) throw error;
        expect(error.resources).toBeGreaterThan(MAX_RESOURCES_PER_TEMPLATE);
        tooLarge++;
      }
    }
    expect(tooLarge).toBeLessThan(accepted.size / 10);
  });
});
