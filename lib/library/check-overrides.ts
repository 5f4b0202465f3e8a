import { readFileSync } from 'node:fs';
import type { ArchitecturePlan, OverrideEngine, OverrideIssue } from '../plan';
import { formatPath, locateField, type SpecProblem } from '../spec';

/**
 * The blueprint's overrides that name a resource or property its outputs do not have, as located problems.
 * Each engine an override targets is built in memory (constructs only, nothing synthesized) and loaded only
 * then, so a blueprint without overrides pays nothing. `text` is the blueprint's source; read from `file` when absent.
 */
export function overrideProblems(plan: ArchitecturePlan, file: string, text?: string, engines: readonly OverrideEngine[] = ['cloudformation', 'terraform']): SpecProblem[] {
  const issues = [
    /* eslint-disable @typescript-eslint/no-require-imports */
    ...(engines.includes('cloudformation') && plan.overrides.some((override) => override.cloudformation)
      ? (require('../render/cfn/override-issues') as typeof import('../render/cfn/override-issues')).cfnOverrideIssues(plan)
      : []),
    ...(engines.includes('terraform') && plan.overrides.some((override) => override.terraform)
      ? (require('../render/tf/override-issues') as typeof import('../render/tf/override-issues')).tfOverrideIssues(plan)
      : []),
    /* eslint-enable @typescript-eslint/no-require-imports */
  ];
  return locateOverrideIssues(issues, file, text);
}

/** Override issues a renderer reported, located in the blueprint (`text`, read from `file` when absent). */
export function locateOverrideIssues(issues: readonly OverrideIssue[], file: string, text?: string): SpecProblem[] {
  if (issues.length === 0) return [];
  const source = text ?? readFileSync(file, 'utf8');
  return issues.map((issue) => ({ ...locateField(source, file, issue.path, issue.atKey), field: formatPath(issue.path), message: issue.message, fix: issue.fix }));
}

