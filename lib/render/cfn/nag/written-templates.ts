import { App, Stack, Validations } from 'aws-cdk-lib';
import { CfnInclude } from 'aws-cdk-lib/cloudformation-include';
import type { CfnTemplate } from '../synthesize';
import { runNag, type NagFinding } from './run-nag';

/** One template the assembly holds: the stack's name in reports, its region and the file written. */
export interface WrittenTemplate {
  readonly stack: string;
  readonly region: string;
  readonly file: string;
  readonly template: CfnTemplate;
}

/** A template resource's recorded acknowledgements (`Metadata.cdk_nag.rules_to_suppress`). */
function acknowledgementsOf(resource: unknown): readonly { readonly id: string; readonly reason: string }[] {
  const metadata = (resource as { Metadata?: { cdk_nag?: { rules_to_suppress?: { id: string; reason: string }[] } } }).Metadata;
  return metadata?.cdk_nag?.rules_to_suppress ?? [];
}

/**
 * cdk-nag's AwsSolutions pack over what the assembly WRITES, not over the construct tree its aspects visit: CDK adds
 * resources after aspects run (the cross-region export writer and reader, when it prepares the app), and writes some
 * as untyped resources the rules do not recognise. Each template is read back into typed L1 resources
 * (cloudformation-include), its recorded acknowledgements (the audit trail in `Metadata.cdk_nag`) are applied, and
 * the pack runs; a finding names the stack and the logical id as written.
 */
export function nagWrittenTemplates(templates: readonly WrittenTemplate[]): NagFinding[] {
  return templates.flatMap(({ stack: name, region, file, template }) => {
    const stack = new Stack(new App(), 'Written', { env: { region } });
    const included = new CfnInclude(stack, 'Template', { templateFile: file, preserveLogicalIds: true });
    for (const [logicalId, resource] of Object.entries(template.Resources)) {
      for (const { id, reason } of acknowledgementsOf(resource)) Validations.of(included.getResource(logicalId)).acknowledge({ id, reason });
    }
    return runNag(stack).map((finding) => ({ ...finding, stack: name }));
  }).toSorted((a, b) => `${a.stack}/${a.resource}/${a.rule}`.localeCompare(`${b.stack}/${b.resource}/${b.rule}`));
}
