import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { type AccountFinding, checkOutputAccountRules, checkPlanAccountRules, engineVersionLifecycle } from '../../analyze/account-rules';
import type { ArchitecturePlan } from '../../plan';
import { runtimeWarnings } from '../../plan/boot/runtime-warnings';
import { watchFindings } from '../../plan/monitoring/watch-findings';
import { scheduleFindings } from '../../plan/schedule-findings';
import type { BlueprintSpec } from '../../spec';
import { formatPath } from '../../spec/spec-error';
import { describeLevel, LEVEL_NAMES } from '../../spec/levels';
import { EXIT } from '../cli-error';
import { SpecError } from '../../spec/spec-error';
import { paintFor } from '../colour';
import { loadPlans, type PlannedBlueprint } from '../load-plans';
import { Progress } from '../progress';
import { type GlobalOptions, runCommand } from '../run-command';

interface ValidateOptions extends GlobalOptions {
  readonly specs: string[];
  readonly deep: boolean;
  readonly json: boolean;
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
      describe: "also render both targets and run CloudFormation validation, cdk-nag, the security invariants, the Terraform provider check and, when installed, checkov over both (seconds, not milliseconds)",
    })
    .option('json', { type: 'boolean', default: false, describe: 'print { ok, blueprints, problems } as JSON' }),
  handler: (argv) => runCommand(argv, () => {
    if (argv.json) return validateAsJson(argv);
    const paint = paintFor(process.stdout);
    let failed = false;
    const planned = loadPlans(argv.specs);
    // --deep takes seconds per blueprint: show which one runs (stderr, terminals only).
    const progress = new Progress(planned.length, argv.quiet === true || !argv.deep, 1);
    for (const [index, { file, spec, plan }] of planned.entries()) {
      if (!argv.quiet) process.stdout.write(`${paint.green('ok')}  ${file}  ${plan.name} at level ${describeLevel(plan.level)}, ${plan.environment}\n`);
      failed = reportAccountFindings(file, accountFindings(spec, plan)) || failed;
      for (const warning of runtimeWarnings(plan)) process.stdout.write(`    ${paint.yellow('warning')}  ${warning}\n`);
      if (!argv.deep) continue;
      progress.step(index, `deep checks of ${file} (rendering both targets, cdk-nag, invariants, provider check)`);
      const result = deepValidate(plan);
      progress.done();
      const errors = result.findings.filter((finding) => finding.severity === 'error').length;
      failed ||= errors > 0;
      for (const finding of result.findings) {
        const severity = finding.severity.padEnd(7);
        process.stdout.write(`    ${finding.severity === 'error' ? paint.red(severity) : paint.yellow(severity)}  ${finding.stack} / ${finding.resource}: [${finding.rule}] ${finding.message}\n`);
      }
      if (!argv.quiet || errors > 0) process.stdout.write(`${errors > 0 ? paint.red('FAIL') : paint.green('deep')}  ${file}  ${result.summary}\n`);
    }
    return failed ? EXIT.invalidInput : EXIT.ok;
  }),
};

/**
 * AWS's create-time rules and quotas over the plan, on today's date (UTC): what RDS no longer creates depends
 * on the day `validate` runs.
 */
function accountFindings(spec: BlueprintSpec, plan: ArchitecturePlan): AccountFinding[] {
  const today = new Date().toISOString().slice(0, 10);
  return [...checkPlanAccountRules(plan), ...engineVersionLifecycle.check(spec, plan, today), ...scheduleFindings(plan), ...watchFindings(plan)];
}

/**
 * Prints AWS's create-time and quota findings (and deprecated fields) at the blueprint line they come
 * from, as `file:line:column: severity \`field\`: message` with the fix; true when one is an error.
 */
function reportAccountFindings(file: string, findings: readonly AccountFinding[]): boolean {
  // Loaded here, not at the top: it loads yaml, which `tierup --help` and `synth` would otherwise load for nothing.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { deprecatedFields, locateField } = require('../../spec/locate-field') as typeof import('../../spec/locate-field');
  const text = readFileSync(file, 'utf8');
  const all = [
    ...deprecatedFields(text).map((field) => ({ severity: 'warning', rule: 'deprecated', path: field.path, message: field.message, fix: field.fix })),
    ...findings,
  ];
  for (const finding of all) {
    const { line, column } = locateField(text, finding.path);
    process.stdout.write(`${file}:${line}:${column}: ${finding.severity} \`${formatPath(finding.path)}\`: [${finding.rule}] ${finding.message}\n  fix: ${finding.fix}\n`);
  }
  return all.some((finding) => finding.severity === 'error');
}

/**
 * `validate --json`: one document on stdout, problems included (exit 1 when there are any), so scripts
 * never parse the text form.
 */
