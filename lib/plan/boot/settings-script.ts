import { shellQuote } from './shell';

/** Where the app finds its settings on an instance, as `TIERUP_<PATH>=value` lines. */
export const APP_ENV_FILE = '/etc/tierup/app.env';

/** Settings the instance itself adds (level 1's database on the server), appended to {@link APP_ENV_FILE}. */
export const LOCAL_ENV_FILE = '/etc/tierup/local.env';

/** The helper that copies the settings from SSM, at boot and from the refresh timer. */
export const SETTINGS_COMMAND = '/usr/local/sbin/tierup-settings';

/** Seconds between two refreshes of the settings by the systemd timer (documented in the README). */
export const SETTINGS_REFRESH_SECONDS = 60;

/** `database/secret-arn` → `TIERUP_DATABASE_SECRET_ARN`: the key a setting's path is told as, in app.env. */
export function settingKey(path: string): string {
  return `TIERUP_${path.replace(/[/-]/g, '_').toUpperCase()}`;
}

/** A database user and password the script reads from a secret, by paths under the prefix (wiring `CredentialPlan`). */
export interface ToldCredentials {
  /** The setting holding the secret's ARN, e.g. `database/secret-arn`. */
  readonly secretArn: string;
  /** The paths the secret's `username` and `password` are told as, e.g. `database/username`. */
  readonly username: string;
  readonly password: string;
}

/** What {@link settingsScript} needs. */
export interface SettingsScriptInput {
  readonly prefix: string;
  readonly region: string;
  /** Paths under the prefix that must exist before the app may start. */
  readonly requiredSettings: readonly string[];
  /** The database credentials the tier is told, read from their secrets at boot and on every refresh. */
  readonly credentials: readonly ToldCredentials[];
  /**
   * Level 1: the server's own settings of its local database ({@link LOCAL_ENV_FILE}) join app.env. False from level
   * 2, where a server climbed in place may keep the file: its user and password are not RDS's, so it is never read.
   */
  readonly localSettings: boolean;
  /**
   * The server behind CloudFront: the origin proof's settings (`origin/…`) go to their own file, not app.env, and
   * `--refresh` runs the origin proof's helper, so a rotation reloads nginx and never restarts the app.
   */
  readonly originProof: { readonly settingsFile: string; readonly command: string } | null;
}

/**
 * `tierup-settings`: copies every SSM parameter under the prefix into app.env (`TIERUP_<PATH>`, `/` and
 * `-` as `_`), and each told database's user and password from its secret (`TIERUP_DATABASE_USERNAME`,
 * `TIERUP_DATABASE_PASSWORD`). `--wait SECONDS` (boot) retries until every required setting exists and every
 * secret reads, and fails after SECONDS; `--refresh` (timer) rewrites app.env only when a value changed (a rotated
 * password too), then restarts the app (and, with the origin proof, lets its helper reload nginx when the accepted
 * secrets changed). `TIERUP_ROOT` (unset on EC2) roots every path, for the boot tests.
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
    ...(input.localSettings ? [`local_file="$root${LOCAL_ENV_FILE}"`] : []),
    'poll="${TIERUP_POLL_SECONDS:-5}"',
    `required=(${input.requiredSettings.map(shellQuote).join(' ')})`,
    '# Each told database user and password: "<setting naming the secret> <username path> <password path>".',
    `credentials=(${input.credentials.map((told) => shellQuote(`${told.secretArn} ${told.username} ${told.password}`)).join(' ')})`,
    '',
    'fetch() {',
    '  aws ssm get-parameters-by-path --region "$region" --path "$prefix" --recursive --with-decryption \\',
    "    --query 'Parameters[].[Name,Value]' --output text",
    '}',
    '',
    '# Prints "name<TAB>value" lines of each told user and password, read from the secret the fetched lines on stdin',
    '# name; fails when a secret cannot be read yet (its setting or the grant still on its way).',
    'read_credentials() {',
    '  local lines entry secret_path user_path password_path arn secret',
    '  lines=$(cat)',
    '  for entry in "${credentials[@]}"; do',
    '    read -r secret_path user_path password_path <<<"$entry"',
    '    arn=$(awk -F\'\\t\' -v name="$prefix/$secret_path" \'$1 == name { print $2 }\' <<<"$lines")',
    '    [ -n "$arn" ] || return 1',
    '    secret=$(aws secretsmanager get-secret-value --region "$region" --secret-id "$arn" --query SecretString --output text) || return 1',
    '    python3 -c \'import json, sys; s = json.loads(sys.stdin.read()); print(sys.argv[1], s["username"], sep="\\t"); print(sys.argv[2], s["password"], sep="\\t")\' \\',
    '      "$prefix/$user_path" "$prefix/$password_path" <<<"$secret" || return 1',
    '  done',
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
    '      if [ -z "$gap" ]; then',
    '        if told=$(read_credentials <<<"$fetched"); then break; fi',
    '        gap="the database credentials (a secret that cannot be read)"',
    '      fi',
    '      if [ "$SECONDS" -ge "$deadline" ]; then',
    '        echo "tierup-settings: still missing after $2 s under $prefix: $gap" >&2',
    '        exit 1',
    '      fi',
    '      sleep "$poll"',
    '    done ;;',
    '  --refresh) fetched=$(fetch); told=$(read_credentials <<<"$fetched") ;;',
    '  *) echo "usage: tierup-settings --wait SECONDS | --refresh" >&2; exit 2 ;;',
    'esac',
    '',
    'install -d -m 0750 "$(dirname "$env_file")"',
    'next=$(mktemp "$env_file.XXXXXX")',
    ...(input.localSettings ? localSettingsLines : ['render <<<"$fetched"$\'\\n\'"$told" > "$next"']),
    'chmod 0640 "$next"',
    ...(input.originProof ? originProofLines(input.originProof) : appEnvLines),
    '',
  ].join('\n');
}

/** Level 1: the server's own database settings join app.env; a setting from SSM wins over one of the same key. */
const localSettingsLines = [
  'render <<<"$fetched"$\'\\n\'"$told" > "$next.ssm"',
  '{ cat "$next.ssm"; if [ -f "$local_file" ]; then awk -F= \'NR == FNR { seen[$1] = 1; next } !seen[$1]\' "$next.ssm" "$local_file"; fi; } > "$next"',
  'rm -f "$next.ssm"',
];

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
