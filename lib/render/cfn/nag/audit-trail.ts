import { Aspects, Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
// The aspect alone, not the package index: that would load every rule pack on each synth.
import { WriteNagSuppressionsToCloudFormationAspect } from 'cdk-nag/lib/nag-pack';
import { acknowledgeCrossRegionExports } from './cross-region-exports';

/**
 * Writes every acknowledgement made under `scope` into the CloudFormation metadata of the resources it
 * covers (`Metadata.cdk_nag.rules_to_suppress: [{ id, reason }]`), so the audit trail travels with each
 * template, nested ones included. This is cdk-nag 3's `writeSuppressionsToCloudFormation`, applied on
 * every synthesis without running the rule pack itself. What CDK adds to the stack after aspects run (its cross-region
 * reference providers) is acknowledged and recorded when the tree is validated (cross-region-exports.ts).
 */
export function recordAcknowledgements(scope: IConstruct): void {
  Aspects.of(scope).add(new WriteNagSuppressionsToCloudFormationAspect());
  acknowledgeCrossRegionExports(Stack.of(scope));
}
