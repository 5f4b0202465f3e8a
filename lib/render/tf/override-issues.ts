import type { ArchitecturePlan, OverrideIssue } from '../../plan';
import { BlueprintStack } from './blueprint-stack';
import { inMemoryApp } from './in-memory-app';

/** The plan's Terraform override issues, from its stack built in memory (nothing synthesized). */
export function tfOverrideIssues(plan: ArchitecturePlan): readonly OverrideIssue[] {
  return new BlueprintStack(inMemoryApp(), { plan }).overrideIssues;
}
