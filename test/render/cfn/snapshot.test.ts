import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { createPlan } from '../../../lib/plan';
import { CFN_APP_PROPS } from '../../../lib/render/cfn';
import { addBlueprint } from '../../../lib/render/cfn/add-blueprint';
import { loadBlueprint } from '../../../lib/spec';
import { EXAMPLES_DIR, examplePlan, templateOf } from './examples';

// A safety net only: the fine-grained tests say what matters. Levels 5-7 join once their constructs render.
describe('example templates', () => {
  it.each([1, 2, 3, 4])('shop-%i', (level) => {
    expect(templateOf(examplePlan(level)).template.toJSON()).toMatchSnapshot();
  });

  // The domain examples, with store-4's us-east-1 certificate stack.
  it.each(['store-2-domain', 'store-4-domain'])('%s', (name) => {
    const { stack } = addBlueprint(new App(CFN_APP_PROPS), createPlan(loadBlueprint(join(EXAMPLES_DIR, `${name}.yaml`)).spec));
    const stacks = [stack, ...(stack.certificateStack ? [stack.certificateStack] : [])];
    expect(Object.fromEntries(stacks.map((each) => [each.stackName, Template.fromStack(each).toJSON()]))).toMatchSnapshot();
  });
});
