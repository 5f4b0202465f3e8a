#!/usr/bin/env node
// The app that cdk.json names: `npx cdk synth -c blueprint=blueprints/shop-4-fleet.yaml`.
import { App } from 'aws-cdk-lib';
import { locateOverrideIssues } from '../lib/library/check-overrides';
import { createPlan } from '../lib/plan';
import { addBlueprintStacks, CFN_APP_PROPS } from '../lib/render/cfn';
import { formatProblem, loadBlueprint, SpecError } from '../lib/spec';

const USAGE = 'cdk-app: name a blueprint with `-c blueprint=<file>`, e.g. `npx cdk synth -c blueprint=blueprints/shop-4-fleet.yaml`';

function main(): number {
  // Synthesized explicitly, only when the blueprint is valid: with autoSynth (on under `cdk synth`) a failed
  // run would still write its stacks when the process exits.
  const app = new App({ ...CFN_APP_PROPS, autoSynth: false });
  const file: unknown = app.node.tryGetContext('blueprint');
  if (typeof file !== 'string' || file === '') {
    console.error(USAGE);
    return 1;
  }
  try {
    const [stack] = addBlueprintStacks(app, [createPlan(loadBlueprint(file).spec)]);
    // An override that names nothing was not applied: refuse to synthesize without it.
    if (stack.overrideIssues.length > 0) throw new SpecError(locateOverrideIssues(stack.overrideIssues, file));
    app.synth();
    return 0;
  } catch (error) {
    // One line per problem, no stack trace: the CDK CLI prints whatever the app writes to stderr.
    const lines = error instanceof SpecError
      ? error.problems.map((problem) => formatProblem(problem).replace(/\n\s*/g, ' '))
      : [`cdk-app: ${error instanceof Error ? error.message : String(error)}`];
    lines.forEach((line) => console.error(line));
    return 1;
  }
}

process.exitCode = main();
