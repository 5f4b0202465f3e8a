import { writeFile } from './shell';

// Levels 1-3: the server keeps its instance when a deploy changes its user data (CloudFormation and Terraform stop
// it, change the user data and start it), but cloud-init runs user data once per instance. A per-boot hook runs the
// boot script again when it changed; the steps below make such a rerun apply what it writes.

/** Where cloud-init's scripts-per-boot module finds the hook (https://cloudinit.readthedocs.io/en/latest/reference/modules.html#scripts-per-boot). */
export const RERUN_HOOK_FILE = '/var/lib/cloud/scripts/per-boot/tierup-rerun-boot';

/**
 * The user data script as cloud-init writes it, from the instance's current user data, on every boot (what lets
 * `scripts-user` run changed user data after a stop and start: https://repost.aws/knowledge-center/execute-user-data-ec2).
 */
export const USER_DATA_SCRIPT_FILE = '/var/lib/cloud/instance/scripts/part-001';

/** The SHA-256 of the boot script whose last run completed. */
export const BOOT_HASH_FILE = '/var/lib/tierup/boot-script.sha256';

/** The hook: runs the current user data script, with TIERUP_RERUN=1, when its hash differs from the completed run's. */
export function rerunHook(): string {
  return [
    '#!/bin/bash',
    '# tierup: scripts-per-boot runs this every boot; the user data runs once per instance. Run it again when it changed.',
    'set -euo pipefail',
    `script="\${TIERUP_ROOT:-}${USER_DATA_SCRIPT_FILE}"`,
    `recorded="\${TIERUP_ROOT:-}${BOOT_HASH_FILE}"`,
    'if [ ! -f "$script" ]; then echo "tierup: no user data at $script" >&2; exit 0; fi',
    'if [ -f "$recorded" ] && [ "$(cat "$recorded")" = "$(sha256sum < "$script")" ]; then exit 0; fi',
    'echo "tierup: the user data changed since the last completed boot; running it again"',
    'TIERUP_RERUN=1 bash "$script"',
    '',
  ].join('\n');
}

/** First in the body: the hook, and the checksums that let a rerun restart what it changed ({@link rememberFiles}, {@link restartChangedUnits}). */
export function rerunSetupSteps(): string[] {
  return [
    '',
    '# The per-boot hook runs this script again when a deploy changed it. A rerun (TIERUP_RERUN=1) sends no signal (the',
    '# creation policy applies at creation only) and restarts each unit whose file it changed (enable --now would not).',
    ...writeFile(`$root${RERUN_HOOK_FILE}`, '0755', rerunHook()),
    'file_sum() { if [ -f "$1" ]; then sha256sum < "$1"; fi; }',
    'declare -A sum_before=()',
    'remember() { local file; for file in "$@"; do sum_before[$file]=$(file_sum "$file"); done; }',
    'changed() { [ -n "${sum_before[$1]:-}" ] && [ "${sum_before[$1]}" != "$(file_sum "$1")" ]; }',
    'restart_changed() { local file; for file in "$@"; do if changed "$file"; then systemctl reload-or-restart "${file##*/}"; fi; done; }',
  ];
}

/** Bash that keeps the checksums of `paths` (none for a file that does not exist yet) before the script rewrites them. */
export function rememberFiles(paths: readonly string[]): string[] {
  return paths.length === 0 ? [] : [`remember ${paths.map((path) => `"${path}"`).join(' ')}`];
}

/** Bash that restarts each systemd unit, named by its file's path, that existed before ({@link rememberFiles}) and changed; a new unit is left to `enable --now`. */
export function restartChangedUnits(paths: readonly string[]): string[] {
  return paths.length === 0 ? [] : [`restart_changed ${paths.map((path) => `"${path}"`).join(' ')}`];
}

/** Bash that restarts `unit` when the file at `path` (a configuration it reads) existed before and changed. */
export function restartWhenChanged(path: string, unit: string): string {
  return `if changed "${path}"; then systemctl reload-or-restart ${unit}; fi`;
}

/** Last before the signal: the hash of this script, which the hook compares with the user data's. */
export function recordBootHashSteps(): string[] {
  return [
    '# Completed: the hook runs this script again only when the user data differs from it.',
    `install -d -m 0755 "$(dirname "$root${BOOT_HASH_FILE}")"`,
    `sha256sum < "$0" > "$root${BOOT_HASH_FILE}"`,
  ];
}
