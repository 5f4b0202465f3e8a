import type { ResourceChange } from './change';
import { losesData } from './change';
import type { UpgradeDiff } from './upgrade-diff';

const SYMBOLS = { add: '+', update: '~', replace: '!', destroy: '-', orphan: '?' } as const;
const TARGET_NAMES = { cfn: 'CloudFormation', tf: 'Terraform' } as const;

/** The human report of `tierup diff`: changes per target and stack, the verdict with its reasons, the migrations. */
export function formatUpgradeDiff(diff: UpgradeDiff, title: string): string {
  const lines = [title, ''];
  for (const target of ['cfn', 'tf'] as const) {
    const ofTarget = diff.changes.filter((change) => change.target === target);
    const stacks = [...new Set(ofTarget.map((change) => change.stack))];
    for (const stack of stacks) {
      const changes = ofTarget.filter((change) => change.stack === stack);
      lines.push(`${TARGET_NAMES[target]} · ${stack}: ${summarize(changes)}`);
      // Additions are many and harmless; list what touches existing resources, and stateful additions.
      for (const change of changes.filter((c) => c.action !== 'add' || c.stateful)) lines.push(`  ${formatChange(change)}`);
      lines.push('');
    }
  }
  lines.push(...verdict(diff), '');
  for (const warning of diff.warnings) lines.push(`warning: ${warning}`);
  if (diff.warnings.length) lines.push('');
  for (const migration of diff.migrations) {
    lines.push(`Migration: ${migration.title}`, ...migration.steps.map((step, index) => `  ${index + 1}. ${step}`), '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

function formatChange(change: ResourceChange): string {
  const flag = losesData(change) ? '  << LOSES DATA' : change.stateful ? '  (stateful)' : '';
  const causes = change.causes.length ? `  [${change.causes.join('; ')}]` : '';
  return `${SYMBOLS[change.action]} ${change.action.padEnd(7)} ${change.type.padEnd(40)} ${change.id}${causes}${flag}`;
}

function summarize(changes: readonly ResourceChange[]): string {
  return (['add', 'update', 'replace', 'destroy', 'orphan'] as const)
    .map((action) => `${changes.filter((c) => c.action === action).length} ${action === 'add' ? 'added' : action === 'update' ? 'updated' : `${action}${action.endsWith('e') ? 'd' : 'ed'}`}`)
    .join(', ');
}

function verdict(diff: UpgradeDiff): string[] {
  const stateful = diff.changes.filter((change) => change.stateful && change.action !== 'add');
  if (!diff.safe) {
    const losing = diff.changes.filter(losesData);
    return [
      `UNSAFE: ${losing.length} stateful resource(s) would be replaced or destroyed:`,
      ...losing.map((c) => `  ${TARGET_NAMES[c.target]} ${c.stack} ${c.id} (${c.type}): ${c.action} because ${c.causes.join('; ')}`),
      'Revert the change that forces it, or migrate the data first and rerun with --allow-replace.',
    ];
  }
  const updated = stateful.filter((c) => c.action === 'update').length;
  const orphaned = stateful.filter((c) => c.action === 'orphan').length;
  return [
    `SAFE: no stateful resource is replaced or destroyed in ${[...new Set(diff.changes.map((c) => TARGET_NAMES[c.target]))].join(' or ') || 'any target'}.`,
    `  Existing data stores: ${updated} updated in place, ${orphaned} kept out of the stack by their retain policy; every other one is untouched. New ones: ${diff.changes.filter((c) => c.stateful && c.action === 'add').length}.`,
  ];
}
