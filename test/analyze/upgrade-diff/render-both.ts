import { readFileSync } from 'node:fs';
import type { RenderedBlueprint } from '../../../lib/analyze/upgrade-diff';
import { createPlan } from '../../../lib/plan';
import { renderCfnTemplates } from '../../../lib/render/cfn';
import { renderTfConfigs } from '../../../lib/render/tf';
import { parseBlueprint } from '../../../lib/spec';

/** Plans and renders blueprint text for both targets, in memory. */
export function renderBoth(yaml: string, file = 'blueprint.yaml'): RenderedBlueprint {
  const plan = createPlan(parseBlueprint(yaml, file).spec);
  return { plan, cfn: renderCfnTemplates(plan), tf: renderTfConfigs(plan) };
}

/** Plans and renders a blueprint file for both targets. */
export function renderFile(file: string): RenderedBlueprint {
  return renderBoth(readFileSync(file, 'utf8'), file);
}
