import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { type ArchitecturePlan, runtimeWarnings } from '../../plan';
import { describeLevel } from '../../spec/levels';
import { EXIT } from '../cli-error';
import { loadPlans } from '../load-plans';
import { type GlobalOptions, runCommand } from '../run-command';

interface ValidateOptions extends GlobalOptions {
  readonly specs: string[];
  readonly deep: boolean;
}

/** One problem `--deep` found, from any of its checks. */
interface DeepFinding {
  readonly severity: 'error' | 'warning';
  readonly stack: string;
  readonly resource: string;
  readonly rule: string;
  readonly message: string;
}

/** What `--deep` found for one blueprint, and how much it looked at. */
interface DeepResult {
  readonly findings: readonly DeepFinding[];
  readonly summary: string;
}

/** `tierup validate`: checks blueprints without writing anything; `--deep` also checks what they render to. */
export const validateCommand: CommandModule<GlobalOptions, ValidateOptions> = {
  command: 'validate <specs..>',
  describe: 'Check blueprints; writes nothing',
  builder: (yargs) => yargs
    .positional('specs', { type: 'string', array: true, demandOption: true, describe: 'blueprint files' })
    .option('deep', {
      type: 'boolean',
      default: false,
      describe: "also render both targets and run CloudFormation validation, cdk-nag, the security invariants and the Terraform provider check (seconds, not milliseconds)",
    }),
  handler: (argv) => runCommand(argv, () => {
    let failed = false;
    for (const { file, plan } of loadPlans(argv.specs)) {
      if (!argv.quiet) process.stdout.write(`ok  ${file}  ${plan.name} at level ${describeLevel(plan.level)}, ${plan.environment}\n`);
      for (const warning of runtimeWarnings(plan)) process.stdout.write(`    warning  ${warning}\n`);
      if (!argv.deep) continue;
      const result = deepValidate(plan);
      const errors = result.findings.filter((finding) => finding.severity === 'error').length;
      failed ||= errors > 0;
      for (const finding of result.findings) {
        process.stdout.write(`    ${finding.severity.padEnd(7)}  ${finding.stack} / ${finding.resource}: [${finding.rule}] ${finding.message}\n`);
      }
      if (!argv.quiet || errors > 0) process.stdout.write(`${errors > 0 ? 'FAIL' : 'deep'}  ${file}  ${result.summary}\n`);
    }
    return failed ? EXIT.invalidInput : EXIT.ok;
  }),
};

/**
 * Renders both targets in memory and checks them: aws-cdk-lib's CloudFormation validation and cdk-nag's
 * AwsSolutions pack over one synthesis, tierup's security invariants over every template, and the offline
 * Terraform provider check. Findings come grouped by stack and resource; acknowledged nag findings are counted.
 */
function deepValidate(plan: ArchitecturePlan): DeepResult {
  // Loaded here, not at the top: plain `validate` never pays for aws-cdk-lib, cdk-nag or cdktf.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { reviewCfn } = require('../../render/cfn/nag/review') as typeof import('../../render/cfn/nag/review');
  const { checkSecurityInvariants, SECURITY_INVARIANTS } = require('../../analyze/security-invariants') as typeof import('../../analyze/security-invariants');
  const { checkTfConfig, renderTfConfigs } = require('../../render/tf') as typeof import('../../render/tf');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const outdir = mkdtempSync(join(tmpdir(), 'tierup-deep-'));
  try {
    const review = reviewCfn([plan], { outdir, validate: true });
    const invariants = checkSecurityInvariants(review.templates, { production: plan.environment === 'production' });
    const tfConfigs = Object.entries(renderTfConfigs(plan));
    const tf = tfConfigs.flatMap(([stack, config]) => checkTfConfig(config).map((finding): DeepFinding => ({
      severity: 'error', stack, resource: finding.address, rule: 'provider-schema', message: `${finding.argument || '(type)'}: ${finding.problem}`,
    })));
    const cfnValidation = review.validation.filter((finding) => finding.severity !== 'info').map((finding): DeepFinding => ({
      severity: finding.severity === 'warning' ? 'warning' : 'error',
      stack: finding.stack, resource: finding.resource ?? '(template)', rule: finding.rule, message: finding.message,
    }));
    const nag = review.nagFindings.map((finding): DeepFinding => ({ ...finding, severity: finding.severity === 'warning' ? 'warning' : 'error' }));
    const security = invariants.map((finding): DeepFinding => ({ severity: 'error', stack: finding.stack, resource: finding.resource, rule: finding.invariant, message: finding.message }));
    const checked = SECURITY_INVARIANTS.filter((invariant) => plan.environment === 'production' || !invariant.productionOnly).length;
    const templates = Object.keys(review.templates).length;
    const summary = [
      `cloudformation: ${templates} template${templates === 1 ? '' : 's'}, ${count(cfnValidation, 'validation finding')}`,
      `cdk-nag: ${count(nag, 'finding')}, ${review.acknowledged} acknowledged`,
      `invariants: ${checked} checked, ${security.length} broken`,
      `terraform: ${count(tfConfigs, 'stack')}, ${count(tf, 'provider problem')}`,
    ].join('; ');
    const findings = [...cfnValidation, ...nag, ...security, ...tf]
      .toSorted((a, b) => `${a.stack}\u0000${a.resource}\u0000${a.rule}`.localeCompare(`${b.stack}\u0000${b.resource}\u0000${b.rule}`));
    return { findings, summary };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

function count(items: readonly unknown[], noun: string): string {
  return `${items.length} ${noun}${items.length === 1 ? '' : 's'}`;
}
