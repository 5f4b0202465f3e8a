import { CloudFormationValidatePlugin } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';
import { VALIDATION_ACKNOWLEDGEMENTS } from './validation-acknowledgements';

/** One finding of the CloudFormation validation engine. */
export interface CfnFinding {
  /** "error", "warning", "info" or "fatal", as the engine reports it. */
  readonly severity: string;
  readonly rule: string;
  readonly stack: string;
  /** Logical id, or null when the finding concerns the template as a whole. */
  readonly resource: string | null;
  readonly message: string;
}

/** A template to validate. */
export interface TemplateToValidate {
  readonly stackName: string;
  readonly constructPath: string;
  readonly templatePath: string;
  readonly region: string;
}

/**
 * Runs aws-cdk-lib's bundled CloudFormation validation over every template at once, so the engine
 * (a WASM module that takes seconds to start) starts once per run, and returns its findings sorted.
 */
export function validateTemplates(app: IConstruct, templates: readonly TemplateToValidate[]): CfnFinding[] {
  const report = CloudFormationValidatePlugin._singletonInstance().validate({
    appConstruct: app,
    templatePaths: templates.map((template) => template.templatePath),
    stackTemplates: templates.map((template) => ({
      stackConstructPath: template.constructPath,
      templatePath: template.templatePath,
      accountId: undefined,
      region: template.region,
    })),
  });
  return templates
    .flatMap((template) => report.violations.flatMap((violation) => violation.violatingResources
      .filter((resource) => resource.templatePath === template.templatePath)
      .map((resource): CfnFinding => ({
        // The engine always grades its findings; an ungraded one is treated as blocking, as aws-cdk-lib does.
        severity: violation.severity ?? 'error',
        rule: violation.ruleName,
        stack: template.stackName,
        resource: resource.resourceLogicalId ?? null,
        message: violation.description,
      }))))
    .map(acknowledged)
    .toSorted((a, b) => `${a.stack}/${a.resource}/${a.rule}/${a.message}`.localeCompare(`${b.stack}/${b.resource}/${b.rule}/${b.message}`));
}

/** A finding the engine is known to be wrong about, graded `info` with the reason; any other as it is. */
function acknowledged(finding: CfnFinding): CfnFinding {
  const known = VALIDATION_ACKNOWLEDGEMENTS.find((entry) => entry.rule === finding.rule && entry.message.test(finding.message));
  return known ? { ...finding, severity: 'info', message: `${finding.message.slice(0, 120)}… acknowledged: ${known.reason}` } : finding;
}
