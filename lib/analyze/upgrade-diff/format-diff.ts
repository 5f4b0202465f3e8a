import { summarizeChanges } from './blueprint-changes';
import type { ResourceChange } from './change';
import { losesData } from './change';
import { keepMajorFix } from './engine-versions';
import type { UpgradeDiff } from './upgrade-diff';

const SYMBOLS = { add: '+', update: '~', replace: '!', destroy: '-', orphan: '?' } as const;
const TARGET_NAMES = { cfn: 'CloudFormation', tf: 'Terraform' } as const;

/** How the report is shown: styles for the verdicts (identity for plain text), and whether replacement was allowed. */
export interface DiffReportOptions {
  /** `--allow-replace`: losing data was permitted, so the verdict says what was allowed instead of how to avoid it. */
  readonly allowReplace?: boolean;
  readonly danger?: (text: string) => string;
  readonly ok?: (text: string) => string;
  readonly warn?: (text: string) => string;
}

/** The human report of `tierup diff`: changes per target and stack, the verdict with its reasons, the migrations. */
export function formatUpgradeDiff(diff: UpgradeDiff, title: string, options: DiffReportOptions = {}): string {
  const warn = options.warn ?? ((text: string) => text);
  const lines = [title, ''];
  for (const target of ['cfn', 'tf'] as const) {
    const ofTarget = diff.changes.filter((change) => change.target === target);
    const stacks = [...new Set(ofTarget.map((change) => change.stack))];
    for (const stack of stacks) {
      const changes = ofTarget.filter((change) => change.stack === stack);
      lines.push(`${TARGET_NAMES[target]} · ${stack}: ${summarize(changes)}`);
      // Additions are many and harmless; list what touches existing resources, and stateful additions.
      for (const change of changes.filter((c) => c.action !== 'add' || c.stateful)) lines.push(`  ${formatChange(change, options)}`);
      lines.push('');
    }
  }
  // Refused ones are in the verdict, with their fix.
  const accepted = diff.blueprintChanges.filter((change) => !change.refused);
  if (accepted.length > 0) lines.push(...describeBlueprintChanges(accepted), '');
  lines.push(...verdict(diff, options), '');
  for (const warning of diff.warnings) lines.push(`${warn('warning')}: ${warning}`);
  if (diff.warnings.length) lines.push('');
  for (const migration of diff.migrations) {
    lines.push(`Migration: ${migration.title}`, ...migration.steps.map((step, index) => `  ${index + 1}. ${step}`), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

/** The fields that reach running instances, in the blueprint's terms, and what each engine does (once per tier and effect). */
function describeBlueprintChanges(changes: UpgradeDiff['blueprintChanges']): string[] {
  const groups = new Map<string, UpgradeDiff['blueprintChanges'][number][]>();
  for (const change of changes) {
    const key = JSON.stringify([change.tier, change.cloudformation, change.terraform]);
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  return [
    'In the blueprint\'s terms:',
    ...[...groups.values()].flatMap((group) => [
      `  ${group[0].tier}: ${summarizeChanges(group)}`,
      `    CloudFormation: ${group[0].cloudformation}`,
      `    Terraform: ${group[0].terraform}`,
    ]),
  ];
}

function formatChange(change: ResourceChange, options: DiffReportOptions): string {
  const flag = losesData(change) ? `  ${(options.danger ?? String)(change.holds ? '<< HOLDS DATA' : '<< LOSES DATA')}` : change.stateful ? '  (stateful)' : '';
  const causes = change.causes.length ? `  [${change.causes.join('; ')}]` : '';
  return `${SYMBOLS[change.action]} ${change.action.padEnd(7)} ${change.type.padEnd(40)} ${change.id}${causes}${flag}`;
}

function summarize(changes: readonly ResourceChange[]): string {
  return (['add', 'update', 'replace', 'destroy', 'orphan'] as const)
    .map((action) => `${changes.filter((c) => c.action === action).length} ${action === 'add' ? 'added' : action === 'update' ? 'updated' : `${action}${action.endsWith('e') ? 'd' : 'ed'}`}`)
    .join(', ');
}

function verdict(diff: UpgradeDiff, options: DiffReportOptions): string[] {
  const losing = diff.changes.filter(losesData);
  const majors = diff.engineVersions.filter((change) => change.majorChange);
  const refused = diff.blueprintChanges.filter((change) => change.refused);
  if (losing.length === 0 && majors.length === 0 && refused.length === 0) return safeVerdict(diff, options);
  return [
    ...(losing.length > 0 ? dataLossVerdict(losing, options) : []),
    ...(majors.length > 0 ? majorChangeVerdict(majors, options) : []),
    ...(refused.length > 0 ? refusedVerdict(refused, options) : []),
  ];
}

/** A change AWS refuses (a shrinking data volume): the deploy fails, so --allow-replace does not change it. */
function refusedVerdict(refused: UpgradeDiff['blueprintChanges'], options: DiffReportOptions): string[] {
  const danger = options.danger ?? ((text: string) => text);
  return [
    `${danger('UNSAFE')}: ${refused.length} change(s) that AWS refuses, so the deploy would fail (--allow-replace does not change that):`,
    ...refused.flatMap((change) => [
      `  ${change.tier}: ${summarizeChanges([change])}`,
      `    CloudFormation: ${change.cloudformation}`,
      `    Terraform: ${change.terraform}`,
      `    fix: ${refusedFix(change)}`,
    ]),
  ];
}

/** How to avoid a change AWS refuses: a data volume that would shrink, or a new architecture under the same image. */
function refusedFix(change: UpgradeDiff['blueprintChanges'][number]): string {
  return change.field.endsWith('.dataVolumeGb')
    ? `keep ${change.field} at ${change.from} or more; to use a smaller volume, copy the data to a new one by hand`
    : `name an image for the new type's architecture in app.ami along with ${change.field}, or keep ${change.field} at ${change.from}`;
}

function dataLossVerdict(losing: readonly ResourceChange[], options: DiffReportOptions): string[] {
  const danger = options.danger ?? ((text: string) => text);
  const listed = losing.map((c) => `  ${TARGET_NAMES[c.target]} ${c.stack} ${c.id} (${c.type}): ${c.action} because ${c.causes.join('; ')}`);
  // A replaced instance that holds a data volume loses nothing if the volume is freed first, as its migration says.
  const holding = losing.some((change) => change.holds) ? ['The server\'s data stays on its data volume if it is freed first: follow the migration below (or climb to level 2 first).'] : [];
  if (options.allowReplace) {
    return [
      `${danger('ALLOWED')}: ${losing.length} stateful resource(s) will be replaced or destroyed, as --allow-replace permits:`,
      ...listed,
      ...holding,
      `${losing.every((change) => change.holds) ? 'Deploy once the volume is free' : 'Their data is lost on deploy unless you migrated it'}; exit 0 because --allow-replace was given.`,
    ];
  }
  return [
    `${danger('UNSAFE')}: ${losing.length} stateful resource(s) would be replaced or destroyed:`,
    ...listed,
    ...holding,
    'Revert the change that forces it, or migrate the data first and rerun with --allow-replace.',
  ];
}

/** A deployed database asked for another major: RDS refuses it (tierup never allows a major upgrade), so the deploy fails. */
function majorChangeVerdict(majors: UpgradeDiff['engineVersions'], options: DiffReportOptions): string[] {
  const danger = options.danger ?? ((text: string) => text);
  return [
    `${danger('UNSAFE')}: ${majors.length} deployed database(s) would be asked for another major version, which tierup never allows (--allow-replace does not change that):`,
    ...majors.flatMap((change) => [
      `  ${change.database} (${change.engine} ${change.from} → ${change.to})`,
      `    CloudFormation: ${change.cloudformation}`,
      `    Terraform: ${change.terraform}`,
      `    fix: ${keepMajorFix(change)}`,
    ]),
  ];
}

function safeVerdict(diff: UpgradeDiff, options: DiffReportOptions): string[] {
  const ok = options.ok ?? ((text: string) => text);
  const stateful = diff.changes.filter((change) => change.stateful && change.action !== 'add');
  const updated = stateful.filter((c) => c.action === 'update').length;
  const orphaned = stateful.filter((c) => c.action === 'orphan').length;
  // The `!` lines above are replacements too: say they hold no data, so the verdict reads with them.
  const replaced = (['cfn', 'tf'] as const).map((target) => [target, diff.changes.filter((c) => c.target === target && c.action === 'replace').map((c) => c.id)] as const)
    .filter(([, ids]) => ids.length > 0);
  return [
    `${ok('SAFE')}: no stateful resource is replaced or destroyed in ${[...new Set(diff.changes.map((c) => TARGET_NAMES[c.target]))].join(' or ') || 'any target'}.`,
    `  Existing data stores: ${updated} updated in place, ${orphaned} kept out of the stack by their retain policy; every other one is untouched. New ones: ${diff.changes.filter((c) => c.stateful && c.action === 'add').length}.`,
    ...(replaced.length > 0 ? [`  Replaced, holding no data: ${replaced.map(([target, ids]) => `${TARGET_NAMES[target]} ${ids.join(', ')}`).join('; ')}.`] : []),
  ];
}
