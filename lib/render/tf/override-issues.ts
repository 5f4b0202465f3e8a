import { tmpdir } from 'node:os';
import { App } from 'cdktf';
import type { ArchitecturePlan, OverrideIssue } from '../../plan';
import { BlueprintStack } from './blueprint-stack';

/** The plan's Terraform override issues, from its stack built in memory (nothing synthesized). */
export function tfOverrideIssues(plan: ArchitecturePlan): readonly OverrideIssue[] {
  return new BlueprintStack(new App({ outdir: tmpdir(), skipValidation: true }), { plan }).overrideIssues;
}
