import { parseBlueprint, SpecError, type SpecProblem } from '../../lib/spec';
import { BAD_INPUTS } from './bad-input-corpus';

function problemsOf(text: string): readonly SpecProblem[] {
  try {
    parseBlueprint(text, 'bad.yaml');
  } catch (error) {
    if (error instanceof SpecError) return error.problems;
    throw error;
  }
  throw new Error('the blueprint was accepted');
}

describe('bad blueprints are rejected with file, line, field, message and fix', () => {
  it.each(BAD_INPUTS.map((input) => [input.name, input] as const))('%s', (_name, input) => {
    const problems = problemsOf(input.text);
    const problem = problems.find((p) => p.field === input.field) ?? problems[0];
    expect(problem.file).toBe('bad.yaml');
    expect({ field: problem.field, line: problem.line }).toEqual({ field: input.field, line: input.line });
    expect(problem.message).toMatch(input.message);
    expect(problem.fix).toMatch(input.fix);
    expect(problem.message).not.toMatch(/\n\s+at /);
  });
});
