import { renderTfConfigs } from '../../../lib/render/tf';
import { EXAMPLE_FILES, examplePlan } from './examples';

// A safety net only: the fine-grained assertions live in constructs.test.ts.
describe.each(EXAMPLE_FILES)('%s', (file) => {
  it('renders the Terraform configuration of the snapshot', () => {
    expect(renderTfConfigs(examplePlan(file))).toMatchSnapshot();
  });
});
