import { Stack } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
// The aspect alone, not the package index: that would load every rule pack on each synth.
import { WriteNagSuppressionsToCloudFormationAspect } from 'cdk-nag/lib/nag-pack';
import { acknowledge } from './acknowledgements';

/** The construct ids aws-cdk-lib gives the providers of its cross-region references (one of each per stack, fixed). */
const WRITER = 'Custom::CrossRegionExportWriterCustomResourceProvider';
const READER = 'Custom::CrossRegionExportReaderCustomResourceProvider';

/** cdk-nag's name of a wildcard parameter path in a region, as its IAM5 finding says it. */
const exportsPath = (region: string, path: string): string => `Resource::arn:<AWS::Partition>:ssm:${region}:<AWS::AccountId>:parameter/cdk/exports/${path}*`;

/**
 * Acknowledges, with its reasons, what CDK's cross-region reference providers bring to a stack (a domain whose primary
 * region is not us-east-1 reads CloudFront's certificate across regions): their logging policy and their path of SSM
 * parameters. CDK creates them while it prepares the app, after every aspect has run, so the acknowledgements and their
 * audit trail (`Metadata.cdk_nag`) are added when the tree is validated, the last step before the templates are written.
 */
export function acknowledgeCrossRegionExports(stack: Stack): void {
  stack.node.addValidation({
    validate: () => {
      // The writer writes into the region of each stack that reads from it (each has a reader); the reader reads its own stack's path.
      const readers = stack.node.root.node.findAll().filter((construct): construct is Stack => Stack.isStack(construct) && construct.node.tryFindChild(READER) !== undefined);
      const paths = {
        [WRITER]: readers.filter((reader) => reader.region !== stack.region).map((reader) => exportsPath(reader.region, '')),
        [READER]: [exportsPath(stack.region, `${stack.stackName}/`)],
      };
      for (const [id, findings] of Object.entries(paths)) {
        const provider = stack.node.tryFindChild(id);
        if (!provider) continue;
        acknowledge(provider, 'crossRegionExportsLogs', 'Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole');
        for (const finding of findings) acknowledge(provider, 'crossRegionExportsParameters', finding);
        const audit = new WriteNagSuppressionsToCloudFormationAspect();
        provider.node.findAll().forEach((construct: IConstruct) => audit.visit(construct));
      }
      return [];
    },
  });
}
