import { shellQuote } from './shell';

/** Where the app finds its settings on an instance, as `TIERUP_<PATH>=value` lines. */
export const APP_ENV_FILE = '/etc/tierup/app.env';

/** Settings the instance itself adds (level 1's database on the server), appended to {@link APP_ENV_FILE}. */
export const LOCAL_ENV_FILE = '/etc/tierup/local.env';

/** The helper that copies the settings from SSM, at boot and from the refresh timer. */
export const SETTINGS_COMMAND = '/usr/local/sbin/tierup-settings';

/** Seconds between two refreshes of the settings by the systemd timer (documented in the README). */
export const SETTINGS_REFRESH_SECONDS = 60;

/** What {@link settingsScript} needs. */
export interface SettingsScriptInput {
  readonly prefix: string;
  readonly region: string;
  /** Paths under the prefix that must exist before the app may start. */
  readonly requiredSettings: readonly string[];
  /**
   * The server behind CloudFront: the origin proof's settings (`origin/…`) go to their own file, not app.env, and
   * `--refresh` runs the origin proof's helper, so a rotation reloads nginx and never restarts the app.
   */
  readonly originProof: { readonly settingsFile: string; readonly command: string } | null;
}

/**
 * `tierup-settings`: copies every SSM parameter under the prefix into app.env (`TIERUP_<PATH>`, `/` and
 * `-` as `_`). `--wait SECONDS` (boot) retries until every required setting exists and fails after
 * SECONDS; `--refresh` (timer) rewrites app.env only when a value changed, then restarts the app (and, with the
 * origin proof, lets its helper reload nginx when the accepted secrets changed).
 * `TIERUP_ROOT` (unset on EC2) roots every path, for the boot tests.
 */
export function settingsScript(input: SettingsScriptInput): string {
  return [
    '#!/bin/bash',
    '# tierup-settings: copy the app\'s settings from SSM Parameter Store into app.env.',
    'set -euo pipefail',
    'root="${TIERUP_ROOT:-}"',
    `prefix=${shellQuote(input.prefix)}`,
    `region=${shellQuote(input.region)}`,
    `env_file="$root${APP_ENV_FILE}"`,
    `local_file="$root${LOCAL_ENV_FILE}"`,
    'poll="${TIERUP_POLL_SECONDS:-5}"',
    `required=(${input.requiredSettings.map(shellQuote).join(' ')})`,
    '',
    'fetch() {',
    '  aws ssm get-parameters-by-path --region "$region" --path "$prefix" --recursive --with-decryption \\',
    "    --query 'Parameters[].[Name,Value]' --output text",
    '}',
    '',
    '# Prints the required paths that "name<TAB>value" lines on stdin lack.',
    'missing() {',
    '  local lines path',
    '  lines=$(cat)',
    '  for path in "${required[@]}"; do',
    '    grep -qF "$prefix/$path"$\'\\t\' <<<"$lines" || printf \'%s \' "$path"',
    '  done',
    '}',
    '',
    'render() {',
    '  local name value key',
    '  while IFS=$\'\\t\' read -r name value; do',
    '    [ -n "$name" ] || continue',
    '    key="${name#"$prefix"/}"; key="${key//[\\/-]/_}"',
    '    printf \'TIERUP_%s=%s\\n\' "${key^^}" "$value"',
    '  done',
    '}',
    '',
    'mode="${1:-}"',
    'case "$mode" in',
    '  --wait)',
    '    deadline=$((SECONDS + ${2:?seconds}))',
    '    while :; do',
    '      fetched=$(fetch) || fetched=""',
    '      gap=$(missing <<<"$fetched")',
    '      [ -n "$gap" ] || break',
    '      if [ "$SECONDS" -ge "$deadline" ]; then',
    '        echo "tierup-settings: still missing after $2 s under $prefix: $gap" >&2',
    '        exit 1',
    '      fi',
    '      sleep "$poll"',
    '    done ;;',
    '  --refresh) fetched=$(fetch) ;;',
    '  *) echo "usage: tierup-settings --wait SECONDS | --refresh" >&2; exit 2 ;;',
    'esac',
    '',
    'install -d -m 0750 "$(dirname "$env_file")"',
    'next=$(mktemp "$env_file.XXXXXX")',
    '# Settings from SSM win over the instance\'s own (at level 2 the RDS endpoint replaces 127.0.0.1).',
    'render <<<"$fetched" > "$next.ssm"',
    '{ cat "$next.ssm"; if [ -f "$local_file" ]; then awk -F= \'NR == FNR { seen[$1] = 1; next } !seen[$1]\' "$next.ssm" "$local_file"; fi; } > "$next"',
    'rm -f "$next.ssm"',
    'chmod 0640 "$next"',
    ...(input.originProof ? originProofLines(input.originProof) : appEnvLines),
    '',
  ].join('\n');
}

const appEnvLines = [
  'if [ -f "$env_file" ] && cmp -s "$next" "$env_file"; then rm -f "$next"; exit 0; fi',
  'mv "$next" "$env_file"',
  'if [ "$mode" = --refresh ]; then systemctl try-restart tierup-app.service; fi',
];

/** The origin proof's settings are nginx's, not the app's: written apart, and handed to its helper on refresh. */
function originProofLines(originProof: NonNullable<SettingsScriptInput['originProof']>): string[] {
  return [
    `origin_file="$root${originProof.settingsFile}"`,
    'origin_next=$(mktemp "$origin_file.XXXXXX")',
    'grep \'^TIERUP_ORIGIN_\' "$next" > "$origin_next" || true',
    'chmod 0600 "$origin_next"',
    'mv "$origin_next" "$origin_file"',
    'sed -i \'/^TIERUP_ORIGIN_/d\' "$next"',
    'if [ -f "$env_file" ] && cmp -s "$next" "$env_file"; then',
    '  rm -f "$next"',
    'else',
    '  mv "$next" "$env_file"',
    '  if [ "$mode" = --refresh ]; then systemctl try-restart tierup-app.service; fi',
    'fi',
    `if [ "$mode" = --refresh ]; then "$root${originProof.command}"; fi`,
  ];
}
