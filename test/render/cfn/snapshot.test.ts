import { examplePlan, templateOf } from './examples';

// A safety net only: the fine-grained tests say what matters. Levels 5-7 join once their constructs render.
describe('example templates', () => {
  it.each([1, 2, 3, 4])('shop-%i', (level) => {
    expect(templateOf(examplePlan(level)).template.toJSON()).toMatchSnapshot();
  });
});
