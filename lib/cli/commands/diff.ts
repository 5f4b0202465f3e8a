import type { CommandModule } from 'yargs';
import type { ArchitecturePlan } from '../../plan';
import { describeLevel } from '../../spec/levels';
import { EXIT } from '../cli-error';
import { paintFor } from '../colour';
import { loadPlans } from '../load-plans';
import { Progress } from '../progress';
import { type GlobalOptions, runCommand } from '../run-command';

interface DiffOptions extends GlobalOptions {
  readonly old: string;
  readonly new: string;
  readonly json: boolean;
  readonly 'allow-replace': boolean;
  readonly target: 'cfn' | 'tf' | 'both';
}

/** `tierup diff`: what an upgrade changes in both targets, and whether it loses data (exit 3). */
export const diffCommand: CommandModule<GlobalOptions, DiffOptions> = {
  command: 'diff <old> <new>',
  describe: 'Show what moving from one blueprint to another changes; exit 3 if a stateful resource would be replaced or destroyed, a database asked for another major version, or a data volume to shrink',
  builder: (yargs) => yargs
    .positional('old', { type: 'string', demandOption: true, describe: 'the blueprint deployed now' })
    .positional('new', { type: 'string', demandOption: true, describe: 'the blueprint to deploy' })
    .option('json', { type: 'boolean', default: false, describe: 'print { safe, changes, engineVersions, blueprintChanges, warnings, migrations } as JSON' })
    .option('allow-replace', { type: 'boolean', default: false, describe: 'exit 0 even when data stores are replaced (after migrating them)' })
    .option('target', { choices: ['cfn', 'tf', 'both'] as const, default: 'both' as const, describe: 'which engine to compare' }),
  handler: (argv) => runCommand(argv, async () => {
    const [before, after] = loadPlans([argv.old, argv.new]);
    const { diffBlueprints, formatUpgradeDiff } = await import('../../analyze/upgrade-diff');
    // Rendering both blueprints takes seconds: say which phase runs (stderr, terminals only).
    const progress = new Progress(3, argv.quiet === true || argv.json, 1);
    progress.step(0, `rendering ${argv.old}`);
    const old = render(before.plan, argv.target);
    progress.step(1, `rendering ${argv.new}`);
    const next = render(after.plan, argv.target);
    progress.step(2, 'comparing');
    const diff = diffBlueprints(old, next);
    progress.done();
    if (argv.json) {
      process.stdout.write(`${JSON.stringify(diff, null, 2)}\n`);
    } else {
      const title = `tierup diff ${argv.old} → ${argv.new}: ${before.plan.name} level ${describeLevel(before.plan.level)} → ${describeLevel(after.plan.level)}`;
      const paint = paintFor(process.stdout);
      process.stdout.write(formatUpgradeDiff(diff, title, { allowReplace: argv['allow-replace'], danger: (t) => paint.bold(paint.red(t)), ok: paint.green, warn: paint.yellow }));
    }
    // --allow-replace permits losing data the user migrated; a major version change RDS refuses either way, and a
    // data volume EBS will not shrink.
    const allowed = argv['allow-replace'] && !diff.engineVersions.some((change) => change.majorChange) && !diff.blueprintChanges.some((change) => change.refused);
    return diff.safe || allowed ? EXIT.ok : EXIT.unsafeDiff;
  }),
};

function render(plan: ArchitecturePlan, target: 'cfn' | 'tf' | 'both') {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const cfn = target === 'tf' ? null : (require('../../render/cfn') as typeof import('../../render/cfn')).renderCfnTemplates(plan);
  const tf = target === 'cfn' ? null : (require('../../render/tf') as typeof import('../../render/tf')).renderTfConfigs(plan);
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { plan, cfn, tf };
}