function validateAsJson(argv: ValidateOptions): number {
  let planned: PlannedBlueprint[];
  try {
    planned = loadPlans(argv.specs);
  } catch (error) {
    if (!(error instanceof SpecError)) throw error;
    process.stdout.write(`${JSON.stringify({ ok: false, blueprints: [], problems: error.problems }, null, 2)}\n`);
    return EXIT.invalidInput;
  }
  const blueprints = planned.map(({ file, spec, plan }) => {
    const deep = argv.deep ? deepValidate(plan) : undefined;
    const account = accountFindings(spec, plan);
    return {
      file, name: plan.name, level: plan.level, levelName: LEVEL_NAMES[plan.level], environment: plan.environment,
      accountFindings: account,
      ...(deep ? { deep: { ok: !deep.findings.some((finding) => finding.severity === 'error'), summary: deep.summary, findings: deep.findings } } : {}),
    };
  });
  const ok = blueprints.every((blueprint) => blueprint.deep?.ok !== false && !blueprint.accountFindings.some((finding) => finding.severity === 'error'));
  process.stdout.write(`${JSON.stringify({ ok, blueprints, problems: [] }, null, 2)}\n`);
  return ok ? EXIT.ok : EXIT.invalidInput;
}

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
  const { writeHcl } = require('../../render/tf/hcl-writer') as typeof import('../../render/tf/hcl-writer');
  const { checkovComments } = require('../../render/tf/hcl-checkov-skips') as typeof import('../../render/tf/hcl-checkov-skips');
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
    // AWS's create-time rules and quotas over both engines' output, located by blueprint field.
    const account = checkOutputAccountRules({ cloudformation: review.templates, terraform: Object.fromEntries(tfConfigs) }, plan).map((finding): DeepFinding => ({
      severity: finding.severity, stack: '(blueprint)', resource: formatPath(finding.path) || '(blueprint)', rule: finding.rule, message: `${finding.message} (fix: ${finding.fix})`,
    }));
    const checkov = runCheckov(outdir, review.templates, Object.fromEntries(tfConfigs.map(([stack, config]) => [stack, writeHcl(config, { comments: checkovComments(plan, config) })])));
    const checked = SECURITY_INVARIANTS.filter((invariant) => plan.environment === 'production' || !invariant.productionOnly).length;
    const templates = Object.keys(review.templates).length;
    const summary = [
      `cloudformation: ${templates} template${templates === 1 ? '' : 's'}, ${count(cfnValidation, 'validation finding')}`,
      `cdk-nag: ${count(nag, 'finding')}, ${review.acknowledged} acknowledged`,
      `invariants: ${checked} checked, ${security.length} broken`,
      `terraform: ${count(tfConfigs, 'stack')}, ${count(tf, 'provider problem')}`,
      checkov.summary,
    ].join('; ');
    const findings = [...cfnValidation, ...nag, ...security, ...tf, ...account, ...checkov.findings]
      .toSorted((a, b) => `${a.stack}\u0000${a.resource}\u0000${a.rule}`.localeCompare(`${b.stack}\u0000${b.resource}\u0000${b.rule}`));
    return { findings, summary };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/**
 * checkov over both engines' output (CloudFormation templates, Terraform as the HCL `synth --hcl` writes), when
 * it is installed ({@link findCheckov}); its unacknowledged failures are errors. Says plainly when it did not run.
 */
function runCheckov(outdir: string, templates: Readonly<Record<string, unknown>>, hcl: Readonly<Record<string, string>>): { findings: DeepFinding[]; summary: string } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { findCheckov, scanCheckovSync } = require('../../analyze/security/checkov') as typeof import('../../analyze/security/checkov');
  const executable = findCheckov();
  if (executable === null) {
    return { findings: [], summary: 'checkov: not run (not installed: set TIERUP_CHECKOV, make .venv-checkov with scripts/test-prerequisites.sh, or put checkov on PATH)' };
  }
  const cfnDir = join(outdir, 'checkov', 'cloudformation');
  const tfDir = join(outdir, 'checkov', 'terraform');
  mkdirSync(cfnDir, { recursive: true });
  for (const [stack, template] of Object.entries(templates)) writeFileSync(join(cfnDir, `${stack.replace(/\//g, '--')}.template.json`), JSON.stringify(template, null, 1));
  for (const [stack, text] of Object.entries(hcl)) {
    mkdirSync(join(tfDir, stack), { recursive: true });
    writeFileSync(join(tfDir, stack, 'cdk.tf'), text);
  }
  const scans = [scanCheckovSync(executable, 'cloudformation', cfnDir), scanCheckovSync(executable, 'terraform', tfDir)];
  const results = scans.flatMap((scan) => scan.results);
  const findings = [
    ...results.filter((result) => result.status === 'failed').map((result): DeepFinding => ({
      severity: 'error', stack: `${result.engine}${result.file}`, resource: result.resource, rule: `checkov ${result.check}`, message: result.title,
    })),
    ...scans.flatMap((scan) => scan.parsingErrors).map((problem): DeepFinding => ({ severity: 'error', stack: '(checkov)', resource: '(parse)', rule: 'checkov', message: problem })),
  ];
  const failed = results.filter((result) => result.status === 'failed').length;
  const skipped = results.filter((result) => result.status === 'skipped').length;
  const passed = results.filter((result) => result.status === 'passed').length;
  return { findings, summary: `checkov: ${passed} passed, ${failed} failed, ${skipped} acknowledged` };
}

function count(items: readonly unknown[], noun: string): string {
  return `${items.length} ${noun}${items.length === 1 ? '' : 's'}`;
}
