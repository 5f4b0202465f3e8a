import { join } from 'node:path';
import { planBlueprint, planBlueprintText } from '../../lib';

describe('planBlueprint', () => {
  it('plans a valid blueprint file', () => {
    const result = planBlueprint(join(__dirname, '..', '..', 'blueprints', 'shop-4-fleet.yaml'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.plan.level).toBe(4);
    expect(result.plan.fleet?.id).toBe('Fleet');
    expect(result.warnings).toEqual([]);
  });

  it('returns every problem as data, located, without throwing or printing', () => {
    const write = jest.spyOn(process.stderr, 'write');
    const result = planBlueprintText('name: shop\nlevel: fleet\ncahce: {}\napp: { port: 0 }\n', 'bad.yaml');
    expect(write).not.toHaveBeenCalled();
    write.mockRestore();
    expect(result).toEqual({
      ok: false,
      file: 'bad.yaml',
      problems: expect.arrayContaining([
        expect.objectContaining({ file: 'bad.yaml', line: 3, field: 'cahce', message: 'unknown field "cahce"', fix: 'did you mean "cache"?' }),
        expect.objectContaining({ file: 'bad.yaml', line: 4, field: 'app.port' }),
      ]),
    });
  });

  it('reports a missing file as a problem', () => {
    expect(planBlueprint('/nonexistent/blueprint.yaml')).toEqual({
      ok: false, file: '/nonexistent/blueprint.yaml',
      problems: [expect.objectContaining({ message: 'does not exist', line: 0 })],
    });
  });
});
