import { LOGICAL_ID_TARGETS, installLogicalIdMemo } from './logical-ids';
import { targetMismatch, type PatchTarget } from './library-patch';
import { MERGED_TEMPLATE_TARGETS, installMergedTemplateResolution, resolverMismatch } from './merged-template';
import { TREE_PROPERTY_TARGETS, installTreePropertyMemo } from './tree-properties';

/**
 * Less work per resource inside aws-cdk-lib's `App.synth`, the same bytes out: private methods replaced for the
 * duration of one synthesis by tierup's CloudFormation renderer, and put back afterwards, so that nothing else in the
 * process (a library user's own app, cdk-nag's review, `cdk synth` of bin/cdk-app) ever sees them. Each shortcut is
 * installed only when every method it replaces or relies on has the source text it was written against; otherwise the
 * library runs as it is. `TIERUP_CDK_SHORTCUTS=0` turns them all off (docs/performance.md).
 */

/** One shortcut: the methods whose source it checks, an extra check, and its installation. */
interface Shortcut {
  readonly name: string;
  readonly targets: readonly PatchTarget[];
  readonly mismatch?: () => string | undefined;
  readonly install: () => () => void;
}

const SHORTCUTS: readonly Shortcut[] = [
  { name: 'logical-ids', targets: LOGICAL_ID_TARGETS, install: installLogicalIdMemo },
  { name: 'tree-properties', targets: TREE_PROPERTY_TARGETS, install: installTreePropertyMemo },
  { name: 'merged-template', targets: MERGED_TEMPLATE_TARGETS, mismatch: resolverMismatch, install: installMergedTemplateResolution },
];

/** Which shortcuts one installation put in place, and why the others were left out. */
export interface CdkShortcuts {
  readonly installed: readonly string[];
  /** Shortcut name → why it was not installed (switched off, or the library's method is not the expected one). */
  readonly skipped: Readonly<Record<string, string>>;
  /** Puts every replaced method back as it was. */
  readonly uninstall: () => void;
}

/** Whether the environment switches the shortcuts off (`TIERUP_CDK_SHORTCUTS=0`). */
export function cdkShortcutsDisabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.TIERUP_CDK_SHORTCUTS === '0';
}

/** Installs every shortcut whose library methods are the expected ones (none when switched off). */
export function installCdkShortcuts(env: NodeJS.ProcessEnv = process.env): CdkShortcuts {
  const installed: string[] = [];
  const skipped: Record<string, string> = {};
  const restores: (() => void)[] = [];
  for (const shortcut of SHORTCUTS) {
    const why = cdkShortcutsDisabled(env) ? 'TIERUP_CDK_SHORTCUTS=0'
      : shortcut.targets.map(targetMismatch).find((reason) => reason !== undefined) ?? shortcut.mismatch?.();
    if (why !== undefined) {
      skipped[shortcut.name] = why;
      continue;
    }
    restores.push(shortcut.install());
    installed.push(shortcut.name);
  }
  return { installed, skipped, uninstall: () => restores.reverse().forEach((restore) => restore()) };
}

/** Runs `synth` (one synchronous `App.synth`) with the shortcuts installed, and removes them afterwards whatever happens. */
export function withCdkShortcuts<T>(synth: () => T): T {
  const shortcuts = installCdkShortcuts();
  try {
    return synth();
  } finally {
    shortcuts.uninstall();
  }
}
