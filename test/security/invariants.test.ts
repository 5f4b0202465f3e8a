import { renderCfnTemplates } from '../../lib/render/cfn';
import { checkSecurityInvariants, SECURITY_INVARIANTS, type SecurityTemplate } from '../../lib/analyze/security-invariants';
import { EXAMPLE_FILES, planOf } from './examples';
import { VIOLATIONS } from './violations';

// DESIGN.md §5.3 over every example: each is rendered once for the whole file.
describe('security invariants', () => {
  const rendered = new Map<string, { templates: Record<string, SecurityTemplate>; production: boolean }>();
  beforeAll(() => {
    for (const file of EXAMPLE_FILES) {
      const plan = planOf(file);
      rendered.set(file, { templates: renderCfnTemplates(plan), production: plan.environment === 'production' });
    }
  });

  it('cover both ladders, production and staging, nested and regional stacks', () => {
    const all = [...rendered.values()];
    expect(all.filter((example) => example.production).length).toBeGreaterThanOrEqual(7);
    expect(all.filter((example) => !example.production).length).toBeGreaterThanOrEqual(7);
    expect(all.some((example) => Object.keys(example.templates).some((name) => name.includes('/')))).toBe(true);
  });

  describe.each(SECURITY_INVARIANTS.map((invariant) => [invariant.id, invariant] as const))('%s', (_id, invariant) => {
    it.each(EXAMPLE_FILES)('holds for %s', (file) => {
      const { templates, production } = rendered.get(file)!;
      expect(checkSecurityInvariants(templates, { production }, [invariant])).toEqual([]);
    });

    it('reports a hand-made template that breaks it', () => {
      const findings = checkSecurityInvariants({ broken: VIOLATIONS[invariant.id] }, { production: true }, [invariant]);
      expect(findings.length).toBeGreaterThan(0);
      expect(findings.every((finding) => finding.invariant === invariant.id && finding.stack === 'broken')).toBe(true);
    });
  });

  it('every invariant has a hand-made violation', () => {
    expect(Object.keys(VIOLATIONS).toSorted()).toEqual(SECURITY_INVARIANTS.map((invariant) => invariant.id).toSorted());
  });

  it('checks the production invariants in production only', () => {
    const productionOnly = SECURITY_INVARIANTS.filter((invariant) => invariant.productionOnly);
    expect(productionOnly.map((invariant) => invariant.id)).toEqual(['deletion-protection', 'multi-az', 'retain-data', 'backups']);
    for (const invariant of productionOnly) {
      expect(checkSecurityInvariants({ broken: VIOLATIONS[invariant.id] }, { production: false }, [invariant])).toEqual([]);
    }
  });

  it('names the stack, the resource and the problem', () => {
    expect(checkSecurityInvariants({ broken: VIOLATIONS.imdsv2 }, { production: false })).toContainEqual({
      invariant: 'imdsv2', stack: 'broken', resource: 'Template', message: 'HttpTokens is not "required"',
    });
  });
});
